import type { Cell } from '../core/schema/columns';

/** A rectangle of cells whose top-left corner is (row, column), both 1-based. */
export interface Block {
  row: number;
  column: number;
  values: Cell[][];
}

/** A spreadsheet seen as named sheets of cells. Rows and columns are 1-based, as in Sheets.
 *  Adapters: memory (tests), Apps Script (SpreadsheetApp), Node (.xlsx workbook).
 *
 *  Contract every adapter keeps, and the store relies on:
 *  - `read` returns the whole used range of a sheet in one call, header row first, every row padded
 *    to the same width with '', Dates already turned into ISO text ('YYYY-MM-DD' or
 *    'YYYY-MM-DDTHH:MM:SS'), so nothing above the port ever sees a Date.
 *  - `write` and `append` store strings literally: '00123', '+33 6…', '=1+1', 'TRUE', '1/2' are
 *    read back exactly as written, never parsed into numbers, dates, booleans or formulas.
 *  - `write` puts rectangular blocks, batching what the platform allows (one values call per block,
 *    formats for all blocks at once); `append` adds rows after `afterRow` (the last
 *    row the caller has read) or, when the caller has not read the sheet, after its last row, growing
 *    the sheet as needed, in at most three calls.
 */
export interface Grid {
  sheetNames(): string[];
  /** Creates a sheet with a frozen, protected header row. */
  createSheet(name: string, header: string[]): void;
  read(sheet: string): Cell[][];
  /** Row 1 only: for writers that append without reading (the audit log). */
  readHeader(sheet: string): string[];
  /** `count` rows from `row` on, as wide as the sheet's used range or `width` (padded with ''): a look
   *  at a few rows without reading the table (the selected row, the rows findRows found). */
  readRows(sheet: string, row: number, count: number, width?: number): Cell[][];
  /** The rows (1-based, ascending, below the header) whose cell in `column` is one of `values`, whole
   *  and case included, found by the spreadsheet without reading the sheet (TextFinder in Google), in
   *  one call however many rows the sheet has. `loose`: case and accents aside (an organisation's
   *  name). The spreadsheet compares the text it displays, so callers check the cells they then read. */
  findRows(sheet: string, column: number, values: string[], loose?: boolean): number[];
  /** `count` cells of one column from `row` on: a cheap look at the ids of rows about to be written. */
  readColumn(sheet: string, column: number, row: number, count: number): Cell[];
  write(sheet: string, blocks: Block[]): void;
  append(sheet: string, rows: Cell[][], afterRow?: number): void;
  /** Deletes `count` rows starting at `row`. Callers delete from the bottom up. */
  deleteRows(sheet: string, row: number, count: number): void;
  /** Adds header cells after the last column (a migration adding new columns). */
  addColumns(sheet: string, afterColumn: number, names: string[]): void;
  /** Removes a sheet and everything on it (its charts too), for sheets the add-on rebuilds whole (the
   *  Dashboard, segment view tabs). A sheet that is not there is left alone. */
  deleteSheet(name: string): void;
  /** A dropdown of `values` on column `column` (1-based) below the header, so that what people type
   *  there by hand is one of them (Staff.role, Staff.active). Replaces any earlier one. */
  setChoices(sheet: string, column: number, values: string[]): void;
  /** Every sheet's size in cells as the spreadsheet counts them against its limit (rows × columns the
   *  sheet has, used or not). */
  sheetSizes(): { sheet: string; rows: number; columns: number }[];
}
