import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { CrmTarget, openCrm } from './open-crm';
import { flag, Args } from './args';
import { XlsxWorkbook } from './xlsx-workbook';
import { toCsv } from '../core/csv';
import { TABLES } from '../core/schema/tables';
import type { ExportedTable } from '../services/imports/export';

/** `crm export --workbook PATH [--table T | --search TEXT | --segment NAME] [--format csv|xlsx] [--out FILE]`.
 *  Without --table, --search or --segment: every table in one .xlsx (a backup). CSV is UTF-8 with a
 *  BOM (so Excel reads accents right) and formula-escaped. */
export async function exportCommand(args: Args, target: CrmTarget): Promise<number> {
  const crm = await openCrm(args, target);
  const table = flag(args, 'table');
  const search = flag(args, 'search');
  const segment = flag(args, 'segment');
  const one = table ? { table } : search !== undefined ? { search } : segment !== undefined ? { segment } : null;
  const format = flag(args, 'format', one ? 'csv' : 'xlsx')!;
  if (format !== 'csv' && format !== 'xlsx') throw new Error(`--format must be csv or xlsx, got "${format}"`);
  const wanted = one ? [one] : TABLES.map((t) => ({ table: t.name }));
  if (format === 'csv' && wanted.length > 1) throw new Error('A CSV file holds one table: give --table T (or --search TEXT, or --segment NAME), or use --format xlsx for all of them.');
  const exported: ExportedTable[] = [];
  for (const what of wanted) {
    const answer = await crm.call('exportRows', what);
    if (!answer.ok) throw new Error(answer.error.message);
    exported.push(answer.data as ExportedTable);
  }
  const out = flag(args, 'out');
  if (format === 'csv') {
    // A thousand rows at a time: 250,000 interactions never become one string of a hundred megabytes.
    const rows = exported[0].rows;
    const fd = out ? openSync(out, 'w') : null;
    const write = (text: string) => (fd === null ? process.stdout.write(text) : writeSync(fd, text));
    try {
      write('\ufeff');
      for (let i = 0; i < rows.length; i += 1000) write(toCsv(rows.slice(i, i + 1000)));
    } finally {
      if (fd !== null) closeSync(fd);
    }
  } else {
    if (!out) throw new Error('--out FILE.xlsx is needed for an .xlsx export');
    if (existsSync(out)) throw new Error(`${out} exists already: choose another --out, nothing was overwritten`);
    const file = await XlsxWorkbook.open(out);
    for (const t of exported) {
      file.createSheet(t.name.replace(/[*?:\\/[\]]/g, ' ').slice(0, 31), (t.rows[0] ?? []).map(String));
      if (t.rows.length > 1) file.append(file.sheetNames().slice(-1)[0], t.rows.slice(1), 1);
    }
    await file.save();
  }
  if (out) console.error(`${exported.map((t) => `${t.name}: ${Math.max(0, t.rows.length - 1)} rows`).join(', ')} → ${out}`);
  return 0;
}
