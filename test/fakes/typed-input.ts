/**
 * Parses a string the way Google Sheets parses typed input (locale en_US), which is also what
 * Range.setValue / setValues do with strings in cells that are not formatted as plain text ('@').
 */
import { fromWallTime, wallTime } from './tz';

export type TypedValue =
  | { kind: 'empty' }
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number; format?: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; value: Date; format: string }
  | { kind: 'formula'; formula: string };

export interface ParseOptions {
  /** True when the target cell's number format is plain text ('@'). */
  plainText?: boolean;
  /** Time zone of the spreadsheet (dates are wall-clock times there). Host zone when absent. */
  timeZone?: string;
  /** Clock used for dates typed without a year. */
  now?: Date;
  /** A plain-text cell keeps a leading apostrophe (see FakeContext.keepsApostrophe). */
  keepApostrophe?: boolean;
}

export const DATE_FORMAT = 'M/d/yyyy';
export const DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';
export const TIME_FORMAT = 'h:mm:ss am/pm';

export function parseTypedInput(input: string, options: ParseOptions = {}): TypedValue {
  if (input.startsWith("'") && !(options.plainText && options.keepApostrophe)) return text(input.slice(1));
  if (options.plainText) return text(input);
  if (input.startsWith('=')) return { kind: 'formula', formula: input };

  const s = input.trim();
  const num = parseNumber(s);
  if (num) return num;
  if (/^(true|false)$/i.test(s)) return { kind: 'boolean', value: s.toLowerCase() === 'true' };
  const date = parseDate(s, options);
  if (date) return date;
  // "+33 6 12 34 56 78", "-abc", "--": a leading sign starts a formula in Sheets.
  if (/^[+-]./.test(input)) return { kind: 'formula', formula: '=' + input };
  return text(input);
}

function text(value: string): TypedValue {
  return value === '' ? { kind: 'empty' } : { kind: 'text', value };
}

// ---------------------------------------------------------------- numbers

const NUMBER_BODY = /^(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumber(s: string): TypedValue | null {
  let rest = s;
  let sign = 1;
  let currency = false;
  let percent = false;
  const takeSign = () => {
    if (rest[0] === '+' || rest[0] === '-') {
      if (rest[0] === '-') sign = -1;
      rest = rest.slice(1);
      return true;
    }
    return false;
  };
  const signed = takeSign();
  if (rest[0] === '$') {
    currency = true;
    rest = rest.slice(1);
    if (!signed) takeSign();
  }
  if (rest.endsWith('%') && !currency) {
    percent = true;
    rest = rest.slice(0, -1);
  }
  if (!NUMBER_BODY.test(rest)) return null;
  let value = Number(rest.replace(/,/g, ''));
  if (!isFinite(value)) return null;
  if (percent) value = value / 100;
  value = sign * value;
  if (value === 0) value = 0; // no -0
  let format: string | undefined;
  if (percent) format = rest.includes('.') ? '0.00%' : '0%';
  else if (currency) format = '"$"#,##0.00';
  else if (/e/i.test(rest)) format = '0.00E+00';
  return format ? { kind: 'number', value, format } : { kind: 'number', value };
}

// ---------------------------------------------------------------- dates and times

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?\\s*(am|pm|a|p)?';
const TIME_SUFFIX = `(?:\\s+${TIME})?`;

const ISO_DATE = new RegExp(`^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})${TIME_SUFFIX}$`, 'i');
const US_DATE = new RegExp(`^(\\d{1,2})([/-])(\\d{1,2})(?:\\2(\\d{4}|\\d{2}))?${TIME_SUFFIX}$`, 'i');
const NAMED_MDY = new RegExp(`^${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?${TIME_SUFFIX}$`, 'i');
const NAMED_DMY = new RegExp(`^(\\d{1,2})\\s+${MONTH_NAME},?(?:\\s+(\\d{4}))?${TIME_SUFFIX}$`, 'i');
const TIME_ONLY = new RegExp(`^${TIME}$`, 'i');
const HOUR_ONLY = /^(\d{1,2})\s*(am|pm)$/i;

interface Clock {
  hour: number;
  minute: number;
  second: number;
  ms: number;
  withSeconds: boolean;
}

function parseClock(h?: string, m?: string, sec?: string, frac?: string, ampm?: string): Clock | null | undefined {
  if (h === undefined) return undefined;
  let hour = Number(h);
  const minute = Number(m);
  const second = sec ? Number(sec) : 0;
  if (minute > 59 || second > 59) return null;
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    const pm = ampm[0].toLowerCase() === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  const ms = frac ? Number(frac.padEnd(3, '0')) : 0;
  return { hour, minute, second, ms, withSeconds: sec !== undefined };
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate(); // leap-year agnostic max
  if (day > days) return false;
  if (month === 2 && day === 29) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return true;
}

function twoDigitYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function buildDate(year: number, month: number, day: number, clock: Clock | null | undefined, dateFormat: string, options: ParseOptions): TypedValue | null {
  if (clock === null || !validDay(year, month, day)) return null;
  const c = clock || { hour: 0, minute: 0, second: 0, ms: 0, withSeconds: false };
  const ms = fromWallTime({ year, month, day, hour: c.hour, minute: c.minute, second: c.second, ms: c.ms }, options.timeZone);
  const format = clock ? dateFormat + ' H:mm:ss' : dateFormat;
  return { kind: 'date', value: new Date(ms), format };
}

function currentYear(options: ParseOptions): number {
  const now = options.now ? options.now.getTime() : Date.now();
  return wallTime(now, options.timeZone).year;
}

function parseDate(s: string, options: ParseOptions): TypedValue | null {
  let m = ISO_DATE.exec(s);
  if (m) {
    const clock = parseClock(m[4], m[5], m[6], m[7], m[8]);
    return buildDate(Number(m[1]), Number(m[2]), Number(m[3]), clock, 'yyyy-mm-dd', options);
  }
  m = US_DATE.exec(s);
  if (m) {
    const year = m[4] ? twoDigitYear(m[4]) : currentYear(options);
    const clock = parseClock(m[5], m[6], m[7], m[8], m[9]);
    return buildDate(year, Number(m[1]), Number(m[3]), clock, DATE_FORMAT, options);
  }
  m = NAMED_MDY.exec(s);
  if (m) {
    const year = m[3] ? Number(m[3]) : currentYear(options);
    const clock = parseClock(m[4], m[5], m[6], m[7], m[8]);
    return buildDate(year, monthIndex(m[1]), Number(m[2]), clock, 'mmm d, yyyy', options);
  }
  m = NAMED_DMY.exec(s);
  if (m) {
    const year = m[3] ? Number(m[3]) : currentYear(options);
    const clock = parseClock(m[4], m[5], m[6], m[7], m[8]);
    return buildDate(year, monthIndex(m[2]), Number(m[1]), clock, 'd mmm yyyy', options);
  }
  m = TIME_ONLY.exec(s) || null;
  let clock: Clock | null | undefined;
  if (m) clock = parseClock(m[1], m[2], m[3], m[4], m[5]);
  else if ((m = HOUR_ONLY.exec(s))) clock = parseClock(m[1], '00', undefined, undefined, m[2]);
  if (!clock) return null;
  // A time alone is a fraction of a day: Apps Script hands it back as a date on 1899-12-30.
  const ms = fromWallTime({ year: 1899, month: 12, day: 30, hour: clock.hour, minute: clock.minute, second: clock.second, ms: clock.ms }, options.timeZone);
  return { kind: 'date', value: new Date(ms), format: TIME_FORMAT };
}
