import { jaroWinkler } from './similarity';
import type { NamePart, PreparedPerson } from './prepare';

/** How far two contacts agree, field by field (each 0..1, NaN when one side is empty), and the guards
 *  that keep families, twins and namesakes apart however many other fields they share. */

/** Below this a given or family name is another person's, not a typo of the same one. */
export const NAME_GUARD = 0.8;
/** Organisation names are longer, so a typo costs less and a real difference more. */
export const ORGANISATION_GUARD = 0.85;

/** A word shortened to its initial ('J.' for 'James') agrees this much with the full word. */
const INITIAL_AGREEMENT = 0.9;
/** A compound given name or a double surname with a word left out ('María José' / 'María',
 *  'García López' / 'García'). Given names get less: 'María' may be the mother of 'María José'. */
const MISSING_WORD_FIRST = 0.88;
const MISSING_WORD_LAST = 0.95;
/** 'Francisco'/'Francisca', 'Jean'/'Jeanne', 'Luis'/'Luisa': one or two letters apart, two people. */
const GENDER_VARIANT_AGREEMENT = 0.5;
const GENDER_ENDINGS = new Set(['a', 'e', 'ne', 'le', 'ette', 'ine']);
const SWAPPABLE_VOWELS = new Set(['a', 'e', 'o']);

function genderVariant(x: string, y: string): boolean {
  const [s, t] = x.length <= y.length ? [x, y] : [y, x];
  if (s.length < 3) return false;
  if (s.length === t.length) {
    const last = s.length - 1;
    return s.slice(0, last) === t.slice(0, last) && SWAPPABLE_VOWELS.has(s[last]) && SWAPPABLE_VOWELS.has(t[last]);
  }
  // 'Rit'/'Rita' and 'Timothee'/'Timotheee' are slips, not a sister: the shorter must be a name's length,
  // and a doubled last letter is a typo.
  const tail = t.slice(s.length);
  return s.length >= 4 && t.startsWith(s) && GENDER_ENDINGS.has(tail) && !(tail.length === 1 && tail === s[s.length - 1]);
}

/** True when one slip turns x into y: a letter replaced, dropped, added, or two neighbours swapped. */
export function oneEditApart(x: string, y: string): boolean {
  const [s, t] = x.length <= y.length ? [x, y] : [y, x];
  if (t.length - s.length > 1) return false;
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === t.charCodeAt(i)) i++;
  if (s.length === t.length) {
    if (s.slice(i + 1) === t.slice(i + 1)) return true;
    return i + 1 < s.length && s[i] === t[i + 1] && s[i + 1] === t[i] && s.slice(i + 2) === t.slice(i + 2);
  }
  return s.slice(i) === t.slice(i + 1);
}

/** Two names more than one slip apart and not very close are two names ('Ségolène'/'Solène' scores
 *  0.80, 'Aurélien'/'Amélie' 0.84): their agreement is held below the name guard. One slip in an
 *  otherwise similar name is a typo, however short the name ('Ana'/'Ama' scores only 0.80). */
const CLOSE_NAMES = 0.9;
const DIFFERENT_NAMES = 0.75;

function wordAgreement(x: string, y: string): number {
  if (x === y) return 1;
  if (x.length === 1 || y.length === 1) return x[0] === y[0] ? INITIAL_AGREEMENT : 0;
  const jw = jaroWinkler(x, y);
  if (jw >= CLOSE_NAMES) return jw;
  if (jw >= DIFFERENT_NAMES && oneEditApart(x, y)) return Math.max(jw, NAME_GUARD);
  return Math.min(jw, DIFFERENT_NAMES);
}

/** Word by word: in order for given names ('María José' is not 'José María', and 'María' is short for
 *  'María José', not for 'Ana María'), in any order for family names; the weakest word decides, and a
 *  word missing on one side costs a little. */
function wordsAgreement(a: string[], b: string[], ordered: boolean, missingWord: number): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (ordered) {
    let min = 1;
    for (let i = 0; i < short.length && min > 0; i++) min = Math.min(min, wordAgreement(short[i], long[i]));
    return short.length < long.length ? min * missingWord : min;
  }
  let min = 1;
  for (let i = 0; i < short.length && min > 0; i++) {
    // A word found as it is agrees fully: no spelling compared (organisations' names share most words).
    if (long.includes(short[i])) continue;
    let best = 0;
    for (let j = 0; j < long.length && best < 1; j++) best = Math.max(best, wordAgreement(short[i], long[j]));
    min = Math.min(min, best);
  }
  return short.length < long.length ? min * missingWord : min;
}

/** Agreement of two name parts, NaN when either is empty. `given` is true when either side is a given
 *  name, which brings nicknames' order and gender variants into play. */
export function namePartAgreement(x: NamePart, y: NamePart, given: boolean): number {
  if (x.normal === '' || y.normal === '') return NaN;
  if (x.joined === y.joined || x.canon === y.canon) return 1;
  const known = given ? x.given : x.family;
  const agreed = known?.get(y);
  if (agreed !== undefined) return agreed;
  const worked = partsAgreement(x, y, given);
  if (given) (x.given ??= new Map()).set(y, worked);
  else (x.family ??= new Map()).set(y, worked);
  return worked;
}

function partsAgreement(x: NamePart, y: NamePart, given: boolean): number {
  if (given && genderVariant(x.joined, y.joined)) return GENDER_VARIANT_AGREEMENT;
  if (x.words.length === 1 && y.words.length === 1) {
    const canon = wordAgreement(x.joined, y.joined);
    return x.normal === x.canon && y.normal === y.canon ? canon : Math.max(canon, wordAgreement(x.normal, y.normal));
  }
  return wordsAgreement(x.words, y.words, given, given ? MISSING_WORD_FIRST : MISSING_WORD_LAST);
}

function sum(a: number, b: number): number {
  return (Number.isNaN(a) ? 0 : a) + (Number.isNaN(b) ? 0 : b);
}

/** First and last name agreement, the straight way or swapped ('Dubois Marie' typed in the wrong
 *  boxes), whichever agrees more. */
export function nameAgreement(a: PreparedPerson, b: PreparedPerson): { first: number; last: number } {
  const first = namePartAgreement(a.first, b.first, true);
  const last = namePartAgreement(a.last, b.last, false);
  if ((first === 1 && last === 1) || a.first.normal === '' || a.last.normal === '' || b.first.normal === '' || b.last.normal === '') {
    return { first, last };
  }
  const firstSwapped = namePartAgreement(a.first, b.last, true);
  if (firstSwapped < NAME_GUARD) return { first, last };
  const lastSwapped = namePartAgreement(a.last, b.first, false);
  return sum(firstSwapped, lastSwapped) > sum(first, last) ? { first: firstSwapped, last: lastSwapped } : { first, last };
}

/** 1 when the two lists share a value, 0 when they do not, NaN when either is empty. */
export function shared(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return NaN;
  // Index loops: called a few times for each of millions of pairs, on lists of one or two.
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) if (a[i] === b[j]) return 1;
  return 0;
}

/** Postcodes: equal, or one the start of the other ('94103' / '94103-1234', '1100' / '1100-148'). */
export function postalAgreement(a: string, b: string): number {
  if (a === '' || b === '') return NaN;
  if (a === b) return 1;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 4 && l.startsWith(s) ? 0.9 : 0;
}

/** Birthdays: the same day, or the same year with day and month swapped (an American form read the
 *  European way) for half; any other difference is another person. */
export function birthdayAgreement(a: string, b: string): number {
  if (a === '' || b === '') return NaN;
  if (a === b) return 1;
  // A birthday without its year ('--08-10', from Mailchimp) agrees with any year's same day: strong,
  // but less than a full date.
  if (a.startsWith('--') || b.startsWith('--')) {
    const [x, y] = [a.slice(-5), b.slice(-5)];
    return x === y ? 0.8 : x === `${y.slice(3)}-${y.slice(0, 2)}` ? 0.4 : 0;
  }
  return a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7) ? 0.5 : 0;
}

/** Cities: the same name, or a near spelling ('Sao Paulo' / 'São Paulo' are already equal once folded). */
export function cityAgreement(a: string, b: string): number {
  if (a === '' || b === '') return NaN;
  if (a === b) return 1;
  const jw = jaroWinkler(a, b);
  return jw >= 0.9 ? jw : 0;
}
