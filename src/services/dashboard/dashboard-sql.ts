import { parseQuery } from '../../core/query/parse';
import { RFM_SEGMENTS } from '../../core/query/tree';
import { addMonths } from '../../core/dates';
import { SqlParams } from '../../store/sql/sql-params';
import type { Sql } from '../../ports/database';
import type { Workbook } from '../../store/workbook';
import { Contacts } from '../../core/schema/tables';
import { settingsOf, todayOf } from '../today';
import { compileQueries, listBitsSql, LIVE_CONTACT, withParts, type SharedQueries } from '../query/query-sql';
import { giftAmountSql, rfmSql } from '../query/scores-sql';
import type { Dashboard, DashboardNumber, DonationMonth, FunnelStep } from './dashboard';
import { assembleDashboard, bothQuery, DASHBOARD_QUERIES, donorsOfMonthQuery, lastMonths, ratio } from './dashboard';
import { ENGAGED_TYPES, FUNNEL_QUERIES, FUNNEL_STEPS, type FunnelStepName } from './dashboard-funnel';

/** The dashboard of a CRM whose contacts live in PostgreSQL, every number worked out by the database:
 *  each count is its query compiled to SQL (so the number and the segment it opens agree, as on the
 *  sheets), the funnel's median times are `percentile_cont` over the days each contact reached each
 *  step, the monthly sums and the RFM groups are grouped there. Every count and median comes from one
 *  statement: the contacts are read once, each query a column of flags over them, each step's days
 *  worked out once. Nothing is read whole into memory. Null when a query cannot be compiled
 *  (dashboard.ts then works from everyone's facts). */
export function dashboardInDatabase(workbook: Workbook): Dashboard | null {
  if (!workbook.answersInDatabase(Contacts.name)) return null;
  const today = todayOf(workbook);
  const both = FUNNEL_STEPS.slice(1).map((step, i) => bothQuery(FUNNEL_QUERIES[FUNNEL_STEPS[i]], FUNNEL_QUERIES[step]));
  const texts = [...new Set([...Object.values(DASHBOARD_QUERIES), ...FUNNEL_STEPS.map((step) => FUNNEL_QUERIES[step]), ...both])];
  const compiled = compileQueries(workbook, texts.map(parsed), today);
  if (!compiled) return null;
  const numbers = countsAndMedians(workbook, texts, compiled, both);

  const count = (query: string): DashboardNumber => ({ value: numbers.counts.get(query)!, query });
  const funnel: FunnelStep[] = FUNNEL_STEPS.map((step, i) => {
    const reached = count(FUNNEL_QUERIES[step]);
    if (i === 0) return { step, reached, converted: null, conversion: null, median_days: null };
    const query = both[i - 1];
    const converted = count(query);
    const time = numbers.medians[i - 1];
    return { step, reached, converted, conversion: { value: ratio(converted.value, count(FUNNEL_QUERIES[FUNNEL_STEPS[i - 1]]).value), query }, median_days: { ...time, query } };
  });
  return assembleDashboard(workbook, today, count, funnel, donationsByMonth(workbook, today), rfmGroups(workbook, today));
}

function parsed(query: string) {
  const result = parseQuery(query);
  if (!result.ok) throw new Error(`Dashboard query "${query}" does not parse: ${result.error.message}`);
  return result.tree;
}

/** Every query's count, and for each step of the funnel after the first the median number of days
 *  from the step before over the contacts of `both` who took them in this order (the second on the
 *  same day or after; null when nobody did), in one statement. */
function countsAndMedians(workbook: Workbook, texts: string[], compiled: SharedQueries, both: string[]): { counts: Map<string, number>; medians: { value: number | null; contacts: number }[] } {
  // Each part worked out once (MATERIALIZED), then joined by hash: left to itself the planner may test
  // the contacts row by row against each step.
  const flags = compiled.wheres.map((where, k) => `coalesce(${where}, FALSE) AS q${k}`).join(',\n ');
  const leaves = compiled.leaves.map((leaf) => `, ${leaf}`).join('');
  // Each contact's lists as bits, from one grouped pass over them, joined once.
  const lv = compiled.lists.length
    ? [
        `bits AS MATERIALIZED (${listBitsSql(compiled.lists)})`,
        `lv AS MATERIALIZED (SELECT c."id", coalesce(b.bits, 0) AS bits${leaves} FROM contacts c LEFT JOIN bits b ON b."contact_id" = c."id" WHERE ${LIVE_CONTACT})`,
      ]
    : [`lv AS MATERIALIZED (SELECT c."id"${leaves} FROM contacts c WHERE ${LIVE_CONTACT})`];
  const steps = FUNNEL_STEPS.map((step) => `st_${step} AS MATERIALIZED (${STEP_DAYS[step]})`);
  const medians = both.map((query, i) => {
    const [from, to] = [FUNNEL_STEPS[i], FUNNEL_STEPS[i + 1]];
    return `m${i} AS (SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY b.day - a.day) AS median
      FROM f JOIN st_${from} a ON a.contact_id = f."id" JOIN st_${to} b ON b.contact_id = f."id"
      WHERE f.q${texts.indexOf(query)} AND a.day IS NOT NULL AND b.day IS NOT NULL AND b.day >= a.day)`;
  });
  // Hash joins for the medians: its guesses at the steps' sizes led the planner to sort a million rows
  // three times over for merge joins (13 s of a million contacts' dashboard).
  const [row] = withMemory(
    workbook,
    (sql) =>
      sql.query(
        `${withParts(compiled.parts, ...lv, `f AS MATERIALIZED (SELECT lv."id", ${flags} FROM lv)`, ...steps, ...medians)}
     SELECT ${texts.map((_, k) => `count(*) FILTER (WHERE f.q${k}) AS n${k}`).join(', ')},
       ${both.map((_, i) => `(SELECT n FROM m${i}) AS took${i}, (SELECT median FROM m${i}) AS median${i}`).join(', ')}
     FROM f`,
        compiled.params.values,
      ),
    { enable_mergejoin: 'off' },
  );
  return {
    counts: new Map(texts.map((text, k) => [text, Number(row[`n${k}`])])),
    medians: both.map((_, i) => {
      const contacts = Number(row[`took${i}`]);
      return { value: contacts ? Number(row[`median${i}`]) : null, contacts };
    }),
  };
}

/** `work` in a transaction with memory enough to hash what it groups and joins (else it sorts on disk,
 *  or rescans a subquery for each contact), no parallel workers (each starts in about a second at every
 *  subquery: measured 49 s against 17), and `more` settings. In the caller's transaction when there is
 *  one (the nightly run's): the settings are put back as they were once `work` is done, so that the
 *  caller's next statements are planned as before. */
function withMemory<T>(workbook: Workbook, work: (sql: Sql) => T, more: Record<string, string> = {}): T {
  const sql = workbook.database!.sql;
  const settings = Object.entries({ work_mem: '256MB', max_parallel_workers_per_gather: '0', ...more });
  const set = (values: string[]) =>
    sql.query(
      `SELECT ${settings.map((_, k) => `set_config($${2 * k + 1}, $${2 * k + 2}, true)`).join(', ')}`,
      settings.flatMap(([name], k) => [name, values[k]]),
    );
  return sql.transaction(() => {
    const [before] = sql.query(
      `SELECT ${settings.map((_, k) => `current_setting($${k + 1}) AS s${k}`).join(', ')}`,
      settings.map(([name]) => name),
    );
    set(settings.map(([, value]) => value));
    const result = work(sql);
    set(settings.map((_, k) => String(before[`s${k}`])));
    return result;
  });
}

/** The day each contact reached a step (dashboard-funnel.ts stepDays), as rows of contact_id, day. */
const STEP_DAYS: Record<FunnelStepName, string> = {
  subscriber: `SELECT c."id" AS contact_id, coalesce(c."consent_day", c."created_day") AS day FROM contacts c`,
  engaged: `SELECT i."contact_id", min(i."when_day") AS day FROM interactions i WHERE i."type" IN (${ENGAGED_TYPES.map((t) => `'${t}'`).join(', ')}) GROUP BY i."contact_id"`,
  donor: `SELECT d."contact_id", min(d."date") AS day FROM donations d WHERE d."refunded_at" IS NULL GROUP BY d."contact_id"`,
  member: `SELECT m."contact_id", min(coalesce(m."join_date", m."start_date")) AS day FROM memberships m GROUP BY m."contact_id"`,
};

/** The last 12 calendar months: each one's total in the CRM's currency, its gifts, its donors. */
function donationsByMonth(workbook: Workbook, today: string): DonationMonth[] {
  const months = lastMonths(today);
  const params = new SqlParams();
  const param = params.add;
  const amount = giftAmountSql(settingsOf(workbook), param);
  // A month's donors are its query's contacts (donorsOfMonthQuery: live contacts with a gift of that
  // month not refunded), counted with its sums.
  // Each donor's month first, then the months: two hash aggregates in memory enough for them, where a
  // distinct count sorted every gift on disk (7 s at a million contacts).
  const rows = withMemory(workbook, (sql) =>
    sql.query(
      `SELECT to_char(g.month, 'YYYY-MM') AS month, sum(g.gifts) AS gifts, sum(g.total) AS total, count(*) AS donors
     FROM (SELECT date_trunc('month', d."date"::timestamp) AS month, d."contact_id", count(*) AS gifts, sum(${amount}) AS total FROM donations d
           WHERE d."contact_id" IN (SELECT c."id" FROM contacts c WHERE ${LIVE_CONTACT}) AND d."refunded_at" IS NULL
             AND d."date" >= ${param(`${months[0]}-01`)}::date AND d."date" < ${param(addMonths(`${months[months.length - 1]}-01`, 1))}::date
           GROUP BY 1, 2) g
     GROUP BY g.month`,
      params.values,
    ),
  );
  const sums = new Map(rows.map((r) => [String(r.month), { gifts: Number(r.gifts), total: Number(r.total), donors: Number(r.donors) }]));
  return months.map((month) => {
    const query = donorsOfMonthQuery(month);
    const sum = sums.get(month) ?? { gifts: 0, total: 0, donors: 0 };
    return { month, total: { value: Math.round(sum.total * 100) / 100, query }, gifts: { value: sum.gifts, query }, donors: { value: sum.donors, query } };
  });
}

/** The donors of each RFM group that has any, best group first. */
function rfmGroups(workbook: Workbook, today: string): Dashboard['rfm_groups'] {
  const params = new SqlParams();
  const rows = withMemory(workbook, (sql) => sql.query(`SELECT r.segment, count(*) AS n FROM (${rfmSql(settingsOf(workbook), today, params.add)}) r GROUP BY r.segment`, params.values));
  const counts = new Map(rows.map((r) => [String(r.segment), Number(r.n)]));
  return RFM_SEGMENTS.filter((group) => (counts.get(group) ?? 0) > 0).map((group) => ({ group, contacts: { value: counts.get(group)!, query: `rfm.segment:${group}` } }));
}
