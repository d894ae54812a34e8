import { join } from 'node:path';
import type { KeyValue, Lock, Runtime } from '../ports';
import type { Database, DatabaseAddress, Sql } from '../ports/database';
import { DATABASE_TABLES } from '../store/sql/sql-types';
import { databaseLabelOf, savedDatabaseAddress, upToDate } from '../services/database/connection';
import { MemoryGrid } from '../memory/grid';
import { MemoryArchives } from '../memory/archives';
import { TABLES } from '../core/schema/tables';
import type { PropertyCharts } from './charts';
import { localServices } from './runtime';
import type { MemoryCache, MemoryScheduler, MemorySelection } from '../memory/services';
import { databaseLabel, Postgres } from './postgres';
import { migrateDatabase } from '../store/sql/migrate';

/** Properties in the database (crm_properties): shared by every process on it, as a document's are. */
export class SqlProperties implements KeyValue {
  constructor(private readonly sql: Sql) {}
  get(key: string): string | null {
    const [row] = this.sql.query('SELECT "value" FROM crm_properties WHERE "key" = $1', [key]);
    return row ? String(row.value) : null;
  }
  set(key: string, value: string): void {
    this.sql.query('INSERT INTO crm_properties ("key", "value") VALUES ($1, $2) ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value"', [key, value]);
  }
  delete(key: string): void {
    this.sql.query('DELETE FROM crm_properties WHERE "key" = $1', [key]);
  }
}

/** The document lock as a PostgreSQL advisory lock held by this connection: every process working on
 *  the database (the CLI, crm serve) takes the same one. Re-entrant within a process, like Google's. */
export class SqlLock implements Lock {
  private held = 0;
  constructor(
    private readonly sql: Sql,
    private readonly sleep: (ms: number) => void,
    private readonly key = 727072,
  ) {}
  tryAcquire(timeoutMs: number): boolean {
    if (this.held) {
      this.held++;
      return true;
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.sql.query('SELECT pg_try_advisory_lock($1) AS ok', [this.key])[0]?.ok === true) {
        this.held = 1;
        return true;
      }
      if (Date.now() >= deadline) return false;
      this.sleep(25);
    }
  }
  release(): void {
    if (this.held === 0) return;
    if (--this.held === 0) this.sql.query('SELECT pg_advisory_unlock($1)', [this.key]);
  }
}

export interface DatabaseRuntime extends Runtime {
  grid: MemoryGrid;
  sql: Postgres;
  cache: MemoryCache;
  selection: MemorySelection;
  scheduler: MemoryScheduler;
  charts: PropertyCharts;
}

/** The CRM on a PostgreSQL database alone (`--database URL`): every table there, the settings too;
 *  the tabs the CRM rebuilds for people working in Sheets (the Dashboard, a segment's view) are kept in
 *  memory for the process (there is no spreadsheet to show them). */
export function databaseRuntime(url: string, user: string, locale = Intl.DateTimeFormat().resolvedOptions().locale): DatabaseRuntime {
  const sql = new Postgres(url);
  const services = localServices(new SqlProperties(sql), user, locale, join(process.cwd(), 'crm'));
  return {
    ...services,
    grid: new MemoryGrid(),
    sql,
    database: { sql, tables: new Set(TABLES.map((t) => t.name)), label: databaseLabel(url), migrate: () => migrateDatabase(sql) },
    lock: new SqlLock(sql, (ms) => services.clock.sleep(ms)),
    archives: new MemoryArchives(),
  };
}

/** The postgres:// address pg takes, from the JDBC address an admin saved (and its user and password). */
export function postgresUrl(address: DatabaseAddress): string {
  const match = /^jdbc:postgresql:\/\/([^/]+)\/([^?]+)(\?.*)?$/.exec(address.url);
  if (!match) throw new Error(`Not a PostgreSQL address: ${address.url}`);
  const credentials = `${encodeURIComponent(address.user)}${address.password ? `:${encodeURIComponent(address.password)}` : ''}@`;
  return `postgres://${credentials}${match[1]}/${match[2]}${match[3] ?? ''}`;
}

/** A database connected from the sidebar of the local runtime, as Google's JDBC would: the big tables
 *  there, the others in the workbook. */
export function hybridDatabase(address: DatabaseAddress): Database {
  const sql = new Postgres(postgresUrl(address));
  return { sql, tables: new Set(DATABASE_TABLES), label: databaseLabelOf(address), migrate: () => migrateDatabase(sql) };
}

/** Keeps a long-lived local runtime on the database its properties name (an admin connected or
 *  disconnected one since): the next call works where the data is. */
export function followSavedDatabase(runtime: Runtime): void {
  const address = savedDatabaseAddress(runtime.properties);
  const label = address ? databaseLabelOf(address) : '';
  if ((runtime.database?.label ?? '') === label) return;
  runtime.database?.sql.close();
  runtime.database = address ? upToDate(hybridDatabase(address), runtime.properties) : undefined;
}
