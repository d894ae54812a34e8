import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Postgres } from '../../src/node/postgres';
import { migrateDatabase } from '../../src/store/sql/migrate';

/** The template every test database is copied from: migrated once per run. */
export const TEMPLATE_DATABASE = 'crm_template';

/** Jest's global setup: a throw-away PostgreSQL cluster for the run (unless CRM_TEST_DATABASE_URL names
 *  a server already), and a migrated template database the tests copy (40 ms a copy). */
export default function setup(): void {
  if (!process.env.CRM_TEST_DATABASE_URL) {
    const root = join(__dirname, '..', '..');
    const printed = execFileSync(process.execPath, [join(root, 'scripts', 'postgres-cluster.mjs'), 'start', '--with-parent'], { encoding: 'utf8' });
    const url = printed.split('\n')[0].trim();
    const dir = /stop (\S+)\)/.exec(printed)?.[1] ?? '';
    if (!url.startsWith('postgres://') || !dir || readFileSync(join(dir, 'url'), 'utf8') !== url) throw new Error(`The test database did not start:\n${printed}`);
    process.env.CRM_TEST_DATABASE_URL = url;
    process.env.CRM_TEST_CLUSTER_DIR = dir;
  }
  const admin = new Postgres(process.env.CRM_TEST_DATABASE_URL);
  try {
    admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    admin.close();
  }
  const template = new Postgres(databaseUrl(TEMPLATE_DATABASE));
  try {
    migrateDatabase(template);
  } finally {
    template.close();
  }
}

/** The test server's address for another database on it. */
export function databaseUrl(name: string): string {
  const url = new URL(process.env.CRM_TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}
