/** A newsletter platform's webhook event, applied as the hourly sync would apply what it reads (the
 *  webhook only brings it sooner; polling stays the safety net): an unsubscribe, a bounce or a spam
 *  report is the sticky opt-out; an address change follows; a new subscriber becomes a contact once;
 *  an open or a click adds to the recipient's one row for that campaign. Opt-outs apply whichever list
 *  they come from (an unsubscribe always wins); the rest only for the connected list. */
import type { MailerEvent } from '../../core/intake/mailer-events';
import type { Workbook } from '../../store/workbook';
import { ActivityRows } from './activity';
import type { Connection } from './connection';
import { MemberLinks } from './member-links';
import { pullMembers } from './pull';
import { emptyReport } from './report';
import { PLATFORM_LABELS, platformFields } from './platforms/platform';
import { Contacts } from '../../core/schema/tables';
import { existingContact } from '../record/contact-rules';

export interface EventOutcome {
  contactId: string;
  /** What was done, for the Inbox: the report's counts that moved. */
  done: string;
}

export function applyMailerEvent(workbook: Workbook, connection: Pick<Connection, 'platform' | 'list' | 'fields'> | null, event: MailerEvent): EventOutcome {
  const list = connection && connection.platform === event.platform ? connection.list : event.listIds[0] || '';
  const ours = !event.listIds.length || event.listIds.includes(list);
  const leaving = event.kind === 'unsubscribe' || event.kind === 'cleaned';
  if (event.kind === 'nothing') return { contactId: '', done: '' };
  // From a list the CRM does not sync (or none it knows): only an opt-out counts, on the contact alone
  // (the connected list's member is the hourly sync's business: it unsubscribes them there).
  if (!list || !ours) return leaving ? optOutOnly(workbook, event) : { contactId: '', done: '' };
  const report = emptyReport();
  if (event.kind === 'open' || event.kind === 'click') {
    // One recipient's row and contact, read where they are: a campaign brings thousands of these.
    const contact = existingContact(workbook, { email: event.email });
    const campaign = { id: event.campaignId || '?', name: event.campaignName || event.campaignId || '?', sentAt: '' };
    const open = event.kind === 'open';
    new ActivityRows(workbook, event.email).add(
      () => contact,
      event.platform,
      campaign,
      [{ email: event.email, opens: open ? 1 : 0, clicks: open ? 0 : 1, firstAt: event.at, lastAt: event.at, links: event.url ? [event.url] : [] }],
      report,
    );
    return { contactId: contact?.id ?? '', done: open ? 'open' : 'click' };
  }
  const links = new MemberLinks(workbook, { platform: event.platform, list });
  const before = links.find('', event.email);
  const email = event.kind === 'upemail' ? event.newEmail! : event.email;
  const status =
    event.kind === 'cleaned' ? 'cleaned' : event.kind === 'unsubscribe' ? 'unsubscribed' : before && event.kind !== 'subscribe' ? (before.status as 'subscribed') || 'subscribed' : 'subscribed';
  const target = { name: event.platform, fields: platformFields(event.platform, connection?.platform === event.platform ? connection.fields : []) };
  pullMembers(
    workbook,
    links,
    target,
    [
      {
        remoteId: before?.remote_id ?? '',
        email,
        status,
        ...(event.reason ? { reason: event.reason } : {}),
        fields: event.fields ?? {},
        changedAt: event.at,
        ...(event.kind === 'upemail' ? { formerEmail: event.email } : {}),
      },
    ],
    report,
  );
  const moved = Object.entries(report)
    .filter(([, v]) => typeof v === 'number' && v > 0)
    .map(([k]) => k);
  return { contactId: links.contactFor(email)?.id ?? '', done: moved.join(', ') };
}

function optOutOnly(workbook: Workbook, event: MailerEvent): EventOutcome {
  const contact = existingContact(workbook, { email: event.email });
  if (!contact) return { contactId: '', done: '' };
  if (contact.email_opt_out === true) return { contactId: contact.id, done: 'already opted out' };
  workbook.table(Contacts).update(contact.id, {
    email_opt_out: true,
    newsletter_status: event.kind === 'cleaned' ? 'cleaned' : 'unsubscribed',
    opt_out_source: `${PLATFORM_LABELS[event.platform]}: ${event.reason || event.kind}`,
    opt_out_at: event.at,
  });
  return { contactId: contact.id, done: event.kind === 'cleaned' ? 'cleaned_in_crm' : 'opted_out_in_crm' };
}
