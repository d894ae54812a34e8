/** Who a mailing reaches: a segment's members, a query's contacts or a search's results, minus those it must not reach,
 *  each with its reason. An opt-out, an unsubscribe or a bounce always skips; a newsletter also needs
 *  consent (subscribed); a members' mailing (a renewal notice, an AGM invitation) does not. One message
 *  per address, and never a second to someone already in this mailing. */
import { Contacts, Contact, MailingRecipients } from '../../core/schema/tables';
import { isEmailAddress } from '../../core/schema/columns';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { findSegment, parseSegmentQuery } from '../segments/segment-lookup';
import { memberIds } from '../segments/segment-members';
import { selectContacts } from '../query/query';
import { searchContacts } from '../search/search';

export const SKIP_REASONS = ['no_email', 'bad_email', 'opted_out', 'unsubscribed', 'cleaned', 'no_consent', 'same_email', 'already_in_mailing', 'cancelled'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface Audience {
  segment?: string;
  query?: string;
  /** What the Contacts tab's search found: its text and filters, every match. */
  search?: { text?: string; members?: 'all' | 'members' | 'non_members'; stage?: string; tag?: string };
}

export interface Planned {
  send: { contact: Contact; email: string }[];
  skipped: { contact: Contact; email: string; reason: SkipReason }[];
}

/** The audience's live contacts, in sheet order. */
export function audienceIds(workbook: Workbook, audience: Audience): string[] {
  if (audience.segment) return memberIds(workbook, findSegment(workbook, audience.segment));
  if (audience.query) return selectContacts(workbook, parseSegmentQuery(audience.query));
  if (audience.search) return searchContacts(workbook, { ...audience.search, limit: Number.MAX_SAFE_INTEGER }, Number.MAX_SAFE_INTEGER).items.map((h) => h.id);
  throw new UserError('invalid', 'error.mail_no_audience', { field: 'segment' });
}

/** Why this contact must not get this mailing, or null. */
export function skipReason(contact: Contact, kind: 'newsletter' | 'members'): SkipReason | null {
  const email = String(contact.email ?? '').trim();
  if (!email) return 'no_email';
  if (!isEmailAddress(email)) return 'bad_email';
  if (contact.email_opt_out === true) return 'opted_out';
  if (contact.newsletter_status === 'unsubscribed') return 'unsubscribed';
  if (contact.newsletter_status === 'cleaned') return 'cleaned';
  if (kind === 'newsletter' && contact.newsletter_status !== 'subscribed') return 'no_consent';
  return null;
}

export function planAudience(workbook: Workbook, audience: Audience, kind: 'newsletter' | 'members', mailingId = ''): Planned {
  const ids = audienceIds(workbook, audience);
  const contacts = workbook.table(Contacts);
  const already = new Set(
    mailingId
      ? workbook
          .table(MailingRecipients)
          .where('mailing_id', mailingId)
          .map((r) => r.contact_id)
      : [],
  );
  const addresses = new Set<string>();
  const planned: Planned = { send: [], skipped: [] };
  for (const id of ids) {
    const contact = contacts.get(id);
    if (!contact) continue;
    const email = String(contact.email ?? '').trim();
    let reason = already.has(id) ? 'already_in_mailing' : skipReason(contact, kind);
    if (!reason && addresses.has(email.toLowerCase())) reason = 'same_email';
    if (reason) planned.skipped.push({ contact, email, reason: reason as SkipReason });
    else {
      addresses.add(email.toLowerCase());
      planned.send.push({ contact, email });
    }
  }
  return planned;
}

/** Skips counted by reason. */
export function countReasons(skipped: { reason: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of skipped) counts[s.reason] = (counts[s.reason] ?? 0) + 1;
  return counts;
}
