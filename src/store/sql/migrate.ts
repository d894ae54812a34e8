import type { Sql } from '../../ports/database';
import { TABLES_0001 } from './migrations/0001-tables';
import { PROPERTIES_0002 } from './migrations/0002-properties';
import { QUERY_0003 } from './migrations/0003-query';
import { BIRTHDAYS_0004 } from './migrations/0004-birthdays';
import { TRIM_0005 } from './migrations/0005-trim';
import { DAYS_0006 } from './migrations/0006-days';
import { DECIDING_0007 } from './migrations/0007-deciding';
import { SEARCH_0008 } from './migrations/0008-search';
import { SEARCH_COVER_0009 } from './migrations/0009-search-cover';
import { SORT_WORDS_0010 } from './migrations/0010-sort-words';
import { NAME_WORDS_0011 } from './migrations/0011-name-words';

/** The database's migrations, in order: each applied once, in a transaction, and recorded. */
const MIGRATIONS: readonly { id: string; sql: string }[] = [
  { id: '0001-tables', sql: TABLES_0001 },
  { id: '0002-properties', sql: PROPERTIES_0002 },
  { id: '0003-query', sql: QUERY_0003 },
  { id: '0004-birthdays', sql: BIRTHDAYS_0004 },
  { id: '0005-trim', sql: TRIM_0005 },
  { id: '0006-days', sql: DAYS_0006 },
  { id: '0007-deciding', sql: DECIDING_0007 },
  { id: '0008-search', sql: SEARCH_0008 },
  { id: '0009-search-cover', sql: SEARCH_COVER_0009 },
  { id: '0010-sort-words', sql: SORT_WORDS_0010 },
  { id: '0011-name-words', sql: NAME_WORDS_0011 },
];

/** The names of every migration, in order. */
export function migrationNames(): string[] {
  return MIGRATIONS.map((m) => m.id);
}

/** A number only the CRM's migrations take as their advisory lock: two people running Set up at once
 *  apply each migration once. */
const MIGRATION_LOCK = 727071;

/** Applies the migrations the database lacks; returns their ids (none: it was up to date). */
export function migrateDatabase(sql: Sql): string[] {
  sql.query('CREATE TABLE IF NOT EXISTS crm_migrations ("id" text PRIMARY KEY, "applied_at" timestamptz NOT NULL DEFAULT now())');
  return sql.transaction(() => {
    sql.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const done = new Set(sql.query('SELECT "id" FROM crm_migrations').map((r) => String(r.id)));
    const applied: string[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id)) continue;
      sql.query(migration.sql);
      sql.query('INSERT INTO crm_migrations ("id") VALUES ($1)', [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}

/** The migrations not applied yet (the database is older than this CRM): empty when it is ready. */
export function pendingMigrations(sql: Sql): string[] {
  const exists = sql.query("SELECT to_regclass('crm_migrations') IS NOT NULL AS ok")[0]?.ok === true;
  const done = new Set(exists ? sql.query('SELECT "id" FROM crm_migrations').map((r) => String(r.id)) : []);
  return MIGRATIONS.filter((m) => !done.has(m.id)).map((m) => m.id);
}
