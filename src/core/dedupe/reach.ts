import { cityAgreement, postalAgreement } from './compare';
import type { PreparedPerson } from './prepare';
import { GUARD_FACTOR } from './score';

/** What `mayReach` (score.ts) looks at, for every record of a run at once, as numbers: each email,
 *  phone, birthday and postcode is numbered once, so that the millions of candidate pairs a large base
 *  brings are told apart by comparing numbers in a few arrays, without visiting either record. The
 *  answers are mayReach's (a test compares them over every pair). */
export interface Reach {
  organisation: Uint8Array;
  /** Two per record (record i at 2i and 2i + 1); -1 for none. */
  emails: Int32Array;
  phones: Int32Array;
  birthday: Int32Array;
  postal: Int32Array;
  postalTexts: string[];
  /** How many values were numbered: every number above is below it. */
  count: number;
}

export function reachOf(prepared: PreparedPerson[]): Reach {
  const numbers = new Map<string, number>();
  // Postcodes are numbered apart, from 0, so that their texts make an array without holes.
  const postals = new Map<string, number>();
  const postalTexts: string[] = [];
  const numbered = (kind: string, text: string | undefined) => {
    if (!text) return -1;
    const key = kind + text;
    let n = numbers.get(key);
    if (n === undefined) numbers.set(key, (n = numbers.size));
    return n;
  };
  const postal = (text: string) => {
    if (!text) return -1;
    let n = postals.get(text);
    if (n === undefined) postals.set(text, (n = postalTexts.push(text) - 1));
    return n;
  };
  const size = prepared.length;
  const reach: Reach = {
    organisation: new Uint8Array(size),
    emails: new Int32Array(size * 2),
    phones: new Int32Array(size * 2),
    birthday: new Int32Array(size),
    postal: new Int32Array(size),
    postalTexts,
    count: 0,
  };
  for (const p of prepared) {
    const i = p.index;
    reach.organisation[i] = p.organisation ? 1 : 0;
    for (const k of [0, 1]) {
      reach.emails[2 * i + k] = numbered('e', p.emails[k]);
      reach.phones[2 * i + k] = numbered('p', p.phones[k]);
    }
    reach.birthday[i] = numbered('b', p.birthday);
    reach.postal[i] = postal(p.postal);
  }
  reach.count = Math.max(numbers.size, postals.size);
  return reach;
}

function shares(list: Int32Array, i: number, j: number): boolean {
  // Plain reads, no array: called for each of millions of pairs.
  const a0 = list[2 * i];
  const a1 = list[2 * i + 1];
  const b0 = list[2 * j];
  const b1 = list[2 * j + 1];
  return a0 >= 0 && b0 >= 0 && (a0 === b0 || a0 === b1 || (a1 >= 0 && (a1 === b0 || a1 === b1)));
}

/** shared() of two records' emails or phones (reach.emails, reach.phones): 1, 0, or NaN when either has none. */
export function sharedAt(list: Int32Array, i: number, j: number): number {
  return list[2 * i] < 0 || list[2 * j] < 0 ? NaN : shares(list, i, j) ? 1 : 0;
}

/** mayReach(prepared[i], prepared[j], threshold), from the numbers. */
export function mayReachAt(reach: Reach, prepared: PreparedPerson[], i: number, j: number, threshold: number): boolean {
  if (threshold <= GUARD_FACTOR) return true;
  const organisation = reach.organisation[i];
  if (organisation !== reach.organisation[j]) return false;
  if (shares(reach.emails, i, j) || shares(reach.phones, i, j)) return true;
  const birthday = reach.birthday[i];
  if (birthday >= 0 && birthday === reach.birthday[j]) return true;
  const x = reach.postal[i];
  const y = reach.postal[j];
  if (x >= 0 && y >= 0 && (x === y || postalAgreement(reach.postalTexts[x], reach.postalTexts[y]) >= 0.9)) return true;
  return organisation === 1 && cityAgreement(prepared[i].city, prepared[j].city) >= 0.9;
}
