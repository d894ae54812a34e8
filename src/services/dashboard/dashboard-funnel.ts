import { dayNumber, NO_DAY } from '../../core/day-numbers';
import { TYPE_CODES } from '../../core/engagement';
import type { Workbook } from '../../store/workbook';
import { factsOf } from '../query/query-facts';

/** The membership funnel: subscriber → engaged → donor → member.
 *
 *  Each step counts the contacts who have *reached* it, whatever they did before: someone who joined
 *  without ever reading the newsletter is a member all the same. So a step is not a subset of the one
 *  before; the conversion between two steps is the share of the contacts who reached the first that
 *  reached the second too, and its segment is "both steps". The steps, from the data (not from the
 *  lifecycle stage, which keeps only the latest one):
 *  - subscriber: subscribed to the newsletter, now or before (status subscribed, unsubscribed or
 *    cleaned; pending and never are not). Its date: consent_at, else created_at;
 *  - engaged: something the contact took part in, ever: a newsletter click, an event, a meeting, a
 *    form, a call (ENGAGED_TYPES). Not opens, which mail privacy features fake; not emails, letters or
 *    texts, since a query cannot yet tell a reply from a message we sent (the engagement score can,
 *    but it only looks at recent weeks). Its date: the first such interaction;
 *  - donor: at least one gift. Its date: the first gift;
 *  - member: a membership that is or was in force (new, current, grace, expired or cancelled; a pending
 *    one never started). Its date: the first membership's join date, else its start date.
 *  The median time between two steps is over the contacts who took both, in the funnel's order (the
 *  second on the same day or after the first); those who took them the other way round are counted
 *  in the conversion, not in the time. */

export const FUNNEL_STEPS = ['subscriber', 'engaged', 'donor', 'member'] as const;
export type FunnelStepName = (typeof FUNNEL_STEPS)[number];

/** Interaction types that show the contact taking part (see above). */
export const ENGAGED_TYPES = ['newsletter_click', 'event', 'meeting', 'form', 'call'] as const;

const QUERY_NAMES: Record<string, string> = { newsletter_click: 'clicks>=1' };

/** The query of each step, in the query language, so that the number and its segment agree. */
export const FUNNEL_QUERIES: Record<FunnelStepName, string> = {
  subscriber: 'newsletter:subscribed OR newsletter:unsubscribed OR newsletter:cleaned',
  engaged: ENGAGED_TYPES.map((type) => QUERY_NAMES[type] ?? `interactions.${type}>=1`).join(' OR '),
  donor: 'donations.count>=1',
  member: 'member OR membership.status:expired OR membership.status:cancelled',
};

/** The day (a day number, see core/day-numbers) each live contact reached each step, by contact id,
 *  from the facts the query engine has already gathered in this execution (raw cells, one read per
 *  table, nothing decoded). */
export function stepDays(workbook: Workbook): Record<FunnelStepName, Map<string, number>> {
  const facts = factsOf(workbook);
  const steps = { subscriber: new Map<string, number>(), engaged: new Map<string, number>(), donor: new Map<string, number>(), member: new Map<string, number>() };
  const earliest = (map: Map<string, number>, c: number, day: number) => {
    if (c < 0 || day === NO_DAY) return;
    const id = facts.ids[c];
    const known = map.get(id);
    if (known === undefined || day < known) map.set(id, day);
  };
  const [cConsent, cCreated] = ['consent_at', 'created_at'].map((name) => facts.contacts.column(name));
  for (let c = 0; c < facts.size; c++) {
    const cells = facts.contacts.cells(facts.rows[c]);
    const consent = cConsent < 0 ? NO_DAY : dayNumber(cells[cConsent]);
    earliest(steps.subscriber, c, consent !== NO_DAY ? consent : cCreated < 0 ? NO_DAY : dayNumber(cells[cCreated]));
    earliest(steps.member, c, facts.memberships.join[c]);
  }
  const engaging = new Set(ENGAGED_TYPES.map((type) => TYPE_CODES.get(type)));
  const seen = facts.interactions;
  for (let i = 0; i < seen.contact.length; i++) if (engaging.has(seen.type[i])) earliest(steps.engaged, seen.contact[i], seen.day[i]);
  const gifts = facts.gifts;
  for (let i = 0; i < gifts.contact.length; i++) earliest(steps.donor, gifts.contact[i], gifts.day[i]);
  return steps;
}

/** The median number of days from `from` to `to` over `ids` (those who took both steps), counting only
 *  those who took them in this order; null when nobody did. */
export function medianDays(ids: string[], from: Map<string, number>, to: Map<string, number>): { days: number | null; contacts: number } {
  const gaps: number[] = [];
  for (const id of ids) {
    const [a, b] = [from.get(id), to.get(id)];
    if (a === undefined || b === undefined || b < a) continue;
    gaps.push(b - a);
  }
  return { days: median(gaps), contacts: gaps.length };
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
