import { buildBlocks, type Blocks } from './blocking';
import { peopleOfText, type PeopleText, type PersonRecord } from './people';
import { newParts, preparePerson, type PreparedPerson } from './prepare';
import type { DedupeRules } from './rules';
import { mayReachAt, scoreAt, scorePair } from './score';
import { PLACE, reachOf, STAMP, STRIDE, type Reach } from './reach';
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

/** Part of a run's pairs worked out on another thread (the engine's numbers: positions in the list
 *  given, thousandths), and how many candidate pairs it scored. */
export interface PairsPart {
  x: Int32Array;
  y: Int32Array;
  score: Int16Array;
  length: number;
  compared: number;
}

/** A run's numbers that take longest to work out and are only numbers: each record's place in id order
 *  and the blocks. Each is worked out once: the blocks by the first other thread, the places by the
 *  caller, which sends both to the other threads. */
export interface RunNumbers {
  byId: Int32Array;
  blocks: Blocks;
}

/** A part of a run worked out on another thread (SharedWork). It prepares the records; the first other
 *  part then builds the blocks and sends them (`blocks`, which throws when it failed or stopped
 *  answering). Each is sent the run's numbers (`send`), and answers its pairs (`wait`, which throws
 *  likewise); `stop` ends it unanswered. */
export interface PartElsewhere {
  blocks(): Blocks;
  send(numbers: RunNumbers): void;
  wait(): PairsPart;
  stop(): void;
}

/** Work shared with other threads, where the runtime has them (see ports/threads.ts): `start(part)`
 *  gives part `part` (1 to parts - 1) of the run, begun elsewhere as `duplicatesPart` does with the same
 *  people, rules and options (perhaps already, with the records sent as they were read). Each thread
 *  prepares the records; then the first other thread builds the blocks while this one puts the records
 *  in id order, and each thread finds the pairs of its part. What fails elsewhere is worked here: the
 *  answer is the same either way. */
export interface SharedWork {
  parts: number;
  start(part: number): PartElsewhere;
}

/** What every thread of a run works out for itself: the records as compared and their numbered values. */
interface Prepared {
  prepared: PreparedPerson[];
  reach: Reach;
  limited?: Uint8Array;
  marked?: Set<string>;
  cap: number;
  window: number;
}

type Run = Prepared & RunNumbers;

/** A run's records prepared as they come (`add`, in order), then numbered (`done`). */
function preparing(rules: DedupeRules, options: FindDuplicatesOptions): { add: (people: PersonRecord[]) => void; done: () => Prepared } {
  const normalise = { defaultCountry: options.defaultCountry, gmailDots: rules.gmailDots };
  const parts = newParts();
  const prepared: PreparedPerson[] = [];
  const add = (people: PersonRecord[]) => {
    for (const person of people) prepared.push(preparePerson(person, prepared.length, normalise, parts));
  };
  const done = (): Prepared => {
    const limit = options.limitToIds;
    const limited = limit ? new Uint8Array(prepared.length) : undefined;
    if (limit && limited) prepared.forEach((p) => (limited[p.index] = limit.has(p.id) ? 1 : 0));
    return {
      prepared,
      reach: reachOf(prepared),
      limited,
      // Looked up only when a person marked some: a pair's key is text, made for each pair found.
      marked: options.notDuplicates?.size ? options.notDuplicates : undefined,
      cap: options.blockCap ?? BLOCK_CAP,
      window: options.window ?? WINDOW,
    };
  };
  return { add, done };
}

function prepareRun(people: PersonRecord[], rules: DedupeRules, options: FindDuplicatesOptions): Prepared {
  const run = preparing(rules, options);
  run.add(people);
  return run.done();
}

/** Each record's place in id order (one place for two rows of the same id): a pair is scored in id
 *  order, so that its score does not depend on which side found it, and millions of pairs compare two
 *  numbers, not two ids. */
function placesInIdOrder(prepared: PreparedPerson[]): Int32Array {
  const byId = new Int32Array(prepared.length);
  let place = -1;
  prepared
    .map((p) => p.index)
    .sort((i, j) => (prepared[i].id < prepared[j].id ? -1 : prepared[i].id > prepared[j].id ? 1 : 0))
    .forEach((index, k, order) => (byId[index] = k > 0 && prepared[order[k - 1]].id === prepared[index].id ? place : ++place));
  return byId;
}

/** The pairs found from the records i with i % parts === part, into `found`; answers how many candidate
 *  pairs were scored. Every pair is found from one record only (see `consider`), so the parts of a run
 *  together find each pair once. */
function pairsOf(run: Run, rules: DedupeRules, part: number, parts: number, found: FoundPairs): number {
  const { prepared, reach, byId, limited, marked, cap, window } = run;
  const { start, members, recordStart, blockOf, position } = run.blocks;
  // What each candidate is looked up by sits on its card, in one cache line: its place in id order and
  // the record it was last compared with (a million records' arrays apart missed the cache three times).
  const { card } = reach;
  for (let i = 0; i < prepared.length; i++) {
    card[i * STRIDE + PLACE] = byId[i];
    card[i * STRIDE + STAMP] = -1;
  }
  let compared = 0;

  const consider = (i: number, j: number) => {
    const at = j * STRIDE;
    if (j === i || card[at + STAMP] === i) return;
    // Each pair once: from its smaller index, or from the limited side when only one is limited.
    if (limited ? limited[j] === 1 && j < i : j < i) return;
    card[at + STAMP] = i;
    compared++;
    const pi = card[i * STRIDE + PLACE];
    const pj = card[at + PLACE];
    if (pi === pj) return;
    const xi = pi < pj ? i : j;
    const yi = xi === i ? j : i;
    if (!mayReachAt(reach, xi, yi, rules.threshold)) return;
    const score = scoreAt(reach, prepared, xi, yi, rules);
    if (score < rules.threshold || marked?.has(`${prepared[xi].id}|${prepared[yi].id}`)) return;
    found.add(xi, yi, Math.round(score * 1000));
  };

  for (let i = part; i < prepared.length; i += parts) {
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
  return compared;
}

/** The records another thread's part is given: all at once, or as `texts` texts of PeopleText that
 *  its caller sends one by one as it reads them from a database (each prepared as it comes, while
 *  the caller reads the next). */
export type PartPeople = { people: PersonRecord[] } | { texts: number };

/** Part `part` of `parts` of findDuplicates(people, rules, options)'s pairs, as another thread works it
 *  out (SharedWork): it prepares the records (taking each text sent, for `texts`); the first other
 *  part yields the blocks; each is resumed with the run's numbers, and returns its pairs. */
export function* duplicatesPart(
  given: PartPeople,
  rules: DedupeRules,
  options: FindDuplicatesOptions,
  part: number,
  parts: number,
): Generator<Blocks | undefined, PairsPart, PeopleText | RunNumbers | undefined> {
  const found = new FoundPairs();
  const run = preparing(rules, options);
  if ('people' in given) run.add(given.people);
  else {
    for (let k = 0; k < given.texts; k++) {
      const people = peopleOfText((yield undefined) as PeopleText);
      if (!people) throw new Error('A text of contacts could not be read.');
      run.add(people);
    }
  }
  const prepared = run.done();
  // The blocks are sent (moved) and come back with the places in id order.
  const numbers = (yield part === 1 ? buildBlocks(prepared.prepared, prepared.reach, prepared.cap) : undefined) as RunNumbers;
  const compared = pairsOf({ ...prepared, ...numbers }, rules, part, parts, found);
  const { length } = found;
  return { x: found.x.slice(0, length), y: found.y.slice(0, length), score: found.score.slice(0, length), length, compared };
}

/** Candidate pairs come from blocking keys only, never from all pairs (see blocking.ts); a block larger
 *  than BLOCK_CAP is compared only within a sorted window, so work grows near-linearly with the base.
 *  Pairs a person marked "not a duplicate" are never returned; with limitToIds, only pairs involving
 *  those ids are scored and returned. With `share`, parts of the pairs are found on other threads. */
export function findDuplicates(people: PersonRecord[], rules: DedupeRules, options: FindDuplicatesOptions, share?: SharedWork): DedupeResult {
  const parts = Math.max(1, Math.floor(share?.parts ?? 1));
  // Started first, so that the other threads prepare the records while this one does.
  const elsewhere = share && parts > 1 ? Array.from({ length: parts - 1 }, (_, k) => share.start(k + 1)) : [];
  try {
    const prepared = prepareRun(people, rules, options);
    const byId = placesInIdOrder(prepared.prepared);
    // The blocks, from the first other thread, which built them while this one prepared the records
    // and put them in id order; here when it could not.
    const working = new Set(elsewhere);
    const [builder] = elsewhere;
    let blocks: Blocks | undefined;
    if (builder) {
      try {
        blocks = builder.blocks();
        // Blocks of other records (it was sent fewer): that thread's pairs would be wrong too.
        if (blocks.recordStart.length !== people.length + 1) throw new Error('blocks of other records');
      } catch {
        blocks = undefined;
        working.delete(builder);
      }
    }
    const numbers = { byId, blocks: blocks ?? buildBlocks(prepared.prepared, prepared.reach, prepared.cap) };
    for (const other of working) other.send(numbers);
    const run: Run = { ...prepared, ...numbers };
    // The pairs found, as numbers: a CRM imported twice over has millions, and only `keep` are answered.
    const found = new FoundPairs();
    let compared = pairsOf(run, rules, 0, parts, found);
    elsewhere.forEach((other, k) => {
      const answer = working.has(other) ? answerOf(other) : undefined;
      // The other thread failed or ran out of time: its part is worked here, and the answer is the same.
      if (!answer) compared += pairsOf(run, rules, k + 1, parts, found);
      else {
        found.append(answer);
        compared += answer.compared;
      }
    });
    return resultOf(run, rules, found, compared, options.keep);
  } finally {
    for (const other of elsewhere) other.stop();
  }
}

/** What another thread answered, or undefined when it failed or stopped answering. */
function answerOf(other: PartElsewhere): PairsPart | undefined {
  try {
    return other.wait();
  } catch {
    return undefined;
  }
}

/** The `keep` most alike pairs found (all by default), each with its fields' agreement, and their clusters. */
function resultOf({ prepared, byId }: Run, rules: DedupeRules, found: FoundPairs, compared: number, keep = found.length): DedupeResult {
  const pairs = found.mostAlike(byId, keep).map((k) => {
    const [x, y] = [prepared[found.x[k]], prepared[found.y[k]]];
    const fields: Record<string, number> = {};
    scorePair(x, y, rules, fields);
    return { a: x.id, b: y.id, score: found.score[k] / 1000, fields };
  });
  return { pairs, clusters: clustersOf(pairs), compared, total_pairs: found.length };
}
