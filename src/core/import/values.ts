import { isIsoDate } from '../dates';
import { fold } from '../text';

/** Reading the values people type in spreadsheets, in English, French, Spanish and Portuguese: dates in
 *  the three orders, amounts with either decimal mark, yes/no, tag lists and full names. Each reader
 *  returns null when it cannot be sure, so that the import reports the cell instead of guessing. */

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

const TIME = String.raw`(?:[T\s,]+(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp]\.?[Mm]\.?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})` + TIME + '$');
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})` + TIME + '$');

/** Month names and their usual abbreviations in the four languages, folded. */
const MONTHS: Record<string, number> = {};
[
  ['january jan janvier janv enero ene janeiro', 1],
  ['february feb fevrier fevr fev febrero fevereiro', 2],
  ['march mar mars marzo marco', 3],
  ['april apr avril avr abril abr', 4],
  ['may mai mayo maio', 5],
  ['june jun juin junio junho', 6],
  ['july jul juillet juil julio julho', 7],
  ['august aug aout agosto ago', 8],
  ['september sep sept septembre septiembre setiembre setembro set', 9],
  ['october oct octobre octubre outubro out', 10],
  ['november nov novembre noviembre novembro', 11],
  ['december dec decembre diciembre dic dezembro dez', 12],
].forEach(([names, month]) => (names as string).split(' ').forEach((name) => (MONTHS[name] = month as number)));

/** Words a written-out date may carry besides its day, month and year: a time, am/pm, a weekday. */
const TIME_OR_WEEKDAY = /^(\d{1,2}[:h]\d{2}(:\d{2})?|[ap]m|(mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim|mie|jue|vie|sab|dom|seg|ter|qua|qui|sex|feira)\w*)$/;

/** '31 déc. 2024', 'December 31, 2024', '3 de marzo de 2024', '14 mars 2024 10:00': day, month, year. */
function namedMonth(text: string): [number, number, number] | null {
  const words = fold(text)
    .replace(/[ºª]/g, '')
    .replace(/\b(de|del|le|the|of)\b/g, ' ')
    .replace(/(\d)(st|nd|rd|th|er)\b/g, '$1')
    .split(/[\s,./-]+/)
    .filter(Boolean);
  const month = words.findIndex((w) => MONTHS[w] !== undefined);
  if (month < 0) return null;
  const numbers = words.filter((w, i) => i !== month && /^\d+$/.test(w));
  const rest = words.filter((w, i) => i !== month && !/^\d+$/.test(w));
  if (numbers.length !== 2 || rest.some((w) => !TIME_OR_WEEKDAY.test(w))) return null;
  const [a, b] = numbers;
  return a.length === 4 ? [Number(b), MONTHS[words[month]], Number(a)] : [Number(a), MONTHS[words[month]], fullYear(b)];
}

/** Two-digit years: 00–69 → 20xx, 70–99 → 19xx (as spreadsheets read them). */
function fullYear(year: string): number {
  const y = Number(year);
  return year.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

/** A day and a month without a year: '10/08', '14.01.'. */
const DAY_MONTH = /^(\d{1,2})[-/.](\d{1,2})\.?$/;

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Looks at a column's non-empty values: 'ymd' for ISO-like, 'mdy' when a middle part exceeds 12
 *  somewhere (US exports: Eventbrite, Mailchimp), 'dmy' otherwise (France, Spain, Portugal, Latin
 *  America). When values disagree (a day above 12 first in some, in the middle in others), the order
 *  most of them prove wins, and 'dmy' on a tie. ISO values say nothing about the others' order. */
export function detectDateOrder(values: string[], fallback: 'dmy' | 'mdy' = 'dmy'): DateOrder {
  let others = 0;
  let dayFirst = 0;
  let monthFirst = 0;
  for (const value of values) {
    const text = value.trim();
    if (text === '' || YEAR_FIRST.test(text)) continue;
    // A birthday without its year ('02/29') tells the order as well as a full date.
    const m = YEAR_LAST.exec(text) ?? DAY_MONTH.exec(text);
    if (!m) continue;
    others++;
    const first = Number(m[1]);
    const middle = Number(m[2]);
    if (first > 12 && middle <= 12) dayFirst++;
    else if (middle > 12 && first <= 12) monthFirst++;
  }
  if (others === 0) return 'ymd';
  if (monthFirst === dayFirst) return fallback;
  return monthFirst > dayFirst ? 'mdy' : 'dmy';
}

interface DateTimeParts {
  date: string;
  time: string | null;
}

/** Excel and Sheets store a date as days since 1899-12-30 (with the time as a fraction): an export
 *  that lost the cell's format shows '45291' or '45291.5'. Read as such between 1930 and 2150. */
const SERIAL = /^(\d{5})(?:[.,](\d+))?$/;

function fromSerial(text: string): DateTimeParts | null {
  const m = SERIAL.exec(text);
  if (!m) return null;
  const days = Number(m[1]);
  if (days < 10959 || days > 91310) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + days * 86400000).toISOString().slice(0, 10);
  if (!m[2]) return { date, time: null };
  const seconds = Math.round(Number(`0.${m[2]}`) * 86400);
  if (seconds >= 86400) return { date, time: null };
  const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return { date, time: `${hh}:${mm}:${ss}` };
}

function readParts(text: string, order: DateOrder): DateTimeParts | null {
  const t = String(text ?? '').trim();
  if (t === '') return null;
  const serial = fromSerial(t);
  if (serial) return serial;
  let y: number;
  let mo: number;
  let d: number;
  let time: RegExpExecArray | null = null;
  const ymd = YEAR_FIRST.exec(t);
  const other = ymd ? null : YEAR_LAST.exec(t);
  if (ymd) {
    [y, mo, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    time = ymd;
  } else if (other) {
    const [a, b] = [Number(other[1]), Number(other[2])];
    [d, mo] = order === 'mdy' ? [b, a] : [a, b];
    y = fullYear(other[3]);
    time = other;
  } else {
    const named = namedMonth(t);
    if (!named) return null;
    [d, mo, y] = named;
  }
  const date = iso(y, mo, d);
  if (!isIsoDate(date)) return null;
  if (!time || time[4] === undefined) return { date, time: null };
  let hours = Number(time[4]);
  const minutes = Number(time[5]);
  const meridiem = time[7] ? time[7][0].toLowerCase() : '';
  if (meridiem && (hours < 1 || hours > 12)) return null;
  if (meridiem === 'p' && hours < 12) hours += 12;
  if (meridiem === 'a' && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59 || (time[6] !== undefined && Number(time[6]) > 59)) return null;
  const zone = !time[8] ? '' : /^(Z|UTC|GMT)$/.test(time[8]) ? 'Z' : time[8].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  return { date, time: `${String(hours).padStart(2, '0')}:${time[5]}:${time[6] ?? '00'}${zone}` };
}

/** '31/12/2024', '31-12-24', '2024-12-31', '2024-12-31 14:05:00', '12/31/2024 2:05 PM', '31.12.2024' →
 *  'YYYY-MM-DD' (the date part), or null when it is not a real date. Two-digit years: 00–69 → 20xx,
 *  70–99 → 19xx. A year written first is always year-month-day; the order decides the others ('ymd'
 *  reads them day first). Month names in the four languages are read too ('31 déc. 2024'). */
export function readDate(text: string, order: DateOrder): string | null {
  return readParts(text, order)?.date ?? null;
}

/** A birthday with or without its year: a full date as `readDate` reads it ('YYYY-MM-DD'), or a day and
 *  a month ('10/08' in the file's order, '14 janvier', 'January 14', '3 de marzo', '--08-10') as
 *  '--MM-DD' (ISO 8601's form for a date without a year, which Mailchimp's MM/DD birthdays need).
 *  29 February is a birthday. Null when it is neither. */
export function readBirthday(text: string, order: DateOrder): string | null {
  const full = readDate(text, order);
  if (full) return full;
  const t = String(text ?? '').trim();
  let day: number;
  let month: number;
  const iso = /^--(\d{2})-(\d{2})$/.exec(t);
  const numeric = DAY_MONTH.exec(t);
  if (iso) [month, day] = [Number(iso[1]), Number(iso[2])];
  else if (numeric) {
    const [a, b] = [Number(numeric[1]), Number(numeric[2])];
    [day, month] = order === 'mdy' ? [b, a] : [a, b];
  } else {
    const words = fold(t)
      .replace(/\b(de|del|le|the|of)\b/g, ' ')
      .replace(/(\d)(st|nd|rd|th|er)\b/g, '$1')
      .split(/[\s,./-]+/)
      .filter(Boolean);
    if (words.length !== 2) return null;
    const at = words.findIndex((w) => MONTHS[w] !== undefined);
    const other = words[1 - at];
    if (at < 0 || !/^\d{1,2}$/.test(other ?? '')) return null;
    [day, month] = [Number(other), MONTHS[words[at]]];
  }
  return monthDay(month, day);
}

/** '--MM-DD' for a real day of a month in a leap year, or null. */
export function monthDay(month: number, day: number): string | null {
  if (!(month >= 1 && month <= 12 && day >= 1)) return null;
  if (day > new Date(Date.UTC(2000, month, 0)).getUTCDate()) return null;
  return `--${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Like `readDate`, keeping the time of a numeric date when there is one: '14/03/2024 10:22:31' → '2024-03-14T10:22:31',
 *  '2023-09-21 13:06:25-07:00' → '2023-09-21T13:06:25-07:00'; a date alone stays 'YYYY-MM-DD'. For the
 *  datetime columns (consent, opt-out). */
export function readDateTime(text: string, order: DateOrder): string | null {
  const parts = readParts(text, order);
  return parts ? (parts.time ? `${parts.date}T${parts.time}` : parts.date) : null;
}

/** Currency marks and codes an amount may carry, and the ISO code each one names for sure. A bare '$'
 *  is not here: it is dollars in the US, pesos in Mexico, reais nowhere. */
const CURRENCIES: [RegExp, string][] = [
  [/R\$|\bBRL\b/i, 'BRL'],
  [/US\$|\bUSD\b/i, 'USD'],
  [/€|\bEUR\b|\beuros?\b/i, 'EUR'],
  [/£|\bGBP\b/i, 'GBP'],
  [/\bCHF\b/i, 'CHF'],
  [/\bCAD\b|CA\$|C\$/i, 'CAD'],
  [/\bMXN\b/i, 'MXN'],
];
const CURRENCY_MARKS = /R\$|US\$|CA\$|C\$|[€$£¥]|\b(?:EUR|USD|BRL|GBP|CHF|CAD|MXN|ARS|CLP|COP|euros?)\b/gi;

/** The ISO currency an amount's text names ('R$ 12,50' → 'BRL', '12 €' → 'EUR'), or '' when none or unsure. */
export function readCurrency(text: string): string {
  const t = String(text ?? '');
  for (const [pattern, code] of CURRENCIES) if (pattern.test(t)) return code;
  return '';
}

/** Grouping as written: '1 234', '1.234.567', "1'234", the first group 1–3 digits and not a lone 0. */
function groupedInteger(text: string, separators: string): string | null {
  if (/^\d+$/.test(text)) return text;
  const parts = text.split(new RegExp(`[${separators}]`));
  if (parts.length < 2 || !/^[1-9]\d{0,2}$/.test(parts[0]) || parts.slice(1).some((p) => !/^\d{3}$/.test(p))) return null;
  const seps = text.replace(/\d/g, '');
  return seps.split('').every((s) => s === seps[0]) ? parts.join('') : null;
}

/** '1 234,56', '1.234,56', '1,234.56', '€ 12,50', '12,50 €', 'R$ 1.234,56', '$1,234.56', '-5' → number, or
 *  null. A lone comma with 1–2 decimals after it is a decimal comma; so is a comma that cannot be
 *  grouping ('0,125', '12,5678'). A lone dot is a decimal point ('1.234' is 1.234: write '1.234,00' or
 *  '1234' for a thousand). Negative as '-5', '5-' or '(5)'. */
export function readAmount(text: string): number | null {
  let t = String(text ?? '')
    .replace(CURRENCY_MARKS, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
  let negative = false;
  if (/^\(.*\)$/.test(t)) [negative, t] = [true, t.slice(1, -1).trim()];
  if (/^[-−]/.test(t)) [negative, t] = [!negative, t.slice(1).trim()];
  else if (/[-−]$/.test(t)) [negative, t] = [!negative, t.slice(0, -1).trim()];
  else if (t.startsWith('+')) t = t.slice(1).trim();
  if (!/^(\d[\d ',.]*|[.,]\d+)$/.test(t) || /[ ',.]$/.test(t)) return null;
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  const commas = t.split(',').length - 1;
  const dots = t.split('.').length - 1;
  let decimalMark = '';
  if (lastDot >= 0 && lastComma >= 0) decimalMark = lastDot > lastComma ? '.' : ',';
  else if (commas === 1) decimalMark = /,\d{1,2}$/.test(t) || groupedInteger(t, ",' ") === null ? ',' : '';
  else if (dots === 1) decimalMark = '.';
  const at = decimalMark ? t.lastIndexOf(decimalMark) : t.length;
  const decimals = t.slice(at + 1);
  if (decimalMark && (decimals.length === 0 || !/^\d+$/.test(decimals) || t.split(decimalMark).length > 2)) return null;
  const whole = t.slice(0, at);
  const integer = whole === '' ? '0' : groupedInteger(whole, decimalMark === ',' ? ". '" : decimalMark === '.' ? ", '" : ",. '");
  if (integer === null) return null;
  const value = Number(decimalMark ? `${integer}.${decimals}` : integer);
  return Number.isFinite(value) ? (negative ? -value : value) || 0 : null;
}

const TRUE_WORDS = new Set(['true', 'vrai', 'verdadero', 'verdadeiro', 'yes', 'y', 'oui', 'o', 'si', 'sim', 's', '1', 'x', 'on', '✓', '✔']);
const FALSE_WORDS = new Set(['false', 'faux', 'falso', 'no', 'n', 'non', 'nao', '0', 'off']);

/** TRUE/FALSE in the four languages and common forms (yes/no, oui/non, sí/no, sim/não, 1/0, x, vrai/faux,
 *  verdadero/falso, verdadeiro/falso) → boolean, or null (for an empty cell too). */
export function readBoolean(text: string): boolean | null {
  const t = fold(String(text ?? '').trim()).replace(/[.!]$/, '');
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

/** 'a; b, c | d' → ['a','b','c','d'], trimmed, empty and duplicate (case/accent-insensitive) removed. Line
 *  breaks separate too, and the quotes Mailchimp puts around each tag ('"Donor","Volunteer"') go. */
export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of String(text ?? '').split(/[;,|\r\n]+/)) {
    const tag = part
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    if (tag === '' || seen.has(fold(tag))) continue;
    seen.add(fold(tag));
    tags.push(tag);
  }
  return tags;
}

export { splitFullName } from './full-names';
