/** Dates and amounts as people of the sidebar's language write them (Intl), and the little date
 *  arithmetic the forms need. The server sends ISO text: 'YYYY-MM-DD' for days, full ISO for moments. */
import type { Language } from './i18n';

/** The locale Intl formats with: the browser's own when it speaks the sidebar's language (so that a
 *  reader in Lisbon gets pt-PT and one in São Paulo pt-BR), else the bare language. */
export function localeFor(language: Language, browserLocale?: string | null): string {
  const browser = String(browserLocale ?? '').trim();
  if (browser && browser.slice(0, 2).toLowerCase() === language && isSupportedLocale(browser)) return browser;
  return language;
}

function isSupportedLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** '2024-03-05' → a Date at midnight UTC of that day (null when the text is not a day). */
export function parseDay(text: string): Date | null {
  const m = DAY.exec(String(text ?? '').trim());
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCDate() === Number(m[3]) ? date : null;
}

/** A day: '5 mars 2024', '5 Mar 2024', '5 mar 2024'. Text that is not a date comes back as it is. */
export function formatDate(value: string, locale: string): string {
  if (!value) return '';
  const day = parseDay(value);
  if (day) return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(day);
  const moment = parseMoment(value);
  return moment ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(moment) : value;
}

/** A moment, in the reader's time zone: '5 mars 2024, 14:30'. A bare day shows as a day. */
export function formatDateTime(value: string, locale: string, timeZone?: string): string {
  if (!value) return '';
  if (parseDay(value)) return formatDate(value, locale);
  const moment = parseMoment(value);
  if (!moment) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(moment);
}

function parseMoment(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An amount with its currency: '1 234,50 €', '€1,234.50'. An amount without a usable currency
 *  shows as a plain number followed by whatever currency text there is. */
export function formatMoney(amount: number | '' | null | undefined, currency: string, locale: string): string {
  if (amount === '' || amount === null || amount === undefined || !Number.isFinite(amount)) return '';
  const code = String(currency ?? '')
    .trim()
    .toUpperCase();
  if (/^[A-Z]{3}$/.test(code)) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(amount);
    } catch {
      // An unknown code: fall through to the plain number.
    }
  }
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(amount);
  return code ? `${number} ${String(currency).trim()}` : number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The value of an `<input type="datetime-local">` for a moment, in the reader's time zone. */
export function localDateTimeValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Today as the reader's calendar says: 'YYYY-MM-DD'. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** '2024-02-27' + 3 → '2024-03-01'. A day that cannot be read gives ''. */
export function addDaysTo(day: string, days: number): string {
  const date = parseDay(day);
  if (!date) return '';
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** What an `<input type="datetime-local">` holds ('2024-03-05T14:30', the reader's time) as an ISO
 *  moment with its zone ('2024-03-05T13:30:00.000Z'); '' when it holds nothing usable. */
export function isoMoment(local: string): string {
  if (!local) return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** 'one' or 'other', the two forms every language of the sidebar has (French's 'many', for millions,
 *  reads like 'other'). */
export function pluralForm(count: number, locale: string): 'one' | 'other' {
  try {
    return new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  } catch {
    return count === 1 ? 'one' : 'other';
  }
}

/** An amount as people type it: '25', '25,50', '25.5', '1 200', '1,200.50', '1.200,50'; undefined
 *  for anything else ('trente', '12,3,4'). Thousands come in groups of three; a lone comma not followed by
 *  a group of three is the decimal mark. */
export function parseAmount(value: string): number | undefined {
  const text = value.trim().replace(/[\s\u00a0\u202f]/g, '');
  const plain = (t: string) => (/^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined);
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return plain(text.replace(/,/g, ''));
  // Points as thousands only where a decimal comma follows or there are several groups ('12.345' stays
  // twelve and a bit, refused as money).
  if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(text) || /^-?\d{1,3}(\.\d{3}){2,}$/.test(text)) return plain(text.replace(/\./g, '').replace(',', '.'));
  if (/^-?\d+,\d+$/.test(text)) return plain(text.replace(',', '.'));
  return plain(text);
}

/** A positive amount of at most two decimals (a gift, a payment), else undefined. */
export function parseMoney(value: string): number | undefined {
  const amount = parseAmount(value);
  return amount !== undefined && amount > 0 && Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6 ? amount : undefined;
}

/** 1234 → '1,234', 17.74 → '17.7' ('1 234', '17,7' in French). */
export function wholeNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}
