import { afterAll, afterEach } from '@jest/globals';
import type { Database } from '../../src/ports/database';
import { Postgres } from '../../src/node/postgres';
import { DATABASE_TABLES, sqlTable } from '../../src/store/sql/sql-types';
import { TABLES } from '../../src/core/schema/tables';
import { migrateDatabase } from '../../src/store/sql/migrate';
import { databaseUrl, TEMPLATE_DATABASE } from './postgres-setup';

let made = 0;
/** The databases of this test file: made once each, emptied after every test and used again (making
 *  and dropping one per test cost a third of the run). */
const pool: { sql: Postgres; name: string; url: string }[] = [];
let used = 0;

/** What a test leaves in a pooled database: every table's rows, the custom columns, the properties. */
const EMPTY = `TRUNCATE ${[...TABLES.map((t) => sqlTable(t.name)), 'crm_custom_columns', 'crm_properties'].join(', ')} RESTART IDENTITY`;

/** A migrated, empty database of the test server for one test (copied once from the template, then
 *  emptied after each test); a second call in one test gives a second database. */
export function testDatabase(tables: readonly string[] = DATABASE_TABLES): Database & { sql: Postgres; url: string } {
  if (!process.env.CRM_TEST_DATABASE_URL) throw new Error('No test database server: run the tests through jest (its global setup starts one).');
  if (used === pool.length) {
    const name = `crm_t${process.pid}_${++made}`;
    const admin = new Postgres(databaseUrl('postgres'));
    try {
      admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    } finally {
      admin.close();
    }
    const url = databaseUrl(name);
    pool.push({ sql: new Postgres(url), name, url });
  }
  const { sql, url } = pool[used++];
  return { sql, url, tables: new Set(tables), label: url, migrate: () => migrateDatabase(sql) };
}

/** A new database of the test server with nothing in it (not migrated), dropped after the test. */
export function emptyDatabase(): string {
  if (!process.env.CRM_TEST_DATABASE_URL) throw new Error('No test database server: run the tests through jest (its global setup starts one).');
  const name = `crm_e${process.pid}_${++made}`;
  const admin = new Postgres(databaseUrl('postgres'));
  try {
    admin.query(`CREATE DATABASE ${name}`);
  } finally {
    admin.close();
  }
  dropLater.push(name);
  return databaseUrl(name);
}

/** Databases a test made for other processes (the CLI, crm serve): dropped after it. */
const dropLater: string[] = [];

/** Whether this run's shared suites use the database (the `postgres` Jest project). */
export const onPostgres = (): boolean => process.env.CRM_TEST_BACKEND === 'postgres';

afterEach(() => {
  for (const { sql } of pool.slice(0, used)) {
    sql.query('SELECT pg_advisory_unlock_all()');
    sql.query(EMPTY);
  }
  used = 0;
  if (!dropLater.length) return;
  const admin = new Postgres(databaseUrl('postgres'));
  try {
    for (const name of dropLater.splice(0)) admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    admin.close();
  }
});

afterAll(() => {
  if (!pool.length) return;
  const admin = new Postgres(databaseUrl('postgres'));
  try {
    for (const { sql, name } of pool.splice(0)) {
      sql.close();
      admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    admin.close();
  }
});
