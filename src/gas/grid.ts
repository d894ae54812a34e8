import type { Cell } from '../core/schema/columns';
import type { Block, Grid } from '../ports/grid';
import { rangesByFormat } from './formats';

/** Values looked for by one TextFinder (a regular expression of alternatives). */
const FIND_BATCH = 50;

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

function columnLetters(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** Rows added beyond what an append needs, so that most appends need no insertRows call. */
const SPARE_ROWS = 50;

/** The Grid over SpreadsheetApp. Text is stored losslessly by formatting every cell that receives a
 *  string as plain text ('@') in the same write: Sheets then keeps '00123', '+33 6…', '=1+1', 'TRUE'
 *  and '1/2' as typed instead of parsing them. Calls are counted by the fakes in tests and benchmarks. */
export class SheetsGrid implements Grid {
  private readonly sheets = new Map<string, GoogleAppsScript.Spreadsheet.Sheet>();

  constructor(
    private readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
    private readonly timeZone: () => string,
    /** Whether Sheets eats a leading apostrophe in a plain-text cell: what Set up's probe saw (see
     *  probeApostrophe), true until it ran. */
    private readonly apostropheEaten: () => boolean = () => true,
  ) {}

  private eaten?: boolean;

  /** A text that really starts with an apostrophe gets a second one where Sheets eats one, so that what
   *  is read back is what was written, and never one more per write where it does not. */
  private escapeRow = (row: Cell[]): Cell[] => {
    this.eaten ??= this.apostropheEaten();
    return this.eaten ? row.map((cell) => (typeof cell === 'string' && cell.startsWith("'") ? `'${cell}` : cell)) : row;
  };

  sheetNames(): string[] {
    return this.spreadsheet.getSheets().map((s) => s.getName());
  }

  createSheet(name: string, header: string[]): void {
    // insertSheet makes the new sheet the active one: the person stays on the sheet they were looking
    // at, unless it was the very sheet being rebuilt (a view tab, the Dashboard), which they keep.
    const before = this.spreadsheet.getActiveSheet()?.getName() ?? '';
    const sheet = this.spreadsheet.insertSheet(name);
    this.sheets.set(name, sheet);
    if (before && before !== name && this.deletedWhileActive !== name) {
      const back = this.spreadsheet.getSheetByName(before);
      if (back) this.spreadsheet.setActiveSheet(back);
    }
    this.deletedWhileActive = '';
    // A new sheet has 1000 × 26 empty cells; all tables share one 10-million-cell budget, so start lean.
    const rows = sheet.getMaxRows();
    if (rows > 2) sheet.deleteRows(3, rows - 2);
    const columns = sheet.getMaxColumns();
    if (columns < header.length) sheet.insertColumnsAfter(columns, header.length - columns);
    else if (columns > header.length) sheet.deleteColumns(header.length + 1, columns - header.length);
    const range = sheet.getRange(1, 1, 1, header.length);
    range.setNumberFormat('@').setValues([header]).setFontWeight('bold');
    sheet.setFrozenRows(1);
    range.protect().setDescription('CRM header: rename or remove columns only if you know the CRM does not need them.').setWarningOnly(true);
  }

  read(sheet: string): Cell[][] {
    const values = this.sheet(sheet).getDataRange().getValues();
    if (values.length === 1 && values[0].length === 1 && values[0][0] === '') return [];
    const zone = this.timeZone();
    for (const row of values) for (let c = 0; c < row.length; c++) row[c] = toCell(row[c], zone);
    return values as Cell[][];
  }

  readColumn(sheet: string, column: number, row: number, count: number): Cell[] {
    if (count <= 0) return [];
    const zone = this.timeZone();
    return this.sheet(sheet)
      .getRange(row, column, count, 1)
      .getValues()
      .map((r) => toCell(r[0], zone));
  }

  readHeader(sheet: string): string[] {
    const [row] = this.sheet(sheet).getRange('1:1').getValues();
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    return row.slice(0, end).map(String);
  }

  readRows(sheet: string, row: number, count: number, width?: number): Cell[][] {
    const target = this.sheet(sheet);
    width = Math.max(1, width ?? target.getLastColumn());
    const zone = this.timeZone();
    return target
      .getRange(row, 1, count, width)
      .getValues()
      .map((r) => r.map((v) => toCell(v, zone)));
  }

  /** One TextFinder call over the whole column (an open-ended A1 range costs no call to size it): the
   *  spreadsheet searches, nothing is read. Several values go in one regular expression. */
  findRows(sheet: string, column: number, values: string[], loose = false): number[] {
    const wanted = [...new Set(values.filter((v) => v !== ''))];
    if (!wanted.length) return [];
    const letters = columnLetters(column);
    const range = this.sheet(sheet).getRange(`${letters}:${letters}`);
    const rows = new Set<number>();
    for (let k = 0; k < wanted.length; k += FIND_BATCH) {
      const some = wanted.slice(k, k + FIND_BATCH);
      const one = some.length === 1;
      const finder = range
        .createTextFinder(one ? some[0] : some.map(escapeRegex).join('|'))
        .matchEntireCell(true)
        .matchCase(!loose)
        .ignoreDiacritics(loose)
        .matchFormulaText(false)
        .useRegularExpression(!one);
      for (const cell of finder.findAll()) if (cell.getRow() > 1) rows.add(cell.getRow());
    }
    return [...rows].sort((a, b) => a - b);
  }

  /** The text cells of all blocks made plain text in one RangeList call (number cells keep the format
   *  the team chose: a currency on amounts), then one setValues per block. */
  write(sheet: string, blocks: Block[]): void {
    const target = this.sheet(sheet);
    const ranges = blocks.map(({ row, column, values }) => target.getRange(row, column, values.length, values[0].length));
    this.formatText(target, blocks);
    ranges.forEach((range, i) => range.setValues(blocks[i].values.map(this.escapeRow)));
  }

  private formatText(target: GoogleAppsScript.Spreadsheet.Sheet, blocks: Block[]): void {
    for (const [format, a1s] of rangesByFormat(blocks)) target.getRangeList(a1s).setNumberFormat(format);
  }

  append(sheet: string, rows: Cell[][], afterRow?: number): void {
    if (!rows.length) return;
    const target = this.sheet(sheet);
    const after = afterRow ?? target.getLastRow();
    let range: GoogleAppsScript.Spreadsheet.Range;
    try {
      range = target.getRange(after + 1, 1, rows.length, rows[0].length);
    } catch {
      // New rows copy the format of the row they follow: never follow the bold header row when
      // there is a row 2 (Set up leaves one), and only fall back to it when there is not.
      try {
        target.insertRowsAfter(Math.max(after, 2), rows.length + SPARE_ROWS);
      } catch {
        target.insertRowsAfter(after, rows.length + SPARE_ROWS);
      }
      range = target.getRange(after + 1, 1, rows.length, rows[0].length);
    }
    this.formatText(target, [{ row: after + 1, column: 1, values: rows }]);
    range.setValues(rows.map(this.escapeRow));
  }

  deleteRows(sheet: string, row: number, count: number): void {
    const target = this.sheet(sheet);
    try {
      target.deleteRows(row, count);
    } catch {
      // Sheets refuses to delete every non-frozen row: leave one empty row behind.
      target.insertRowsAfter(row + count - 1, 1);
      target.deleteRows(row, count);
    }
  }

  addColumns(sheet: string, afterColumn: number, names: string[]): void {
    const target = this.sheet(sheet);
    const columns = target.getMaxColumns();
    if (columns < afterColumn + names.length) target.insertColumnsAfter(columns, afterColumn + names.length - columns);
    target
      .getRange(1, afterColumn + 1, 1, names.length)
      .setNumberFormat('@')
      .setValues([names])
      .setFontWeight('bold');
  }

  setChoices(sheet: string, column: number, values: string[]): void {
    const target = this.sheet(sheet);
    const rows = Math.max(1, target.getMaxRows() - 1);
    // Strict: a value not in the list is refused as it is typed (the CRM reads other words, but a
    // dropdown is where a person should choose). Rows inserted later copy the rule from the row above.
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(values, true).setAllowInvalid(false).build();
    target.getRange(2, column, rows, 1).setDataValidation(rule);
  }

  sheetSizes(): { sheet: string; rows: number; columns: number }[] {
    return this.spreadsheet.getSheets().map((s) => ({ sheet: s.getName(), rows: s.getMaxRows(), columns: s.getMaxColumns() }));
  }

  deleteSheet(name: string): void {
    const sheet = this.sheets.get(name) ?? this.spreadsheet.getSheetByName(name);
    this.sheets.delete(name);
    if (!sheet) return;
    if (this.spreadsheet.getActiveSheet()?.getName() === name) this.deletedWhileActive = name;
    this.spreadsheet.deleteSheet(sheet);
  }

  /** A sheet deleted while the person was looking at it: when it is made again, it is shown again. */
  private deletedWhileActive = '';

  private sheet(name: string): GoogleAppsScript.Spreadsheet.Sheet {
    let sheet = this.sheets.get(name);
    if (!sheet) {
      const found = this.spreadsheet.getSheetByName(name);
      if (!found) throw new Error(`There is no sheet named "${name}". Run Set up.`);
      this.sheets.set(name, (sheet = found));
    }
    return sheet;
  }
}

/** Sheets hands back Dates for cells people typed dates into; the port promises ISO text. */
export function toCell(value: unknown, zone: string): Cell {
  if (Object.prototype.toString.call(value) !== '[object Date]') return value as Cell;
  const iso = Utilities.formatDate(value as Date, zone, "yyyy-MM-dd'T'HH:mm:ss");
  return iso.endsWith('T00:00:00') ? iso.slice(0, 10) : iso;
}

/** What Sheets does with a leading apostrophe typed into a plain-text cell, tried once on a scratch
 *  sheet (Set up): 'eaten' (read back without it) or 'kept'. The documentation does not say. */
export function probeApostrophe(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): 'eaten' | 'kept' {
  const before = spreadsheet.getActiveSheet();
  const scratch = spreadsheet.insertSheet(`CRM probe ${Date.now()}`);
  try {
    const cell = scratch.getRange(1, 1);
    cell.setNumberFormat('@').setValue("'x");
    return cell.getValue() === "'x" ? 'kept' : 'eaten';
  } finally {
    spreadsheet.deleteSheet(scratch);
    if (before) spreadsheet.setActiveSheet(before);
  }
}
