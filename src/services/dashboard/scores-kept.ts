import { RFM_SEGMENTS } from '../../core/query/tree';
import type { RfmSegment } from '../../core/rfm';
import { SqlParams } from '../../store/sql/sql-params';
import type { Workbook } from '../../store/workbook';
import { engagementLastSql } from '../query/scores-sql';
import { settingsOf, todayOf } from '../today';
import { slowDashboard } from './dashboard-kept';
import { hotList, rfmReport, type HotContact, type RfmDonor, type RfmReport } from './scores';

/** The hot list and the donors by RFM score that the dashboard shows. Where the dashboard opens on the
 *  figures kept because they are slow to work out (a big base on a database, dashboard-kept.ts), these
 *  come from the Scores table the night wrote, as the figures do, with the moment it was written
 *  (`scored_at`): working them out over every gift and interaction took 70 s each at a million
 *  contacts. They are the night's, as the figures are: names as they were, a contact deleted since
 *  still listed. Asked `fresh`, or elsewhere, they are worked out (scores.ts). In the order worked out:
 *  the hot list by engagement, then the last day something counted (worked out for the page and its
 *  ties only), then the contacts' order; the donors by RFM score, amount, recency, then name. */

export function sidebarHotList(workbook: Workbook, limit: number, fresh = false): { items: HotContact[]; scored_at?: string } {
  const sql = fresh ? undefined : slowDashboard(workbook);
  const scored = sql ? scoredAt(workbook) : '';
  if (!sql || !scored) return hotList(workbook, limit);
  const p = new SqlParams();
  // The page's contacts and every one tied with its last (by engagement): the last day each engaged
  // is worked out for those only (for every hot contact it took 7 s at a million).
  const rows = sql.query(
    `WITH top AS (SELECT s."engagement" FROM scores s WHERE s."hot" IS TRUE ORDER BY s."engagement" DESC LIMIT ${p.add(limit)}),
          chosen AS (SELECT s."contact_id", s."name", s."engagement" FROM scores s WHERE s."hot" IS TRUE AND s."engagement" >= (SELECT min(t."engagement") FROM top t))
     SELECT h."contact_id" AS id, h."name", c."email", h."engagement", l.last::text AS last
     FROM chosen h LEFT JOIN contacts c ON c."id" = h."contact_id"
       LEFT JOIN (${engagementLastSql(settingsOf(workbook), todayOf(workbook), p.add, 'SELECT x."contact_id" FROM chosen x')}) l ON l."contact_id" = h."contact_id"
     ORDER BY h."engagement" DESC, l.last DESC NULLS LAST, c."_seq" LIMIT ${p.add(limit)}`,
    p.values,
  );
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  return {
    items: rows.map((r) => ({ id: text(r.id), name: text(r.name), email: text(r.email), engagement: Number(r.engagement), last_engaged: text(r.last) })),
    scored_at: scored,
  };
}

export function sidebarRfmReport(workbook: Workbook, segment: RfmSegment | undefined, offset: number, limit: number, fresh = false): RfmReport & { scored_at?: string } {
  const sql = fresh ? undefined : slowDashboard(workbook);
  const scored = sql ? scoredAt(workbook) : '';
  if (!sql || !scored) return rfmReport(workbook, segment, offset, limit);
  const donors = `scores s WHERE s."rfm_score" IS NOT NULL`;
  const counted = sql.query(`SELECT s."rfm_segment" AS segment, count(*) AS n FROM ${donors} GROUP BY s."rfm_segment"`);
  const groups = Object.fromEntries(RFM_SEGMENTS.map((g) => [g, 0])) as Record<RfmSegment, number>;
  for (const row of counted) if ((RFM_SEGMENTS as readonly string[]).includes(String(row.segment))) groups[row.segment as RfmSegment] = Number(row.n);
  const p = new SqlParams();
  const chosen = segment ? `${donors} AND s."rfm_segment" = ${p.add(segment)}` : donors;
  const order = 's."rfm_score" DESC, s."monetary" DESC, s."recency_days"';
  const fields = `s."contact_id" AS id, s."name", s."recency_days", s."frequency", s."monetary", s."r", s."f", s."m", s."rfm_score", s."rfm_segment"`;
  // The page and every donor tied with its last one (by score, amount and recency): ties go by name,
  // as people read names, which the database's order of texts is not.
  const rows = sql.query(
    `WITH page AS (SELECT ${fields} FROM ${chosen} ORDER BY ${order} LIMIT ${p.add(offset + limit)}),
          edge AS (SELECT x.rfm_score, x.monetary, x.recency_days FROM page x ORDER BY x.rfm_score, x.monetary, x.recency_days DESC LIMIT 1)
     SELECT * FROM page UNION SELECT ${fields} FROM ${chosen} AND (s."rfm_score", s."monetary", s."recency_days") IN (SELECT * FROM edge)`,
    p.values,
  );
  const list: RfmDonor[] = rows.map((r) => ({
    id: String(r.id),
    name: String(r.name ?? ''),
    recency_days: Number(r.recency_days),
    frequency: Number(r.frequency),
    monetary: Number(r.monetary),
    r: Number(r.r),
    f: Number(r.f),
    m: Number(r.m),
    rfm_score: Number(r.rfm_score),
    rfm_segment: r.rfm_segment as RfmSegment,
  }));
  list.sort((a, b) => b.rfm_score - a.rfm_score || b.monetary - a.monetary || a.recency_days - b.recency_days || a.name.localeCompare(b.name));
  const total = segment ? groups[segment] : Object.values(groups).reduce((a, b) => a + b, 0);
  return { window_months: settingsOf(workbook).rfm.windowMonths, groups, donors: list.slice(offset, offset + limit), total, scored_at: scored };
}

/** When the night wrote the Scores table; '' when it never did (the lists are then worked out). */
function scoredAt(workbook: Workbook): string {
  const [row] = workbook.database!.sql.query('SELECT max("scored_at") AS at FROM scores');
  return row?.at ? String(row.at) : '';
}
