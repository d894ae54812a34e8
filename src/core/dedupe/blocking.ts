import type { NamePart, PreparedPerson } from './prepare';
import { BIRTHDAY, EMAIL, PHONE, POSTCODE, STRIDE, TIES, type Reach } from './reach';

/** Blocking: which contacts are worth comparing at all. Two records are candidates when they share a
 *  key; a duplicate that agrees on anything useful shares at least one, while the billions of pairs that
 *  share none are never looked at. Each key comes with a sort text, used when a block is too large to
 *  compare whole (sorted neighbourhood: only records near each other in that order are compared).
 *
 *  Keys and sort texts are numbers, worked out from the run's numbered values (reach.ts) and name parts:
 *  a million contacts have seven million keys, and numbers are compared and sorted without making or
 *  reading a text for each. */

/** Each record's keys, without repeats, at key[recordStart[i] .. recordStart[i + 1]); `sort`: the
 *  place of each key's sort text among all of them (equal texts, equal places). */
export interface BlockKeys {
  recordStart: Int32Array;
  key: Float64Array;
  sort: Float64Array;
}

/** The kinds of key, kept apart. */
const EMAIL_KEY = 0;
const PHONE_KEY = 1;
const ORGANISATION = 2;
/** A given name's initial and the start of the family name, either way round. */
const NAME_START = 3;
/** A family name (or given name) and the postcode. */
const WORD_POSTCODE = 4;
const INITIALS_POSTCODE = 5;
const BIRTHDAY_INITIAL = 6;
const KINDS = 7;

/** The most keys one contact has: two emails, two phones, two name starts, two words and the initials
 *  with a postcode, two birthdays. */
const MOST_KEYS = 11;

/** What the keys read of one name part: its first word's initial (a character code, -1 when empty),
 *  the numbers of that word and of its first four letters, of the first six letters of the whole name
 *  (organisations), and the place of the whole name run together among the run's names. */
interface PartNumbers {
  initial: number;
  word: number;
  start: number;
  orgStart: number;
  order: number;
}

function numberParts(prepared: PreparedPerson[]): { of: Map<NamePart, PartNumbers>; names: number; texts: number } {
  const parts = new Set<NamePart>();
  for (const p of prepared) parts.add(p.first).add(p.last).add(p.orgName);
  // The names in order: '' first, and a name before any longer name it starts (the texts it stands
  // for, 'family given', order the same way: a name holds letters and digits only).
  const joined = [...new Set([...parts].map((part) => part.joined))].sort();
  const order = new Map(joined.map((text, k) => [text, k]));
  const texts = new Map<string, number>();
  const numbered = (text: string) => {
    let n = texts.get(text);
    if (n === undefined) texts.set(text, (n = texts.size));
    return n;
  };
  const of = new Map<NamePart, PartNumbers>();
  for (const part of parts) {
    const word = part.words[0] ?? '';
    of.set(part, {
      initial: word === '' ? -1 : word.charCodeAt(0),
      word: numbered(`w${word}`),
      start: numbered(`s${word.slice(0, 4)}`),
      orgStart: numbered(`o${part.joined.slice(0, 6)}`),
      order: order.get(part.joined)!,
    });
  }
  return { of, names: joined.length, texts: texts.size };
}

/** The blocking keys of every record of a run. */
export function blockingKeys(prepared: PreparedPerson[], reach: Reach): BlockKeys {
  const parts = numberParts(prepared);
  const initialPairs = new Map<number, number>();
  // A key is (kind, a, b) as one number: every a and b is below `radix` (numbered values and texts,
  // character codes, pairs of initials).
  const radix = Math.max(reach.count + 1, parts.texts, 0x10000, prepared.length) + 1;
  if (KINDS * radix * radix > Number.MAX_SAFE_INTEGER) throw new Error(`Too many different values to compare at once (${reach.count}).`);
  const names = parts.names + 1;
  const recordStart = new Int32Array(prepared.length + 1);
  const key = new Float64Array(prepared.length * MOST_KEYS);
  const sort = new Float64Array(prepared.length * MOST_KEYS);
  let count = 0;
  for (const p of prepared) {
    const i = p.index;
    const from = count;
    const add = (kind: number, a: number, b: number, order: number) => {
      const k = (kind * radix + a) * radix + b;
      for (let m = from; m < count; m++) if (key[m] === k) return;
      key[count] = k;
      sort[count++] = order;
    };
    const first = parts.of.get(p.first)!;
    const last = parts.of.get(p.last)!;
    // The sort texts 'family given', 'given family' and an organisation's name, as places.
    const straight = last.order * names + first.order + 1;
    const swapped = first.order * names + last.order + 1;
    const byName = p.organisation ? parts.of.get(p.orgName)!.order * names : straight;
    const card = i * STRIDE;
    const postal = reach.card[card + POSTCODE];

    for (const k of [0, 1]) if (reach.card[card + EMAIL + k] >= 0) add(EMAIL_KEY, reach.card[card + EMAIL + k], 0, byName);
    for (const k of [0, 1]) if (reach.card[card + PHONE + k] >= 0) add(PHONE_KEY, reach.card[card + PHONE + k], 0, byName);
    if (p.organisation) {
      if (p.orgName.joined !== '') add(ORGANISATION, parts.of.get(p.orgName)!.orgStart, postal + 1, byName);
    } else {
      const both = first.initial >= 0 && last.initial >= 0;
      // A given name's initial and the start of the family name, both ways round: survives typos after
      // the fourth letter, nicknames (the canonical initial), a second surname dropped, and swapped boxes.
      if (both) {
        add(NAME_START, first.initial, last.start, straight);
        add(NAME_START, last.initial, first.start, swapped);
      }
      // Family name and postcode (and given name and postcode): survives a typo anywhere in the other
      // name. Both initials and the postcode: survives a typo in each name, and the swap.
      if (postal >= 0) {
        if (last.initial >= 0) add(WORD_POSTCODE, last.word, postal, straight);
        if (first.initial >= 0) add(WORD_POSTCODE, first.word, postal, swapped);
        if (both) {
          const pair = Math.min(first.initial, last.initial) * 0x10000 + Math.max(first.initial, last.initial);
          let n = initialPairs.get(pair);
          if (n === undefined) initialPairs.set(pair, (n = initialPairs.size));
          add(INITIALS_POSTCODE, n, postal, straight);
        }
      }
      const birthday = reach.card[card + BIRTHDAY];
      if (birthday >= 0) {
        if (last.initial >= 0) add(BIRTHDAY_INITIAL, birthday, last.initial, straight);
        if (first.initial >= 0) add(BIRTHDAY_INITIAL, birthday, first.initial, swapped);
      }
    }
    recordStart[i + 1] = count;
  }
  return { recordStart, key: key.subarray(0, count), sort: sort.subarray(0, count) };
}

/** A run's blocks, as numbers. */
export interface Blocks {
  /** members[start[b] .. start[b + 1]) are block b's record indexes, sorted by their sort text when large. */
  start: Int32Array;
  members: Int32Array;
  /** Per membership (in record order, records' memberships contiguous): its block and position there. */
  recordStart: Int32Array;
  blockOf: Int32Array;
  position: Int32Array;
}

/** The blocks of a run's records: a block larger than `cap` is sorted by its members' sort texts (its
 *  members are then compared only within a window, see engine.ts). */
export function buildBlocks(prepared: PreparedPerson[], reach: Reach, cap: number): Blocks {
  const { recordStart, key, sort } = blockingKeys(prepared, reach);
  const count = key.length;
  // The blocks are the distinct keys, numbered in order of the keys: each membership's block is found
  // by halving the sorted list.
  const sorted = key.slice().sort();
  let distinct = 0;
  for (let m = 0; m < count; m++) if (m === 0 || sorted[m] !== sorted[m - 1]) sorted[distinct++] = sorted[m];
  const blockOf = new Int32Array(count);
  for (let m = 0; m < count; m++) {
    let lo = 0;
    let hi = distinct - 1;
    const k = key[m];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    blockOf[m] = lo;
  }
  const start = new Int32Array(distinct + 1);
  for (let m = 0; m < count; m++) start[blockOf[m] + 1]++;
  for (let b = 0; b < distinct; b++) start[b + 1] += start[b];
  // Memberships in each block, in record order; then large blocks are sorted by their sort texts.
  const fill = start.slice(0, distinct);
  const membership = new Int32Array(count);
  for (let m = 0; m < count; m++) membership[fill[blockOf[m]]++] = m;
  const recordOf = new Int32Array(count);
  for (let r = 0; r < prepared.length; r++) for (let m = recordStart[r]; m < recordStart[r + 1]; m++) recordOf[m] = r;
  const position = new Int32Array(count);
  const members = new Int32Array(count);
  // Equal names by their other values, then their ids (reach.ts `ties`), then in record order (two rows
  // of one id): the order of the rows read decides nothing.
  const { ties } = reach;
  const tie = (x: number, y: number) => {
    const [a, b] = [recordOf[x] * TIES, recordOf[y] * TIES];
    for (let k = 0; k < TIES; k++) if (ties[a + k] !== ties[b + k]) return ties[a + k] - ties[b + k];
    return recordOf[x] - recordOf[y];
  };
  for (let b = 0; b < distinct; b++) {
    const from = start[b];
    const to = start[b + 1];
    const list = to - from > cap ? Array.from(membership.subarray(from, to)).sort((x, y) => sort[x] - sort[y] || tie(x, y)) : membership.subarray(from, to);
    for (let k = 0; k < list.length; k++) {
      members[from + k] = recordOf[list[k]];
      position[list[k]] = k;
    }
  }
  return { start, members, recordStart, blockOf, position };
}
