/** Sheet: a sparse grid of cells with Apps Script's bounds checks and errors. */
import { FakeContext, gasError } from './context';
import { Cell, applyValue, checkLength, hasContent, prepareValue, ssCall } from './grid';
import { parseA1, splitSheetName } from './a1';
import { Protection, Rect } from './protection';
import { Range, RangeList } from './range';
import { EmbeddedChart, EmbeddedChartBuilder, SheetCharts } from './charts';

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
const PROTECTED_MESSAGE = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** What a Sheet needs from its Spreadsheet. */
export interface SheetParent {
  ctx: FakeContext;
  api: any;
  _checkCellLimit(extraCells: number): void;
  _activate(sheet: Sheet, range?: Range): void;
  _visibleSheets(): Sheet[];
}

function copyFormatting(cell: Cell | undefined): Cell | undefined {
  if (!cell || (cell.fmt === undefined && !cell.style)) return undefined;
  const c: Cell = {};
  if (cell.fmt !== undefined) c.fmt = cell.fmt;
  if (cell.style) c.style = { ...cell.style };
  return c;
}

export class Sheet {
  /** rows[r - 1][c - 1]; both levels sparse. rows.length is the number of rows. */
  private rows: (Cell | undefined)[][] = new Array(DEFAULT_ROWS);
  private cols = DEFAULT_COLUMNS;
  private frozenRows = 0;
  private frozenCols = 0;
  private hidden = false;
  private widths: Record<number, number> = {};
  private protections: Protection[] = [];
  private readonly ctx: FakeContext;
  readonly _charts: SheetCharts;

  constructor(
    private readonly parent: SheetParent,
    private name: string,
    private readonly id: number,
  ) {
    this.ctx = parent.ctx;
    this._charts = new SheetCharts(this.ctx, this);
  }

  private call(method: string, counted = true, read = 0, written = 0): void {
    ssCall(this.ctx, 'Sheet', method, counted, read, written);
  }

  // ------------------------------------------------------------ internals used by Range & co
  _maxRows(): number {
    return this.rows.length;
  }
  _maxCols(): number {
    return this.cols;
  }
  _cell(r: number, c: number): Cell | undefined {
    const row = this.rows[r - 1];
    return row ? row[c - 1] : undefined;
  }
  _setCell(r: number, c: number, cell: Cell | undefined): void {
    let row = this.rows[r - 1];
    if (!row) {
      if (!cell) return;
      row = this.rows[r - 1] = [];
    }
    if (cell) row[c - 1] = cell;
    else delete row[c - 1];
  }
  _checkRect(row: number, col: number, numRows: number, numCols: number): void {
    if (row < 1) throw gasError(this.ctx, 'The starting row of the range is too small.');
    if (col < 1) throw gasError(this.ctx, 'The starting column of the range is too small.');
    if (numRows < 1) throw gasError(this.ctx, 'The number of rows in the range must be at least 1.');
    if (numCols < 1) throw gasError(this.ctx, 'The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.rows.length) throw gasError(this.ctx, 'Those rows are out of bounds.');
    if (col + numCols - 1 > this.cols) throw gasError(this.ctx, 'Those columns are out of bounds.');
  }
  _assertCanEdit(rect: Rect): void {
    const who = this.ctx.user || this.ctx.owner;
    for (const p of this.protections) {
      if (!p.allows(who) && p.covers(rect)) throw gasError(this.ctx, PROTECTED_MESSAGE);
    }
  }
  _assertCanChangeStructure(): void {
    const who = this.ctx.user || this.ctx.owner;
    if (this.protections.some((p) => p.type === 'SHEET' && !p.allows(who))) throw gasError(this.ctx, PROTECTED_MESSAGE);
  }
  _addProtection(p: Protection): void {
    this.protections.push(p);
  }
  _removeProtection(p: Protection): void {
    this.protections = this.protections.filter((x) => x !== p);
  }
  _lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      const row = this.rows[r - 1];
      if (row && row.some(hasContent)) return r;
    }
    return 0;
  }
  _lastCol(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--)
        if (hasContent(row[c - 1])) {
          last = c;
          break;
        }
    }
    return last;
  }
  _isHidden(): boolean {
    return this.hidden;
  }
  _nameRaw(): string {
    return this.name;
  }
  _id(): number {
    return this.id;
  }
  _protections(): Protection[] {
    return [...this.protections];
  }

  private insertRowsAt(index0: number, howMany: number, inheritFrom0: number): void {
    this.parent._checkCellLimit(howMany * this.cols);
    const model = this.rows[inheritFrom0];
    const fresh: (Cell | undefined)[][] = new Array(howMany);
    if (model) {
      for (let i = 0; i < howMany; i++) {
        const row: (Cell | undefined)[] = [];
        model.forEach((cell, c) => {
          const f = copyFormatting(cell);
          if (f) row[c] = f;
        });
        fresh[i] = row;
      }
    }
    this.rows = this.rows.slice(0, index0).concat(fresh, this.rows.slice(index0));
  }

  private insertColumnsAt(index0: number, howMany: number, inheritFrom0: number): void {
    this.parent._checkCellLimit(howMany * this.rows.length);
    this.rows.forEach((row) => {
      if (!row) return;
      const model = copyFormatting(row[inheritFrom0]);
      if (row.length <= index0) {
        if (model) for (let i = 0; i < howMany; i++) row[index0 + i] = copyFormatting(model);
        return;
      }
      const fresh: (Cell | undefined)[] = new Array(howMany);
      if (model) for (let i = 0; i < howMany; i++) fresh[i] = copyFormatting(model);
      row.splice(index0, 0, ...fresh);
    });
    this.cols += howMany;
  }

  private checkHowMany(n: number, what: string): void {
    if (!(n >= 1)) throw gasError(this.ctx, `The number of ${what} must be at least 1.`);
  }

  // ------------------------------------------------------------ handles (not counted)
  getName(): string {
    this.call('getName', false);
    return this.name;
  }
  getSheetName(): string {
    return this.getName();
  }
  getSheetId(): number {
    this.call('getSheetId', false);
    return this.id;
  }
  getParent(): any {
    this.call('getParent', false);
    return this.parent.api;
  }
  getRange(a: any, col?: number, numRows?: number, numCols?: number): Range {
    this.call('getRange', false);
    if (typeof a === 'string' && col === undefined) {
      const ref = parseA1(splitSheetName(a).range, this.rows.length, this.cols);
      if (!ref) throw gasError(this.ctx, 'Range not found');
      this._checkRect(ref.row, ref.col, ref.numRows, ref.numCols);
      return new Range(this.ctx, this, ref.row, ref.col, ref.numRows, ref.numCols, ref.notation);
    }
    const row = Number(a);
    const c = Number(col);
    const nr = numRows === undefined ? 1 : Number(numRows);
    const nc = numCols === undefined ? 1 : Number(numCols);
    this._checkRect(row, c, nr, nc);
    return new Range(this.ctx, this, row, c, nr, nc);
  }
  getDataRange(): Range {
    this.call('getDataRange', false);
    return new Range(this.ctx, this, 1, 1, Math.max(1, this._lastRow()), Math.max(1, this._lastCol()));
  }
  getRangeList(a1Notations: string[]): RangeList {
    this.call('getRangeList', false);
    return new RangeList(
      this.ctx,
      a1Notations.map((a1) => this.getRange(a1)),
    );
  }

  // ------------------------------------------------------------ counted calls
  setName(name: string): Sheet {
    this.call('setName');
    this.parent.api._assertNameFree(String(name), this);
    this.name = String(name);
    return this;
  }
  getIndex(): number {
    this.call('getIndex');
    return this.parent.api._sheets().indexOf(this) + 1;
  }
  getLastRow(): number {
    this.call('getLastRow');
    return this._lastRow();
  }
  getLastColumn(): number {
    this.call('getLastColumn');
    return this._lastCol();
  }
  getMaxRows(): number {
    this.call('getMaxRows');
    return this.rows.length;
  }
  getMaxColumns(): number {
    this.call('getMaxColumns');
    return this.cols;
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.call('insertRowsAfter');
    this.checkHowMany(howMany, 'rows to insert');
    if (afterPosition < 1 || afterPosition > this.rows.length) throw gasError(this.ctx, 'Those rows are out of bounds.');
    this._assertCanChangeStructure();
    this.insertRowsAt(afterPosition, howMany, afterPosition - 1);
    return this;
  }
  insertRowAfter(afterPosition: number): Sheet {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    this.call('insertRowsBefore');
    this.checkHowMany(howMany, 'rows to insert');
    if (beforePosition < 1 || beforePosition > this.rows.length) throw gasError(this.ctx, 'Those rows are out of bounds.');
    this._assertCanChangeStructure();
    this.insertRowsAt(beforePosition - 1, howMany, beforePosition - 1);
    return this;
  }
  insertRowBefore(beforePosition: number): Sheet {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.call('insertColumnsAfter');
    this.checkHowMany(howMany, 'columns to insert');
    if (afterPosition < 1 || afterPosition > this.cols) throw gasError(this.ctx, 'Those columns are out of bounds.');
    this._assertCanChangeStructure();
    this.insertColumnsAt(afterPosition, howMany, afterPosition - 1);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    this.call('insertColumnsBefore');
    this.checkHowMany(howMany, 'columns to insert');
    if (beforePosition < 1 || beforePosition > this.cols) throw gasError(this.ctx, 'Those columns are out of bounds.');
    this._assertCanChangeStructure();
    this.insertColumnsAt(beforePosition - 1, howMany, beforePosition - 1);
    return this;
  }

  deleteRow(rowPosition: number): Sheet {
    this.call('deleteRow');
    this.removeRows(rowPosition, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): Sheet {
    this.call('deleteRows');
    this.removeRows(rowPosition, howMany);
    return this;
  }
  private removeRows(start: number, howMany: number): void {
    if (start < 1 || howMany < 1 || start + howMany - 1 > this.rows.length) throw gasError(this.ctx, 'Those rows are out of bounds.');
    if (this.rows.length - howMany <= this.frozenRows) throw gasError(this.ctx, 'Sorry, it is not possible to delete all non-frozen rows.');
    this._assertCanChangeStructure();
    this.rows.splice(start - 1, howMany);
  }
  deleteColumn(columnPosition: number): Sheet {
    this.call('deleteColumn');
    this.removeColumns(columnPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): Sheet {
    this.call('deleteColumns');
    this.removeColumns(columnPosition, howMany);
    return this;
  }
  private removeColumns(start: number, howMany: number): void {
    if (start < 1 || howMany < 1 || start + howMany - 1 > this.cols) throw gasError(this.ctx, 'Those columns are out of bounds.');
    if (this.cols - howMany <= this.frozenCols) throw gasError(this.ctx, 'Sorry, it is not possible to delete all non-frozen columns.');
    this._assertCanChangeStructure();
    for (const row of this.rows) if (row) row.splice(start - 1, howMany);
    this.cols -= howMany;
  }

  appendRow(rowContents: any[]): Sheet {
    if (!Array.isArray(rowContents)) {
      throw gasError(this.ctx, `The parameters (${typeof rowContents}) don't match the method signature for SpreadsheetApp.Sheet.appendRow.`);
    }
    this.call('appendRow', true, 0, rowContents.length);
    const target = this._lastRow() + 1;
    if (rowContents.length === 0) return this;
    this._assertCanEdit({ row: target, col: 1, numRows: 1, numCols: rowContents.length });
    rowContents.forEach((v) => checkLength(this.ctx, v));
    if (target > this.rows.length) this.insertRowsAt(this.rows.length, 1, this.rows.length - 1);
    if (rowContents.length > this.cols) this.insertColumnsAt(this.cols, rowContents.length - this.cols, this.cols - 1);
    const prepared = rowContents.map((v, i) => prepareValue(this.ctx, v, this._cell(target, i + 1)?.fmt));
    prepared.forEach((p, i) => this._setCell(target, i + 1, applyValue(this._cell(target, i + 1), p)));
    return this;
  }

  getFrozenRows(): number {
    this.call('getFrozenRows');
    return this.frozenRows;
  }
  setFrozenRows(rows: number): Sheet {
    this.call('setFrozenRows');
    if (rows < 0 || rows >= this.rows.length) throw gasError(this.ctx, 'Sorry, it is not possible to freeze all rows.');
    this.frozenRows = rows;
    return this;
  }
  getFrozenColumns(): number {
    this.call('getFrozenColumns');
    return this.frozenCols;
  }
  setFrozenColumns(columns: number): Sheet {
    this.call('setFrozenColumns');
    if (columns < 0 || columns >= this.cols) throw gasError(this.ctx, 'Sorry, it is not possible to freeze all columns.');
    this.frozenCols = columns;
    return this;
  }

  protect(): Protection {
    this.call('protect');
    const existing = this.protections.find((p) => p.type === 'SHEET');
    if (existing) return existing;
    const p = new Protection(this.ctx, 'SHEET', this, null, this.ctx.user || this.ctx.owner);
    this.protections.push(p);
    return p;
  }
  getProtections(type: any): Protection[] {
    this.call('getProtections');
    return this.protections.filter((p) => p.type === String(type));
  }

  hideSheet(): Sheet {
    this.call('hideSheet');
    if (!this.hidden && this.parent._visibleSheets().length <= 1) throw gasError(this.ctx, "You can't hide all the sheets in a document.");
    this.hidden = true;
    return this;
  }
  showSheet(): Sheet {
    this.call('showSheet');
    this.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    this.call('isSheetHidden');
    return this.hidden;
  }
  activate(): Sheet {
    this.call('activate');
    this.hidden = false;
    this.parent._activate(this);
    return this;
  }

  setColumnWidth(columnPosition: number, width: number): Sheet {
    this.call('setColumnWidth');
    this._checkRect(1, columnPosition, 1, 1);
    this.widths[columnPosition] = width;
    return this;
  }
  setColumnWidths(start: number, num: number, width: number): Sheet {
    this.call('setColumnWidths');
    this._checkRect(1, start, 1, num);
    for (let c = start; c < start + num; c++) this.widths[c] = width;
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    this.call('getColumnWidth');
    return this.widths[columnPosition] ?? 100;
  }
  autoResizeColumns(startColumn: number, numColumns: number): Sheet {
    this.call('autoResizeColumns');
    this._checkRect(1, startColumn, 1, numColumns);
    return this;
  }
  autoResizeColumn(columnPosition: number): Sheet {
    return this.autoResizeColumns(columnPosition, 1);
  }

  newChart(): EmbeddedChartBuilder {
    return this._charts.newChart();
  }
  getCharts(): EmbeddedChart[] {
    return this._charts.getCharts();
  }
  insertChart(chart: EmbeddedChart): void {
    this._charts.insertChart(chart);
  }
  updateChart(chart: EmbeddedChart): void {
    this._charts.updateChart(chart);
  }
  removeChart(chart: EmbeddedChart): void {
    this._charts.removeChart(chart);
  }

  clear(): Sheet {
    this.call('clear', true, 0, this.rows.length * this.cols);
    this._assertCanEdit({ row: 1, col: 1, numRows: this.rows.length, numCols: this.cols });
    this.rows = new Array(this.rows.length);
    return this;
  }
  clearContents(): Sheet {
    this.call('clearContents', true, 0, this.rows.length * this.cols);
    this._assertCanEdit({ row: 1, col: 1, numRows: this.rows.length, numCols: this.cols });
    this.rows.forEach((row, r) => {
      if (!row) return;
      row.forEach((cell, c) => this._setCell(r + 1, c + 1, applyValue(cell, {})));
    });
    return this;
  }
  clearFormats(): Sheet {
    this.call('clearFormats');
    for (const row of this.rows)
      if (row)
        row.forEach((cell) => {
          if (cell) {
            delete cell.fmt;
            delete cell.style;
          }
        });
    return this;
  }
}
