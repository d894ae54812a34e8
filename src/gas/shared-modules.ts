/** The registry of modules the features' project files share with the script (scripts/build.mjs,
 *  FEATURES): the build replaces this file by one that registers every module of ours both have, so
 *  that a feature uses the script's copy (one class for a refusal, one reader of project files, one set
 *  of dictionaries). Keyed by path from the project's top. This hand-written version is what a build
 *  without features would have: nothing to share. */
export const SHARED_MODULES: Record<string, unknown> = {};

/** Where a feature's project file finds them. */
export const SHARED_GLOBAL = '__crmShared';
