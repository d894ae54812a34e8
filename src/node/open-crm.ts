import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { flag, type Args } from './args';
import { LocalCrm } from './local-crm';
import { DatabaseCrm } from './database-crm';
import { SpreadsheetCrm, spreadsheetIdOf } from './spreadsheet-crm';
import { DEFAULT_LOCAL_USER } from './runtime';

/** Where a command works: a local .xlsx workbook, a PostgreSQL database, or a Google spreadsheet
 *  through the Sheets API. */
export type CrmTarget = { workbook: string } | { database: string } | { spreadsheet: string };

/** The CRM a command works on, whichever it is. */
export type Crm = LocalCrm | DatabaseCrm | SpreadsheetCrm;

/** `--workbook PATH`, `--database URL` (or CRM_DATABASE_URL in the environment) or `--spreadsheet
 *  ID`, exactly one. */
export function targetOf(args: Args): CrmTarget {
  const workbook = flag(args, 'workbook');
  const spreadsheet = flag(args, 'spreadsheet');
  const database = flag(args, 'database') ?? (workbook || spreadsheet ? undefined : process.env.CRM_DATABASE_URL || undefined);
  if ([workbook, database, spreadsheet].filter(Boolean).length > 1) throw new Error('Give one of --workbook PATH, --database URL or --spreadsheet ID, not both');
  if (spreadsheet) return { spreadsheet: spreadsheetIdOf(spreadsheet) };
  if (database) return { database: postgresAddress(database, 'database') };
  if (!workbook) throw new Error('--workbook PATH is required (the .xlsx file of the CRM), or --database URL (its PostgreSQL database), or --spreadsheet ID (a Google spreadsheet)');
  if (!/\.xlsx$/i.test(workbook)) throw new Error(`--workbook must be an .xlsx file, got "${workbook}"`);
  return { workbook: resolve(workbook) };
}

/** A PostgreSQL address given as --`flag`, refused (its password hidden) when it is not one. */
export function postgresAddress(url: string, name: string): string {
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new Error(`--${name} must be a PostgreSQL address (postgres://user:password@host:5432/name), got "${url.replace(/:[^:@/]*@/, ':…@')}"`);
  return url;
}

/** How a command names its target again (in "undo with: crm … --workbook PATH"). */
export function targetFlag(target: CrmTarget): string {
  if ('spreadsheet' in target) return `--spreadsheet ${target.spreadsheet}`;
  return 'workbook' in target ? `--workbook ${target.workbook}` : '--database URL';
}

/** Opens the CRM of an existing workbook or a migrated database for one command (`--user`, default
 *  the local admin). */
export async function openCrm(args: Args, target: CrmTarget, options: { setUp?: boolean } = {}): Promise<Crm> {
  const user = flag(args, 'user', DEFAULT_LOCAL_USER)!;
  if ('database' in target) return DatabaseCrm.open(target.database, user, options);
  if ('spreadsheet' in target) return SpreadsheetCrm.open(target.spreadsheet, user, options);
  if (!options.setUp && !existsSync(target.workbook)) throw new Error(`${target.workbook} does not exist. Create it with: crm init --workbook ${target.workbook}`);
  return LocalCrm.open(target.workbook, user);
}
