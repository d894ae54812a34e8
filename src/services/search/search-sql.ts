import { LIFECYCLE_STAGES } from '../../core/schema/tables';
import { SqlParams } from '../../store/sql/sql-params';
import type { Workbook } from '../../store/workbook';
import type { SearchPlan } from './search';
import { settingsOf, todayOf } from '../today';
import { LIVE_CONTACT } from '../query/query-sql';
import { decidingSql, IN_FORCE } from '../query/membership-sql';

/** The search of the sidebar and of `crm search` when the contacts live in PostgreSQL: the same
 *  matches, ranks and order as the scan of search.ts (rankRows), worked out by the database with
 *  its trigram indexes (`crm_search_text`, phones' digits) instead of every contact read. Answers
 *  the ids of one page, best first, and how many match. */

/** LIKE's own characters in a word, escaped (a search for "50%" looks for "50%"). */
const likeText = (word: string) => word.replace(/[\\%_]/g, '\\$&');

/** Kept in the row when it is written (migration 0003): no contact's text folded again per search. */
const SEARCH_TEXT = 'c."search_text"';
const PHONE_DIGITS = `(crm_digits(c."phone") || ' ' || crm_digits(c."mobile"))`;
const NAME_KEY = 'c."name_key"';
const SORT_KEY = 'c."sort_key"';
/** The name's words, each after one space (the expression of the index contacts_name_words). */
const NAME_WORDS = `(' ' || regexp_replace(c."name_key", '[[:space:]''-]+', ' ', 'g'))`;

/** Past this many matches the database stops counting (the sidebar says "more than 1,000") and takes
 *  the page rank by rank, each rank's contacts in name order (`contacts_sorted`, migration 0008), instead
 *  of ranking every match: a common word over a million contacts would rank a hundred thousand. */
export const COUNTED = 1000;

export function searchPageInDatabase(workbook: Workbook, plan: SearchPlan): { total: number; more: boolean; ids: string[] } {
  const params = new SqlParams();
  const param = params.add;
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
  let ranks: [number, string][] = [[0, 'TRUE']];
  if (plan.wordPatterns.length) {
    const words = plan.words.slice(0, plan.wordPatterns.length);
    // Each word in a searched cell, or in the name of one of the contact's tags that holds it.
    const each = words.map((word, w) => {
      const tags = [...plan.usefulTags].filter((id) => plan.wordPatterns[w].test(plan.tagNames.get(id) ?? ''));
      const inText = `${SEARCH_TEXT} LIKE ${param(`%${likeText(word)}%`)}`;
      if (!tags.length) return inText;
      return `(${inText} OR c."id" IN (SELECT t."contact_id" FROM contact_tags t WHERE t."contact_id" IS NOT NULL AND t."tag_id" IN (SELECT jsonb_array_elements_text(${param(JSON.stringify(tags))}::jsonb))))`;
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
    ranks = [
      [100, `${inName}${name.whole}`],
      [80, `${inName}${name.start} AND ${not(name.whole)}`],
      [60, `${inName}${name.wordStarts} AND ${not(name.start)}`],
      [40, `${inName}${name.inside} AND ${not(name.wordStarts)} AND ${not(name.start)}`],
      ...(phone ? [[30, `${phone} AND ${not(text)}`] as [number, string]] : []),
      [10, `${text} AND ${not(name.inside)}`],
    ];
  }
  // Last, because it is the dearest: today's membership status.
  const last: string[] = [];
  if (plan.filtersMembers) {
    const deciding = decidingSql(workbook.database!.sql, todayOf(workbook), settingsOf(workbook).membership, param);
    const members = `c."id" IN (SELECT d."contact_id" FROM (${deciding}) d WHERE d."status" IN ${IN_FORCE})`;
    last.push(input.members === 'members' ? members : `NOT (${members})`);
  }
  const matching = (condition: string) => [...where, condition, ...last].join(' AND ');
  const [offset, limit, keep] = [param(plan.offset), param(plan.keep - plan.offset), param(plan.keep)];
  const ordered = (from: string) =>
    `(SELECT json_agg(p."id" ORDER BY p.score DESC, p.sort_key COLLATE "C", p."_seq")::text
        FROM (SELECT * FROM ${from} x ORDER BY x.score DESC, x.sort_key COLLATE "C", x."_seq" OFFSET ${offset} LIMIT ${limit}) p)`;
  // Rank by rank, best first, each in name order: PostgreSQL runs the ranks of a UNION ALL in turn and
  // stops at the LIMIT, so the ranks after a full page are never looked at.
  const byRank = ranks
    .map(
      ([rank, condition]) =>
        `(SELECT c."id", c."_seq", ${rank} AS score, ${SORT_KEY} AS sort_key FROM contacts c WHERE ${matching(condition)} ORDER BY ${SORT_KEY} COLLATE "C", c."_seq" LIMIT ${keep})`,
    )
    .join(' UNION ALL ');
  const [row] = workbook.database!.sql.query(
    `WITH m AS MATERIALIZED (SELECT c."id", c."_seq", ${score} AS score, ${SORT_KEY} AS sort_key FROM contacts c WHERE ${matching(match)} LIMIT ${COUNTED + 1}),
       n AS (SELECT count(*) AS total FROM m)
     SELECT n.total, CASE WHEN n.total <= ${COUNTED} THEN ${ordered('m')} ELSE ${ordered(`(SELECT * FROM (${byRank}) r LIMIT ${keep})`)} END AS ids FROM n`,
    params.values,
  );
  const total = Number(row.total);
  return { total: Math.min(total, COUNTED), more: total > COUNTED, ids: row.ids ? JSON.parse(String(row.ids)) : [] };
}

/** The name conditions of search.ts rank, as SQL each index answers: the whole name (100), its start
 *  (80), a word of it starting with each word typed (60), each word typed inside it (40). */
function nameRanks(words: string[], folded: string, param: SqlParams['add']) {
  // A word with a space, an apostrophe or a hyphen in it starts no word of the name, and is looked for
  // in the name as it is (the name's words have lost theirs).
  const apart = (word: string) => /[\s'-]/.test(word);
  return {
    whole: `${NAME_KEY} = ${param(folded)}`,
    start: `${NAME_KEY} LIKE ${param(`${likeText(folded)}%`)}`,
    wordStarts: words.map((word) => (apart(word) ? 'FALSE' : `${NAME_WORDS} LIKE ${param(`% ${likeText(word)}%`)}`)).join(' AND '),
    inside: words.map((word) => `${apart(word) ? NAME_KEY : NAME_WORDS} LIKE ${param(`%${likeText(word)}%`)}`).join(' AND '),
  };
}
