/** The platform's members, brought into the CRM page by page: an unsubscribe or a bounce there is the
 *  CRM's sticky opt-out (with its source and time); a subscriber the CRM does not know becomes a contact
 *  once, with the platform as its source and consent; a changed address follows (the old one kept as
 *  the second email); a field changed on the platform since the last sync comes over unless the CRM
 *  changed it more recently. Consent is never loosened: a subscriber there does not undo an opt-out
 *  here (the push unsubscribes them there instead). */
import { Contacts, Interactions, type Contact } from '../../core/schema/tables';
import { hasOptedOut } from '../../core/consent';
import type { Stored } from '../../store/table';
import type { Workbook } from '../../store/workbook';
import { createContact } from '../record/contacts';
import { normalisePhone } from '../../core/phone';
import { settingsOf } from '../today';
import { emailKey, type Link, type MemberLinks } from './member-links';
import { PLATFORM_LABELS, type PlatformMember, type SyncTarget, type SyncedValues } from './platforms/platform';
import { crmValues, fieldPatch, parseSnapshot, sameValue } from './synced-fields';
import { addConflict, type SyncReport } from './report';

/** `formerEmail`: the address a webhook says the member had (Mailchimp's upemail), to find its link. */
export function pullMembers(workbook: Workbook, links: MemberLinks, platform: SyncTarget, members: (PlatformMember & { formerEmail?: string })[], report: SyncReport): void {
  for (const member of members) pullOne(workbook, links, platform, member, report);
}

function pullOne(workbook: Workbook, links: MemberLinks, platform: SyncTarget, member: PlatformMember & { formerEmail?: string }, report: SyncReport): void {
  if (!member.email) return;
  const label = PLATFORM_LABELS[platform.name];
  const now = workbook.clock.now().toISOString();
  const link = links.find(member.remoteId, member.email) ?? (member.formerEmail ? links.find('', member.formerEmail) : null);
  const leaving = member.status === 'unsubscribed' || member.status === 'cleaned';
  // A contact deleted in the CRM (in the bin) is not made again from the platform; an opt-out is still
  // recorded on it, should it be restored.
  const binned = link?.contact_id && !links.live(link.contact_id) ? workbook.table(Contacts).get(link.contact_id) : undefined;
  if (binned?.deleted === true) {
    if (leaving && !hasOptedOut(binned))
      workbook.table(Contacts).update(binned.id, {
        email_opt_out: true,
        newsletter_status: member.status === 'cleaned' ? 'cleaned' : 'unsubscribed',
        opt_out_source: `${label}: ${member.reason || member.status}`,
        opt_out_at: member.changedAt || now,
      });
    links.save(link, { status: member.status, email: member.email, changed_at: member.changedAt });
    return;
  }
  // Archived by the platform's admin: nothing changes in the CRM, and the sync leaves the member alone.
  if (member.status === 'archived') {
    links.save(link, { status: 'archived', email: member.email, changed_at: member.changedAt, ...(link ? {} : { remote_id: member.remoteId, contact_id: links.contactFor(member.email)?.id ?? '' }) });
    return;
  }
  let contact: (Contact & Stored) | null = link?.contact_id ? links.live(link.contact_id) : null;
  if (!contact) contact = links.contactFor(member.email);
  // Matched by address first, then as the de-duplication rules read an email or a phone (only a new
  // subscriber: an opt-out is never pinned on a lookalike).
  if (!contact && !leaving) contact = links.lookalike(member.email, String(member.fields.phone ?? ''));
  const contacts = workbook.table(Contacts);

  if (!contact && !leaving && member.status !== 'transactional') {
    contact = createContact(
      workbook,
      {
        email: member.email,
        ...newContactFields(workbook, member.fields, platform.fields),
        source: label,
        newsletter_status: member.status === 'pending' ? 'pending' : 'subscribed',
        consent_source: label,
        consent_at: member.optedInAt || member.changedAt || now,
      },
      true,
    ) as Contact & Stored;
    links.addContact(contact);
    report.created_in_crm++;
  } else if (contact) {
    const patch: Partial<Contact> = {};
    if (leaving) {
      const cleaned = member.status === 'cleaned';
      if (contact.email_opt_out !== true || !hasOptedOut(contact) || (cleaned && contact.newsletter_status !== 'cleaned')) {
        Object.assign(patch, {
          email_opt_out: true,
          newsletter_status: cleaned ? 'cleaned' : 'unsubscribed',
          ...(contact.email_opt_out === true ? {} : { opt_out_source: `${label}: ${member.reason || member.status}`, opt_out_at: member.changedAt || now }),
        });
        if (cleaned) report.cleaned_in_crm++;
        else report.opted_out_in_crm++;
        if (contact.newsletter_status === 'subscribed') addConflict(report, { kind: 'unsubscribed_there', email: member.email, contacts: [contact.id], details: member.reason || member.status });
      }
    } else if (!hasOptedOut(contact) && member.status !== 'transactional') {
      const status = String(contact.newsletter_status ?? '');
      if ((status === '' || status === 'never') && (member.status === 'subscribed' || member.status === 'pending'))
        Object.assign(patch, { newsletter_status: member.status, consent_source: label, consent_at: member.optedInAt || member.changedAt || now });
      else if (status === 'pending' && member.status === 'subscribed')
        Object.assign(patch, { newsletter_status: 'subscribed', consent_source: label, consent_at: member.optedInAt || member.changedAt || now });
    }
    Object.assign(patch, changedFields(contact, link, member, platform));
    const moved = movedAddress(contact, link, member);
    if (moved) Object.assign(patch, moved);
    if (Object.keys(patch).length) {
      const before = contact;
      contact = contacts.update(contact.id, patch) as Contact & Stored;
      links.addContact(contact);
      if (Object.keys(patch).some((k) => k !== 'email_opt_out' && k !== 'newsletter_status' && k !== 'opt_out_source' && k !== 'opt_out_at') || (!leaving && patch.newsletter_status))
        report.updated_in_crm++;
      if (moved)
        workbook
          .table(Interactions)
          .insert([{ contact_id: contact.id, when: now, type: 'note', direction: 'internal', subject: `${label}: ${before.email} → ${member.email}`, details: '', staff: '' }]);
    }
  }
  links.save(link, {
    contact_id: contact?.id ?? '',
    remote_id: member.remoteId,
    email: member.email,
    status: member.status,
    // The values both sides have now, and the CRM's address: a later edit of it is what moves the member.
    fields: JSON.stringify({ ...member.fields, email: String(contact?.email ?? '') || member.email }),
    changed_at: member.changedAt,
  });
}

/** A new contact's fields from the platform's values (the empty ones left out, and a phone the CRM
 *  would refuse: a subscriber is never lost for an odd phone typed on a sign-up form). */
function newContactFields(workbook: Workbook, values: SyncedValues, fields: readonly string[]): Partial<Contact> {
  const out: Partial<Contact> = {};
  const none = { kind: 'person' } as Contact;
  for (const f of fields) if (String(values[f] ?? '').trim()) Object.assign(out, fieldPatch({ ...none, custom: out.custom }, f, String(values[f]).trim()));
  if (out.phone && !normalisePhone(out.phone, settingsOf(workbook).defaultCountry)) delete out.phone;
  return out;
}

/** Fields the platform changed since the last sync (or, on a first sync, that the CRM lacks), unless
 *  the CRM changed the same field later. */
function changedFields(contact: Contact, link: Link | null, member: PlatformMember, platform: SyncTarget): Partial<Contact> {
  const snapshot = link ? parseSnapshot(link.fields) : null;
  const mine = crmValues(contact, platform.fields);
  let out: Partial<Contact> = {};
  const remoteNewer = String(member.changedAt || '') > String(contact.updated_at || '');
  for (const field of platform.fields) {
    const theirs = String(member.fields[field] ?? '').trim();
    const ours = mine[field] ?? '';
    if (sameValue(field, theirs, ours) || theirs === '') continue;
    let take: boolean;
    if (snapshot) {
      const theyChanged = !sameValue(field, theirs, snapshot[field]);
      const weChanged = !sameValue(field, ours, snapshot[field]);
      take = theyChanged && (!weChanged || remoteNewer);
    } else take = ours === '' || remoteNewer;
    if (take) out = { ...out, ...fieldPatch({ ...contact, ...out }, field, field === 'birthday' && ours && /^\d{4}-/.test(ours) ? `${ours.slice(0, 4)}-${theirs.slice(2)}` : theirs) };
  }
  return out;
}

/** The platform changed the member's address (Mailchimp's upemail): the CRM's follows, unless the CRM
 *  changed it too and more recently. The old address stays as the second email when that is free. */
function movedAddress(contact: Contact, link: Link | null, member: PlatformMember): Partial<Contact> | null {
  if (!link?.email || emailKey(link.email) === emailKey(member.email)) return null;
  const crmEmail = emailKey(String(contact.email ?? ''));
  if (crmEmail === emailKey(member.email)) return null;
  const weChanged = crmEmail !== emailKey(parseSnapshot(link.fields)?.email ?? link.email);
  if (weChanged && String(contact.updated_at || '') >= String(member.changedAt || '')) return null;
  return { email: member.email, ...(String(contact.email_2 ?? '').trim() === '' && contact.email ? { email_2: contact.email } : {}) };
}
