import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flag, type Args } from './args';
import { LocalCrm } from './local-crm';
import { DEFAULT_LOCAL_USER } from './runtime';
import { databaseLabel, Postgres } from './postgres';
import { SqlProperties } from './database-runtime';
import { postgresAddress } from './open-crm';
import { migrateDatabase, pendingMigrations } from '../store/sql/migrate';
import { Workbook } from '../store/workbook';
import { moveToDatabase, type MovedTable } from '../services/database/move-to-database';
import { DATA_VERSION } from '../store/shared-reads';

/** `crm db migrate --to URL [--workbook PATH] [--json]`: the database made ready for the CRM (its
 *  migrations applied, each once), and with --workbook the workbook's data moved into it, counted and a
 *  sample read back; safe to run again (nothing is duplicated).
 *  `crm db status --database URL [--json]`: what the database lacks. */
export async function dbCommand(args: Args): Promise<number> {
  const [sub = ''] = args.positional;
  if (sub === 'migrate') return migrate(args);
  if (sub === 'status') return status(args);
  throw new Error('Usage: crm db migrate --to URL [--workbook PATH] | crm db status --database URL');
}

function databaseUrl(args: Args, name: string): string {
  const url = flag(args, name) ?? process.env.CRM_DATABASE_URL;
  if (!url) throw new Error(`--${name} URL is required (postgres://user:password@host:5432/name)`);
  return postgresAddress(url, name);
}

async function migrate(args: Args): Promise<number> {
  const url = databaseUrl(args, 'to');
  const workbookFlag = flag(args, 'workbook');
  const path = workbookFlag ? resolve(workbookFlag) : undefined;
  if (path && !existsSync(path)) throw new Error(`${path} does not exist: there is nothing to move.`);
  const sql = new Postgres(url);
  try {
    let applied: string[];
    try {
      applied = migrateDatabase(sql);
    } catch (error) {
      throw new Error(`The database ${databaseLabel(url)} could not be migrated: ${(error as Error).message}`);
    }
    let moved: MovedTable[] = [];
    let properties = 0;
    if (path) {
      const crm = await LocalCrm.open(path, flag(args, 'user', DEFAULT_LOCAL_USER)!);
      try {
        const source = new Workbook({ grid: crm.runtime.grid }, crm.runtime.clock, crm.runtime.identity.email());
        moved = sql.transaction(() => moveToDatabase(source, sql));
        properties = moveProperties(`${path}.properties.json`, new SqlProperties(sql));
      } finally {
        await crm.close();
      }
    }
    const report = { database: databaseLabel(url), migrations: applied, tables: moved, properties };
    if (args.flags.json) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(applied.length ? `${report.database}: ${applied.join(', ')} applied.` : `${report.database}: up to date.`);
      for (const t of moved) {
        const notes = [t.keptAsTyped ? `${t.keptAsTyped} values kept as typed in "… (as typed)" columns` : '', t.idsGiven ? `${t.idsGiven} rows given an id` : ''].filter(Boolean);
        console.log(`  ${t.table}: ${t.rows} rows, ${t.added} added, ${t.rows - t.added} there already, ${t.checked} read back${notes.length ? `; ${notes.join('; ')}` : ''}`);
      }
      if (path) console.log(`Now: crm serve --database URL (the workbook ${path} is left as it was).`);
    }
    return 0;
  } finally {
    sql.close();
  }
}

/** The workbook's settings kept outside its sheets (connections, tokens, cursors), each once: a key
 *  already in the database keeps its value. */
function moveProperties(file: string, target: SqlProperties): number {
  if (!existsSync(file)) return 0;
  const values = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  let moved = 0;
  for (const [key, value] of Object.entries(values)) {
    if (key === DATA_VERSION || typeof value !== 'string' || target.get(key) !== null) continue;
    target.set(key, value);
    moved++;
  }
  return moved;
}

async function status(args: Args): Promise<number> {
  const url = databaseUrl(args, 'database');
  const sql = new Postgres(url);
  try {
    const pending = pendingMigrations(sql);
    if (args.flags.json) console.log(JSON.stringify({ database: databaseLabel(url), pending }, null, 2));
    else console.log(pending.length ? `${databaseLabel(url)} lacks ${pending.join(', ')}: run crm db migrate --to URL` : `${databaseLabel(url)} is ready for the CRM.`);
    return pending.length ? 1 : 0;
  } finally {
    sql.close();
  }
}
