import { dateOf } from '../dates';
import { normalisePhone } from '../phone';
import { fold } from '../text';
import { canonicalOf } from './nicknames';

/** Fields are compared in one written form, so that 'ZOÉ' and 'zoe', '06 12 34 56 78' and
 *  '+33612345678' are the same value to the engine. */

/** How values are read: defaultCountry for phone numbers written without '+'; gmailDots because Gmail
 *  ignores dots and '+tags' but other providers do not, so it is the user's choice (off by default). */
export interface NormaliseOptions {
  defaultCountry: string;
  gmailDots: boolean;
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** Trimmed, lower case ('' when it is not an address at all, such as 'n/a'); with gmailDots,
 *  'Jean.Dupont+news@googlemail.com' → 'jeandupont@gmail.com', since Gmail delivers both to one inbox. */
export function normaliseEmail(email: string, options: NormaliseOptions): string {
  const text = String(email ?? '')
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return '';
  if (!options.gmailDots) return text;
  const domain = text.slice(at + 1);
  if (!GMAIL_DOMAINS.has(domain)) return text;
  const local = text.slice(0, at).split('+')[0].replace(/\./g, '');
  return local ? `${local}@gmail.com` : text;
}

/** Ligatures that the accent folding leaves alone: 'Lecœur', 'Æsa', 'Strauß'. */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };
const LIGATURE = /[œæßøłđı]/g;
const SEPARATORS = /[^a-z0-9]+/g;

/** Folded (no accents, lower case), every hyphen, apostrophe, dot or other mark made one space:
 *  "Beaumont-Laurent" → 'beaumont laurent', "N'Diaye" → 'n diaye', ' ZOÉ ' → 'zoe'. */
export function normaliseName(name: string): string {
  return fold(String(name ?? ''))
    .replace(LIGATURE, (ch) => LIGATURES[ch])
    .replace(SEPARATORS, ' ')
    .trim();
}

/** normaliseName, then a known nickname replaced by its given name ('Bill' → 'william', 'Pepe' →
 *  'jose', 'Zé' → 'jose'): the whole name first ('Chema' → 'jose maria'), else each part of a compound
 *  name ('Zé Carlos' → 'jose carlos'). */
export function canonicalFirstName(name: string): string {
  const normal = normaliseName(name);
  const whole = canonicalOf(normal);
  if (whole !== undefined) return whole;
  if (!normal.includes(' ')) return normal;
  return normal
    .split(' ')
    .map((part) => canonicalOf(part) ?? part)
    .join(' ');
}

/** Words of family names that are left out or kept at will: 'da Silva' and 'Silva', 'de la Fuente' and
 *  'Fuente', 'van Dijk' and 'Dijk' are written by the same person on different forms. */
const PARTICLES = new Set(['da', 'das', 'de', 'del', 'della', 'der', 'des', 'di', 'do', 'dos', 'du', 'e', 'la', 'le', 'los', 'van', 'von', 'y', 'i']);

/** The words of a normalised family name without particles: 'maria da silva e santos' → ['maria', 'silva', 'santos']. */
export function nameWords(normal: string): string[] {
  if (normal === '') return [];
  const words = normal.split(' ');
  const kept = words.filter((w) => !PARTICLES.has(w));
  return kept.length > 0 ? kept : words;
}

/** E.164, or '' when the text is not a possible phone number. */
export function phoneKey(text: string, defaultCountry: string): string {
  const t = String(text ?? '').trim();
  return t === '' ? '' : (normalisePhone(t, defaultCountry) ?? '');
}

/** Postcodes compared without spaces, hyphens and case: 'ec1a 1bb' = 'EC1A1BB', '1100-148' = '1100148'. */
export function normalisePostalCode(text: string): string {
  return String(text ?? '')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
}

/** 'YYYY-MM-DD', or '' when the cell holds no date. */
export function normaliseBirthday(text: string): string {
  return dateOf(String(text ?? ''));
}
