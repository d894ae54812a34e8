/** The de-duplication engine in one import, for the services (dedupe review, import matching) and the CLI. */
export { findDuplicates, pairKey, clustersOf, BLOCK_CAP, WINDOW, type PairScore, type DedupeResult, type FindDuplicatesOptions } from './engine';
export { dedupeRules, DEFAULT_DEDUPE_RULES, DEDUPE_FIELDS, type DedupeRules, type FieldRule, type DedupeField } from './rules';
export { personRecord, type PersonRecord } from './people';
export { canonicalFirstName, normaliseEmail, normaliseName, type NormaliseOptions } from './normalise';
export { jaroWinkler } from './similarity';
