import { birthdayAgreement, cityAgreement, postalAgreement } from './compare';
import type { NamePart, PreparedPerson } from './prepare';

/** Every record of a run as the numbers its comparisons read, side by side: each email, phone,
 *  birthday, postcode, city and name part is numbered once, so that the millions of candidate pairs a
 *  large base brings are told apart, and most of them scored, by comparing a few numbers in one place
 *  in memory, without visiting either record (a record's object and its texts lie anywhere in the
 *  heap: loading them was most of the time of a run). The answers are mayReach's and scorePair's
 *  (score.ts; tests compare them over every pair). */
export interface Reach {
  /** STRIDE numbers per record (record i from STRIDE * i, at the offsets below); -1 for none. */
  card: Int32Array;
  /** The texts of the numbers, by kind. */
  birthdays: string[];
  postcodes: string[];
  cities: string[];
  parts: NamePart[];
  /** TIES numbers per record: how records of the same name in a large block are ordered (blocking.ts),
   *  worked out from their own texts only (hashes), so that the pairs found do not depend on the rows'
   *  order: the birthday, then the first phone, the first email, the postcode, and last the id. Alike
   *  records sit side by side, within each other's window. */
  ties: Int32Array;
  /** How many values of one kind were numbered, at most: every number above is below it. */
  count: number;
}

/** Sixteen numbers, 64 bytes: a record's card is one cache line. */
export const STRIDE = 16;
export const KIND = 0;
export const EMAIL = 1;
export const PHONE = 3;
export const BIRTHDAY = 5;
export const POSTCODE = 6;
export const CITY = 7;
export const FIRST = 8;
export const LAST = 9;
export const ORGANISATION_NAME = 10;
/** Written by the engine while it finds pairs (engine.ts pairsOf): the record's place in id order, and
 *  the last record it was compared with. */
export const PLACE = 11;
export const STAMP = 12;
export const TIES = 5;

/** Numbers texts from 0, keeping them in order of numbering so that a number gives its text back. */
class Numbering<T> {
  readonly texts: T[] = [];
  private readonly numbers = new Map<T, number>();

  of(value: T, empty: boolean): number {
    if (empty) return -1;
    let n = this.numbers.get(value);
    if (n === undefined) this.numbers.set(value, (n = this.texts.push(value) - 1));
    return n;
  }
}

export function reachOf(prepared: PreparedPerson[]): Reach {
  const [emails, phones, birthdays, postcodes, cities] = [new Numbering<string>(), new Numbering<string>(), new Numbering<string>(), new Numbering<string>(), new Numbering<string>()];
  const parts = new Numbering<NamePart>();
  const card = new Int32Array(prepared.length * STRIDE).fill(-1);
  const ties = new Int32Array(prepared.length * TIES);
  for (const p of prepared) {
    const at = p.index * STRIDE;
    card[at + KIND] = p.organisation ? 1 : 0;
    for (const k of [0, 1]) {
      card[at + EMAIL + k] = emails.of(p.emails[k], !p.emails[k]);
      card[at + PHONE + k] = phones.of(p.phones[k], !p.phones[k]);
    }
    card[at + BIRTHDAY] = birthdays.of(p.birthday, !p.birthday);
    card[at + POSTCODE] = postcodes.of(p.postal, !p.postal);
    card[at + CITY] = cities.of(p.city, !p.city);
    card[at + FIRST] = parts.of(p.first, p.first.normal === '');
    card[at + LAST] = parts.of(p.last, p.last.normal === '');
    card[at + ORGANISATION_NAME] = parts.of(p.orgName, p.orgName.normal === '');
    const tie = p.index * TIES;
    [p.birthday, p.phones[0] ?? '', p.emails[0] ?? '', p.postal, p.id].forEach((text, k) => (ties[tie + k] = hashOf(text)));
  }
  const count = Math.max(...[emails, phones, birthdays, postcodes, cities, parts].map((n) => n.texts.length));
  return { card, ties, birthdays: birthdays.texts, postcodes: postcodes.texts, cities: cities.texts, parts: parts.texts, count };
}

/** FNV-1a of a text's code units, as a 32-bit integer. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  return hash | 0;
}

/** Whether records i and j share one of their two emails (at EMAIL) or phones (at PHONE). */
export function shares(card: Int32Array, at: number, i: number, j: number): boolean {
  // Plain reads, no array: called for each of millions of pairs.
  const a0 = card[i * STRIDE + at];
  const a1 = card[i * STRIDE + at + 1];
  const b0 = card[j * STRIDE + at];
  const b1 = card[j * STRIDE + at + 1];
  return a0 >= 0 && b0 >= 0 && (a0 === b0 || a0 === b1 || (a1 >= 0 && (a1 === b0 || a1 === b1)));
}

/** shared() of two records' emails (`at` EMAIL) or phones (PHONE): 1, 0, or NaN when either has none. */
export function sharedAt(reach: Reach, at: number, i: number, j: number): number {
  return reach.card[i * STRIDE + at] < 0 || reach.card[j * STRIDE + at] < 0 ? NaN : shares(reach.card, at, i, j) ? 1 : 0;
}

/** The agreement of two records' values at `at` (BIRTHDAY, POSTCODE, CITY): NaN when either has none,
 *  1 when they are the same, else what `agreement` says of their texts. */
function agreementAt(reach: Reach, at: number, texts: string[], agreement: (a: string, b: string) => number, i: number, j: number): number {
  const x = reach.card[i * STRIDE + at];
  const y = reach.card[j * STRIDE + at];
  return x < 0 || y < 0 ? NaN : x === y ? 1 : agreement(texts[x], texts[y]);
}

export const birthdayAt = (reach: Reach, i: number, j: number) => agreementAt(reach, BIRTHDAY, reach.birthdays, birthdayAgreement, i, j);
export const postcodeAt = (reach: Reach, i: number, j: number) => agreementAt(reach, POSTCODE, reach.postcodes, postalAgreement, i, j);
export const cityAt = (reach: Reach, i: number, j: number) => agreementAt(reach, CITY, reach.cities, cityAgreement, i, j);
