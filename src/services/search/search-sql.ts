import { LIFECYCLE_STAGES } from '../../core/schema/tables';
import { SharedSqlParams, type SqlParams } from '../../store/sql/sql-params';
import type { Workbook } from '../../store/workbook';
import type { SearchPlan } from './search';
import { settingsOf, todayOf } from '../today';
import { LIVE_CONTACT } from '../query/query-sql';
import { decidingSql, IN_FORCE, STORED_DECIDING } from '../query/membership-sql';

/** The search of the sidebar and of `crm search` when the contacts live in PostgreSQL: the same
 *  matches, ranks and order as the scan of search.ts (rankRows), worked out by the database with
 *  its trigram indexes (`crm_search_text`, phones' digits) instead of every contact read. Answers
 *  the ids of one page, best first, and how many match, up to COUNTED. */

/** LIKE's own characters in a word, escaped (a search for "50%" looks for "50%"). */
const likeText = (word: string) => word.replace(/[\\%_]/g, '\\$&');

/** Kept in the row when it is written (migration 0003): no contact's text folded again per search. */
const SEARCH_TEXT = 'c."search_text"';
const PHONE_DIGITS = `(crm_digits(c."phone") || ' ' || crm_digits(c."mobile"))`;
const NAME_KEY = 'c."name_key"';
const SORT_KEY = 'c."sort_key"';
/** The sort key's words (the name's, last name first), one space apart: kept in the row (migration
 *  0010), with its trigram index contacts_sort_words, and in contacts_sorted. */
const SORT_WORDS = 'c."sort_words"';

/** Past this many matches the database stops counting (the sidebar says "more than 1,000") and takes
 *  the page rank by rank, each rank's contacts in name order (`contacts_sorted`, migrations 0008 to 0010), instead
 *  of ranking every match: a common word over a million contacts would rank a hundred thousand. */
export const COUNTED = 1000;
/** Up to this many contacts of a rank are gathered and sorted (a few hundred milliseconds at most). */
const GATHERED = 20000;
/** Fewer for a condition on the name alone: the contacts in name order are then walked in the index
 *  contacts_sorted, which holds the name's keys, without reading a row. At a million contacts, gathering
 *  20,000 names that start with "mar" took 22 ms only to find them too many, where the walk takes 4;
 *  and a walk past 500 contacts for each one found costs less than gathering 2,000 rows. */
const GATHERED_FROM_NAMES = 2000;
/** Fewer still among members or non-members, where each contact gathered is looked up: at a million,
 *  `mar` among members took 53 ms gathering up to 2,000 and 33 up to 500, `ie` 133 and 75, and a rank
 *  of fewer than 500 is gathered as before. */
const GATHERED_FROM_NAMES_FILTERED = 500;

/** `gathered`: the most contacts of a rank gathered and sorted; a rank with more is walked in name
 *  order (a parameter so that a test can walk the ranks of a small CRM). */
export function searchPageInDatabase(workbook: Workbook, plan: SearchPlan, gathered = GATHERED): { total: number; more: boolean; ids: string[] } {
  const { sql } = workbook.database!;
  const params = new SharedSqlParams();
  const ask = (text: string) => {
    const statement = params.statement(text);
    return sql.query(statement.text, statement.values)[0];
  };
  const c = searchConditions(workbook, plan, params.add);
  // More than COUNTED contacts whose name starts with what was typed (a common first or last name) are
  // counted from the names' indexes, without a row read: the count of every match would read the rows
  // one by one until it found COUNTED + 1 (at a million, 58,000 rows for `silva`: 49 ms).
  const counted = (condition: string) => `(SELECT count(*) FROM (SELECT 1 FROM contacts c WHERE ${c.matching(condition)} LIMIT ${COUNTED + 1}) n)`;
  // Each count only when those before it were not enough (the members filter looks each contact up:
  // at a million, counting "mar" among members took 26 ms both ways, 13 when the first was enough).
  const sum = c.named
    .slice(1)
    .reduce((before, condition) => `(SELECT CASE WHEN s.n > ${COUNTED} THEN s.n ELSE s.n + ${counted(condition)} END FROM (SELECT ${before} AS n OFFSET 0) s)`, counted(c.named[0] ?? 'FALSE'));
  const many = c.named.length > 0 && Number(ask(`SELECT ${sum} AS n`).n) > COUNTED;
  if (!many) {
    // The matches are counted up to COUNTED + 1. Up to COUNTED, they are ranked together and that page
    // is the answer: one statement, planned without the ranks a larger answer needs.
    const [offset, limit] = [params.add(plan.offset), params.add(plan.keep - plan.offset)];
    const row = ask(
      `WITH m AS MATERIALIZED (SELECT c."id", c."_seq", ${c.score} AS score, ${SORT_KEY} AS sort_key FROM contacts c WHERE ${c.counting(c.match)} LIMIT ${COUNTED + 1})
       SELECT n.total, CASE WHEN n.total <= ${COUNTED} THEN
         (SELECT json_agg(p."id" ORDER BY p.score DESC, p.sort_key COLLATE "C", p."_seq")::text
            FROM (SELECT * FROM m x ORDER BY x.score DESC, x.sort_key COLLATE "C", x."_seq" OFFSET ${offset} LIMIT ${limit}) p) END AS ids
       FROM (SELECT count(*) AS total FROM m) n`,
    );
    const total = Number(row.total);
    if (total <= COUNTED) return { total, more: false, ids: row.ids ? (JSON.parse(String(row.ids)) as string[]) : [] };
  }
  // Past COUNTED, the page is taken rank by rank, best first, each rank in name order: one statement
  // per rank until the page is full, so that the ranks after it are neither planned nor looked at.
  const ids: string[] = [];
  for (const [, conditions] of c.ranks) {
    if (ids.length >= plan.keep) break;
    if (!conditions.length) continue;
    const page = ask(
      rankPage(c, conditions, params.add(plan.keep - ids.length), (condition) =>
        params.add(c.onNames(condition) ? Math.min(gathered, plan.filtersMembers ? GATHERED_FROM_NAMES_FILTERED : GATHERED_FROM_NAMES) : gathered),
      ),
    );
    if (page.ids) ids.push(...(JSON.parse(String(page.ids)) as string[]));
  }
  return { total: COUNTED, more: true, ids: ids.slice(plan.offset, plan.keep) };
}

/** A condition's contacts listed from another table: their id, order and sort key (`rows`), and the
 *  search's filter on an id (`only`), applied once they are in name order. */
interface Listed {
  rows: string;
  only?: (id: string) => string;
}

interface SearchConditions {
  /** A condition with the search's filters (live, stage, tag, members). */
  matching: (condition: string) => string;
  /** The same, for the statement that counts every match. */
  counting: (condition: string) => string;
  /** Whether a contact matches at all (its words, or the phone number typed). */
  match: string;
  /** A match's rank as a number: 100 for the whole name down to 10 for a word found elsewhere. */
  score: string;
  /** Each rank's conditions, best rank first; a rank of two conditions is their contacts together. */
  ranks: [number, string[]][];
  /** True when a condition, with the filters, compares the name's keys only (no stage or tag, no
   *  searched text, no phone; members or not, looked up by id): the index contacts_sorted answers it
   *  without the rows, at a fraction of a microsecond a contact. A word of the name after the first ("silva" in "almeida silva") counts
   *  only when a word typed has one or two letters: its trigrams then find too many candidates for a
   *  gather to be cheap (at a million, "de" took 74 ms that way and 42 by the walk). Else its contacts
   *  may sit together late in the order, where the walk crossed 200,000 names to find them ("silva"
   *  took 120 ms by the walk and 95 from the trigram index). */
  onNames: (condition: string) => boolean;
  /** Conditions on the names' keys alone whose contacts all match, apart from each other: the name's
   *  start and the sort key's (the last name's), counted from their indexes before any row is read.
   *  None with a stage or a tag filter (among members, each contact is looked up), or a word with a
   *  space (a number typed in groups). */
  named: string[];
  /** For a condition whose contacts another table lists without their rows (a later word of the name,
   *  crm_name_words), the statement that lists their id, order and sort key (with the members filter,
   *  which needs only the id; none with a stage or a tag). */
  listed: Map<string, Listed>;
  /** Conditions whose contacts lie in one range of the name order (their sort key starts with what was
   *  typed): walked in that order from the range's start, never gathered (at a million, gathering the
   *  9,000 contacts whose last name starts with "silva" to sort them took 20 ms, the walk 1). */
  inRange: Set<string>;
}

/** The search's conditions as SQL, their values added with `param`. */
function searchConditions(workbook: Workbook, plan: SearchPlan, param: SqlParams['add']): SearchConditions {
  const where = [LIVE_CONTACT];
  const { input } = plan;
  if (input.stage) {
    const stages = LIFECYCLE_STAGES.map((s) => `'${s}'`).join(', ');
    const override = `lower(btrim(coalesce(c."lifecycle_override", '')))`;
    where.push(`(CASE WHEN ${override} IN (${stages}) THEN ${override} ELSE coalesce(c."lifecycle_stage", '') END) = ${param(input.stage)}`);
  }
  if (input.tag) where.push(`c."id" IN (SELECT t."contact_id" FROM contact_tags t WHERE t."contact_id" IS NOT NULL AND t."tag_id" = ${param(input.tag)})`);
  let score = '0';
  let match = 'TRUE';
  let ranks: [number, string[]][] = [[0, ['TRUE']]];
  let named: string[] = [];
  let laterWordRows: [condition: string, rows: string] | null = null;
  const inRange = new Set<string>();
  if (plan.wordPatterns.length) {
    const words = plan.words.slice(0, plan.wordPatterns.length);
    // Each word in a searched cell, or in the name of one of the contact's tags that holds it.
    const each = words.map((word, w) => {
      const tags = [...plan.usefulTags].filter((id) => plan.wordPatterns[w].test(plan.tagNames.get(id) ?? ''));
      // A word of one or two letters has no trigram: the index would hand back every contact, each
      // read again (at a million, "zq" among members took 2.3 s so, 0.7 reading the rows, which stops
      // at the thousandth match). Its collation named, the text is not the index's (LIKE compares the
      // same characters in any deterministic collation), and the planner still knows it from its statistics.
      const inText = `${SEARCH_TEXT}${word.length < 3 ? ' COLLATE "C"' : ''} LIKE ${param(`%${likeText(word)}%`)}`;
      if (!tags.length) return inText;
      // The contact's own tags, looked up by its id (contact_tags_contact_id): only for the rows a page
      // looks at whose cells lack the word, where a list of every tagged contact would be read whole.
      return `(${inText} OR EXISTS (SELECT 1 FROM contact_tags t WHERE t."contact_id" = c."id" AND t."tag_id" IN (${tags.map((id) => param(id)).join(', ')})))`;
    });
    const text = `(${each.map((e) => `(${e})`).join(' AND ')})`;
    const phone = plan.phonePatterns.length ? `(${plan.phoneVariants.map((v) => `${PHONE_DIGITS} LIKE ${param(`%${v}%`)}`).join(' OR ')})` : '';
    match = phone ? `(${text} OR ${phone})` : text;
    const name = nameRanks(words, plan.folded, param);
    const not = (condition: string) => `NOT coalesce(${condition}, false)`;
    score = `CASE WHEN ${text} THEN CASE WHEN ${name.whole} THEN 100 WHEN ${name.start} THEN 80 WHEN ${name.wordStarts} THEN 60 WHEN ${name.inside} THEN 40 ELSE 10 END ELSE 30 END`;
    // Each rank says the whole of its match, once (a word in a tag's name costs a pass over the tags).
    // Words found in the name are in the searched text (the name's cells are), unless a word holds a
    // space (a number typed in groups) that the name has between first and last name: the name's
    // ranks then say it, and the planner counts their contacts from the name's statistics alone.
    const inName = words.some((word) => /\s/.test(word)) ? `${text} AND ` : '';
    // Contacts sort by their last name (or organisation): those whose sort key starts with the text
    // sit together in that order, and a walk from "a" would cross most contacts to reach "silva".
    // They are read from their range of the sort key; the others (a given name, a second surname),
    // spread over the order, apart.
    const [first] = words;
    if (!inName) named = [name.start, `${name.leads(plan.folded)} AND ${not(name.start)}`];
    const laterWord = `${inName}${name.laterWordStarts()} AND ${not(name.start)} AND ${not(name.leads(first))}`;
    if (words.length === 1 && name.wordStarts !== 'FALSE') laterWordRows = [laterWord, name.laterWordRows(first)];
    const startLeads = `${inName}${name.start} AND ${not(name.whole)} AND ${name.leads(plan.folded)}`;
    const wordLeads = `${inName}${name.wordStarts} AND ${not(name.start)} AND ${name.leads(first)}`;
    inRange.add(startLeads).add(wordLeads);
    ranks = [
      [100, [`${inName}${name.whole}`]],
      [80, [startLeads, `${inName}${name.start} AND ${not(name.whole)} AND ${not(name.leads(plan.folded))}`]],
      [60, name.wordStarts === 'FALSE' ? [] : [wordLeads, laterWord]],
      [40, [`${inName}${name.inside} AND ${not(name.wordStarts)} AND ${not(name.start)}`]],
      ...(phone ? [[30, [`${phone} AND ${not(text)}`]] as [number, string[]]] : []),
      [10, [`${text} AND ${not(name.inside)}`]],
    ];
  }
  // Last, because it is the dearest: today's membership status.
  const last: string[] = [];
  const lastCounted: string[] = [];
  let membersBy: ((id: string) => string) | null = null;
  if (plan.filtersMembers) {
    const deciding = decidingSql(workbook.database!.sql, todayOf(workbook), settingsOf(workbook).membership, param);
    // Stored for today: each row a rank looks at is looked up by its id (every rank would otherwise
    // read the list of all members once).
    // Each row's status is looked up as a value, which the planner cannot turn into a join over every
    // member (at a million, gathering 2,000 members whose first name starts with "mar" took 217 ms by a
    // hash join over the 90,000 members, and the search 300 ms; 140 this way).
    const stored = (id: string, asValue: boolean) =>
      asValue
        ? `coalesce((SELECT d."status" FROM crm_deciding d WHERE d."contact_id" = ${id}) IN ${IN_FORCE}, false)`
        : `EXISTS (SELECT 1 FROM crm_deciding d WHERE d."contact_id" = ${id} AND d."status" IN ${IN_FORCE})`;
    const member = (id: string, asValue: boolean) => (deciding === STORED_DECIDING ? stored(id, asValue) : `${id} IN (SELECT d."contact_id" FROM (${deciding}) d WHERE d."status" IN ${IN_FORCE})`);
    const members = input.members === 'members';
    membersBy = (id: string) => (members ? member(id, true) : `NOT (${member(id, true)})`);
    // Each row a rank looks at, looked up as a value too; counting every non-member, the lookup as a
    // condition (a join the planner may choose) is quicker: at a million, "jean" among non-members took
    // 90 ms with the rank's walk so joined, 39 looked up; "mar" 38 with the count joined, 48 looked up.
    last.push(membersBy('c."id"'));
    lastCounted.push(members ? member('c."id"', true) : `NOT (${member('c."id"', false)})`);
  }
  const matching = (condition: string) => [...where, condition, ...last].join(' AND ');
  const counting = (condition: string) => [...where, condition, ...lastCounted].join(' AND ');
  const short = plan.words.slice(0, plan.wordPatterns.length).some((word) => word.length < 3);
  const onNames = (condition: string) => where.length === 1 && !condition.includes(SEARCH_TEXT) && !condition.includes(PHONE_DIGITS) && (short || !condition.includes(SORT_WORDS));
  // A later word's contacts are listed from crm_name_words without their rows, members or not too
  // (looked up by id, once they are in name order, until the page is full): at a million, "silva"'s
  // 9,350 among members took 62 ms from the trigrams, 32 each looked up, 19 so.
  const listed = new Map<string, Listed>();
  if (laterWordRows && where.length === 1) listed.set(laterWordRows[0], { rows: laterWordRows[1], only: membersBy ?? undefined });
  return { matching, counting, match, score, ranks, onNames, named: where.length === 1 ? named : [], listed, inRange };
}

/** The ids of a rank's first `keep` contacts in name order, as JSON. A condition's contacts are
 *  gathered and sorted when they are fewer than `mostOf` says; else the contacts in name order are
 *  walked until `keep` are found (at once for a range of that order: `inRange`). A walk is quick for
 *  a common condition spread over the alphabet, and slow for a rare one, or one whose contacts sit
 *  late in the order, which the planner cannot tell apart from its statistics. */
function rankPage(c: SearchConditions, conditions: string[], keep: string, mostOf: (condition: string) => string): string {
  const ctes: string[] = [];
  const inOrder = (condition: string) => {
    const walk = (only: string) => `SELECT c."id", c."_seq", ${SORT_KEY} AS sort_key FROM contacts c WHERE ${only}${c.matching(condition)} ORDER BY ${SORT_KEY} COLLATE "C", c."_seq" LIMIT ${keep}`;
    if (condition === 'TRUE' || c.inRange.has(condition)) return `(${walk('')})`;
    const g = `g${ctes.length}`;
    const most = mostOf(condition);
    const listed = c.listed.get(condition);
    const rows = listed?.rows ?? `SELECT c."id", c."_seq", ${SORT_KEY} AS sort_key FROM contacts c WHERE ${c.matching(condition)}`;
    ctes.push(`${g} AS MATERIALIZED (${rows} LIMIT ${most})`);
    const few = `(SELECT count(*) FROM ${g}) < ${most}`;
    const sorted = `SELECT g."id", g."_seq", g.sort_key FROM ${g} g WHERE ${few} ORDER BY g.sort_key COLLATE "C", g."_seq"`;
    // A filter on a listed rank's rows is applied in name order, only until the page is full (OFFSET 0
    // keeps it out of the sort, which would otherwise apply it to every row first).
    const first = listed?.only ? `SELECT s.* FROM (${sorted} OFFSET 0) s WHERE ${listed.only('s."id"')} ORDER BY s.sort_key COLLATE "C", s."_seq" LIMIT ${keep}` : `${sorted} LIMIT ${keep}`;
    return `(SELECT * FROM ((${first})
      UNION ALL (${walk(`NOT ${few} AND `)})) b)`;
  };
  // Two conditions (the name's start in the sort key's order, and elsewhere) merge in name order.
  const page = conditions.length === 1 ? inOrder(conditions[0]) : `(SELECT * FROM (${conditions.map(inOrder).join(' UNION ALL ')}) g ORDER BY g.sort_key COLLATE "C", g."_seq" LIMIT ${keep})`;
  return `${ctes.length ? `WITH ${ctes.join(',\n     ')}\n` : ''}SELECT json_agg(p."id" ORDER BY p.sort_key COLLATE "C", p."_seq")::text AS ids FROM ${page} p`;
}

/** The name conditions of search.ts rank, as SQL each index answers: the whole name (100), its start
 *  (80), a word of it starting with each word typed (60), each word typed inside it (40); and the sort
 *  key's start. The name and the sort key have the same words (first and last name, the other way
 *  round), so the sort key's words stand for the name's: the first (`leads`), or one after a space. */
function nameRanks(words: string[], folded: string, param: SqlParams['add']) {
  // A word with a space, an apostrophe or a hyphen in it starts no word of the name, and is looked for
  // in the name as it is (the name's words have lost theirs).
  const apart = (word: string) => /[\s'-]/.test(word);
  const leads = (text: string) => `${SORT_KEY} COLLATE "C" LIKE ${param(`${likeText(text)}%`)}`;
  const startsAWord = (word: string) => `${SORT_WORDS} LIKE ${param(`% ${likeText(word)}%`)}`;
  return {
    whole: `${NAME_KEY} = ${param(folded)}`,
    start: `${NAME_KEY} LIKE ${param(`${likeText(folded)}%`)}`,
    leads,
    wordStarts: words.some(apart) ? 'FALSE' : words.map((word) => `(${leads(word)} OR ${startsAWord(word)})`).join(' AND '),
    // The same when the sort key does not start with the first word: that word then starts a later word
    // (one condition, which the planner answers from the trigrams alone, reading no row twice).
    laterWordStarts: () => words.map((word, k) => (k === 0 ? startsAWord(word) : `(${leads(word)} OR ${startsAWord(word)})`)).join(' AND '),
    // The same for one word, from crm_name_words (migration 0011): its range of the later words' index,
    // each contact once, without the contacts' rows (the walk in name order, for too many, reads them).
    laterWordRows: (word: string) =>
      `SELECT DISTINCT w."id", w."contact_seq" AS "_seq", w."sort_key" AS sort_key FROM crm_name_words w WHERE w."word" LIKE ${param(`${likeText(word)}%`)}
        AND NOT coalesce(w."name_key" LIKE ${param(`${likeText(folded)}%`)}, false) AND NOT coalesce(w."sort_key" COLLATE "C" LIKE ${param(`${likeText(word)}%`)}, false)`,
    // A word of one or two letters has no trigram to look up: it is looked for in the sort key itself,
    // whose words hold the same letters, and the rank is taken on the name's keys alone (onNames).
    inside: words.map((word) => `${apart(word) ? NAME_KEY : word.length < 3 ? SORT_KEY : SORT_WORDS} LIKE ${param(`%${likeText(word)}%`)}`).join(' AND '),
  };
}
