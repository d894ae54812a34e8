import { afterEach } from '@jest/globals';
import type { Database } from '../../src/ports/database';
import { Postgres } from '../../src/node/postgres';
import { DATABASE_TABLES } from '../../src/store/sql/sql-types';
import { migrateDatabase } from '../../src/store/sql/migrate';
import { databaseUrl, TEMPLATE_DATABASE } from './postgres-setup';

let made = 0;
const open: { sql: Postgres; name: string }[] = [];

/** A fresh, migrated database of the test server for one test, copied from the template; closed and
 *  dropped after the test. */
export function testDatabase(tables: readonly string[] = DATABASE_TABLES): Database & { sql: Postgres; url: string } {
  if (!process.env.CRM_TEST_DATABASE_URL) throw new Error('No test database server: run the tests through jest (its global setup starts one).');
  const name = `crm_t${process.pid}_${++made}`;
  const admin = new Postgres(databaseUrl('postgres'));
  try {
    admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    admin.close();
  }
  const url = databaseUrl(name);
  const sql = new Postgres(url);
  open.push({ sql, name });
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
  if (!open.length && !dropLater.length) return;
  const admin = new Postgres(databaseUrl('postgres'));
  try {
    for (const { sql, name } of open.splice(0)) {
      sql.close();
      admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    for (const name of dropLater.splice(0)) admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    admin.close();
  }
});
