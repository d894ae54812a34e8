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

export function searchPageInDatabase(workbook: Workbook, plan: SearchPlan): { total: number; ids: string[] } {
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
  if (plan.wordPatterns.length) {
    const words = plan.words.slice(0, plan.wordPatterns.length);
    // Each word in a searched cell, or in the name of one of the contact's tags that holds it.
    const each = words.map((word, w) => {
      const tags = [...plan.usefulTags].filter((id) => plan.wordPatterns[w].test(plan.tagNames.get(id) ?? ''));
      const inText = `${SEARCH_TEXT} LIKE ${param(`%${likeText(word)}%`)}`;
      if (!tags.length) return inText;
      return `(${inText} OR c."id" IN (SELECT t."contact_id" FROM contact_tags t WHERE t."contact_id" IS NOT NULL AND t."tag_id" IN (SELECT jsonb_array_elements_text(${param(JSON.stringify(tags))}::jsonb))))`;
    });
    const textMatch = each.map((e) => `(${e})`).join(' AND ');
    const phone = plan.phonePatterns.length ? plan.phoneVariants.map((v) => `${PHONE_DIGITS} LIKE ${param(`%${v}%`)}`).join(' OR ') : '';
    where.push(phone ? `((${textMatch}) OR ${phone})` : `(${textMatch})`);
    // Name matches first: the whole name, its start, a word of it, anywhere in it (search.ts rank).
    const folded = param(plan.folded);
    const nameWords = `regexp_split_to_array(${NAME_KEY}, '[[:space:]''-]+')`;
    const prefixes = words.map((word) => `EXISTS (SELECT 1 FROM unnest(${nameWords}) n WHERE n LIKE ${param(`${likeText(word)}%`)})`).join(' AND ');
    const inside = words.map((word) => `${NAME_KEY} LIKE ${param(`%${likeText(word)}%`)}`).join(' AND ');
    const rank = `CASE WHEN ${NAME_KEY} = ${folded} THEN 100 WHEN starts_with(${NAME_KEY}, ${folded}) THEN 80 WHEN ${prefixes} THEN 60 WHEN ${inside} THEN 40 ELSE 10 END`;
    score = `CASE WHEN ${textMatch} THEN ${rank} ELSE 30 END`;
  }
  if (plan.filtersMembers) {
    const deciding = decidingSql(workbook.database!.sql, todayOf(workbook), settingsOf(workbook).membership, param);
    const members = `c."id" IN (SELECT d."contact_id" FROM (${deciding}) d WHERE d."status" IN ${IN_FORCE})`;
    where.push(input.members === 'members' ? members : `NOT (${members})`);
  }
  const n = params.values.length;
  const [row] = workbook.database!.sql.query(
    `WITH s AS MATERIALIZED (SELECT c."id", c."_seq", ${score} AS score, ${SORT_KEY} AS sort_key FROM contacts c WHERE ${where.join(' AND ')})
     SELECT (SELECT count(*) FROM s) AS total,
       (SELECT json_agg(p."id" ORDER BY p.score DESC, p.sort_key COLLATE "C", p."_seq")::text
          FROM (SELECT * FROM s ORDER BY s.score DESC, s.sort_key COLLATE "C", s."_seq" OFFSET $${n + 1} LIMIT $${n + 2}) p) AS ids`,
    [...params.values, plan.offset, plan.keep - plan.offset],
  );
  return { total: Number(row.total), ids: row.ids ? JSON.parse(String(row.ids)) : [] };
}
