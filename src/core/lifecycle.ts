import { daysBetween, dateOf } from './dates';
import { isMemberStatus } from './membership';
import { LIFECYCLE_STAGES } from './schema/tables';

/** Where a contact stands with the organisation, derived from what they did so that nobody has to keep it
 *  up to date by hand. The first rule that applies wins:
 *  1. 'member'     a membership that is new, current or in grace;
 *  2. 'donor'      a gift in the last 365 days (365 days ago exactly still counts);
 *  3. 'lapsed'     any past membership (expired or cancelled), or any older gift;
 *  4. 'engaged'    an engagement in the last 90 days (90 days ago exactly still counts);
 *  5. 'subscriber' subscribed to the newsletter;
 *  6. 'lead'       everyone else.
 *  A person can still set lifecycle_override ('other', say); see `effectiveStage`. */

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export interface LifecycleFacts {
  /** Effective statuses of the contact's memberships. */
  membershipStatuses: string[];
  /** ISO date of the latest gift, '' when none or unknown. */
  lastDonation: string;
  donationCount: number;
  /** ISO date or datetime of the latest engaging interaction (see ENGAGING_TYPES), '' when none. */
  lastEngagement: string;
  newsletterStatus: string;
}

const DONOR_DAYS = 365;
const ENGAGED_DAYS = 90;
const PAST_MEMBERSHIP: ReadonlySet<string> = new Set(['expired', 'cancelled']);

/** Interaction types that show someone engaging with us. Not newsletter_open: mail privacy features open
 *  every message, so opens say nothing about the person. Not note, unsubscribe or other. */
export const ENGAGING_TYPES: ReadonlySet<string> = new Set(['call', 'meeting', 'event', 'newsletter_click', 'form', 'letter', 'sms', 'email']);

function withinDays(date: string, today: string, days: number): boolean {
  const day = dateOf(date);
  return day !== '' && daysBetween(day, today) <= days;
}

export function derivedStage(facts: LifecycleFacts, today: string): LifecycleStage {
  const statuses = facts.membershipStatuses.map((s) =>
    String(s ?? '')
      .trim()
      .toLowerCase(),
  );
  if (statuses.some(isMemberStatus)) return 'member';
  if (withinDays(facts.lastDonation, today, DONOR_DAYS)) return 'donor';
  if (statuses.some((s) => PAST_MEMBERSHIP.has(s)) || facts.donationCount > 0 || dateOf(facts.lastDonation) !== '') return 'lapsed';
  if (withinDays(facts.lastEngagement, today, ENGAGED_DAYS)) return 'engaged';
  if (
    String(facts.newsletterStatus ?? '')
      .trim()
      .toLowerCase() === 'subscribed'
  )
    return 'subscriber';
  return 'lead';
}

const STAGES: ReadonlySet<string> = new Set(LIFECYCLE_STAGES);

/** The stage people see: a valid lifecycle_override wins over the derived stage. */
export function effectiveStage(override: string, derived: string): string {
  const o = String(override ?? '')
    .trim()
    .toLowerCase();
  return STAGES.has(o) ? o : derived;
}
