import { dateOf } from './dates';

/** Calendar days as whole numbers (days since 1970-01-01), for the scans over the biggest tables (the
 *  query engine, RFM, engagement): reading '2026-03-14T09:30:00Z' into a number allocates nothing, and
 *  numbers compare and subtract without building Date objects. They order exactly as ISO texts do.
 *
 *  A cell that names no day reads as NO_DAY, which is below every day: "on or after X" is false for
 *  it and "before X" true, as it is for '' in the text comparisons it replaces. */
export const NO_DAY = -2147483648;

const DAY_MS = 86_400_000;

/** Howard Hinnant's days_from_civil: proleptic Gregorian, any year. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const digit = (s: string, i: number) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The day a date or datetime cell names, read as `dateOf` reads it (its first 10 characters once
 *  trimmed, which must be a real YYYY-MM-DD day), or NO_DAY. */
export function dayNumber(cell: unknown): number {
  if (typeof cell !== 'string') return cell === undefined || cell === null || cell === '' ? NO_DAY : viaText(String(cell));
  if (cell.length < 10) return cell.trim() === '' ? NO_DAY : viaText(cell);
  if (cell.charCodeAt(0) <= 32) return viaText(cell);
  if (cell.charCodeAt(4) !== 45 || cell.charCodeAt(7) !== 45) return NO_DAY;
  const y0 = digit(cell, 0),
    y1 = digit(cell, 1),
    y2 = digit(cell, 2),
    y3 = digit(cell, 3);
  const m0 = digit(cell, 5),
    m1 = digit(cell, 6),
    d0 = digit(cell, 8),
    d1 = digit(cell, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return NO_DAY;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1) return NO_DAY;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > MONTH_DAYS[month - 1] + (leap ? 1 : 0)) return NO_DAY;
  return daysFromCivil(year, month, day);
}

function viaText(text: string): number {
  const day = dateOf(text);
  return day ? dayNumber(day) : NO_DAY;
}

/** The ISO text of a day number ('' for NO_DAY). */
export function isoOfDay(day: number): string {
  if (day === NO_DAY) return '';
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
