import { addDays } from './dates';
import { dayNumber, NO_DAY } from './day-numbers';
import { INTERACTION_TYPES } from './schema/tables';
import type { GiftColumns } from './rfm';

/** Engagement: how much a contact has been doing with us lately, for the "hot" list and the
 *  `engagement` / `hot` query fields.
 *
 *  score = Σ weight × 0.5^(age in days / 30) over the contact's interactions and gifts of the last
 *  `engagement_days` days (default 90, today included; nothing dated after today), rounded to one
 *  decimal. The weights (ENGAGEMENT_WEIGHTS) favour what a person does on purpose: coming to an event
 *  or a meeting, filling in a form, replying, calling, clicking, giving. Newsletter opens weigh little
 *  and are capped (OPEN_CAP for all of them together): Apple Mail Privacy Protection and other mail
 *  privacy features "open" every message they fetch, so a heavy opener may never have read one.
 *  A half-life of 30 days makes last week's click worth more than one from two months ago.
 *
 *  hot = among the engaged contacts (score > 0), the top 10% by score (ties at the boundary all in,
 *  so at least one contact when anyone is engaged), and only those whose score is at least
 *  `hot_min_score` (default 5: a recent event, meeting or gift, or a reply and a click) so that a
 *  quiet month does not make someone "hot" for having opened two newsletters. */

export interface EngagementSettings {
  days: number;
  hotMinScore: number;
}

export const DEFAULT_ENGAGEMENT_SETTINGS: EngagementSettings = { days: 90, hotMinScore: 5 };

/** From Settings: engagement_days (whole days, at least 1) and hot_min_score (a number, 0 or more).
 *  A missing or unreadable value falls back to its default. */
export function engagementSettings(settings: Record<string, string>): EngagementSettings {
  const days = String(settings.engagement_days ?? '').trim();
  const min = String(settings.hot_min_score ?? '')
    .trim()
    .replace(',', '.');
  return {
    days: /^\d{1,4}$/.test(days) && Number(days) >= 1 ? Number(days) : DEFAULT_ENGAGEMENT_SETTINGS.days,
    hotMinScore: /^\d+(\.\d+)?$/.test(min) ? Number(min) : DEFAULT_ENGAGEMENT_SETTINGS.hotMinScore,
  };
}

/** Points per interaction, by type; `inbound` applies when the contact came to us (direction inbound),
 *  `other` otherwise. An email we sent, a note we wrote, an unsubscribe say nothing of interest. */
export const ENGAGEMENT_WEIGHTS: Readonly<Record<(typeof INTERACTION_TYPES)[number], { inbound: number; other: number }>> = {
  event: { inbound: 5, other: 5 }, // attended
  meeting: { inbound: 5, other: 5 },
  form: { inbound: 4, other: 4 }, // a sign-up, survey or petition they filled in
  email: { inbound: 4, other: 0 }, // a reply (or a message of their own); ours count nothing
  call: { inbound: 4, other: 2 }, // they called us; we reached them
  newsletter_click: { inbound: 3, other: 3 },
  sms: { inbound: 2, other: 0 },
  letter: { inbound: 2, other: 0 },
  newsletter_open: { inbound: 0.5, other: 0.5 }, // low and capped: see OPEN_CAP
  note: { inbound: 0, other: 0 },
  unsubscribe: { inbound: 0, other: 0 },
  other: { inbound: 0, other: 0 },
};

/** All newsletter opens together count at most this much (three fresh opens reach it; one fresh click is worth twice as much). */
export const OPEN_CAP = 1.5;
/** A gift in the window: as strong a sign as a reply. How much is RFM's business, not engagement's. */
export const GIFT_WEIGHT = 4;
export const HALF_LIFE_DAYS = 30;
/** The share of engaged contacts that can be hot. */
export const HOT_SHARE = 0.1;

/** Interaction types as small numbers (index in INTERACTION_TYPES); UNKNOWN_TYPE for anything else. */
export const UNKNOWN_TYPE = 255;
export const TYPE_CODES: ReadonlyMap<string, number> = new Map(INTERACTION_TYPES.map((t, i) => [t, i]));
const OPEN = TYPE_CODES.get('newsletter_open')!;

/** Every interaction as four columns: the contact (an index among those scored, -1 for someone else),
 *  the type code, 1 when inbound, and the day (see day-numbers.ts). */
export interface InteractionColumns {
  contact: Int32Array;
  type: Uint8Array;
  inbound: Uint8Array;
  day: Int32Array;
}

/** Newsletter engagement the sync brought back: one row per engaged recipient per campaign, with its
 *  counts and the day of its last open or click. */
export interface ActivityColumns {
  contact: Int32Array;
  opens: Int32Array;
  clicks: Int32Array;
  day: Int32Array;
}

export interface EngagementColumns {
  score: Float64Array;
  /** The last day something counted (NO_DAY when nothing did). */
  last: Int32Array;
  hot: Uint8Array;
  engaged: number;
}

/** Engagement for `contacts` contacts, as of `today` (ISO). */
export function engagementColumns(interactions: InteractionColumns, gifts: GiftColumns, contacts: number, today: string, settings: EngagementSettings, activity?: ActivityColumns): EngagementColumns {
  const to = dayNumber(today);
  const from = dayNumber(addDays(today, -settings.days));
  const decay = new Float64Array(settings.days + 1);
  for (let age = 0; age <= settings.days; age++) decay[age] = Math.pow(0.5, age / HALF_LIFE_DAYS);
  const inbound = new Float64Array(256);
  const other = new Float64Array(256);
  INTERACTION_TYPES.forEach((t, code) => {
    inbound[code] = ENGAGEMENT_WEIGHTS[t].inbound;
    other[code] = ENGAGEMENT_WEIGHTS[t].other;
  });

  const points = new Float64Array(contacts);
  const opens = new Float64Array(contacts);
  const last = new Int32Array(contacts).fill(NO_DAY);
  for (let k = 0; k < interactions.contact.length; k++) {
    const c = interactions.contact[k];
    const day = interactions.day[k];
    if (c < 0 || day < from || day > to) continue;
    const type = interactions.type[k];
    const weight = interactions.inbound[k] ? inbound[type] : other[type];
    if (weight <= 0) continue;
    if (type === OPEN) opens[c] += weight * decay[to - day];
    else points[c] += weight * decay[to - day];
    if (day > last[c]) last[c] = day;
  }
  // A campaign a person clicked counts as one click, and one they opened as one open, however many
  // times they did (a curious reader clicks five links of one letter).
  if (activity)
    for (let k = 0; k < activity.contact.length; k++) {
      const c = activity.contact[k];
      const day = activity.day[k];
      if (c < 0 || day < from || day > to) continue;
      if (activity.clicks[k] > 0) points[c] += ENGAGEMENT_WEIGHTS.newsletter_click.inbound * decay[to - day];
      if (activity.opens[k] > 0) opens[c] += ENGAGEMENT_WEIGHTS.newsletter_open.inbound * decay[to - day];
      if (day > last[c]) last[c] = day;
    }
  for (let k = 0; k < gifts.contact.length; k++) {
    const c = gifts.contact[k];
    const day = gifts.day[k];
    if (c < 0 || day < from || day > to) continue;
    points[c] += GIFT_WEIGHT * decay[to - day];
    if (day > last[c]) last[c] = day;
  }
  const score = new Float64Array(contacts);
  const engaged: number[] = [];
  for (let c = 0; c < contacts; c++) {
    score[c] = Math.round((points[c] + Math.min(OPEN_CAP, opens[c])) * 10) / 10;
    if (score[c] > 0) engaged.push(score[c]);
  }
  const hot = new Uint8Array(contacts);
  if (engaged.length) {
    engaged.sort((a, b) => b - a);
    const bar = Math.max(engaged[Math.ceil(engaged.length * HOT_SHARE) - 1], settings.hotMinScore);
    for (let c = 0; c < contacts; c++) if (score[c] > 0 && score[c] >= bar) hot[c] = 1;
  }
  return { score, last, hot, engaged: engaged.length };
}

/** Interaction columns from a plain list (tests, small callers). */
export function interactionColumns(list: { contact: number; type: string; when: string; direction?: string }[]): InteractionColumns {
  return {
    contact: Int32Array.from(list, (i) => i.contact),
    type: Uint8Array.from(list, (i) => TYPE_CODES.get(i.type) ?? UNKNOWN_TYPE),
    inbound: Uint8Array.from(list, (i) => (i.direction === 'inbound' ? 1 : 0)),
    day: Int32Array.from(list, (i) => dayNumber(i.when)),
  };
}
