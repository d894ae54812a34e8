/** The registry of the modules the sidebar's parts share with the page (sidebar/parts.ts): the build
 *  (scripts/build.mjs) puts here every module both have, on `globalThis.__crmSidebar`, before the
 *  page's own code runs. Unbuilt (type checks, tests), there is nothing to share. */
export {};
