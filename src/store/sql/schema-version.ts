/** The id of the last migration (store/sql/migrations): what a database must have applied for this
 *  code. Kept apart from migrate.ts so that checking it costs an execution nothing (the migrations'
 *  SQL rides in a feature file); a test keeps the two equal. */
export const SCHEMA_VERSION = '0011-name-words';
