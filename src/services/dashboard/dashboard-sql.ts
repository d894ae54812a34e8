import { parseQuery } from '../../core/query/parse';
import { RFM_SEGMENTS } from '../../core/query/tree';
import { addMonths } from '../../core/dates';
import type { SqlValue } from '../../ports/database';
import { SqlParams } from '../../store/sql/sql-params';
import type { Workbook } from '../../store/workbook';
import { Contacts } from '../../core/schema/tables';
import { settingsOf, todayOf } from '../today';
import { compileQuery, LIVE_CONTACT } from '../query/query-sql';
import { giftAmountSql, rfmSql } from '../query/scores-sql';
import type { Dashboard, DashboardNumber, DonationMonth, FunnelStep } from './dashboard';
import { assembleDashboard, bothQuery, DASHBOARD_QUERIES, donorsOfMonthQuery, lastMonths, ratio } from './dashboard';
import { ENGAGED_TYPES, FUNNEL_QUERIES, FUNNEL_STEPS, type FunnelStepName } from './dashboard-funnel';

/** The dashboard of a CRM whose contacts live in PostgreSQL, every number worked out by the database:
 *  each count is its query compiled to SQL (so the number and the segment it opens agree, as on the
 *  sheets), the funnel's median times are `percentile_cont` over the days each contact reached each
 *  step, the monthly sums and the RFM groups are grouped there. Nothing is read whole into memory.
 *  Null when a query cannot be compiled (dashboard.ts then works from everyone's facts). */
export function dashboardInDatabase(workbook: Workbook): Dashboard | null {
  if (!workbook.database || !workbook.inDatabase(Contacts.name) || workbook.hasPendingChanges()) return null;
  const sql = workbook.database.sql;
  const today = todayOf(workbook);
  const where = (query: string) => {
    const parsed = parseQuery(query);
    if (!parsed.ok) throw new Error(`Dashboard query "${query}" does not parse: ${parsed.error.message}`);
    return compileQuery(workbook, parsed.tree, today);
  };
  // Every query compiles, or the engine does the whole dashboard.
  const queries = [...Object.values(DASHBOARD_QUERIES), ...Object.values(FUNNEL_QUERIES)];
  if (queries.some((q) => where(q) === null)) return null;

  const count = (query: string): DashboardNumber => {
    const compiled = where(query)!;
    return { value: Number(sql.query(`SELECT count(*) AS n FROM contacts c WHERE ${LIVE_CONTACT} AND (${compiled.where})`, compiled.params)[0].n), query };
  };
  const reached = FUNNEL_STEPS.map((step) => count(FUNNEL_QUERIES[step]));
  const funnel: FunnelStep[] = FUNNEL_STEPS.map((step, i) => {
    if (i === 0) return { step, reached: reached[i], converted: null, conversion: null, median_days: null };
    const query = bothQuery(FUNNEL_QUERIES[FUNNEL_STEPS[i - 1]], FUNNEL_QUERIES[step]);
    const both = count(query);
    const time = medianDays(workbook, where(query)!, FUNNEL_STEPS[i - 1], step);
    return { step, reached: reached[i], converted: both, conversion: { value: ratio(both.value, reached[i - 1].value), query }, median_days: { ...time, query } };
  });

  return assembleDashboard(workbook, today, count, funnel, donationsByMonth(workbook, today, count), rfmGroups(workbook, today));
}

/** The day each contact reached a step (dashboard-funnel.ts stepDays), as rows of contact_id, day. */
const STEP_DAYS: Record<FunnelStepName, string> = {
  subscriber: `SELECT c."id" AS contact_id, coalesce(crm_date(c."consent_at"), crm_date(c."created_at")) AS day FROM contacts c`,
  engaged: `SELECT i."contact_id", min(i."when_day") AS day FROM interactions i WHERE i."type" IN (${ENGAGED_TYPES.map((t) => `'${t}'`).join(', ')}) GROUP BY i."contact_id"`,
  donor: `SELECT d."contact_id", min(d."date") AS day FROM donations d WHERE d."refunded_at" IS NULL GROUP BY d."contact_id"`,
  member: `SELECT m."contact_id", min(coalesce(m."join_date", m."start_date")) AS day FROM memberships m GROUP BY m."contact_id"`,
};

/** The median number of days from one step to the next over the contacts of `both` who took them in
 *  this order (the second on the same day or after), null when nobody did. */
function medianDays(workbook: Workbook, both: { where: string; params: SqlValue[] }, from: FunnelStepName, to: FunnelStepName): { value: number | null; contacts: number } {
  // Each part worked out once (MATERIALIZED), then joined by hash: left to itself the planner may test
  // the contacts of `both` row by row against each step.
  const [row] = workbook.database!.sql.query(
    `WITH s AS MATERIALIZED (SELECT c."id" FROM contacts c WHERE ${LIVE_CONTACT} AND (${both.where})),
       a AS MATERIALIZED (${STEP_DAYS[from]}), b AS MATERIALIZED (${STEP_DAYS[to]})
     SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY b.day - a.day) AS median
     FROM s JOIN a ON a.contact_id = s."id" JOIN b ON b.contact_id = s."id"
     WHERE a.day IS NOT NULL AND b.day IS NOT NULL AND b.day >= a.day`,
    both.params,
  );
  const contacts = Number(row.n);
  return { value: contacts ? Number(row.median) : null, contacts };
}

/** The last 12 calendar months: each one's total in the CRM's currency, its gifts, its donors. */
function donationsByMonth(workbook: Workbook, today: string, count: (query: string) => DashboardNumber): DonationMonth[] {
  const months = lastMonths(today);
  const params = new SqlParams();
  const param = params.add;
  const amount = giftAmountSql(settingsOf(workbook), param);
  const rows = workbook.database!.sql.query(
    `SELECT to_char(d."date", 'YYYY-MM') AS month, count(*) AS gifts, sum(${amount}) AS total FROM donations d
     WHERE d."contact_id" IN (SELECT c."id" FROM contacts c WHERE ${LIVE_CONTACT}) AND d."refunded_at" IS NULL
       AND d."date" >= ${param(`${months[0]}-01`)}::date AND d."date" < ${param(addMonths(`${months[months.length - 1]}-01`, 1))}::date
     GROUP BY 1`,
    params.values,
  );
  const sums = new Map(rows.map((r) => [String(r.month), { gifts: Number(r.gifts), total: Number(r.total) }]));
  return months.map((month) => {
    const donors = count(donorsOfMonthQuery(month));
    const sum = sums.get(month) ?? { gifts: 0, total: 0 };
    return { month, total: { value: Math.round(sum.total * 100) / 100, query: donors.query }, gifts: { value: sum.gifts, query: donors.query }, donors };
  });
}

/** The donors of each RFM group that has any, best group first. */
function rfmGroups(workbook: Workbook, today: string): Dashboard['rfm_groups'] {
  const params = new SqlParams();
  const rows = workbook.database!.sql.query(`SELECT r.segment, count(*) AS n FROM (${rfmSql(settingsOf(workbook), today, params.add)}) r GROUP BY r.segment`, params.values);
  const counts = new Map(rows.map((r) => [String(r.segment), Number(r.n)]));
  return RFM_SEGMENTS.filter((group) => (counts.get(group) ?? 0) > 0).map((group) => ({ group, contacts: { value: counts.get(group)!, query: `rfm.segment:${group}` } }));
}
