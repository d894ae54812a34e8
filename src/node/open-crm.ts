import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { flag, type Args } from './args';
import { LocalCrm } from './local-crm';
import { DatabaseCrm } from './database-crm';
import { DEFAULT_LOCAL_USER } from './runtime';

/** Where a command works: a local .xlsx workbook, or a PostgreSQL database. */
export type CrmTarget = { workbook: string } | { database: string };

/** The CRM a command works on, whichever it is. */
export type Crm = LocalCrm | DatabaseCrm;

/** `--workbook PATH` or `--database URL` (or DATABASE_URL in the environment), exactly one. */
export function targetOf(args: Args): CrmTarget {
  const workbook = flag(args, 'workbook');
  const database = flag(args, 'database') ?? (workbook ? undefined : process.env.CRM_DATABASE_URL || undefined);
  if (workbook && database) throw new Error('Give --workbook PATH or --database URL, not both');
  if (database) return { database: postgresAddress(database, 'database') };
  if (!workbook) throw new Error('--workbook PATH is required (the .xlsx file of the CRM), or --database URL (its PostgreSQL database)');
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
  return 'workbook' in target ? `--workbook ${target.workbook}` : '--database URL';
}

/** Opens the CRM of an existing workbook or a migrated database for one command (`--user`, default
 *  the local admin). */
export async function openCrm(args: Args, target: CrmTarget, options: { setUp?: boolean } = {}): Promise<Crm> {
  const user = flag(args, 'user', DEFAULT_LOCAL_USER)!;
  if ('database' in target) return DatabaseCrm.open(target.database, user, options);
  if (!options.setUp && !existsSync(target.workbook)) throw new Error(`${target.workbook} does not exist. Create it with: crm init --workbook ${target.workbook}`);
  return LocalCrm.open(target.workbook, user);
}
