import type { Cell } from '../core/schema/columns';
import type { Block, Grid } from '../ports/grid';
import { fold } from '../core/text';
import { isoOfSerialDay } from '../core/dates';
import type { ApiCell, SheetProperties, SheetsApi } from './sheets-api';

/** The Grid over a real Google spreadsheet, through the Sheets API (sheets-api.ts): the command line's
 *  way to work on the CRM people use in Google, without Apps Script's 6-minute limit.
 *
 *  - A sheet is read whole once per process (one values.batchGet) and kept; what the CRM writes is
 *    written through at once and kept too.
 *  - Values are written RAW, in requests of at most CELLS_PER_REQUEST cells, the sheet grown first
 *    (the API refuses a range past a sheet's grid).
 *  - Rows are appended after the last row the CRM read, or with values.append when it has not read
 *    the sheet (the audit log), which finds the end of the table itself. */

/** Cells per values request: well under the API's recommended 2 MB payload for typical CRM rows. */
export const CELLS_PER_REQUEST = 20_000;

/** A1 notation: the sheet's name quoted, its quotes doubled. */
export const a1Sheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

export function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const rangeOf = (sheet: string, row: number, column: number, rows: number, columns: number) =>
  `${a1Sheet(sheet)}!${columnLetters(column)}${row}:${columnLetters(column + columns - 1)}${row + rows - 1}`;

/** What the API takes for a cell: text, a number, a boolean ('' for nothing). */
const apiCell = (cell: Cell): ApiCell => (cell === null || cell === undefined ? '' : (cell as ApiCell));

/** Text a date's format may show: digits, short, not already ISO (as the CRM writes dates). */
const mayShowADate = (text: string) => text.length <= 64 && /\d/.test(text) && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(text) && !text.includes('@');

export class SheetsApiGrid implements Grid {
  private meta = new Map<string, SheetProperties>();
  private readonly values = new Map<string, Cell[][]>();

  constructor(readonly api: SheetsApi) {
    this.refresh();
  }

  private refresh(): void {
    this.meta = new Map(this.api.sheets().map((p) => [p.title, p]));
  }

  private props(sheet: string): SheetProperties {
    const p = this.meta.get(sheet);
    if (!p) throw new Error(`The spreadsheet has no sheet named "${sheet}"`);
    return p;
  }

  sheetNames(): string[] {
    return [...this.meta.values()].sort((a, b) => a.index - b.index).map((p) => p.title);
  }

  createSheet(name: string, header: string[]): void {
    const reply = this.api.batchUpdate([
      { addSheet: { properties: { title: name, index: this.meta.size, gridProperties: { rowCount: 1000, columnCount: Math.max(26, header.length), frozenRowCount: 1 } } } },
    ]);
    const properties = (reply.replies?.[0] as { addSheet?: { properties: SheetProperties } } | undefined)?.addSheet?.properties;
    if (properties) this.meta.set(name, properties);
    else this.refresh();
    const sheetId = this.props(name).sheetId;
    this.api.batchUpdate([{ addProtectedRange: { protectedRange: { range: { sheetId, startRowIndex: 0, endRowIndex: 1 }, description: 'Column names the CRM reads', warningOnly: true } } }]);
    this.writeRows(name, 1, 1, [header]);
    this.values.set(name, [header.slice()]);
  }

  read(sheet: string): Cell[][] {
    const known = this.values.get(sheet);
    if (known) return known;
    this.readAll([sheet]);
    return this.values.get(sheet)!;
  }

  /** Every sheet named (all of them by default) read whole in one request (a backup). */
  readAll(sheets: string[] = this.sheetNames()): void {
    const wanted = sheets.filter((s) => !this.values.has(s));
    const ranges = wanted.map((sheet) => {
      const p = this.props(sheet);
      return `${a1Sheet(sheet)}!A1:${columnLetters(p.gridProperties.columnCount)}${p.gridProperties.rowCount}`;
    });
    this.api.batchGet(ranges).forEach((rows, k) => {
      const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
      this.values.set(
        wanted[k],
        rows.map((r) => Array.from({ length: width }, (_, c) => (r[c] === undefined || r[c] === null ? '' : r[c]))),
      );
    });
    this.typedDates(wanted);
  }

  /** Dates, times and durations people typed into cells, as ISO text (what the Apps Script Grid makes
   *  of the Date a cell holds: gas/grid.ts toCell). Read unformatted, such a cell comes as the text its
   *  format shows ("03/12/2026", "3 déc. 2026 10:00"), which cannot be told from text typed so: the
   *  columns holding text that may be one are read again with dates as serial numbers, in one request,
   *  and a cell that is a number there is a date. Text stays text (what the CRM writes is RAW text). */
  private typedDates(sheets: string[]): void {
    // One range a sheet, from the first column that may hold one to the last (a request's address
    // stays short whatever the number of columns).
    const wanted: { sheet: string; from: number; to: number; rows: Cell[][] }[] = [];
    for (const sheet of sheets) {
      const rows = this.values.get(sheet)!;
      let [from, to] = [Infinity, -1];
      for (let r = 1; r < rows.length; r++)
        rows[r].forEach((cell, c) => {
          if (typeof cell === 'string' && mayShowADate(cell)) [from, to] = [Math.min(from, c), Math.max(to, c)];
        });
      if (to >= 0) wanted.push({ sheet, from, to, rows });
    }
    if (!wanted.length) return;
    const ranges = wanted.map(({ sheet, from, to, rows }) => `${a1Sheet(sheet)}!${columnLetters(from + 1)}1:${columnLetters(to + 1)}${rows.length}`);
    this.api.batchGet(ranges, true).forEach((serials, k) => {
      const { from, rows } = wanted[k];
      serials.forEach((cells, r) =>
        cells.forEach((serial, c) => {
          if (typeof serial === 'number' && typeof rows[r]?.[from + c] === 'string') rows[r][from + c] = isoOfSerialDay(serial);
        }),
      );
    });
  }

  readHeader(sheet: string): string[] {
    const known = this.values.get(sheet);
    if (known) return (known[0] ?? []).map(String);
    const [rows] = this.api.batchGet([`${a1Sheet(sheet)}!1:1`]);
    return (rows[0] ?? []).map(String);
  }

  readRows(sheet: string, row: number, count: number, width?: number): Cell[][] {
    const all = this.read(sheet);
    const w = width ?? all[0]?.length ?? 0;
    return Array.from({ length: count }, (_, k) => Array.from({ length: w }, (_, c) => all[row - 1 + k]?.[c] ?? ''));
  }

  findRows(sheet: string, column: number, values: string[], loose = false): number[] {
    const norm = (v: unknown) => (loose ? fold(String(v ?? '').trim()) : String(v ?? ''));
    const wanted = new Set(values.map(norm));
    const out: number[] = [];
    this.read(sheet).forEach((r, i) => {
      if (i > 0 && wanted.has(norm(r[column - 1]))) out.push(i + 1);
    });
    return out;
  }

  readColumn(sheet: string, column: number, row: number, count: number): Cell[] {
    const all = this.read(sheet);
    return Array.from({ length: count }, (_, k) => all[row - 1 + k]?.[column - 1] ?? '');
  }

  write(sheet: string, blocks: Block[]): void {
    for (const b of blocks) this.writeRows(sheet, b.row, b.column, b.values);
  }

  append(sheet: string, rows: Cell[][], afterRow?: number): void {
    if (!rows.length) return;
    const known = this.values.get(sheet);
    const after = afterRow ?? known?.length;
    if (after === undefined) {
      // Not read: the API finds the table's end itself, and grows the sheet.
      for (let k = 0; k < rows.length; k += this.rowsPerRequest(rows))
        this.api.append(
          `${a1Sheet(sheet)}!A1`,
          rows.slice(k, k + this.rowsPerRequest(rows)).map((r) => r.map(apiCell)),
        );
      this.refresh();
      return;
    }
    this.writeRows(sheet, after + 1, 1, rows);
  }

  deleteRows(sheet: string, row: number, count: number): void {
    const p = this.props(sheet);
    const requests: Record<string, unknown>[] = [];
    // Sheets refuses to delete every row below the frozen ones (as gas/grid.ts meets it): one empty
    // row is added first, in the same request.
    const more = p.gridProperties.rowCount - count <= (p.gridProperties.frozenRowCount ?? 0) ? 1 : 0;
    if (more) requests.push({ appendDimension: { sheetId: p.sheetId, dimension: 'ROWS', length: 1 } });
    requests.push({ deleteDimension: { range: { sheetId: p.sheetId, dimension: 'ROWS', startIndex: row - 1, endIndex: row - 1 + count } } });
    this.api.batchUpdate(requests);
    p.gridProperties.rowCount += more - count;
    this.values.get(sheet)?.splice(row - 1, count);
  }

  addColumns(sheet: string, afterColumn: number, names: string[]): void {
    this.writeRows(sheet, 1, afterColumn + 1, [names]);
    const known = this.values.get(sheet);
    if (known) for (const r of known) while (r.length < afterColumn + names.length) r.push('');
  }

  deleteSheet(name: string): void {
    const p = this.meta.get(name);
    if (!p) return;
    this.api.batchUpdate([{ deleteSheet: { sheetId: p.sheetId } }]);
    this.meta.delete(name);
    this.values.delete(name);
  }

  setChoices(sheet: string, column: number, values: string[]): void {
    const p = this.props(sheet);
    this.api.batchUpdate([
      {
        setDataValidation: {
          range: { sheetId: p.sheetId, startRowIndex: 1, endRowIndex: p.gridProperties.rowCount, startColumnIndex: column - 1, endColumnIndex: column },
          rule: { condition: { type: 'ONE_OF_LIST', values: values.map((v) => ({ userEnteredValue: v })) }, strict: true, showCustomUi: true },
        },
      },
    ]);
  }

  sheetSizes(): { sheet: string; rows: number; columns: number }[] {
    return this.sheetNames().map((sheet) => ({ sheet, rows: this.props(sheet).gridProperties.rowCount, columns: this.props(sheet).gridProperties.columnCount }));
  }

  private rowsPerRequest(rows: Cell[][]): number {
    const width = rows.reduce((w, r) => Math.max(w, r.length), 1);
    return Math.max(1, Math.floor(CELLS_PER_REQUEST / width));
  }

  /** Rows written from (row, column), the sheet grown first; the kept copy follows. */
  private writeRows(sheet: string, row: number, column: number, rows: Cell[][]): void {
    if (!rows.length) return;
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (!width) return;
    this.grow(sheet, row + rows.length - 1, column + width - 1);
    const step = this.rowsPerRequest(rows);
    for (let k = 0; k < rows.length; k += step) {
      const chunk = rows.slice(k, k + step).map((r) => Array.from({ length: width }, (_, c) => apiCell(r[c] ?? '')));
      this.api.update([{ range: rangeOf(sheet, row + k, column, chunk.length, width), values: chunk }]);
    }
    const known = this.values.get(sheet);
    if (!known) return;
    const total = Math.max(known[0]?.length ?? 0, column + width - 1);
    while (known.length < row + rows.length - 1) known.push([]);
    for (const r of known) while (r.length < total) r.push('');
    rows.forEach((r, k) => {
      for (let c = 0; c < width; c++) known[row - 1 + k][column - 1 + c] = r[c] ?? '';
    });
  }

  /** The sheet made at least rows × columns (the API refuses values past its grid). */
  private grow(sheet: string, rows: number, columns: number): void {
    const p = this.props(sheet);
    const requests: Record<string, unknown>[] = [];
    if (rows > p.gridProperties.rowCount) requests.push({ appendDimension: { sheetId: p.sheetId, dimension: 'ROWS', length: rows - p.gridProperties.rowCount } });
    if (columns > p.gridProperties.columnCount) requests.push({ appendDimension: { sheetId: p.sheetId, dimension: 'COLUMNS', length: columns - p.gridProperties.columnCount } });
    if (!requests.length) return;
    this.api.batchUpdate(requests);
    p.gridProperties.rowCount = Math.max(rows, p.gridProperties.rowCount);
    p.gridProperties.columnCount = Math.max(columns, p.gridProperties.columnCount);
  }
}
