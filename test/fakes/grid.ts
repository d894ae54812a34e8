/** Cell storage helpers shared by Sheet and Range: writing with typed-input parsing, reading back. */
import { countCall } from './counters';
import { FakeContext, gasError, isDate, makeDate, requireAuth } from './context';
import { AUTOMATIC_FORMAT, PLAIN_TEXT_FORMAT, displayValue, isAutomaticFormat, isDateFormat } from './number-format';
import { DATE_TIME_FORMAT, parseTypedInput } from './typed-input';
import { fromSerial, toSerial } from './tz';

export interface Cell {
  /** Stored value: number, boolean, string or (host-realm) Date; undefined when empty. */
  v?: any;
  /** Formula text (starting with '='). */
  f?: string;
  /** Number format; undefined means automatic. */
  fmt?: string;
  style?: Record<string, any>;
}

export const SPREADSHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
export const FORMULA_ERROR = '#ERROR!';
export const MAX_CELL_CHARS = 50000;

/**
 * Entry point of every spreadsheet-service method: refuses it in AuthMode.NONE and, when
 * `counted`, records it in the counters under `method` (RangeList methods as `RangeList.x`).
 */
export function ssCall(ctx: FakeContext, cls: string, method: string, counted: boolean, read = 0, written = 0): void {
  requireAuth(ctx, cls === 'SpreadsheetApp' ? `SpreadsheetApp.${method}` : `SpreadsheetApp.${cls}.${method}`, SPREADSHEETS_SCOPE);
  if (counted) countCall(ctx.counters, cls === 'RangeList' ? `RangeList.${method}` : method, read, written);
}

export function hasContent(cell: Cell | undefined): boolean {
  return !!cell && (cell.v !== undefined || cell.f !== undefined);
}

export function formatOf(cell: Cell | undefined): string {
  return cell && cell.fmt !== undefined ? cell.fmt : AUTOMATIC_FORMAT;
}

export interface PreparedValue {
  v?: any;
  f?: string;
  /** Format Sheets applies automatically to the cell (only when its format is automatic). */
  fmt?: string;
  /** True when the format must be replaced even if explicit (a typed date in a number cell). */
  forceFmt?: boolean;
}

/** Converts a value handed in by the script into what the cell stores. */
export function prepareValue(ctx: FakeContext, input: any, currentFmt: string | undefined): PreparedValue {
  if (input === null || input === undefined || input === '') return {};
  if (isDate(input)) return { v: new Date(input.getTime()), fmt: DATE_TIME_FORMAT };
  if (typeof input === 'number' || typeof input === 'boolean') return { v: input };
  const s = typeof input === 'string' ? input : String(input);
  checkLength(ctx, s);
  const parsed = parseTypedInput(s, { plainText: currentFmt === PLAIN_TEXT_FORMAT, timeZone: ctx.timeZone, keepApostrophe: ctx.keepsApostrophe });
  switch (parsed.kind) {
    case 'empty':
      return {};
    case 'text':
      return { v: parsed.value };
    case 'boolean':
      return { v: parsed.value };
    case 'number':
      return { v: parsed.value, fmt: parsed.format };
    case 'date':
      return { v: parsed.value, fmt: parsed.format, forceFmt: !isDateFormat(currentFmt) };
    case 'formula':
      return { f: parsed.formula };
  }
}

/** Throws Apps Script's error for strings over the per-cell limit. */
export function checkLength(ctx: FakeContext, input: any): void {
  if (typeof input === 'string' && input.length > MAX_CELL_CHARS) {
    throw gasError(ctx, `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
}

/** Applies a prepared value to a cell (creating it); returns the cell or undefined if it became blank. */
export function applyValue(cell: Cell | undefined, p: PreparedValue): Cell | undefined {
  const c: Cell = cell || {};
  c.v = p.v;
  c.f = p.f;
  if (p.fmt && (isAutomaticFormat(c.fmt) || p.forceFmt)) c.fmt = p.fmt;
  return isBlank(c) ? undefined : c;
}

export function isBlank(c: Cell): boolean {
  return c.v === undefined && c.f === undefined && c.fmt === undefined && (!c.style || Object.keys(c.style).length === 0);
}

/** Value as getValues() returns it: '' when empty, formula cells as '#ERROR!', dates per format. */
export function readValue(ctx: FakeContext, cell: Cell | undefined): any {
  if (!cell) return '';
  if (cell.f !== undefined) return FORMULA_ERROR;
  const v = cell.v;
  if (v === undefined) return '';
  if (typeof v === 'number' && isDateFormat(cell.fmt)) return makeDate(ctx, fromSerial(v, ctx.timeZone));
  if (isDate(v)) {
    const explicitNumber = cell.fmt !== undefined && cell.fmt !== PLAIN_TEXT_FORMAT && !isAutomaticFormat(cell.fmt) && !isDateFormat(cell.fmt);
    if (explicitNumber) return toSerial(v.getTime(), ctx.timeZone);
    return makeDate(ctx, v.getTime());
  }
  return v;
}

export function readDisplay(ctx: FakeContext, cell: Cell | undefined): string {
  if (!cell) return '';
  if (cell.f !== undefined) return FORMULA_ERROR;
  return displayValue(cell.v, cell.fmt, ctx.timeZone);
}

/** Cross-realm description of an argument, as used in Apps Script signature errors. */
export function describeArg(v: any): string {
  if (Array.isArray(v)) return (v.length ? describeArg(v[0]) : 'Object') + '[]';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  return 'Object';
}
