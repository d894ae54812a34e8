import { isSupportedCountry, parsePhoneNumberFromString as parseWith, type CountryCode } from 'libphonenumber-js/core';
import { phoneMetadata } from './phone-metadata';

const parsePhoneNumberFromString = (text: string, country: CountryCode | undefined) => parseWith(text, country ? { defaultCountry: country } : {}, phoneMetadata());

/** Phone numbers as people write them: '06 12 34 56 78', '+33 6 12 34 56 78', '0033 6…', '06.12.34.56.78'.
 *  We store them as typed, and compare them by digits so that a search finds a number whichever way it
 *  was written. The 'min' metadata keeps the Apps Script bundle small; it knows lengths and prefixes,
 *  which is all that normalising and matching need. */

const PHONE_CHARS = /^[\d\s+\-./()]+$/;
/** Fewer digits than this is a year, a house number or a postcode being typed, not a phone number. */
const MIN_QUERY_DIGITS = 5;
/** Shorter fragments would match almost every number. */
const MIN_VARIANT = 4;

export function digitsOf(text: string): string {
  return String(text ?? '').replace(/\D/g, '');
}

function countryOf(code: string): CountryCode | undefined {
  const c = String(code ?? '')
    .trim()
    .toUpperCase();
  return c && isSupportedCountry(c as CountryCode, phoneMetadata()) ? (c as CountryCode) : undefined;
}

/** '0033 6…' → '+33 6…', so that the international prefix works without a default country. */
function plusFor00(text: string): string {
  const t = String(text ?? '').trim();
  const m = /^[\s(]*00/.exec(t);
  return m ? '+' + t.slice(m[0].length) : t;
}

/** E.164 ('+33612345678'), or null when the text is not a possible phone number. Numbers written without
 *  '+' or '00' are read in defaultCountry; an unknown country code is ignored. */
export function normalisePhone(text: string, defaultCountry: string): string | null {
  const t = plusFor00(text);
  if (!t) return null;
  const p = parsePhoneNumberFromString(t, countryOf(defaultCountry));
  return p && p.isPossible() ? p.number : null;
}

/** When the text looks like a phone number being typed (only digits, spaces, + - . / ( ), and at least 5
 *  digits), the digit strings to look for inside a stored number's digits: the digits as typed, without
 *  the trunk '0' ('06…' → '6…'), with '00' read as '+' ('0033 6…' → '336…'), and the national number
 *  when the text parses as a whole number. Null when it is not a phone query. */
export function phoneQuery(text: string, defaultCountry: string): string[] | null {
  const t = String(text ?? '').trim();
  if (!PHONE_CHARS.test(t)) return null;
  const digits = digitsOf(t);
  if (digits.length < MIN_QUERY_DIGITS) return null;
  const variants = [digits];
  if (digits.startsWith('00')) variants.push(digits.slice(2));
  else if (digits.startsWith('0')) variants.push(digits.slice(1));
  const p = parsePhoneNumberFromString(plusFor00(t), countryOf(defaultCountry));
  if (p && p.isPossible()) variants.push(p.nationalNumber);
  return [...new Set(variants.filter((v) => v.length >= MIN_VARIANT))];
}

/** True when the stored number's digits contain one of the variants from `phoneQuery`. */
export function phoneMatches(stored: string, variants: string[]): boolean {
  const digits = digitsOf(stored);
  return digits !== '' && variants.some((v) => v.length >= MIN_VARIANT && digits.includes(v));
}
