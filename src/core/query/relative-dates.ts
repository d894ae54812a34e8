import { addDays, addMonths, isIsoDate } from '../dates';

/** Dates in a query may be written relative to the day the query runs ('30d', '12m', 'today'), so that a
 *  saved dynamic segment such as "gave in the last 12 months" stays true next year without editing.
 *
 *  Accepted forms (case-insensitive, surrounding spaces ignored):
 *  - 'today', 'yesterday', 'tomorrow';
 *  - a count and a unit: d (days), w (weeks), m (months), y (years): '30d', '2w', '12m', '1y'. Plain
 *    counts go back from today; a leading '+' goes forward ('+30d': "ends within the next 30 days"),
 *    and a leading '-' is allowed and means the same as none;
 *  - an ISO date ('2026-01-01'), which means itself.
 *  People write them in their language too: 'aujourd'hui', 'hoy', 'hoje' (and yesterday's and
 *  tomorrow's words), and the units j (jours), s (semaines, semanas), a (ans, años, anos): '+30j' is
 *  '+30d', '2s' is '2w', '1a' is '1y'.
 *  Months and years clamp to the end of a shorter month, as `addMonths` does: '1m' on 2026-03-31 is
 *  2026-02-28, '1y' on 2024-02-29 is 2023-02-28. */

const RELATIVE = /^([+-]?)(\d{1,5})([dwmyjsa])$/;
const NAMED: Record<string, number> = {
  today: 0,
  yesterday: -1,
  tomorrow: 1,
  "aujourd'hui": 0,
  hier: -1,
  demain: 1,
  hoy: 0,
  ayer: -1,
  mañana: 1,
  manana: 1,
  hoje: 0,
  ontem: -1,
  amanhã: 1,
  amanha: 1,
};
/** The units in every language we speak, to the canonical ones. */
const UNIT: Record<string, 'd' | 'w' | 'm' | 'y'> = { d: 'd', j: 'd', w: 'w', s: 'w', m: 'm', y: 'y', a: 'y' };

/** The word or form as compared: lower case, the typographic apostrophe as the plain one. */
const normal = (text: string) =>
  String(text ?? '')
    .trim()
    .toLowerCase()
    .replace(/\u2019/g, "'");

/** True for the relative forms ('30d', '+2w', 'today'), false for ISO dates and anything else: the
 *  builder shows relative dates as "N days ago" rather than on a calendar. */
export function isRelativeDate(text: string): boolean {
  const t = normal(text);
  return t in NAMED || RELATIVE.test(t);
}

/** A relative date in its parts, the unit canonical ('+30j' → ahead 30 d): how the builder shows it.
 *  'today' for the day itself (in any of our languages); null for an ISO date or anything else. */
export function relativeParts(text: string): 'today' | { ahead: boolean; count: number; unit: 'd' | 'w' | 'm' | 'y' } | null {
  const t = normal(text);
  if (NAMED[t] === 0) return 'today';
  const m = RELATIVE.exec(t);
  return m ? { ahead: m[1] === '+', count: Number(m[2]), unit: UNIT[m[3]] } : null;
}

/** True when `text` is a date a query accepts: an ISO date or a relative one. */
export function isQueryDate(text: string): boolean {
  return isRelativeDate(text) || isIsoDate(String(text ?? '').trim());
}

/** The ISO date `text` means on the day `today` (ISO): '30d' → today − 30 days, '+1m' → today + 1 month,
 *  '2026-01-01' → itself. Null when `text` is not a date, so the caller can say which value is wrong.
 *  Throws (RangeError, from ../dates) when `today` itself is not a date: that is our bug, not the user's. */
export function resolveDate(text: string, today: string): string | null {
  const t = normal(text);
  if (isIsoDate(t)) return t;
  if (t in NAMED) return addDays(today, NAMED[t]);
  const m = RELATIVE.exec(t);
  if (!m) return null;
  const n = Number(m[2]) * (m[1] === '+' ? 1 : -1);
  switch (UNIT[m[3]]) {
    case 'd':
      return addDays(today, n);
    case 'w':
      return addDays(today, 7 * n);
    case 'm':
      return addMonths(today, n);
    default:
      return addMonths(today, 12 * n);
  }
}
