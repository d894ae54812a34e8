/** SpreadsheetApp and the single Spreadsheet it exposes (Sheet, Range, Protection live beside it). */
import { FakeContext, gasError } from './context';
import { formatOf, readValue, ssCall, SPREADSHEETS_SCOPE } from './grid';
import { requireAuth } from './context';
import { newDataValidation } from './data-validation';
import { parseA1, splitSheetName } from './a1';
import { Sheet, SheetParent, DEFAULT_COLUMNS, DEFAULT_ROWS } from './sheet';
import { Range, RangeList } from './range';
import { Protection, makeUser } from './protection';
import { UiState, getUi } from './ui';

const MAX_CELLS = 10000000;

export interface SpreadsheetOptions {
  id?: string;
  name?: string;
  sheets?: string[];
}

export class Spreadsheet implements SheetParent {
  readonly api = this;
  private sheets: Sheet[] = [];
  private active: Sheet;
  private activeRange: Range | null = null;
  private nextSheetId = 0;
  private readonly id: string;
  private name: string;

  constructor(
    readonly ctx: FakeContext,
    readonly uiState: UiState,
    options: SpreadsheetOptions = {},
  ) {
    this.id = options.id || '1FakeSpreadsheetId0123456789abcdefghijklmno';
    this.name = options.name || 'Untitled spreadsheet';
    for (const n of options.sheets || ['Sheet1']) this.sheets.push(new Sheet(this, n, this.nextSheetId++ === 0 ? 0 : this.newSheetId()));
    this.active = this.sheets[0];
  }

  private newSheetId(): number {
    return 100000000 + this.nextSheetId * 7919;
  }
  private call(method: string, counted = true): void {
    ssCall(this.ctx, 'Spreadsheet', method, counted);
  }
  private find(name: string): Sheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s._nameRaw() === name) || this.sheets.find((s) => s._nameRaw().toLowerCase() === lower);
  }
  private sheetOrThrow(name: string): Sheet {
    const s = this.find(name);
    if (!s) throw new Error(`fake spreadsheet: no sheet named "${name}"`);
    return s;
  }

  // ------------------------------------------------------------ SheetParent / internals
  _sheets(): Sheet[] {
    return this.sheets;
  }
  _visibleSheets(): Sheet[] {
    return this.sheets.filter((s) => !s._isHidden());
  }
  _checkCellLimit(extra: number): void {
    const total = this.sheets.reduce((n, s) => n + s._maxRows() * s._maxCols(), 0);
    if (total + extra > MAX_CELLS) {
      throw gasError(this.ctx, `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
    }
  }
  _activate(sheet: Sheet, range?: Range): void {
    this.active = sheet;
    this.activeRange = range || null;
  }
  _activateRange(sheet: Sheet, range: Range): void {
    this._activate(sheet, range);
  }
  _assertNameFree(name: string, except?: Sheet): void {
    const other = this.find(name);
    if (other && other !== except && other._nameRaw().toLowerCase() === name.toLowerCase()) {
      throw gasError(this.ctx, `A sheet with the name "${name}" already exists. Please enter another name.`);
    }
  }

  // ------------------------------------------------------------ handles (not counted)
  getId(): string {
    this.call('getId', false);
    return this.id;
  }
  getName(): string {
    this.call('getName', false);
    return this.name;
  }
  getUrl(): string {
    this.call('getUrl', false);
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getActiveSheet(): Sheet {
    this.call('getActiveSheet', false);
    return this.active;
  }
  getActiveRange(): Range {
    this.call('getActiveRange', false);
    return this.activeRange && this.activeRange.getSheet() === this.active ? this.activeRange : this.active.getRange(1, 1);
  }
  /** The fake keeps one active range, so the list holds it alone (as Sheets does for one block). */
  getActiveRangeList(): RangeList {
    this.call('getActiveRangeList', false);
    return new RangeList(this.ctx, [this.getActiveRange()]);
  }
  getRange(a1: string): Range {
    this.call('getRange', false);
    const { sheet, range } = splitSheetName(String(a1));
    const target = sheet === undefined ? this.active : this.find(sheet);
    if (!target || !parseA1(range, target._maxRows(), target._maxCols())) throw gasError(this.ctx, 'Range not found');
    return target.getRange(range);
  }

  // ------------------------------------------------------------ counted calls
  rename(name: string): void {
    this.call('rename');
    this.name = String(name);
  }
  getSheets(): Sheet[] {
    this.call('getSheets');
    return [...this.sheets];
  }
  getNumSheets(): number {
    this.call('getNumSheets');
    return this.sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    this.call('getSheetByName');
    return this.find(String(name)) || null;
  }
  getSheetById(id: number): Sheet | null {
    this.call('getSheetById');
    return this.sheets.find((s) => s._id() === Number(id)) || null;
  }
  insertSheet(nameOrIndex?: any, index?: number): Sheet {
    this.call('insertSheet');
    let name: string;
    let at = this.sheets.length;
    if (typeof nameOrIndex === 'number') at = nameOrIndex;
    else if (index !== undefined) at = index;
    if (typeof nameOrIndex === 'string') {
      name = nameOrIndex;
      this._assertNameFree(name);
    } else {
      let n = this.sheets.length + 1;
      while (this.find(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    this._checkCellLimit(DEFAULT_ROWS * DEFAULT_COLUMNS);
    const sheet = new Sheet(this, name, this.newSheetId());
    this.nextSheetId++;
    this.sheets.splice(Math.max(0, Math.min(at, this.sheets.length)), 0, sheet);
    this._activate(sheet); // the new sheet becomes the active sheet
    return sheet;
  }
  deleteSheet(sheet: Sheet): void {
    this.call('deleteSheet');
    const i = this.sheets.indexOf(sheet);
    if (i < 0) throw gasError(this.ctx, 'Sheet not found');
    if (this.sheets.length === 1) throw gasError(this.ctx, "You can't remove all the sheets in a document.");
    if (this._visibleSheets().length === 1 && !sheet._isHidden()) throw gasError(this.ctx, "You can't remove all the visible sheets in a document.");
    this.sheets.splice(i, 1);
    if (this.active === sheet) this._activate(this._visibleSheets()[0]);
  }
  setActiveSheet(sheet: Sheet): Sheet {
    this.call('setActiveSheet');
    this._activate(sheet);
    return sheet;
  }
  getSpreadsheetLocale(): string {
    this.call('getSpreadsheetLocale');
    return this.ctx.locale;
  }
  getSpreadsheetTimeZone(): string {
    this.call('getSpreadsheetTimeZone');
    return this.ctx.timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this.call('setSpreadsheetTimeZone');
    this.ctx.timeZone = String(tz);
  }
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.call('toast');
    this.uiState.toasts.push({ message: String(msg), title: title === undefined ? '' : String(title), timeoutSeconds });
  }
  getOwner(): any {
    this.call('getOwner');
    return makeUser(this.ctx.owner);
  }
  getEditors(): any[] {
    this.call('getEditors');
    return [...new Set([this.ctx.owner, this.ctx.user].filter(Boolean))].map(makeUser);
  }
  getProtections(type: any): Protection[] {
    this.call('getProtections');
    return this.sheets.flatMap((s) => s._protections()).filter((p) => p.type === String(type));
  }

  // ------------------------------------------------------------ test helpers (not Apps Script API)
  /** Values (as getValues returns them) of a sheet, trimmed to its data range; [] when empty. */
  __dump(sheetName: string): any[][] {
    const s = this.sheetOrThrow(sheetName);
    const rows = s._lastRow();
    const cols = s._lastCol();
    const out: any[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: any[] = [];
      for (let c = 1; c <= cols; c++) line.push(readValue(this.ctx, s._cell(r, c)));
      out.push(line);
    }
    return out;
  }
  /** Number formats of a sheet over the same area as __dump. */
  __formats(sheetName: string): string[][] {
    const s = this.sheetOrThrow(sheetName);
    const out: string[][] = [];
    for (let r = 1; r <= s._lastRow(); r++) {
      const line: string[] = [];
      for (let c = 1; c <= s._lastCol(); c++) line.push(formatOf(s._cell(r, c)));
      out.push(line);
    }
    return out;
  }
  /** Raw content of one cell: stored value ('' if empty), number format, formula ('' if none). */
  __cell(sheetName: string, row: number, col: number): { value: any; format: string; formula: string } {
    const cell = this.sheetOrThrow(sheetName)._cell(row, col);
    const value = cell && cell.f === undefined && cell.v !== undefined ? cell.v : cell && cell.f !== undefined ? '#ERROR!' : '';
    return { value, format: formatOf(cell), formula: cell && cell.f !== undefined ? cell.f : '' };
  }
  /** The Sheet object of that name, without counting a call. */
  __sheet(sheetName: string): Sheet {
    return this.sheetOrThrow(sheetName);
  }
}

export function createSpreadsheetApp(ctx: FakeContext, ss: Spreadsheet, uiState: UiState, addonName: string): any {
  const others = new Map<string, Spreadsheet>();
  const guard = (method: string) => requireAuth(ctx, `SpreadsheetApp.${method}`, SPREADSHEETS_SCOPE);
  return {
    ProtectionType: { RANGE: 'RANGE', SHEET: 'SHEET' },
    getUi: () => (ctx.webApp ? getUi(ctx, { ...uiState, available: false }, addonName) : getUi(ctx, uiState, addonName)),
    // A web app has no active spreadsheet: these answer null there (openById is the way in).
    getActive: () => {
      guard('getActive');
      return ctx.webApp ? null : ss;
    },
    getActiveSpreadsheet: () => {
      guard('getActiveSpreadsheet');
      return ctx.webApp ? null : ss;
    },
    getActiveSheet: () => {
      guard('getActiveSheet');
      return ctx.webApp ? null : ss.getActiveSheet();
    },
    getActiveRange: () => {
      guard('getActiveRange');
      return ctx.webApp ? null : ss.getActiveRange();
    },
    setActiveSheet: (sheet: Sheet) => {
      guard('setActiveSheet');
      return ss.setActiveSheet(sheet);
    },
    openById(id: string) {
      ssCall(ctx, 'SpreadsheetApp', 'openById', true);
      if (String(id) === ss.getId()) return ss;
      const other = others.get(String(id));
      if (!other) throw gasError(ctx, 'Unexpected error while getting the method or property openById on object SpreadsheetApp.');
      return other;
    },
    /** A new spreadsheet in the person's Drive (one sheet, 'Sheet1'), which openById then finds. */
    create(name: string) {
      ssCall(ctx, 'SpreadsheetApp', 'create', true);
      if (typeof name !== 'string' || name === '') throw gasError(ctx, 'Invalid argument: name');
      const made = new Spreadsheet(ctx, uiState, { id: `1FakeCreated${others.size + 1}`.padEnd(44, 'x'), name });
      others.set(made.getId(), made);
      return made;
    },
    /** Test hook: the spreadsheets `create` made, by id (delete one to play a person deleting it). */
    __created: others,
    openByUrl(url: string) {
      ssCall(ctx, 'SpreadsheetApp', 'openByUrl', true);
      if (!String(url).includes(ss.getId())) throw gasError(ctx, 'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.');
      return ss;
    },
    flush: () => {
      ssCall(ctx, 'SpreadsheetApp', 'flush', true);
    },
    newDataValidation: () => newDataValidation(ctx),
  };
}
