/** Range and RangeList. Coordinates are fixed at creation, as in Apps Script. */
import { DataValidation } from './data-validation';
import { FakeContext, gasError } from './context';
import { Cell, applyValue, describeArg, formatOf, prepareValue, readDisplay, readValue, ssCall } from './grid';
import { a1Notation } from './a1';
import { Protection, Rect } from './protection';
import type { Sheet } from './sheet';
import { TextFinder } from './text-finder';

export class Range {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: Sheet,
    private readonly row: number,
    private readonly col: number,
    private readonly numRows: number,
    private readonly numCols: number,
    private readonly notation?: string,
  ) {}

  private get size(): number {
    return this.numRows * this.numCols;
  }

  /** Counts the call and re-checks that the range still fits in the sheet. */
  private call(method: string, read = 0, written = 0): void {
    ssCall(this.ctx, 'Range', method, true, read, written);
    this.sheet._checkRect(this.row, this.col, this.numRows, this.numCols);
  }
  private handle(method: string): void {
    ssCall(this.ctx, 'Range', method, false);
  }

  _rect(): Rect {
    return { row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols };
  }

  private map<T>(fn: (cell: Cell | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < this.numCols; c++) line.push(fn(this.sheet._cell(this.row + r, this.col + c)));
      out.push(line);
    }
    return out;
  }
  private each(fn: (cell: Cell | undefined, r: number, c: number) => Cell | undefined): void {
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numCols; c++) {
        const R = this.row + r;
        const C = this.col + c;
        this.sheet._setCell(R, C, fn(this.sheet._cell(R, C), r, c));
      }
    }
  }
  private checkGrid(data: any, method: string): void {
    if (!Array.isArray(data) || data.some((line: any) => !Array.isArray(line))) {
      throw gasError(this.ctx, `The parameters (${describeArg(data)}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
    }
    if (data.length !== this.numRows) {
      throw gasError(this.ctx, `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.numRows}.`);
    }
    const bad = data.find((line: any[]) => line.length !== this.numCols);
    if (bad) {
      throw gasError(this.ctx, `The number of columns in the data does not match the number of columns in the range. The data has ${bad.length} but the range has ${this.numCols}.`);
    }
  }
  private setStyle(method: string, key: string, value: any): Range {
    this.call(method, 0, this.size);
    this.each((cell) => {
      const c: Cell = cell || {};
      c.style = { ...(c.style || {}) };
      if (value === null || value === undefined) delete c.style[key];
      else c.style[key] = value;
      return applyValue(c, { v: c.v, f: c.f });
    });
    return this;
  }

  // ------------------------------------------------------------ handles (not counted)
  getRow(): number {
    this.handle('getRow');
    return this.row;
  }
  getRowIndex(): number {
    return this.getRow();
  }
  getColumn(): number {
    this.handle('getColumn');
    return this.col;
  }
  getColumnIndex(): number {
    return this.getColumn();
  }
  getNumRows(): number {
    this.handle('getNumRows');
    return this.numRows;
  }
  getNumColumns(): number {
    this.handle('getNumColumns');
    return this.numCols;
  }
  getLastRow(): number {
    this.handle('getLastRow');
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    this.handle('getLastColumn');
    return this.col + this.numCols - 1;
  }
  getSheet(): Sheet {
    this.handle('getSheet');
    return this.sheet;
  }
  getA1Notation(): string {
    this.handle('getA1Notation');
    return this.notation || a1Notation(this.row, this.col, this.numRows, this.numCols);
  }
  getCell(row: number, column: number): Range {
    this.handle('getCell');
    if (row < 1 || row > this.numRows || column < 1 || column > this.numCols) {
      throw gasError(this.ctx, 'Cell reference out of range');
    }
    return this.sheet.getRange(this.row + row - 1, this.col + column - 1);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    this.handle('offset');
    return this.sheet.getRange(this.row + rowOffset, this.col + columnOffset, numRows ?? this.numRows, numColumns ?? this.numCols);
  }

  createTextFinder(findText: string): TextFinder {
    this.handle('createTextFinder');
    return new TextFinder(this.ctx, this.sheet, this._rect(), findText);
  }

  // ------------------------------------------------------------ values
  getValues(): any[][] {
    this.call('getValues', this.size);
    return this.map((cell) => readValue(this.ctx, cell));
  }
  getDisplayValues(): string[][] {
    this.call('getDisplayValues', this.size);
    return this.map((cell) => readDisplay(this.ctx, cell));
  }
  getValue(): any {
    this.call('getValue', 1);
    return readValue(this.ctx, this.sheet._cell(this.row, this.col));
  }
  getDisplayValue(): string {
    this.call('getDisplayValue', 1);
    return readDisplay(this.ctx, this.sheet._cell(this.row, this.col));
  }
  isBlank(): boolean {
    this.call('isBlank', this.size);
    return this.map((cell) => readValue(this.ctx, cell) === '').every((line) => line.every(Boolean));
  }
  setValue(value: any): Range {
    this.call('setValue', 0, this.size);
    this.sheet._assertCanEdit(this._rect());
    if (Array.isArray(value)) {
      throw gasError(this.ctx, `The parameters (${describeArg(value)}) don't match the method signature for SpreadsheetApp.Range.setValue.`);
    }
    prepareValue(this.ctx, value, undefined); // validates (length) before any write
    this.each((cell) => applyValue(cell, prepareValue(this.ctx, value, cell?.fmt)));
    return this;
  }
  setValues(values: any[][]): Range {
    this.call('setValues', 0, this.size);
    this.checkGrid(values, 'setValues');
    this.sheet._assertCanEdit(this._rect());
    const prepared = values.map((line, r) => line.map((v, c) => prepareValue(this.ctx, v, this.sheet._cell(this.row + r, this.col + c)?.fmt)));
    this.each((cell, r, c) => applyValue(cell, prepared[r][c]));
    return this;
  }
  getFormulas(): string[][] {
    this.call('getFormulas', this.size);
    return this.map((cell) => (cell && cell.f !== undefined ? cell.f : ''));
  }
  getFormula(): string {
    this.call('getFormula', 1);
    const cell = this.sheet._cell(this.row, this.col);
    return cell && cell.f !== undefined ? cell.f : '';
  }
  setFormula(formula: string): Range {
    this.call('setFormula', 0, this.size);
    this.sheet._assertCanEdit(this._rect());
    const f = String(formula);
    this.each((cell) => applyValue(cell, f === '' ? {} : { f: f.startsWith('=') ? f : '=' + f }));
    return this;
  }
  clearContent(): Range {
    this.call('clearContent', 0, this.size);
    this.sheet._assertCanEdit(this._rect());
    this.each((cell) => (cell ? applyValue(cell, {}) : undefined));
    return this;
  }
  clear(): Range {
    this.call('clear', 0, this.size);
    this.sheet._assertCanEdit(this._rect());
    this.each(() => undefined);
    return this;
  }
  clearFormat(): Range {
    this.call('clearFormat', 0, this.size);
    this.each((cell) => (cell ? applyValue({ v: cell.v, f: cell.f }, { v: cell.v, f: cell.f }) : undefined));
    return this;
  }

  // ------------------------------------------------------------ formats and style
  getNumberFormats(): string[][] {
    this.call('getNumberFormats', this.size);
    return this.map(formatOf);
  }
  getNumberFormat(): string {
    this.call('getNumberFormat', 1);
    return formatOf(this.sheet._cell(this.row, this.col));
  }
  setNumberFormat(numberFormat: string): Range {
    this.call('setNumberFormat', 0, this.size);
    this._applyFormat(String(numberFormat));
    return this;
  }
  /** Shared with RangeList (which counts the call itself). */
  _applyFormat(fmt: string): void {
    this.sheet._checkRect(this.row, this.col, this.numRows, this.numCols);
    this.each((cell) => applyValue({ ...(cell || {}), fmt }, { v: cell?.v, f: cell?.f }));
  }
  setNumberFormats(numberFormats: string[][]): Range {
    this.call('setNumberFormats', 0, this.size);
    this.checkGrid(numberFormats, 'setNumberFormats');
    this.each((cell, r, c) => applyValue({ ...(cell || {}), fmt: String(numberFormats[r][c]) }, { v: cell?.v, f: cell?.f }));
    return this;
  }
  setFontWeight(fontWeight: string | null): Range {
    return this.setStyle('setFontWeight', 'fontWeight', fontWeight);
  }
  getFontWeight(): string {
    this.call('getFontWeight', 1);
    return this.sheet._cell(this.row, this.col)?.style?.fontWeight ?? 'normal';
  }
  setBackground(color: string | null): Range {
    return this.setStyle('setBackground', 'background', color);
  }
  getBackground(): string {
    this.call('getBackground', 1);
    return this.sheet._cell(this.row, this.col)?.style?.background ?? '#ffffff';
  }
  setFontColor(color: string | null): Range {
    return this.setStyle('setFontColor', 'fontColor', color);
  }
  setFontStyle(style: string | null): Range {
    return this.setStyle('setFontStyle', 'fontStyle', style);
  }
  setHorizontalAlignment(a: string | null): Range {
    return this.setStyle('setHorizontalAlignment', 'horizontalAlignment', a);
  }
  setWrap(wrap: boolean): Range {
    return this.setStyle('setWrap', 'wrap', !!wrap);
  }
  setNote(note: string | null): Range {
    return this.setStyle('setNote', 'note', note === '' ? null : note);
  }
  getNote(): string {
    this.call('getNote', 1);
    return this.sheet._cell(this.row, this.col)?.style?.note ?? '';
  }
  setDataValidation(rule: DataValidation | null): Range {
    if (rule !== null && !(rule instanceof DataValidation)) throw gasError(this.ctx, "The parameters don't match the method signature for SpreadsheetApp.Range.setDataValidation.");
    this.sheet._checkRect(this.row, this.col, this.numRows, this.numCols);
    return this.setStyle('setDataValidation', 'validation', rule);
  }
  getDataValidation(): DataValidation | null {
    this.call('getDataValidation', 1);
    return this.sheet._cell(this.row, this.col)?.style?.validation ?? null;
  }

  // ------------------------------------------------------------ other
  protect(): Protection {
    this.call('protect');
    const p = new Protection(this.ctx, 'RANGE', this.sheet, this, this.ctx.user || this.ctx.owner);
    this.sheet._addProtection(p);
    return p;
  }
  activate(): Range {
    this.call('activate');
    (this.sheet.getParent() as any)._activateRange(this.sheet, this);
    return this;
  }
}

export class RangeList {
  constructor(
    private readonly ctx: FakeContext,
    private readonly ranges: Range[],
  ) {}

  private call(method: string, written = 0): void {
    ssCall(this.ctx, 'RangeList', method, true, 0, written);
  }
  private cells(): number {
    return this.ranges.reduce((n, r) => n + r.getNumRows() * r.getNumColumns(), 0);
  }

  getRanges(): Range[] {
    ssCall(this.ctx, 'RangeList', 'getRanges', false);
    return [...this.ranges];
  }
  setNumberFormat(format: string): RangeList {
    this.call('setNumberFormat', this.cells());
    for (const r of this.ranges) r._applyFormat(String(format));
    return this;
  }
  setFontWeight(w: string | null): RangeList {
    this.call('setFontWeight', this.cells());
    for (const r of this.ranges) withoutCounting(this.ctx, () => r.setFontWeight(w));
    return this;
  }
  setBackground(color: string | null): RangeList {
    this.call('setBackground', this.cells());
    for (const r of this.ranges) withoutCounting(this.ctx, () => r.setBackground(color));
    return this;
  }
  clearContent(): RangeList {
    this.call('clearContent', this.cells());
    for (const r of this.ranges) withoutCounting(this.ctx, () => r.clearContent());
    return this;
  }
}

/** Runs `fn` and restores the counters afterwards (for composite calls counted once). */
function withoutCounting(ctx: FakeContext, fn: () => void): void {
  const c = ctx.counters;
  const saved = { calls: c.calls, byMethod: { ...c.byMethod }, cellsRead: c.cellsRead, cellsWritten: c.cellsWritten };
  try {
    fn();
  } finally {
    c.calls = saved.calls;
    c.byMethod = saved.byMethod;
    c.cellsRead = saved.cellsRead;
    c.cellsWritten = saved.cellsWritten;
  }
}
