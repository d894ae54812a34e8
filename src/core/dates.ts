/** Calendar dates as ISO text ('YYYY-MM-DD'), the way the sheets store them. A date here is a day on the
 *  calendar, not an instant: all arithmetic runs in UTC on the text, so a server in another time zone or
 *  a daylight-saving change never moves a membership's end date by a day. Only `todayIn` looks at a
 *  time zone, to decide which calendar day it is for the organisation.
 *
 *  Functions that read a date (`dateOf`, `addDays`, `addMonths`, `daysBetween`) also accept a datetime
 *  ('2026-03-14T09:30:00Z') and use its first 10 characters: the calendar day as it was written.
 *  `isIsoDate` is a validator and accepts the plain date form only. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not. */
function utc(year: number, month: number, day: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return t.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month + 1, 0)).getUTCDate();
}

/** True for 'YYYY-MM-DD' naming a real day ('2026-02-30' is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** Results of `dateOf`, `addDays` and `addMonths` by input: a sheet holds a few thousand distinct dates
 *  over hundreds of thousands of rows, and the nightly statuses and the search work through all of
 *  them. Pure functions, so remembering is safe; the memo is emptied when it grows large. */
const MEMO_LIMIT = 50000;
const days = new Map<string, string>();
const plusDays = new Map<string, string>();
const plusMonths = new Map<string, string>();

function remembered(memo: Map<string, string>, key: string, compute: () => string): string {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, (value = compute()));
  }
  return value;
}

/** The calendar day of a date or datetime text, or '' when it names none. */
export function dateOf(s: string): string {
  const text = String(s ?? '');
  if (text === '') return '';
  return remembered(days, text, () => {
    const day = text.trim().slice(0, 10);
    return isIsoDate(day) ? day : '';
  });
}

function parts(iso: string): [number, number, number] {
  const day = dateOf(iso);
  if (!day) throw new RangeError(`Not a date (YYYY-MM-DD): '${iso}'`);
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar date at `now` in an IANA time zone ('Europe/Paris'). An unknown zone falls back to UTC. */
export function todayIn(now: Date, timeZone: string): string {
  try {
    const fields = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
    const get = (type: string) => fields.find((p) => p.type === type)?.value ?? '';
    const day = `${get('year')}-${get('month')}-${get('day')}`;
    if (isIsoDate(day)) return day;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  return now.toISOString().slice(0, 10);
}

/** `iso` moved by `n` days (negative goes back). Throws on text that is not a date. */
export function addDays(iso: string, n: number): string {
  return remembered(plusDays, `${iso}|${n}`, () => {
    const [y, m, d] = parts(iso);
    return fromUtc(utc(y, m, d + n));
  });
}

/** `iso` moved by `n` months, clamped to the end of a shorter month: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(iso: string, n: number): string {
  return remembered(plusMonths, `${iso}|${n}`, () => monthsLater(iso, n));
}

function monthsLater(iso: string, n: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `to` − `from` in days: daysBetween('2026-01-01', '2026-01-31') = 30. */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((utc(y2, m2, d2) - utc(y1, m1, d1)) / DAY_MS);
}

/** A spreadsheet's day number (days since 1899-12-30, as Excel's 1900 system and Google Sheets count
 *  them; a fraction is the time of day) → 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SS' rounded to the
 *  second when it has a time; anything but a number is given back as text. */
export function isoOfSerialDay(serial: number): string {
  if (!Number.isFinite(serial)) return String(serial);
  const iso = new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86400) * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}
