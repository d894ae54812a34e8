import type { Database, DatabaseAddress, KeyValue, Runtime } from '../../ports';
import { TABLES } from '../../core/schema/tables';
import { DATABASE_TABLES } from '../../store/sql/sql-types';
import { UserError } from '../../store/errors';
import { SCHEMA_VERSION } from '../../store/sql/schema-version';
import type { Workbook } from '../../store/workbook';
import { moveFinished, moveToDatabase, type MovedTable } from './move-to-database';

/** Where the connection is kept: the document's properties (each spreadsheet its own database; the
 *  script's properties would be every spreadsheet's that uses the add-on). Never in a sheet. */
const KEYS = { url: 'database.url', user: 'database.user', password: 'database.password', schema: 'database.schema' };

/** A PostgreSQL address as people paste it: `jdbc:postgresql://host:5432/name`, or the
 *  `postgres://user:password@host:5432/name` most hosts show (user and password then taken from it). */
export function readDatabaseAddress(input: { url: string; user?: string; password?: string }): DatabaseAddress {
  const text = input.url.trim();
  const match = /^(?:jdbc:postgresql|postgres(?:ql)?):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::(\d{1,5}))?\/([A-Za-z0-9_$-]+)(\?[A-Za-z0-9_=&.-]*)?$/.exec(text);
  if (!match || (match[4] && (Number(match[4]) < 1 || Number(match[4]) > 65535))) throw new UserError('invalid', 'database.error.address');
  const [, user, password, host, port, name, query] = match;
  const address = {
    url: `jdbc:postgresql://${host}:${port || '5432'}/${name}${query ?? ''}`,
    user: (input.user ?? '').trim() || decodeURIComponent(user ?? ''),
    password: input.password || decodeURIComponent(password ?? ''),
  };
  if (!address.user) throw new UserError('invalid', 'database.error.user');
  return address;
}

/** The address without its password, for people and the audit. */
export const databaseLabelOf = (address: DatabaseAddress): string => `${address.url.replace(/^jdbc:/, '')} (${address.user})`;

export function savedDatabaseAddress(properties: KeyValue): DatabaseAddress | null {
  const url = properties.get(KEYS.url);
  return url ? { url, user: properties.get(KEYS.user) ?? '', password: properties.get(KEYS.password) ?? '' } : null;
}

export interface DatabaseView {
  connected: boolean;
  label: string;
  /** The CRM tables kept in the database when one is connected. */
  tables: string[];
}

export function databaseView(runtime: Pick<Runtime, 'properties'>): DatabaseView {
  const address = savedDatabaseAddress(runtime.properties);
  return { connected: !!address, label: address ? databaseLabelOf(address) : '', tables: [...DATABASE_TABLES] };
}

export interface DatabaseConnected extends DatabaseView {
  version: string;
  migrations: string[];
  moved: MovedTable[];
  /** False when the time of one execution ran out before every row moved: connecting again goes on
   *  from there (nothing is copied twice); the CRM keeps using the sheets until then. */
  finished: boolean;
}

/** The share of an execution a move may take (Apps Script's 6 minutes). */
const MOVE_BUDGET_MS = 4.5 * 60 * 1000;

/** Connects the CRM to a PostgreSQL database (admins): the address checked by connecting, the database
 *  migrated, the big tables' rows moved from the sheets (each once: connecting again after an
 *  interruption adds what is missing), then the address kept. From then on every execution works on
 *  the database for those tables; Settings, Staff and the lists people edit stay on the spreadsheet. */
export function connectDatabase(runtime: Runtime, workbook: Workbook, input: { url: string; user?: string; password?: string }): DatabaseConnected {
  if (!runtime.openDatabase) throw new UserError('invalid', 'database.error.unavailable');
  const address = readDatabaseAddress(input);
  let database: Database;
  let version: string;
  try {
    database = runtime.openDatabase(address);
    version = String(database.sql.query('SELECT version() AS v')[0]?.v ?? '');
  } catch (error) {
    throw new UserError('invalid', 'database.error.refused', { details: String((error as Error).message ?? error).slice(0, 300) });
  }
  try {
    if (!/PostgreSQL/i.test(version)) throw new UserError('invalid', 'database.error.not_postgres', { details: version.slice(0, 80) });
    const migrations = database.migrate();
    const defs = TABLES.filter((t) => database.tables.has(t.name));
    const budget = { deadline: Date.now() + (runtime.executionBudgetMs ?? MOVE_BUDGET_MS), now: () => Date.now() };
    const moved = moveToDatabase(workbook, database.sql, defs, budget);
    if (!moveFinished(moved, defs, workbook)) return { ...databaseView(runtime), version, migrations, moved, finished: false };
    runtime.properties.set(KEYS.url, address.url);
    runtime.properties.set(KEYS.user, address.user);
    runtime.properties.set(KEYS.password, address.password);
    runtime.properties.set(KEYS.schema, SCHEMA_VERSION);
    workbook.auditOutside('database connection', { database: databaseLabelOf(address), migrations, moved: moved.map((m) => ({ table: m.table, rows: m.rows, added: m.added })) });
    return { ...databaseView(runtime), version, migrations, moved, finished: true };
  } finally {
    database.sql.close();
  }
}

/** Forgets the connection: the CRM works on the spreadsheet's sheets again (as they were when the data
 *  moved; what changed in the database since stays there). */
export function disconnectDatabase(runtime: Runtime, workbook: Workbook): DatabaseView {
  for (const key of Object.values(KEYS)) runtime.properties.delete(key);
  workbook.auditOutside('database connection', { connected: false });
  return databaseView(runtime);
}

/** The database of a saved connection, for an execution (undefined when none is connected). */
export function connectedDatabase(runtime: Pick<Runtime, 'properties' | 'openDatabase'>): Database | undefined {
  const address = savedDatabaseAddress(runtime.properties);
  return address && runtime.openDatabase ? upToDate(runtime.openDatabase(address), runtime.properties) : undefined;
}

/** The database with this code's migrations applied: a CRM updated since the database was connected
 *  migrates it on its first execution (under the migrations' own lock), then remembers it. */
export function upToDate(database: Database, properties: KeyValue): Database {
  if (properties.get(KEYS.schema) === SCHEMA_VERSION) return database;
  database.migrate();
  properties.set(KEYS.schema, SCHEMA_VERSION);
  return database;
}
