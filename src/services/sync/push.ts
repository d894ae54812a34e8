/** The CRM's side, sent to the platform: an opt-out here unsubscribes the member there (whatever
 *  segment they are in); a contact who gave consent (subscribed with its source recorded, or pending:
 *  double opt-in) and is in the chosen segment is added; a shared field or an address changed here
 *  since the last sync is changed there. Never a status back to subscribed: the platform's unsubscribed
 *  and cleaned members are only ever left alone. An address two live contacts share, or one that is not
 *  an address, is listed and not sent. */
import { hasOptedOut } from '../../core/consent';
import type { Contact } from '../../core/schema/tables';
import type { Stored } from '../../store/table';
import { emailKey, type Link, type MemberLinks } from './member-links';
import type { LabelChange, MemberChange, NewMember, SyncTarget, SyncedValues } from './platforms/platform';
import { crmValues, parseSnapshot, sameValue } from './synced-fields';
import { addConflict, type SyncReport } from './report';

export interface PushPlan {
  add: (NewMember & { contactId: string })[];
  change: (MemberChange & { contactId: string; link: Link })[];
  unsubscribe: { email: string; contactId: string; link: Link }[];
  /** Tags and segments to send as the platform's labels, and the members whose labels they change. */
  labels: LabelChange[];
  labelled: { contactId: string; email: string; labels: string[] }[];
}

const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function planPush(
  links: MemberLinks,
  platform: SyncTarget,
  inSegment: ((contactId: string) => boolean) | null,
  report: SyncReport,
  labelsOf: (contactId: string) => string[] = () => [],
): PushPlan {
  const plan: PushPlan = { add: [], change: [], unsubscribe: [], labels: [], labelled: [] };
  const labels = new Map<string, LabelChange>();
  const relabel = (contactId: string, email: string, had: string) => {
    const wanted = labelsOf(contactId);
    const have = had ? had.split('\n') : [];
    if (wanted.join('\n') === have.join('\n')) return;
    const change = (label: string) => labels.get(label) ?? (labels.set(label, { label, add: [], remove: [] }).get(label) as LabelChange);
    for (const l of wanted) if (!have.includes(l)) change(l).add.push(email);
    for (const l of have) if (!wanted.includes(l)) change(l).remove.push(email);
    plan.labelled.push({ contactId, email, labels: wanted });
  };
  const fields = platform.fields;
  const listed = new Set<string>();
  for (const contact of links.contacts.values()) {
    const email = String(contact.email ?? '').trim();
    if (!email) continue;
    const key = emailKey(email);
    let link = links.ofContact(contact.id);
    const there = link ?? links.find('', email);
    // Most restrictive wins: an opt-out reaches the member with this address, whoever else has it.
    if (hasOptedOut(contact)) {
      if (there && (there.status === 'subscribed' || there.status === 'pending')) plan.unsubscribe.push({ email: there.email || email, contactId: contact.id, link: there });
      // Consent given again after an opt-out: the person confirms on the platform's own form.
      else if (there && contact.newsletter_status === 'pending') addConflict(report, { kind: 'needs_confirmation', email, contacts: [contact.id], details: there.status });
      continue;
    }
    if (!link) {
      // The platform's member with this address is another contact's: this one shares the address.
      if (there?.contact_id && links.live(there.contact_id)?.id !== contact.id) {
        sharedAddress(links, key, report, listed);
        continue;
      }
      link = there;
    }
    const sharing = (links.contactsByEmail.get(key) ?? []).filter((id) => emailKey(String(links.contacts.get(id)?.email ?? '')) === key);
    if (sharing.length > 1) {
      sharedAddress(links, key, report, listed);
      continue;
    }
    if (!link) {
      if (inSegment && !inSegment(contact.id)) continue;
      const status = consentOf(contact);
      if (!status) continue;
      if (!ADDRESS.test(email)) {
        addConflict(report, { kind: 'invalid_address', email, contacts: [contact.id] });
        continue;
      }
      plan.add.push({ email, status, fields: nonEmpty(crmValues(contact, fields)), contactId: contact.id });
      relabel(contact.id, email, '');
      continue;
    }
    // Unsubscribed or bounced there and not (yet) here: the pull records the opt-out; nothing is sent.
    // Archived or deleted there: left alone, never added back.
    if (link.status === 'unsubscribed' || link.status === 'cleaned' || link.status === 'archived') continue;
    const change = changesOf(contact, link, fields);
    if (change) {
      if (change.newEmail && !ADDRESS.test(change.newEmail)) {
        addConflict(report, { kind: 'invalid_address', email: change.newEmail, contacts: [contact.id] });
        continue;
      }
      plan.change.push({ ...change, contactId: contact.id, link });
    }
    relabel(contact.id, change?.newEmail ?? link.email ?? email, String(link.tags ?? ''));
  }
  plan.labels = [...labels.values()];
  return plan;
}

function sharedAddress(links: MemberLinks, key: string, report: SyncReport, listed: Set<string>): void {
  if (listed.has(key)) return;
  listed.add(key);
  addConflict(report, { kind: 'shared_address', email: key, contacts: links.contactsByEmail.get(key) ?? [] });
}

/** Consent the CRM can show: subscribed with where and when it was given, or pending. */
function consentOf(contact: Contact): 'subscribed' | 'pending' | null {
  if (contact.newsletter_status === 'subscribed' && String(contact.consent_source ?? '').trim() && String(contact.consent_at ?? '').trim()) return 'subscribed';
  if (contact.newsletter_status === 'pending') return 'pending';
  return null;
}

const nonEmpty = (values: SyncedValues): SyncedValues => Object.fromEntries(Object.entries(values).filter(([, v]) => String(v ?? '') !== '')) as SyncedValues;

/** What changed in the CRM since the last sync: its fields against the last sync's values, and its
 *  address against the member's. */
function changesOf(contact: Contact & Stored, link: Link, fields: readonly string[]): MemberChange | null {
  const snapshot = parseSnapshot(link.fields) ?? {};
  const mine = crmValues(contact, fields);
  const changed: SyncedValues = {};
  for (const f of fields) if (!sameValue(f, mine[f], snapshot[f]) && (mine[f] ?? '') !== '') changed[f] = mine[f];
  const email = String(contact.email ?? '').trim();
  // The member moves only when the CRM's address changed since the last sync (a contact matched by a
  // lookalike address keeps the one the person subscribed with).
  const was = snapshot.email ?? link.email;
  const moved = email && was && emailKey(was) !== emailKey(email) ? email : undefined;
  if (!Object.keys(changed).length && !moved) return null;
  return { email: link.email || email, ...(moved ? { newEmail: moved } : {}), fields: changed };
}
