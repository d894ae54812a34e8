/** Renders cell values the way Sheets displays them for a number format (getDisplayValues). */
import { fromSerial, toSerial, wallTime } from './tz';

export const AUTOMATIC_FORMAT = '0.###############';
export const PLAIN_TEXT_FORMAT = '@';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function isAutomaticFormat(fmt: string | undefined): boolean {
  return fmt === undefined || fmt === '' || fmt === AUTOMATIC_FORMAT || /^general$/i.test(fmt);
}

/** Format text without quoted literals, escapes and [color] tags. */
function stripLiterals(fmt: string): string {
  return fmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
}

export function isDateFormat(fmt: string | undefined): boolean {
  if (fmt === undefined || isAutomaticFormat(fmt) || fmt === PLAIN_TEXT_FORMAT) return false;
  const core = stripLiterals(fmt.split(';')[0]);
  if (/[ydhs]|am\/pm|a\/p/i.test(core)) return true;
  return /m/i.test(core) && !/[0#?]/.test(core);
}

/** Automatic display of a number: up to 15 significant digits, no trailing zeros. */
export function automaticNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(parseFloat(n.toPrecision(10)));
}

export function displayValue(value: any, fmt: string | undefined, tz?: string): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const isDateValue = Object.prototype.toString.call(value) === '[object Date]';
  if (fmt === PLAIN_TEXT_FORMAT || isAutomaticFormat(fmt)) {
    if (isDateValue) return formatDateTokens(value.getTime(), 'M/d/yyyy H:mm:ss', tz);
    return automaticNumber(value);
  }
  if (isDateFormat(fmt)) {
    const ms = isDateValue ? value.getTime() : fromSerial(Number(value), tz);
    return formatDateTokens(ms, fmt!.split(';')[0], tz);
  }
  const n = isDateValue ? toSerial(value.getTime(), tz) : Number(value);
  return formatNumber(n, fmt!);
}

// ---------------------------------------------------------------- dates

type Tok = { t: string; lit?: boolean };

function tokenizeDate(fmt: string): Tok[] {
  const out: Tok[] = [];
  const re = /"([^"]*)"|\\(.)|(am\/pm|a\/p)|\[(h+|m+|s+)\]|(y+|m+|d+|h+|s+)|(\.0+)|(.)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fmt))) {
    if (m[1] !== undefined) out.push({ t: m[1], lit: true });
    else if (m[2] !== undefined) out.push({ t: m[2], lit: true });
    else if (m[3]) out.push({ t: m[3].toLowerCase() });
    else if (m[4]) out.push({ t: '[' + m[4].toLowerCase() + ']' });
    else if (m[5]) out.push({ t: m[5].toLowerCase() });
    else if (m[6]) out.push({ t: m[6] });
    else out.push({ t: m[7], lit: true });
  }
  return out;
}

export function formatDateTokens(ms: number, fmt: string, tz?: string): string {
  const w = wallTime(ms, tz);
  const toks = tokenizeDate(fmt);
  const twelve = toks.some((k) => !k.lit && (k.t === 'am/pm' || k.t === 'a/p'));
  const kinds = toks.map((k) => (k.lit ? '' : k.t[0] === '[' ? k.t[1] : k.t[0]));
  const isMinute = (i: number) => {
    for (let j = i - 1; j >= 0; j--) if (kinds[j] && kinds[j] !== '.') return kinds[j] === 'h';
    for (let j = i + 1; j < kinds.length; j++) if (kinds[j]) return kinds[j] === 's';
    return false;
  };
  const pad = (n: number, len: number) => String(n).padStart(len, '0');
  let out = '';
  toks.forEach((k, i) => {
    if (k.lit) return void (out += k.t);
    const t = k.t;
    const hour = twelve ? ((w.hour + 11) % 12) + 1 : w.hour;
    if (t === 'am/pm') out += w.hour < 12 ? 'AM' : 'PM';
    else if (t === 'a/p') out += w.hour < 12 ? 'A' : 'P';
    else if (t[0] === '.')
      out +=
        '.' +
        pad(w.ms, 3)
          .slice(0, t.length - 1)
          .padEnd(t.length - 1, '0');
    else if (t[0] === '[') out += String(Math.floor(toSerial(ms, tz) * (t[1] === 'h' ? 24 : t[1] === 'm' ? 1440 : 86400)));
    else if (t[0] === 'y') out += t.length <= 2 ? pad(w.year % 100, 2) : String(w.year);
    else if (t[0] === 'd') out += t.length === 1 ? w.day : t.length === 2 ? pad(w.day, 2) : t.length === 3 ? DAYS[w.weekday].slice(0, 3) : DAYS[w.weekday];
    else if (t[0] === 'h') out += t.length === 1 ? hour : pad(hour, 2);
    else if (t[0] === 's') out += t.length === 1 ? w.second : pad(w.second, 2);
    else if (t[0] === 'm' && t.length <= 2 && isMinute(i)) out += t.length === 1 ? w.minute : pad(w.minute, 2);
    else if (t[0] === 'm') {
      out += t.length === 1 ? w.month : t.length === 2 ? pad(w.month, 2) : t.length === 3 ? MONTHS[w.month - 1].slice(0, 3) : t.length === 5 ? MONTHS[w.month - 1][0] : MONTHS[w.month - 1];
    } else out += t;
  });
  return out;
}

// ---------------------------------------------------------------- numbers

function splitSections(fmt: string): string[] {
  const sections: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '"') quoted = !quoted;
    if (c === '\\' && !quoted) {
      cur += c + (fmt[++i] ?? '');
      continue;
    }
    if (c === ';' && !quoted) {
      sections.push(cur);
      cur = '';
    } else cur += c;
  }
  sections.push(cur);
  return sections;
}

export function formatNumber(n: number, fmt: string): string {
  const sections = splitSections(fmt);
  let section = sections[0];
  let negativeSign = n < 0;
  if (n < 0 && sections.length > 1 && sections[1] !== '') {
    section = sections[1];
    negativeSign = false;
  } else if (n === 0 && sections.length > 2 && sections[2] !== '') {
    section = sections[2];
  }
  return (negativeSign ? '-' : '') + renderSection(Math.abs(n), section);
}

function renderSection(n: number, section: string): string {
  // Split into literal prefix, numeric core and literal suffix.
  const re = /"([^"]*)"|\\(.)|\[[^\]]*\]|(E[+-]0+)|([0#?.,%])|(.)/gi;
  const parts: { lit?: string; code?: string }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(section))) {
    if (m[1] !== undefined) parts.push({ lit: m[1] });
    else if (m[2] !== undefined) parts.push({ lit: m[2] });
    else if (m[3]) parts.push({ code: m[3].toUpperCase() });
    else if (m[4]) parts.push({ code: m[4] });
    else if (m[5] !== undefined && m[0][0] !== '[') parts.push({ lit: m[5] === '_' || m[5] === '*' ? '' : m[5] });
  }
  const codes = parts
    .filter((p) => p.code)
    .map((p) => p.code!)
    .join('');
  const percents = (codes.match(/%/g) || []).length;
  const value = n * Math.pow(100, percents);
  const core = codes.replace(/%/g, '');
  const expMatch = /E([+-])(0+)/.exec(core);
  const mantissa = expMatch ? core.slice(0, expMatch.index) : core;
  const [intPat, fracPat = ''] = mantissa.split('.');
  const hasPoint = mantissa.includes('.');
  const minInt = (intPat.match(/0/g) || []).length;
  const maxFrac = (fracPat.match(/[0#?]/g) || []).length;
  const minFrac = (fracPat.match(/0/g) || []).length;
  const grouping = /[0#?],[0#?]/.test(intPat);

  let num = value;
  let expText = '';
  if (expMatch) {
    let exp = num === 0 ? 0 : Math.floor(Math.log10(num));
    const intDigits = Math.max(1, (intPat.match(/[0#?]/g) || []).length);
    exp -= intDigits - 1;
    num = num / Math.pow(10, exp);
    if (Number(num.toFixed(maxFrac)) >= Math.pow(10, intDigits)) {
      num /= 10;
      exp += 1;
    }
    const digits = String(Math.abs(exp)).padStart(expMatch[2].length, '0');
    expText = 'E' + (exp < 0 ? '-' : expMatch[1] === '+' ? '+' : '') + digits;
  }
  let [intStr, fracStr = ''] = num.toFixed(maxFrac).split('.');
  while (fracStr.length > minFrac && fracStr.endsWith('0')) fracStr = fracStr.slice(0, -1);
  if (intStr === '0' && minInt === 0) intStr = '';
  intStr = intStr.padStart(minInt, '0');
  if (grouping) intStr = intStr.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const numberText = intStr + (hasPoint && (fracStr || minFrac) ? '.' + fracStr : '') + expText;

  let out = '';
  let placed = false;
  for (const p of parts) {
    if (p.lit !== undefined) out += p.lit;
    else if (p.code === '%') out += '%';
    else if (!placed) {
      out += numberText;
      placed = true;
    }
  }
  return out;
}
