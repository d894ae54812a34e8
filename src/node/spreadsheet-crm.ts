import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Runtime } from '../ports';
import { Contacts } from '../core/schema/tables';
import { localServices } from './runtime';
import { FileProperties } from './file-properties';
import { FileLock } from './file-lock';
import { XlsxArchives } from './archives';
import { ExecutionCrm } from './database-crm';
import { googleCredentials, SheetsApi } from './sheets-api';
import { SheetsApiGrid } from './sheets-grid';

export type SpreadsheetRuntime = Runtime & ReturnType<typeof localServices> & { grid: SheetsApiGrid };

const open = new Set<SpreadsheetCrm>();

/** Closes every Sheets API client this process opened (what `crm` does before it exits). */
export function closeSpreadsheets(): void {
  for (const crm of open) crm.closeNow();
}

/** A spreadsheet's id, from the id itself or its address (https://docs.google.com/spreadsheets/d/ID/edit). */
export function spreadsheetIdOf(text: string): string {
  const t = text.trim();
  const fromUrl = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(t);
  const id = fromUrl ? fromUrl[1] : t;
  if (!/^[A-Za-z0-9_-]{10,100}$/.test(id)) throw new Error(`--spreadsheet must be a Google spreadsheet's id or address, got "${text}"`);
  return id;
}

/** The CRM of a Google spreadsheet, for the command line, through the Sheets API (sheets-grid.ts):
 *  each command one execution, as in Apps Script but without its 6-minute limit. What Apps Script
 *  keeps in the document's properties (the search index's generation, a mailer's settings) is kept in
 *  `.crm/ID.properties.json` in the working folder; the lock is a file there too, so two commands of
 *  this machine never write at once (the add-on's document lock is Google's, out of the API's reach:
 *  run long imports when nobody works in the sidebar). */
export class SpreadsheetCrm extends ExecutionCrm<SpreadsheetRuntime> {
  private constructor(
    runtime: SpreadsheetRuntime,
    readonly spreadsheetId: string,
  ) {
    super(runtime);
    open.add(this);
  }

  static open(spreadsheet: string, user: string, options: { setUp?: boolean; locale?: string } = {}): SpreadsheetCrm {
    const id = spreadsheetIdOf(spreadsheet);
    const api = new SheetsApi(id, googleCredentials());
    let grid: SheetsApiGrid;
    try {
      grid = new SheetsApiGrid(api);
    } catch (error) {
      api.close();
      throw error;
    }
    const dir = join(process.cwd(), '.crm');
    mkdirSync(dir, { recursive: true });
    const services = localServices(new FileProperties(join(dir, `${id}.properties.json`)), user, options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale, join(dir, id));
    const runtime: SpreadsheetRuntime = { ...services, grid, lock: new FileLock(join(dir, `${id}.lock`)), archives: new XlsxArchives(join(dir, `${id}.xlsx`)) };
    const crm = new SpreadsheetCrm(runtime, id);
    if (!options.setUp && !grid.sheetNames().includes(Contacts.name)) {
      crm.closeNow();
      throw new Error(`The spreadsheet ${id} has no CRM yet. Set it up with: crm init --spreadsheet ${id}`);
    }
    return crm;
  }

  get path(): string {
    return `spreadsheet ${this.spreadsheetId}`;
  }

  closeNow(): void {
    this.runtime.grid.api.close();
    open.delete(this);
  }
}
