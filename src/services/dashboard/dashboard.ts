import { parseQuery, printQuery } from '../../core/query';
import { addMonths } from '../../core/dates';
import { isoOfDay } from '../../core/day-numbers';
import type { Workbook } from '../../store/workbook';
import { selectContacts } from '../query/query';
import { factsOf } from '../query/query-facts';
import { settingsOf, todayOf } from '../today';
import { FUNNEL_QUERIES, FUNNEL_STEPS, FunnelStepName, medianDays, stepDays } from './dashboard-funnel';
import { dashboardRfm } from './dashboard-rfm';
import { dashboardInDatabase } from './dashboard-sql';

export { FUNNEL_STEPS, FUNNEL_QUERIES } from './dashboard-funnel';
export type { FunnelStepName } from './dashboard-funnel';

/** One number of the dashboard and the query of the contacts behind it, in the query language: the
 *  sidebar opens it as a segment when the number is clicked. For a count, the query selects exactly
 *  that many contacts; for a share, the contacts of its numerator; for an amount or a time, the
 *  contacts it was worked out from (the donors of the month, those who took both steps). */
export interface DashboardNumber {
  value: number;
  query: string;
}

export interface FunnelStep {
  step: FunnelStepName;
  /** Contacts who reached the step (see dashboard-funnel.ts for what each step means). */
  reached: DashboardNumber;
  /** From the step before (null on the first step): contacts who reached both steps... */
  converted: DashboardNumber | null;
  /** ...as a share (0–1) of those who reached the step before. */
  conversion: DashboardNumber | null;
  /** Median days from the step before to this one, over those who took both in order; value null
   *  when nobody did. */
  median_days: { value: number | null; contacts: number; query: string } | null;
}

export interface DonationMonth {
  /** 'YYYY-MM' */
  month: string;
  /** Sum of the month's gifts in the CRM's currency (gifts in another currency converted at Settings'
   *  rates, or counted and not added when there is none). */
  total: DashboardNumber;
  /** Number of gifts. */
  gifts: DashboardNumber;
  /** Contacts who gave that month. */
  donors: DashboardNumber;
}

export interface RfmGroupCount {
  group: string;
  contacts: DashboardNumber;
}

/** Every number of the membership dashboard, as of `as_of` (today in the spreadsheet's time zone).
 *  Contacts are the live ones: neither deleted nor merged into another. Shares are 0–1. */
export interface Dashboard {
  as_of: string;
  currency: string;
  /** Whether amounts include gifts converted from other currencies (Settings has rates): say so. */
  converted: boolean;
  contacts: DashboardNumber;
  members: DashboardNumber;
  members_share: DashboardNumber;
  subscribers: DashboardNumber;
  subscribers_share: DashboardNumber;
  subscribed_members: DashboardNumber;
  /** Of the members. */
  subscribed_members_share: DashboardNumber;
  funnel: FunnelStep[];
  renewals_due: DashboardNumber;
  lapsed: DashboardNumber;
  /** The last 12 months, the current one last; a month without gifts shows 0. */
  donations_by_month: DonationMonth[];
  /** RFM groups with at least one donor, best first (champions … lost). */
  rfm_groups: RfmGroupCount[];
}

export const RENEWAL_DAYS = 30;
export const LAPSED_DAYS = 90;
export const MONTHS = 12;

/** The queries of the headline numbers. `id!=""` selects every live contact (each row has an id). */
export const DASHBOARD_QUERIES = {
  contacts: 'id!=""',
  members: 'member',
  subscribers: 'newsletter:subscribed',
  subscribed_members: 'member AND newsletter:subscribed',
  renewals_due: `member AND membership.end>=today AND membership.end<=+${RENEWAL_DAYS}d`,
  // Ended in the last 90 days and not renewed: expired (past its grace days) with an end date since
  // then. A membership still in grace is not lapsed yet: it may be renewed.
  lapsed: `membership.status:expired AND membership.end>=${LAPSED_DAYS}d`,
} as const;

/** The donors of one month, e.g. `donations.count>=1 since:2026-01-01 before:2026-02-01`. */
export function donorsOfMonthQuery(month: string): string {
  const first = `${month}-01`;
  return `donations.count>=1 since:${first} before:${addMonths(first, 1)}`;
}

/** Both queries at once, in the printer's spelling. */
export function bothQuery(a: string, b: string): string {
  const [x, y] = [parsed(a), parsed(b)];
  return printQuery({ kind: 'and', children: [x, y] });
}

function parsed(text: string) {
  const result = parseQuery(text);
  // Our own queries: a failure here is a bug, not the user's.
  if (!result.ok) throw new Error(`Dashboard query "${text}" does not parse: ${result.error.message}`);
  return result.tree;
}

/** Every number of the dashboard. Counts come from the query engine (which gathers each table once
 *  per execution), so that each number and the segment it opens always agree; shares, medians and
 *  monthly sums are worked out from the same tables, which the Workbook has already read. */
export function dashboardNumbers(workbook: Workbook): Dashboard {
  // A database works every number out itself (dashboard-sql.ts).
  const inDatabase = workbook.database ? dashboardInDatabase(workbook) : null;
  if (inDatabase) return inDatabase;
  // The funnel, RFM groups and monthly sums need everyone's facts: gathered first, every count is then
  // worked out from them.
  factsOf(workbook);
  const today = todayOf(workbook);
  const select = (query: string) => selectContacts(workbook, parsed(query));
  const count = (query: string): DashboardNumber => ({ value: select(query).length, query });

  const dates = stepDays(workbook);
  const reachedCounts = FUNNEL_STEPS.map((step) => select(FUNNEL_QUERIES[step]).length);
  const funnel: FunnelStep[] = FUNNEL_STEPS.map((step, i) => {
    const reached = { value: reachedCounts[i], query: FUNNEL_QUERIES[step] };
    if (i === 0) return { step, reached, converted: null, conversion: null, median_days: null };
    const before = FUNNEL_STEPS[i - 1];
    const query = bothQuery(FUNNEL_QUERIES[before], FUNNEL_QUERIES[step]);
    const both = select(query);
    const previous = reachedCounts[i - 1];
    const time = medianDays(both, dates[before], dates[step]);
    return {
      step,
      reached,
      converted: { value: both.length, query },
      conversion: { value: ratio(both.length, previous), query },
      median_days: { value: time.days, contacts: time.contacts, query },
    };
  });

  return assembleDashboard(workbook, today, count, funnel, donationsByMonth(workbook, today, count), dashboardRfm(workbook));
}

/** The dashboard from its counts, however they are worked out (the engine, or the database): the
 *  headline numbers and their shares, the renewals and lapses, with the funnel, months and groups. */
export function assembleDashboard(workbook: Workbook, today: string, count: (query: string) => DashboardNumber, funnel: FunnelStep[], months: DonationMonth[], rfmGroups: RfmGroupCount[]): Dashboard {
  const settings = settingsOf(workbook);
  const share = (part: DashboardNumber, whole: DashboardNumber): DashboardNumber => ({ value: ratio(part.value, whole.value), query: part.query });
  const q = DASHBOARD_QUERIES;
  const contacts = count(q.contacts);
  const members = count(q.members);
  const subscribers = count(q.subscribers);
  const subscribedMembers = count(q.subscribed_members);
  return {
    as_of: today,
    currency: settings.currency,
    contacts,
    members,
    members_share: share(members, contacts),
    subscribers,
    subscribers_share: share(subscribers, contacts),
    subscribed_members: subscribedMembers,
    subscribed_members_share: share(subscribedMembers, members),
    funnel,
    renewals_due: count(q.renewals_due),
    lapsed: count(q.lapsed),
    donations_by_month: months,
    converted: settings.rates.size > 0,
    rfm_groups: rfmGroups,
  };
}

/** The last 12 calendar months, this one included. Amounts are in the CRM's currency: gifts in another
 *  currency are converted at the rates of Settings, or left out of the total (still counted) when there
 *  is none; gifts of deleted or merged contacts are left out, as they are from every segment. */
function donationsByMonth(workbook: Workbook, today: string, count: (query: string) => DashboardNumber): DonationMonth[] {
  const months = lastMonths(today);
  const sums = new Map(months.map((m) => [m, { total: 0, gifts: 0 }]));
  // The gift columns hold amounts in the CRM's currency already (converted at Settings' rates; 0 for a
  // currency with no rate): a month's total never adds reais to euros.
  const gifts = factsOf(workbook).gifts;
  for (let i = 0; i < gifts.contact.length; i++) {
    if (gifts.contact[i] < 0) continue;
    const sum = sums.get(isoOfDay(gifts.day[i]).slice(0, 7));
    if (!sum) continue;
    sum.gifts++;
    sum.total += gifts.amount[i];
  }
  return months.map((month) => {
    const donors = count(donorsOfMonthQuery(month));
    const sum = sums.get(month)!;
    return { month, total: { value: Math.round(sum.total * 100) / 100, query: donors.query }, gifts: { value: sum.gifts, query: donors.query }, donors };
  });
}

/** The last MONTHS calendar months ('YYYY-MM'), this one last. */
export function lastMonths(today: string): string[] {
  const thisMonth = `${today.slice(0, 7)}-01`;
  return Array.from({ length: MONTHS }, (_, i) => addMonths(thisMonth, i - (MONTHS - 1)).slice(0, 7));
}

/** part / whole, 0 when there is no whole, to four decimals (a share shown as a percentage). */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10000) / 10000 : 0;
}
