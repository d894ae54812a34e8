import { fold } from './text';
import { addDays, addMonths, dateOf } from './dates';

/** Membership status from dated rules, in the spirit of CiviCRM: nobody types "current" or "expired";
 *  the dates, the payment and the organisation's settings decide, and a person can still force a status
 *  with `status_override` (the only way to cancel).
 *
 *  Rules, with `today` an ISO date and every boundary inclusive as written:
 *  - a valid `status_override` wins (see `effectiveStatus`); 'cancelled' only ever comes from it;
 *  - 'pending' when `paid` is explicitly false, when there is neither a start nor a join date, when the
 *    start (start_date, else join_date) is after today, or when a date cannot be read (a typo never makes
 *    someone a member);
 *  - in force while end_date is empty (lifetime) or today <= end_date: 'new' while
 *    today < join (join_date, else start) + newMonths, then 'current' (join + newMonths is current);
 *  - 'grace' when end_date < today <= end_date + graceDays;
 *  - 'expired' from end_date + graceDays + 1. */

/** Statuses that make a contact a member. Members vs non-members is always derived from the
 *  Memberships table, never typed by hand. */
export const MEMBER_STATUSES: ReadonlySet<string> = new Set(['new', 'current', 'grace']);

export function isMemberStatus(status: string): boolean {
  return MEMBER_STATUSES.has(status);
}

export type MembershipStatus = 'pending' | 'new' | 'current' | 'grace' | 'expired' | 'cancelled';

export interface MembershipRules {
  newMonths: number;
  graceDays: number;
  termMonths: number;
}

export const DEFAULT_MEMBERSHIP_RULES: MembershipRules = { newMonths: 3, graceDays: 30, termMonths: 12 };

function wholeNumber(text: string | undefined, fallback: number, min: number): number {
  const t = String(text ?? '').trim();
  if (!/^\d+$/.test(t)) return fallback;
  const n = Number(t);
  return n >= min ? n : fallback;
}

/** From Settings key/values: membership_new_months, membership_grace_days, membership_term_months; a missing
 *  or unreadable value falls back to the default. A term of 0 months is unreadable (it would end before it starts). */
export function membershipRules(settings: Record<string, string>): MembershipRules {
  const d = DEFAULT_MEMBERSHIP_RULES;
  return {
    newMonths: wholeNumber(settings.membership_new_months, d.newMonths, 0),
    graceDays: wholeNumber(settings.membership_grace_days, d.graceDays, 0),
    termMonths: wholeNumber(settings.membership_term_months, d.termMonths, 1),
  };
}

export interface MembershipDates {
  join_date: string;
  start_date: string;
  end_date: string;
  paid: boolean | '';
  frequency?: string;
  status_override?: string;
  /** The status cell: 'cancelled' typed there by hand (in any language) is a person's decision. */
  status?: string;
}

/** Statuses as people type them in the four languages, folded (lower case, no accents). */
const STATUS_WORDS: Record<string, MembershipStatus> = {};
(
  [
    ['pending', 'pending|en attente|attente|a payer|pendiente|pendente'],
    ['new', 'new|nouveau|nouvelle|nuevo|nueva|novo|nova'],
    ['current', 'current|active|valid|actif|a jour|valide|vigente|activo|activa|ativo|ativa|em dia'],
    ['grace', 'grace|grace period|periode de grace|en grace|gracia|periodo de gracia|carencia|periodo de carencia'],
    ['expired', 'expired|lapsed|expire|expiree|echu|echue|caducado|caducada|vencido|vencida|expirado|expirada'],
    ['cancelled', 'cancelled|canceled|annule|annulee|resilie|resiliee|cancelado|cancelada|anulado|anulada'],
  ] as [MembershipStatus, string][]
).forEach(([status, words]) => {
  for (const word of words.split('|')) STATUS_WORDS[word] = status;
});

/** Every word a status may be typed as (folded, spaces single) with the status it means. */
export function statusWords(): [string, MembershipStatus][] {
  return Object.entries(STATUS_WORDS);
}

/** A status cell as a person typed it ('Annulé', 'cancelado ', 'CURRENT') → the status it means, or null. */
export function readStatusWord(text: unknown): MembershipStatus | null {
  const word = fold(String(text ?? ''))
    .trim()
    .replace(/[\s_-]+/g, ' ');
  return Object.prototype.hasOwnProperty.call(STATUS_WORDS, word) ? STATUS_WORDS[word] : null;
}

function overrideOf(m: MembershipDates): MembershipStatus | null {
  return readStatusWord(m.status_override) ?? (readStatusWord(m.status) === 'cancelled' ? 'cancelled' : null);
}

/** The override a membership row means, from its two cells: the status_override cell, or 'cancelled'
 *  typed by hand into the status cell (the dates never give 'cancelled', so only a person wrote it). */
export function overrideFromCells(override: unknown, status: unknown): string {
  return readStatusWord(override) ?? (readStatusWord(status) === 'cancelled' ? 'cancelled' : '');
}

/** A date cell read for the rules: '' when blank, null when something is written that is not a date. */
function cell(text: string): string | null {
  if (String(text ?? '').trim() === '') return '';
  return dateOf(text) || null;
}

/** The status the dates give, ignoring any override. */
export function computedStatus(m: MembershipDates, today: string, rules: MembershipRules): MembershipStatus {
  if (m.paid === false) return 'pending';
  const join = cell(m.join_date);
  const startCell = cell(m.start_date);
  const end = cell(m.end_date);
  if (join === null || startCell === null || end === null) return 'pending';
  const start = startCell || join;
  if (!start || start > today) return 'pending';
  if (!end || today <= end) return today < addMonths(join || start, rules.newMonths) ? 'new' : 'current';
  return today <= addDays(end, rules.graceDays) ? 'grace' : 'expired';
}

/** The status people see: a valid status_override wins over the dates. */
export function effectiveStatus(m: MembershipDates, today: string, rules: MembershipRules): MembershipStatus {
  return overrideOf(m) ?? computedStatus(m, today, rules);
}

/** Months one payment buys: null for lifetime (no end). One-off or unknown frequencies use the organisation's term. */
export function termMonths(frequency: string, rules: MembershipRules): number | null {
  switch (
    String(frequency ?? '')
      .trim()
      .toLowerCase()
  ) {
    case 'yearly':
      return 12;
    case 'quarterly':
      return 3;
    case 'monthly':
      return 1;
    case 'lifetime':
      return null;
    default:
      return rules.termMonths;
  }
}

export interface Renewal {
  start_date: string;
  end_date: string;
  join_date: string;
  status_override: string;
  extended: boolean;
}

function isMonthEnd(iso: string): boolean {
  return addDays(iso, 1).slice(8) === '01';
}

/** An end date moved on by whole months. A term that ends on a month's last day keeps doing so: without
 *  this, a monthly membership ending 31 January would end on the 28th of every month after February. */
function extendEnd(end: string, months: number): string {
  return isMonthEnd(end) ? addDays(addMonths(addDays(end, 1), months), -1) : addMonths(end, months);
}

/** What renewing a membership today writes back. A membership in force (new, current, grace) is extended
 *  from its end date, so nobody loses the days they had paid for; any other one (pending, expired,
 *  cancelled) starts a new term today, keeping the join date. Renewing always clears status_override, so
 *  renewing a cancelled membership reactivates it. */
export function renewal(m: MembershipDates, today: string, rules: MembershipRules): Renewal {
  const status = effectiveStatus(m, today, rules);
  const term = termMonths(m.frequency ?? '', rules);
  const join = dateOf(m.join_date);
  const start = dateOf(m.start_date);
  const end = dateOf(m.end_date);
  if (isMemberStatus(status)) {
    if (!end) return { start_date: start, end_date: '', join_date: join, status_override: '', extended: true };
    return { start_date: start, end_date: term === null ? '' : extendEnd(end, term), join_date: join, status_override: '', extended: true };
  }
  return {
    start_date: today,
    end_date: term === null ? '' : addDays(addMonths(today, term), -1),
    join_date: join || today,
    status_override: '',
    extended: false,
  };
}

/** Sort key of an end date: blank means it never ends, so it sorts after every date. */
function endKey(m: MembershipDates): string {
  return String(m.end_date ?? '').trim() === '' ? '\uffff' : dateOf(m.end_date);
}

/** The membership that decides a contact's member badge: among those in force (new, current, grace), the
 *  one that lasts longest (blank end = never ends); when none is in force, the most recent by end date,
 *  then start date. Ties keep the first in the list. Null for an empty list. */
export function bestMembership<T extends MembershipDates>(list: T[], today: string, rules: MembershipRules): T | null {
  const inForce = list.filter((m) => isMemberStatus(effectiveStatus(m, today, rules)));
  const pool = inForce.length ? inForce : list;
  let best: T | null = null;
  for (const m of pool) {
    if (!best) {
      best = m;
      continue;
    }
    const [a, b] = [endKey(m), endKey(best)];
    if (a > b || (a === b && dateOf(m.start_date) > dateOf(best.start_date))) best = m;
  }
  return best;
}
