import { resolve } from 'node:path';
import { flag, type Args } from './args';
import { openCrm, type CrmTarget } from './open-crm';
import { TABLES } from '../core/schema/tables';
import type { Cell } from '../core/schema/columns';
import { Workbook } from '../store/workbook';
import { SheetsApiGrid } from './sheets-grid';
import { writeWorkbookFast } from './xlsx-fast-write';
import { writeFileAtomicSync } from './atomic-file';

/** `crm backup --spreadsheet ID --out FILE.xlsx` (or `--workbook`, `--database`): every sheet of the
 *  CRM, tables and tabs alike, copied into one .xlsx, cells as they are stored (text stays text).
 *  From a Google spreadsheet, every sheet comes in one request; a database's tables are read there. */
export async function backupCommand(args: Args, target: CrmTarget): Promise<number> {
  const out = flag(args, 'out');
  if (!out || !/\.xlsx$/i.test(out)) throw new Error('--out FILE.xlsx is required (where the backup goes)');
  const crm = await openCrm(args, target);
  try {
    const { runtime } = crm;
    const grid = runtime.grid;
    if (grid instanceof SheetsApiGrid) grid.readAll();
    const workbook = new Workbook(runtime, runtime.clock, runtime.identity.email());
    const names = [...new Set([...grid.sheetNames(), ...workbook.sheetNames()])];
    const sheets = names.map((name) => {
      const def = TABLES.find((t) => t.name === name);
      const rows: Cell[][] = def && workbook.inDatabase(name) ? workbook.cellsOf(def) : grid.read(name);
      return { name, rows, frozenRows: 1, frozenColumns: 0, widths: [], choices: new Map<number, string[]>() };
    });
    const path = resolve(out);
    writeFileAtomicSync(path, writeWorkbookFast(sheets, 'crm-backup'));
    const report = { file: path, from: crm.path, sheets: sheets.map((s) => ({ sheet: s.name, rows: Math.max(0, s.rows.length - 1) })) };
    if (args.flags.json) console.log(JSON.stringify(report, null, 2));
    else console.log(`${report.sheets.length} sheets of ${report.from} backed up to ${path}:\n${report.sheets.map((s) => `  ${s.sheet}: ${s.rows} rows`).join('\n')}`);
    return 0;
  } finally {
    await crm.close();
  }
}
