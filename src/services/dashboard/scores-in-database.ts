import { Contacts, Donations, Interactions, Scores } from '../../core/schema/tables';
import { ALPHABET, newId } from '../../core/ids';
import { SqlParams } from '../../store/sql/sql-params';
import type { Workbook } from '../../store/workbook';
import { engagementSql, rfmSql } from '../query/scores-sql';
import { settingsOf, todayOf } from '../today';
import { auditScores, type ScoresRefresh } from './scores';

/** The nightly Scores table (scores.ts refreshScores) when the CRM's tables live in PostgreSQL: RFM
 *  and engagement worked out by the database (scores-sql.ts) into a temporary table, then the Scores
 *  table rewritten from it in the same transaction, with one audit row in counts. As on the sheet: a
 *  contact's row keeps its id (and what people keep in columns of their own) from night to night, rows
 *  of contacts no longer scored (or deleted, merged, listed twice) go, new contacts come last. Null when
 *  the tables are not all in the database or this execution has changes it has not written. */
export function refreshScoresInDatabase(workbook: Workbook): ScoresRefresh | null {
  if (!workbook.answersInDatabase(Scores.name, Contacts.name, Donations.name, Interactions.name)) return null;
  const { sql } = workbook.database!;
  const settings = settingsOf(workbook);
  const today = todayOf(workbook);
  const now = workbook.clock.now();
  return sql.transaction(() => {
    const p = new SqlParams();
    sql.query(
      `CREATE TEMP TABLE crm_scored ON COMMIT DROP AS
       WITH r AS (${rfmSql(settings, today, p.add)}), e AS (${engagementSql(settings, today, p.add)}),
            old AS (SELECT DISTINCT ON (o."contact_id") o."contact_id", o."id", o."_seq", o."custom" FROM scores o
                    WHERE coalesce(o."id", '') <> '' ORDER BY o."contact_id", o."_seq")
       SELECT c."id" AS contact_id, c."_seq" AS contact_seq, old."id" AS old_id, old."_seq" AS old_seq, coalesce(old."custom", '{}'::jsonb) AS custom,
              CASE WHEN c."kind" = 'organisation' THEN ${trimmed('c."organisation_name"')}
                ELSE ${trimmed(`concat_ws(' ', nullif(c."first_name", ''), nullif(c."last_name", ''))`)} END AS name,
              r.recency_days, r.frequency, r.monetary, r.r, r.f, r.m, r.score AS rfm_score, coalesce(r.segment, '') AS rfm_segment,
              coalesce(e.score, 0) AS engagement, coalesce(e.hot, FALSE) AS hot
       FROM (SELECT r."contact_id" FROM r UNION SELECT e."contact_id" FROM e) s
         JOIN contacts c ON c."id" = s."contact_id"
         LEFT JOIN r ON r."contact_id" = s."contact_id"
         LEFT JOIN e ON e."contact_id" = s."contact_id"
         LEFT JOIN old ON old."contact_id" = s."contact_id"`,
      p.values,
    );
    const [counts] = sql.query(
      `SELECT (SELECT count(*) FROM scores) AS before, (SELECT count(*) FROM crm_scored) AS after,
              (SELECT count(*) FROM crm_scored WHERE old_id IS NULL) AS added,
              (SELECT count(*) FROM crm_scored WHERE rfm_score IS NOT NULL) AS donors, (SELECT count(*) FROM crm_scored WHERE engagement > 0) AS engaged,
              NOT EXISTS (SELECT ${COMPARED} FROM crm_scored EXCEPT SELECT ${COMPARED} FROM scores) AS same`,
    );
    const [before, after, added, donors, engaged] = ['before', 'after', 'added', 'donors', 'engaged'].map((k) => Number(counts[k]));
    const answer = { scored: after, donors, engaged };
    // Nothing changed (the same day again): nothing to write or audit.
    if (counts.same === true && added === 0 && after === before) return answer;
    sql.query('DELETE FROM scores');
    // New rows' ids as the CRM makes them (scr_, the time, then 8 characters of base 32: here a random
    // start plus the row's number, so that they differ within the night).
    const stem = newId(Scores.idPrefix, now.getTime()).slice(0, -8);
    const number = `(s.fresh + ${Math.floor(Math.random() * 2 ** 34)})`;
    const tail = [7, 6, 5, 4, 3, 2, 1, 0].map((k) => `substr('${ALPHABET}', ((${number} >> ${5 * k}) & 31)::int + 1, 1)`).join(' || ');
    sql.query(
      `INSERT INTO scores ("id", "contact_id", "name", "recency_days", "frequency", "monetary", "r", "f", "m", "rfm_score", "rfm_segment", "engagement", "hot", "scored_at", "custom")
       SELECT coalesce(s.old_id, $1::text || ${tail}), s.contact_id, s.name, s.recency_days, s.frequency, s.monetary, s.r, s.f, s.m, s.rfm_score, s.rfm_segment,
              s.engagement, s.hot, $2::text, s.custom
       FROM (SELECT c.*, row_number() OVER (PARTITION BY c.old_id IS NULL ORDER BY c.contact_seq)::bigint AS fresh FROM crm_scored c) s
       ORDER BY s.old_seq NULLS LAST, s.contact_seq`,
      [stem, now.toISOString()],
    );
    auditScores(workbook, { before, after, added, donors, engaged });
    return answer;
  });
}

/** What tells one night's scores from the last (not when they were worked out). */
const COMPARED = ['contact_id', 'name', 'recency_days', 'frequency', 'monetary', 'r', 'f', 'm', 'rfm_score', 'rfm_segment', 'engagement', 'hot'].map((c) => `"${c}"`).join(', ');

/** Trimmed as JavaScript trims (every kind of space, not only ' '). */
const trimmed = (text: string) => `crm_trim(${text})`;
