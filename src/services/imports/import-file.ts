import { ImportFiles } from '../../core/schema/tables';
import { fromBase64, toBase64 } from '../../core/base64';
import { readBoolean, type ParsedFile } from '../../core/import';
import { unescapeFormula } from '../../core/csv';
import type { Workbook } from '../../store/workbook';

/** The file of an import: its rows read back as the CRM exported them, its yes/no columns, the rows
 *  with problems for download, and the file itself staged between the chunks of a big import. */

/** Rows of a file with problems sent back for download, at most. */
const MAX_PROBLEM_ROWS = 5000;

/** The refused and warned rows of a file as it had them, with their line and what was wrong. */
export function problemRows(parsed: ParsedFile, problems: { row: number; column: string; message: string }[]): string[][] {
  if (!problems.length) return [];
  const byLine = new Map<number, string[]>();
  for (const p of problems) {
    const said = p.column ? `${p.column}: ${p.message}` : p.message;
    byLine.set(p.row, [...(byLine.get(p.row) ?? []), said]);
  }
  const rows: string[][] = [['line', 'problem', ...parsed.header]];
  for (const row of parsed.rows) {
    const said = byLine.get(row.line);
    if (!said) continue;
    if (rows.length > MAX_PROBLEM_ROWS) break;
    rows.push([String(row.line), said.join(' | '), ...parsed.header.map((_, i) => row.cells[i] ?? '')]);
  }
  return rows;
}

/** What the CRM exports, it imports back unchanged: the apostrophe its CSV export puts before a text a
 *  spreadsheet would run ('+33 …, '=…) is taken off again. */
export function withoutFormulaEscapes(parsed: ParsedFile): ParsedFile {
  return { ...parsed, rows: parsed.rows.map((row) => ({ ...row, cells: row.cells.map(unescapeFormula) })) };
}

/** Whether every non-empty value of a column is a yes/no word (and there is at least one). */
export function isYesNoColumn(parsed: ParsedFile, header: string): boolean {
  const index = parsed.header.indexOf(header);
  let seen = 0;
  for (const row of parsed.rows) {
    const text = (row.cells[index] ?? '').trim();
    if (text === '') continue;
    if (readBoolean(text) === null) return false;
    seen++;
  }
  return seen > 0;
}

/** The file of an import too big for one execution, kept in the ImportFiles sheet as base64 parts. */
/** Characters per cell: under Sheets' 50,000 and Excel's 32,767 (the local .xlsx). */
const PART_CHARS = 30000;

export function stageFile(workbook: Workbook, batchId: string, bytes: Uint8Array): void {
  stageText(workbook, batchId, toBase64(bytes));
}

/** Base64 text added to a batch's staged file, in cells numbered from `firstPart` on (a file that comes
 *  in parts is staged part after part). Returns how many cells it took. */
export function stageText(workbook: Workbook, batchId: string, text: string, firstPart = 0): number {
  const parts = [];
  for (let i = 0, part = firstPart; i < text.length; i += PART_CHARS, part++) parts.push({ batch: batchId, part, data: text.slice(i, i + PART_CHARS) });
  workbook.table(ImportFiles).insert(parts);
  return parts.length;
}

export function stagedFile(workbook: Workbook, batchId: string): Uint8Array | null {
  const parts = workbook
    .table(ImportFiles)
    .where('batch', batchId)
    .sort((a, b) => Number(a.part) - Number(b.part));
  return parts.length ? fromBase64(parts.map((p) => p.data).join('')) : null;
}

export function dropStagedFile(workbook: Workbook, batchId: string): void {
  const table = workbook.table(ImportFiles);
  table.remove(table.where('batch', batchId).map((p) => p.id));
}
