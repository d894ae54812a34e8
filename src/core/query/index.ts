/** The query language in one import for services, the builder and the command line: the tree, its text
 *  form both ways, and relative dates. The evaluator lives in the services, where the tables are. */
export * from './tree';
export * from './parse';
export * from './print';
export * from './relative-dates';
export { checkOverAmount, checkValue, checkWindowDate, keywordOf, suggestFields } from './check';
export type { Keyword, ValueProblem } from './check';
