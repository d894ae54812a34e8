import { addMonths } from './dates';
import { dayNumber } from './day-numbers';
import { RFM_SEGMENTS } from './query/tree';

/** RFM: how recently, how often and how much each donor gave, scored 1-5 against the other donors,
 *  and the named group those scores put them in (rfm.segment:at_risk in a query, the dashboard's RFM
 *  groups, the Scores sheet).
 *
 *  - A donor is a live contact with at least one gift dated in the window: from today minus
 *    `rfm_window_months` (default 24) to today, both included (as `since:24m` reads in a query).
 *    Gifts dated after today (typed ahead) do not count yet.
 *  - recency = days from the donor's last gift in the window to today; frequency = gifts in the window;
 *    monetary = their total in the window, or their average gift (`rfm_monetary` = average), rounded
 *    to the cent. Amounts are summed as written, so a refund typed as a negative amount lowers it.
 *  - Each of r, f, m is a score from 1 to 5 by quintiles over the donor base, 5 being the most recent,
 *    most frequent, largest (see quintileScores); rfm_score = r + f + m (3..15).
 *  - The group comes from r and f alone, on the usual RFM segment grid (SEGMENT_GRID below); m
 *    refines the ranking within a group (rfm_score). */

export type RfmSegment = (typeof RFM_SEGMENTS)[number];
export type MonetaryMeasure = 'total' | 'average';

export interface RfmSettings {
  windowMonths: number;
  monetary: MonetaryMeasure;
}

export const DEFAULT_RFM_SETTINGS: RfmSettings = { windowMonths: 24, monetary: 'total' };

/** From Settings: rfm_window_months (a whole number of months, at least 1) and rfm_monetary (total or
 *  average). A missing or unreadable value falls back to its default. */
export function rfmSettings(settings: Record<string, string>): RfmSettings {
  const months = String(settings.rfm_window_months ?? '').trim();
  const measure = String(settings.rfm_monetary ?? '')
    .trim()
    .toLowerCase();
  return {
    windowMonths: /^\d{1,4}$/.test(months) && Number(months) >= 1 ? Number(months) : DEFAULT_RFM_SETTINGS.windowMonths,
    monetary: measure === 'average' || measure === 'total' ? measure : DEFAULT_RFM_SETTINGS.monetary,
  };
}

/** The segment grid, rows r = 5..1, columns f = 1..5 (the widely used RFM segment map, as in the
 *  "RFM segmentation" grid most marketing tools print): recent and frequent givers are champions,
 *  frequent givers who stopped are at risk (or cannot be lost when they were the most frequent), a
 *  single recent gift is new, and one old gift is lost.
 *
 *            f=1               f=2                 f=3                 f=4          f=5
 *   r=5   new               potential_loyalist  potential_loyalist  champions    champions
 *   r=4   promising         potential_loyalist  potential_loyalist  champions    champions
 *   r=3   about_to_sleep    about_to_sleep      need_attention      loyal        loyal
 *   r=2   hibernating       hibernating         at_risk             at_risk      cannot_lose
 *   r=1   lost              hibernating         at_risk             at_risk      cannot_lose */
const SEGMENT_GRID: Record<number, readonly RfmSegment[]> = {
  5: ['new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions'],
  4: ['promising', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions'],
  3: ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  2: ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose'],
  1: ['lost', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose'],
};

/** The group of a donor scored r and f (each 1..5). */
export function rfmSegment(r: number, f: number): RfmSegment {
  const row = SEGMENT_GRID[Math.min(5, Math.max(1, Math.round(r)))];
  return row[Math.min(5, Math.max(1, Math.round(f))) - 1];
}

/** Scores 1..5 by quintiles, a higher value getting a higher score, for `values[i]` of the donors at
 *  the positions `of` lists (other positions are left 0).
 *
 *  Rank-based, with ties kept together: a donor's score is where the middle of its group of equal
 *  values falls among all donors, p = (donors below + half of the equal ones) / donors, then
 *  score = floor(5p) + 1 (capped at 5). Equal values always share a score, so a quintile can hold
 *  more or fewer than a fifth of the donors when many are tied (everyone who gave once shares one F).
 *  With 5 or more distinct values this is exactly the quintiles; with fewer donors the scores still
 *  spread evenly across 1..5 from the middle out: one donor alone scores 3, two score 2 and 4, three
 *  1, 3 and 5, four 1, 2, 4 and 5. Computed in whole numbers, so boundaries never round the wrong way. */
export function quintileScores(values: ArrayLike<number>, of: ArrayLike<number>, size = values.length): Uint8Array {
  const out = new Uint8Array(size);
  const n = of.length;
  if (!n) return out;
  const order = Array.from(of).sort((a, b) => values[a] - values[b]);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const score = Math.min(5, Math.floor((5 * (2 * start + (end - start))) / (2 * n)) + 1);
    for (let k = start; k < end; k++) out[order[k]] = score;
    start = end;
  }
  return out;
}

/** Every gift as three columns: the giver (an index among the contacts scored, -1 for a gift of
 *  someone else), the day (see day-numbers.ts), the amount (0 when unreadable). */
export interface GiftColumns {
  contact: Int32Array;
  day: Int32Array;
  amount: Float64Array;
}

/** Per contact (by index), what RFM says. Non-donors have 0 everywhere and no segment. */
export interface RfmColumns {
  donors: number[];
  isDonor: Uint8Array;
  recency: Int32Array;
  frequency: Int32Array;
  monetary: Float64Array;
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  /** 1 + the index in RFM_SEGMENTS; 0 for a non-donor. */
  segment: Uint8Array;
}

const cents = (x: number) => Math.round(x * 100) / 100;

/** RFM for `contacts` contacts from their gifts, as of `today` (ISO). */
export function rfmColumns(gifts: GiftColumns, contacts: number, today: string, settings: RfmSettings): RfmColumns {
  const to = dayNumber(today);
  const from = dayNumber(addMonths(today, -settings.windowMonths));
  const last = new Int32Array(contacts).fill(-2147483648);
  const frequency = new Int32Array(contacts);
  const total = new Float64Array(contacts);
  for (let k = 0; k < gifts.contact.length; k++) {
    const c = gifts.contact[k];
    const day = gifts.day[k];
    if (c < 0 || day < from || day > to) continue;
    frequency[c]++;
    total[c] += gifts.amount[k];
    if (day > last[c]) last[c] = day;
  }
  const donors: number[] = [];
  const isDonor = new Uint8Array(contacts);
  const recency = new Int32Array(contacts);
  const monetary = new Float64Array(contacts);
  const freshness = new Float64Array(contacts);
  for (let c = 0; c < contacts; c++) {
    if (!frequency[c]) continue;
    donors.push(c);
    isDonor[c] = 1;
    recency[c] = to - last[c];
    freshness[c] = -recency[c];
    monetary[c] = cents(settings.monetary === 'average' ? total[c] / frequency[c] : total[c]);
  }
  const r = quintileScores(freshness, donors);
  const f = quintileScores(frequency, donors);
  const m = quintileScores(monetary, donors);
  const segment = new Uint8Array(contacts);
  for (const c of donors) segment[c] = RFM_SEGMENTS.indexOf(rfmSegment(r[c], f[c])) + 1;
  return { donors, isDonor, recency, frequency, monetary, r, f, m, segment };
}

/** Gift columns from a plain list (tests, small callers). */
export function giftColumns(gifts: { contact: number; date: string; amount: number }[]): GiftColumns {
  return {
    contact: Int32Array.from(gifts, (g) => g.contact),
    day: Int32Array.from(gifts, (g) => dayNumber(g.date)),
    amount: Float64Array.from(gifts, (g) => g.amount),
  };
}
