import { blockingKeys } from './blocking';
import type { PersonRecord } from './people';
import { newParts, preparePerson, type PreparedPerson } from './prepare';
import type { DedupeRules } from './rules';
import { scorePair } from './score';
import { mayReachAt, reachOf, sharedAt } from './reach';
import { FoundPairs } from './found-pairs';

/** Finds likely duplicates among contacts: candidate pairs from blocking keys, scored by weighted field
 *  agreement (see score.ts), kept when they reach the rules' threshold, and grouped into clusters. */

/** One likely duplicate pair: a < b, the score, and each compared field's agreement 0..1 (a field is
 *  absent when one side is empty or the rules leave it out). */
export interface PairScore {
  a: string;
  b: string;
  score: number;
  fields: Record<string, number>;
}

/** pairs ≥ threshold, best first (at most `keep`); clusters: their connected groups of 2+ ids, each
 *  sorted, the list sorted; compared: how many candidate pairs were scored (the work done, for the
 *  benchmark and the curious); total_pairs: how many pairs reached the threshold. */
export interface DedupeResult {
  pairs: PairScore[];
  clusters: string[][];
  compared: number;
  total_pairs: number;
}

export interface FindDuplicatesOptions {
  defaultCountry: string;
  /** Pairs a person marked "not a duplicate", as pairKey(a, b): never proposed again. */
  notDuplicates?: Set<string>;
  /** Only pairs involving these ids (does this imported row match someone?). */
  limitToIds?: Set<string>;
  /** At most this many pairs answered, the most alike; every pair is counted in total_pairs. */
  keep?: number;
  /** Sorted-neighbourhood settings (defaults BLOCK_CAP and WINDOW), for tests and tuning. */
  blockCap?: number;
  window?: number;
}

/** A block larger than this is compared only within a sliding window over its members sorted by name
 *  (sorted neighbourhood): a shared address like info@… or a common name then costs each member at most
 *  2 × WINDOW comparisons, however large the base. On the generated lists a cap of 200 let the work per
 *  contact grow eightfold from 10,000 to 100,000 contacts; 25 keeps it nearly flat and finds the same
 *  duplicates, since a duplicate sorts next to its original. */
export const BLOCK_CAP = 25;
export const WINDOW = 10;

/** The key under which a pair is remembered ("not a duplicate"): both ids, the smaller first. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

interface Blocks {
  /** members[start[b] .. start[b + 1]) are block b's record indexes, sorted by their sort text when large. */
  start: Int32Array;
  members: Int32Array;
  /** Per membership (in record order, records' memberships contiguous): its block and position there. */
  recordStart: Int32Array;
  blockOf: Int32Array;
  position: Int32Array;
}

function buildBlocks(prepared: PreparedPerson[], cap: number): Blocks {
  const ids = new Map<string, number>();
  const blockList: number[] = [];
  const sorts: string[] = [];
  const recordStart = new Int32Array(prepared.length + 1);
  for (const p of prepared) {
    for (const { key, sort } of blockingKeys(p)) {
      let b = ids.get(key);
      if (b === undefined) ids.set(key, (b = ids.size));
      blockList.push(b);
      sorts.push(sort);
    }
    recordStart[p.index + 1] = blockList.length;
  }
  const blockCount = ids.size;
  const start = new Int32Array(blockCount + 1);
  for (const b of blockList) start[b + 1]++;
  for (let b = 0; b < blockCount; b++) start[b + 1] += start[b];
  // Memberships in each block, in record order; then large blocks are sorted by their sort texts.
  const slot = new Int32Array(blockList.length);
  const fill = start.slice(0, blockCount);
  for (let m = 0; m < blockList.length; m++) slot[m] = fill[blockList[m]]++;
  const membership = new Int32Array(blockList.length);
  for (let m = 0; m < blockList.length; m++) membership[slot[m]] = m;
  const recordOf = new Int32Array(blockList.length);
  for (let r = 0; r < prepared.length; r++) for (let m = recordStart[r]; m < recordStart[r + 1]; m++) recordOf[m] = r;
  const position = new Int32Array(blockList.length);
  const members = new Int32Array(blockList.length);
  for (let b = 0; b < blockCount; b++) {
    const from = start[b];
    const to = start[b + 1];
    let list = Array.from(membership.subarray(from, to));
    if (to - from > cap) list = list.sort((x, y) => (sorts[x] < sorts[y] ? -1 : sorts[x] > sorts[y] ? 1 : recordOf[x] - recordOf[y]));
    list.forEach((m, k) => {
      members[from + k] = recordOf[m];
      position[m] = k;
    });
  }
  return { start, members, recordStart, blockOf: Int32Array.from(blockList), position };
}

/** Connected groups of ids (union-find over the pairs), each sorted, the list sorted by its first id. */
export function clustersOf(pairs: { a: string; b: string }[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    while (x !== root) {
      const next = parent.get(x) as string;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const { a, b } of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const group = groups.get(root);
    if (group) group.push(id);
    else groups.set(root, [id]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}

/** Candidate pairs come from blocking keys only, never from all pairs (see blocking.ts); a block larger
 *  than BLOCK_CAP is compared only within a sorted window, so work grows near-linearly with the base.
 *  Pairs a person marked "not a duplicate" are never returned; with limitToIds, only pairs involving
 *  those ids are scored and returned. */
export function findDuplicates(people: PersonRecord[], rules: DedupeRules, options: FindDuplicatesOptions): DedupeResult {
  const normalise = { defaultCountry: options.defaultCountry, gmailDots: rules.gmailDots };
  const run = newParts();
  const prepared = people.map((p, i) => preparePerson(p, i, normalise, run));
  const cap = options.blockCap ?? BLOCK_CAP;
  const window = options.window ?? WINDOW;
  const blocks = buildBlocks(prepared, cap);
  const reach = reachOf(prepared);
  const { start, members, recordStart, blockOf, position } = blocks;
  const limit = options.limitToIds;
  const limited = limit ? new Uint8Array(prepared.length) : undefined;
  if (limit && limited) prepared.forEach((p) => (limited[p.index] = limit.has(p.id) ? 1 : 0));
  const notDuplicates = options.notDuplicates;
  const stamp = new Int32Array(prepared.length).fill(-1);
  // Each record's place in id order (one place for two rows of the same id), worked out once: a pair
  // is scored in id order, so that its score does not depend on which side found it, and millions of
  // pairs compare two numbers, not two ids.
  const byId = new Int32Array(prepared.length);
  let place = -1;
  prepared
    .map((p) => p.index)
    .sort((i, j) => (prepared[i].id < prepared[j].id ? -1 : prepared[i].id > prepared[j].id ? 1 : 0))
    .forEach((index, k, order) => (byId[index] = k > 0 && prepared[order[k - 1]].id === prepared[index].id ? place : ++place));
  // The pairs found, as numbers: a CRM imported twice over has millions, and only `keep` are answered.
  const found = new FoundPairs();
  // Looked up only when a person marked some: a pair's key is text, made for each pair found.
  const marked = notDuplicates?.size ? notDuplicates : undefined;
  let compared = 0;

  const consider = (i: number, j: number) => {
    if (j === i || stamp[j] === i) return;
    // Each pair once: from its smaller index, or from the limited side when only one is limited.
    if (limited ? limited[j] === 1 && j < i : j < i) return;
    stamp[j] = i;
    compared++;
    if (byId[i] === byId[j]) return;
    const xi = byId[i] < byId[j] ? i : j;
    const yi = xi === i ? j : i;
    if (!mayReachAt(reach, prepared, xi, yi, rules.threshold)) return;
    const x = prepared[xi];
    const y = prepared[yi];
    const score = scorePair(x, y, rules, undefined, sharedAt(reach.emails, xi, yi), sharedAt(reach.phones, xi, yi));
    if (score < rules.threshold || marked?.has(`${x.id}|${y.id}`)) return;
    found.add(x.index, y.index, Math.round(score * 1000));
  };

  for (let i = 0; i < prepared.length; i++) {
    if (limited && limited[i] === 0) continue;
    for (let m = recordStart[i]; m < recordStart[i + 1]; m++) {
      const b = blockOf[m];
      const from = start[b];
      const size = start[b + 1] - from;
      if (size <= cap) {
        for (let k = from; k < from + size; k++) consider(i, members[k]);
      } else {
        const at = position[m];
        const lo = Math.max(0, at - window);
        const hi = Math.min(size - 1, at + window);
        for (let k = lo; k <= hi; k++) consider(i, members[from + k]);
      }
    }
  }
  const pairs = found.mostAlike(byId, options.keep ?? found.length).map((k) => {
    const [x, y] = [prepared[found.x[k]], prepared[found.y[k]]];
    const fields: Record<string, number> = {};
    scorePair(x, y, rules, fields);
    return { a: x.id, b: y.id, score: found.score[k] / 1000, fields };
  });
  return { pairs, clusters: clustersOf(pairs), compared, total_pairs: found.length };
}
