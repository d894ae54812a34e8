import { Contacts, NotDuplicates } from '../../core/schema/tables';
import { findDuplicates, pairKey, DedupeResult, type FindDuplicatesOptions, type PairsPart, type RunNumbers, type SharedWork } from '../../core/dedupe/engine';
import type { Blocks } from '../../core/dedupe/blocking';
import type { DedupeRules } from '../../core/dedupe/rules';
import type { Threads } from '../../ports/threads';
import { peopleToColumns, type DuplicatesInput } from '../../core/thread-tasks';
import { dedupeRulesOf } from './dedupe-settings';
import { PERSON_FIELDS, peopleOfText, personRecord, type PeopleText, type PersonRecord } from '../../core/dedupe/people';
import { q } from '../../store/sql/sql-types';
import { LIVE_CONTACT } from '../query/query-sql';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { requireLiveContact } from '../record/contacts';
import { settingsOf } from '../today';
import { displayName } from '../../core/text';

export interface DuplicateReport extends DedupeResult {
  threshold: number;
  /** What was wrong with the Settings' dedupe_rules, if anything (the built-in rules were used). */
  rule_problems: string[];
  /** The name of every contact in a pair, so a list of pairs needs no further call. */
  names: Record<string, string>;
}

/** The most pairs one answer holds (the most alike first; `clusters` are then those pairs' groups): a
 *  list of pairs is for people to go through, and a CRM imported twice over would otherwise answer
 *  with millions, past what a call can carry. Merging the first ones and finding again shows the next. */
export const MAX_PAIRS = 5000;

/** From this many contacts, other threads (where the runtime has them) share the comparisons: below,
 *  starting a thread and copying the contacts to it costs more than it saves. */
export const SHARED_FROM = 10_000;

/** The contacts read from a database in one statement each: a hundred thousand rows as one text cross
 *  from the database's thread several times faster than as a hundred thousand rows. */
const READ_CHUNK = 100_000;

/** How the work is done: `threads`, the runtime's other threads, share the comparisons of a base of
 *  `sharedFrom` contacts or more; a database's contacts are read `readChunk` at a time (tests change
 *  both to try small bases). */
export interface DuplicatesWork {
  threads?: Threads;
  sharedFrom?: number;
  readChunk?: number;
}

/** Likely duplicates among the live contacts (not deleted, not merged), by the rules in Settings
 *  (`dedupe_rules`), minus the pairs people marked "not a duplicate". */
export function findContactDuplicates(workbook: Workbook, options: { threshold?: number; ids?: string[] } = {}, work: DuplicatesWork = {}): DuplicateReport {
  const { threads, sharedFrom = SHARED_FROM, readChunk = READ_CHUNK } = work;
  const { rules, problems } = dedupeRulesOf(workbook);
  if (options.threshold !== undefined) rules.threshold = options.threshold;
  const notDuplicates = new Set(
    workbook
      .table(NotDuplicates)
      .all()
      .map((n) => pairKey(n.contact_a, n.contact_b)),
  );
  const engineOptions: FindDuplicatesOptions = {
    defaultCountry: settingsOf(workbook).defaultCountry,
    notDuplicates,
    limitToIds: options.ids ? new Set(options.ids) : undefined,
    keep: MAX_PAIRS,
  };
  // The other threads' parts, begun once the contacts are known to be many (on a database, before they
  // are read: each is sent every chunk as it is read, and prepares it while this thread reads the next).
  let helpers: Helpers | undefined;
  const share: Share = (count, contacts) => (helpers = threads && threads.helpers > 0 && count >= sharedFrom ? helpersOn(threads, contacts(), rules, engineOptions) : undefined);
  try {
    const people = livePeople(workbook, readChunk, share, (text) => helpers?.feed(text));
    const result = findDuplicates(people, rules, engineOptions, helpers?.work);
    const { pairs, clusters } = result;
    const inPairs = new Set(pairs.flatMap((p) => [p.a, p.b]));
    const names: Record<string, string> = {};
    for (const c of people) if (inPairs.has(c.id)) names[c.id] = displayName(c);
    return { pairs, clusters, compared: result.compared, total_pairs: result.total_pairs, threshold: rules.threshold, rule_problems: problems, names };
  } finally {
    helpers?.stop();
  }
}

/** The runtime's other threads, each begun on its part of the run: `feed` sends each of them a text
 *  read, `stop` ends them (after an answer, it does nothing). */
interface Helpers {
  work: SharedWork;
  feed(text: PeopleText): void;
  stop(): void;
}

/** The comparisons shared with the runtime's other threads, begun now: each is given the contacts as
 *  columns, or told how many texts it will be sent. */
function helpersOn(threads: Threads, contacts: Pick<DuplicatesInput, 'columns' | 'texts'>, rules: DedupeRules, options: FindDuplicatesOptions): Helpers {
  const parts = threads.helpers + 1;
  const begun = Array.from({ length: parts - 1 }, (_, k) => threads.start('duplicates', { ...contacts, rules, options, part: k + 1, parts } satisfies DuplicatesInput));
  return {
    work: {
      parts,
      start: (part) => {
        const work = begun[part - 1];
        return { blocks: () => work.receive() as Blocks, send: (numbers: RunNumbers) => work.send(numbers), wait: () => work.wait() as PairsPart, stop: () => work.stop() };
      },
    },
    feed: (text) => begun.forEach((work) => work.send(text)),
    stop: () => begun.forEach((work) => work.stop()),
  };
}

const CHUNK_ROWS = `contacts c WHERE ${LIVE_CONTACT} AND c."_seq" > $1 AND c."_seq" <= $2`;
/** Each chunk's rows in id order, as JavaScript compares texts: the engine puts a million records in id
 *  order, and ten runs already in order are sorted in a third of the time rows in no order take. */
const CHUNK_ORDER = 'ORDER BY c."id" COLLATE "C"';

type Share = (count: number, contacts: () => Pick<DuplicatesInput, 'columns' | 'texts'>) => unknown;

/** The live contacts (not deleted, not merged) as the engine compares them. `share` is told how many
 *  there are and how they would reach other threads, once, before they are read from a database;
 *  `read` is given each text read. On a database, only the columns the engine compares are read, as
 *  text, without decoding whole records. */
function livePeople(workbook: Workbook, chunk: number, share: Share, read: (text: PeopleText) => void): PersonRecord[] {
  if (!workbook.answersInDatabase(Contacts.name)) {
    const people = workbook
      .table(Contacts)
      .all()
      .filter((c) => c.deleted !== true && !c.merged_into)
      .map((c) => personRecord(c));
    share(people.length, () => ({ columns: peopleToColumns(people, PERSON_FIELDS) }));
    return people;
  }
  const { sql } = workbook.database!;
  const [range] = sql.query(`SELECT coalesce(min("_seq"), 1) - 1 AS after, coalesce(max("_seq"), 0) AS last, (SELECT count(*) FROM contacts c WHERE ${LIVE_CONTACT}) AS live FROM contacts`);
  const [first, last] = [Number(range.after), Number(range.last)];
  share(Number(range.live), () => ({ texts: Math.max(0, Math.ceil((last - first) / chunk)) }));
  const people: PersonRecord[] = [];
  for (let after = first; after < last; after += chunk) {
    const params = [after, after + chunk];
    const fields = PERSON_FIELDS.map((f) => `c.${q(f)}`).join(`, E'\\x1f', `);
    const [row] = sql.query(`SELECT count(*) AS n, string_agg(concat(${fields}), E'\\x1e' ${CHUNK_ORDER}) AS text FROM ${CHUNK_ROWS}`, params);
    let text: PeopleText = { text: String(row.text ?? ''), rows: Number(row.n), json: false };
    let chunkPeople = peopleOfText(text);
    if (!chunkPeople) {
      // A text holds a separator (pasted control characters): this chunk is read again as JSON.
      const [json] = sql.query(
        `SELECT coalesce(json_agg(json_build_array(${PERSON_FIELDS.map((f) => `coalesce(c.${q(f)}::text, '')`).join(', ')}) ${CHUNK_ORDER}), '[]')::text AS rows FROM ${CHUNK_ROWS}`,
        params,
      );
      text = { text: String(json.rows), rows: Number(row.n), json: true };
      chunkPeople = peopleOfText(text)!;
    }
    read(text);
    for (const person of chunkPeople) people.push(person);
  }
  return people;
}

/** "These two are not the same person": remembered, never proposed again. */
export function markNotDuplicate(workbook: Workbook, a: string, b: string, by: string): { pair: string } {
  if (a === b) throw new UserError('invalid', 'error.relationship_self');
  requireLiveContact(workbook, a);
  requireLiveContact(workbook, b);
  const key = pairKey(a, b);
  const table = workbook.table(NotDuplicates);
  if (!table.all().some((n) => pairKey(n.contact_a, n.contact_b) === key)) {
    const [first, second] = key.split('|');
    table.insert([{ contact_a: first, contact_b: second, marked_by: by, marked_at: workbook.clock.now().toISOString() }]);
  }
  return { pair: key };
}
