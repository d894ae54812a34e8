import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Cell } from '../core/schema/columns';

/** The rows of a workbook's big sheets as the last command read them, kept so that the next command
 *  reuses them while the sheet is unchanged: reading them back is several times faster than reading the
 *  sheet's XML again. A sheet's snapshot is named after what the .xlsx's zip directory says of the sheet
 *  (its checksum and sizes), so a fold that copies a sheet unchanged keeps its snapshot good, and a
 *  changed sheet can never be read from an old one. Kept in the user's cache folder
 *  ($XDG_CACHE_HOME or ~/.cache, sheets-crm/), never beside the workbook; CRM_CACHE_DIR moves it,
 *  CRM_CACHE_DIR=off turns it off. A snapshot that cannot be read or written is simply not used. */
export interface Snapshots {
  load(key: string): Cell[][] | undefined;
  save(key: string, rows: Cell[][]): void;
  /** Removes the snapshots of sheets the workbook no longer has as they were. */
  keepOnly(keys: string[]): void;
}

/** Below this size (the sheet's XML), reading the sheet costs less than reading a snapshot. */
export const SNAPSHOT_MIN_BYTES = 1 << 20;

/** Bumped whenever what the reader gives back changes, so that older snapshots are never used. */
const FORMAT = 'rows1';

export function snapshotKey(sheet: string, crc: number, size: number, compressedSize: number): string {
  const name = createHash('sha1').update(sheet).digest('hex').slice(0, 12);
  return `${FORMAT}-${name}-${(crc >>> 0).toString(16)}-${size}-${compressedSize}`;
}

export function snapshotsFor(workbookPath: string, env: NodeJS.ProcessEnv = process.env): Snapshots | null {
  const setting = env.CRM_CACHE_DIR;
  if (setting === 'off') return null;
  const root = setting || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sheets-crm');
  const folder = join(root, createHash('sha1').update(resolve(workbookPath)).digest('hex').slice(0, 20));
  const file = (key: string) => join(folder, `${key}.json`);
  return {
    load(key) {
      try {
        const rows = JSON.parse(readFileSync(file(key), 'utf8')) as unknown;
        return Array.isArray(rows) && rows.every(Array.isArray) ? (rows as Cell[][]) : undefined;
      } catch {
        return undefined;
      }
    },
    save(key, rows) {
      try {
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        const temp = `${file(key)}.${process.pid}.tmp`;
        writeRows(temp, rows);
        renameSync(temp, file(key));
      } catch {
        // A cache: a command that cannot write it reads the sheet again next time.
      }
    },
    keepOnly(keys) {
      const wanted = new Set(keys.map((k) => `${k}.json`));
      let names: string[];
      try {
        names = readdirSync(folder);
      } catch {
        return;
      }
      for (const name of names) if (!wanted.has(name) && !name.endsWith('.tmp')) rmSync(join(folder, name), { force: true });
    },
  };
}

/** The rows as one JSON array, written a thousand rows at a time: a big sheet never becomes one
 *  string of a hundred megabytes on top of its rows. */
function writeRows(path: string, rows: Cell[][]): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    writeSync(fd, '[');
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = JSON.stringify(rows.slice(i, i + 1000));
      writeSync(fd, (i ? ',' : '') + chunk.slice(1, -1));
    }
    writeSync(fd, ']');
  } finally {
    closeSync(fd);
  }
}
