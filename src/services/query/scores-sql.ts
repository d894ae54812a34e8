import { addDays, addMonths } from '../../core/dates';
import { rfmSegment } from '../../core/rfm';
import { ENGAGEMENT_WEIGHTS, GIFT_WEIGHT, HALF_LIFE_DAYS, HOT_SHARE, OPEN_CAP } from '../../core/engagement';
import type { CrmSettings } from '../../core/settings';
import type { SqlValue } from '../../ports/database';

/** RFM and engagement (core/rfm.ts, core/engagement.ts) written as SQL over the database's tables,
 *  for the query language compiled to SQL (rfm.segment, rfm.score, engagement, hot) and the
 *  dashboard's RFM groups: the same windows, quintiles with ties kept together, segment grid, weights,
 *  half-life, open cap and hot list, worked out by the database instead of every gift and interaction
 *  read into memory. `param` adds a parameter and returns its typed placeholder. */

type Param = (value: SqlValue) => string;

/** The live contacts (not deleted, not merged), for joins. */
const LIVE = `SELECT c."id" FROM contacts c WHERE c."id" <> '' AND c."deleted" IS NOT TRUE AND (c."merged_into" IS NULL OR c."merged_into" = '')`;

/** A gift's amount in the CRM's currency, `d` being a donations row: 0 for a currency without a rate
 *  in Settings (never added across currencies, see core/money.ts). */
export function giftAmountSql(settings: Pick<CrmSettings, 'currency' | 'rates'>, param: Param): string {
  const code = `upper(btrim(coalesce(d."currency", '')))`;
  const converted = [...settings.rates]
    .filter(([other]) => other !== settings.currency)
    .map(([other, rate]) => `WHEN ${param(other)} THEN coalesce(d."amount", 0)::float8 * ${param(rate)}`)
    .join(' ');
  const other = converted ? `CASE ${code} ${converted} ELSE 0::float8 END` : '0::float8';
  return `(CASE WHEN ${code} IN ('', ${param(settings.currency)}) THEN coalesce(d."amount", 0)::float8 ELSE ${other} END)`;
}

/** A score 1..5 by quintiles over the donors, ties together (core/rfm.ts quintileScores). */
const quintile = (value: string) => `LEAST(5, (5 * (2 * (rank() OVER (ORDER BY ${value}) - 1) + count(*) OVER (PARTITION BY ${value}))) / (2 * count(*) OVER ()) + 1)`;

/** One row per donor (a gift in the RFM window): contact_id, r, f, m, score (r + f + m), segment, and
 *  what they come from: recency_days, frequency, monetary (in the CRM's currency, to the cent). */
export function rfmSql(settings: CrmSettings, today: string, param: Param): string {
  const from = addMonths(today, -settings.rfm.windowMonths);
  const amount = giftAmountSql(settings, param);
  const grid = [1, 2, 3, 4, 5].flatMap((r) => [1, 2, 3, 4, 5].map((f) => `'${rfmSegment(r, f)}'`));
  const monetary = settings.rfm.monetary === 'average' ? 'g.total / g.f' : 'g.total';
  return `SELECT s."contact_id", s.r, s.f, s.m, s.r + s.f + s.m AS score, (ARRAY[${grid.join(', ')}])[(s.r - 1) * 5 + s.f] AS segment,
      s.recency_days, s.frequency, s.monetary
    FROM (SELECT v."contact_id", ${quintile('v.freshness')} AS r, ${quintile('v.f')} AS f, ${quintile('v.monetary')} AS m,
            -v.freshness AS recency_days, v.f AS frequency, v.monetary
          FROM (SELECT g."contact_id", g.f, -(${param(today)}::date - g.last) AS freshness, floor(${monetary} * 100 + 0.5) / 100 AS monetary
                FROM (SELECT d."contact_id", count(*) AS f, sum(${amount}) AS total, max(d."date") AS last
                      FROM donations d WHERE d."contact_id" IN (${LIVE}) AND d."refunded_at" IS NULL
                        AND d."date" >= ${param(from)}::date AND d."date" <= ${param(today)}::date
                      GROUP BY d."contact_id") g) v) s`;
}

/** An interaction's weight (`i` an interactions row), opens aside. */
const weight = (inbound: boolean) =>
  `CASE i."type" ${Object.entries(ENGAGEMENT_WEIGHTS)
    .filter(([type, w]) => type !== 'newsletter_open' && (inbound ? w.inbound : w.other) > 0)
    .map(([type, w]) => `WHEN '${type}' THEN ${inbound ? w.inbound : w.other}`)
    .join(' ')} ELSE 0 END`;

/** One row per engaged contact (a score above 0): contact_id, score, hot. */
export function engagementSql(settings: CrmSettings, today: string, param: Param): string {
  const from = addDays(today, -settings.engagement.days);
  const to = `${param(today)}::date`;
  const decay = (day: string) => `power(0.5::float8, (${to} - ${day})::float8 / ${HALF_LIFE_DAYS})`;
  const inWindow = (day: string) => `${day} >= ${param(from)}::date AND ${day} <= ${to}`;
  const day = 'i."when_day"';
  const open = ENGAGEMENT_WEIGHTS.newsletter_open.inbound;
  const click = ENGAGEMENT_WEIGHTS.newsletter_click.inbound;
  const activityDay = 'a."last_day"';
  // The sync's counts as the engine reads them: whole, finite, at least 1.
  const counted = (column: string) => `(${column} >= 1 AND ${column} < 'Infinity'::float8)`;
  const points = [
    `SELECT i."contact_id", CASE WHEN i."direction" = 'inbound' THEN ${weight(true)} ELSE ${weight(false)} END * ${decay(day)} AS points, 0::float8 AS opens
       FROM interactions i WHERE i."type" <> 'newsletter_open' AND ${inWindow(day)}`,
    `SELECT i."contact_id", 0::float8, ${open} * ${decay(day)} FROM interactions i WHERE i."type" = 'newsletter_open' AND ${inWindow(day)}`,
    `SELECT a."contact_id", CASE WHEN ${counted('a."clicks"')} THEN ${click} * ${decay(activityDay)} ELSE 0 END, CASE WHEN ${counted('a."opens"')} THEN ${open} * ${decay(activityDay)} ELSE 0 END
       FROM campaign_activity a WHERE ${inWindow(activityDay)}`,
    `SELECT d."contact_id", ${GIFT_WEIGHT} * ${decay('d."date"')}, 0::float8 FROM donations d WHERE d."refunded_at" IS NULL AND d."date" IS NOT NULL AND ${inWindow('d."date"')}`,
  ];
  return `SELECT e."contact_id", e.score, e.score >= greatest(
        (SELECT x.score FROM e x ORDER BY x.score DESC OFFSET greatest(ceil((SELECT count(*) FROM e) * ${HOT_SHARE}) - 1, 0) LIMIT 1), ${param(settings.engagement.hotMinScore)}) AS hot
    FROM e`.replace(
    /^/,
    `WITH e AS (SELECT p."contact_id", floor((sum(p.points) + least(${OPEN_CAP}, sum(p.opens))) * 10 + 0.5) / 10 AS score
       FROM (${points.join(' UNION ALL ')}) p WHERE p."contact_id" IN (${LIVE}) GROUP BY p."contact_id"
       HAVING floor((sum(p.points) + least(${OPEN_CAP}, sum(p.opens))) * 10 + 0.5) / 10 > 0) `,
  );
}

/** The last day something counted towards the engagement of each contact `contacts` (a statement
 *  answering contact ids) lists, as core/engagement.ts keeps it: an interaction of some weight, a
 *  campaign's activity, a gift, within the window. One row each: contact_id, last (a date). */
export function engagementLastSql(settings: CrmSettings, today: string, param: Param, contacts: string): string {
  const from = `${param(addDays(today, -settings.engagement.days))}::date`;
  const to = `${param(today)}::date`;
  const open = ENGAGEMENT_WEIGHTS.newsletter_open.inbound;
  return `SELECT x."contact_id", max(x.day) AS last FROM (
      SELECT i."contact_id", i."when_day" AS day FROM interactions i WHERE i."contact_id" IN (${contacts}) AND i."when_day" >= ${from} AND i."when_day" <= ${to}
        AND CASE WHEN i."type" = 'newsletter_open' THEN ${open} WHEN i."direction" = 'inbound' THEN ${weight(true)} ELSE ${weight(false)} END > 0
      UNION ALL SELECT a."contact_id", a."last_day" FROM campaign_activity a WHERE a."contact_id" IN (${contacts}) AND a."last_day" >= ${from} AND a."last_day" <= ${to}
      UNION ALL SELECT d."contact_id", d."date" FROM donations d WHERE d."contact_id" IN (${contacts}) AND d."refunded_at" IS NULL AND d."date" >= ${from} AND d."date" <= ${to}
    ) x GROUP BY x."contact_id"`;
}
