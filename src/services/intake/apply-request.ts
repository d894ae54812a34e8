/** What a delivery asks, done in the CRM: the person found (by email, then the de-duplication rules'
 *  email and phone reading) or created with the platform as source; consent recorded, never over an
 *  unsubscribe; gifts and memberships added once each by the sender's ids; refunds marked on the gift;
 *  and one `form` interaction in the person's history. The caller commits, or drops it all. */
import { Contacts, Contact, Donations, Interactions, Memberships } from '../../core/schema/tables';
import type { IntakeGift, IntakeMembership, IntakePerson, IntakeRequest } from '../../core/intake/delivery';
import { IntakeProblem } from '../../core/intake/delivery';
import { translate } from '../../core/i18n';
import { hasOptedOut } from '../../core/consent';
import type { Workbook } from '../../store/workbook';
import { createContact } from '../record/contacts';
import { existingContact } from '../record/contact-rules';
import { addMembership, renewMembership, setMembershipStatus } from '../record/memberships';
import { checkedCurrency, checkedDate } from '../gifts/record-gift';
import { settingsOf, todayOf } from '../today';

export interface Applied {
  contactId: string;
  gifts: number;
  memberships: number;
  refunds: number;
}

export function applyRequest(workbook: Workbook, request: IntakeRequest, origin: { sourceName: string; deliveryKey: string; language: string }): Applied {
  const refunded = request.refunds.map((r) => refund(workbook, r.key, r.date, origin.language));
  const contact = request.person ? personOf(workbook, request.person, origin.sourceName) : refunded.find(Boolean) ? workbook.table(Contacts).get(refunded.find(Boolean)!) : undefined;
  if (!contact) return { contactId: '', gifts: 0, memberships: 0, refunds: refunded.length };
  if (request.newsletter) consent(workbook, contact, origin.sourceName);
  const gifts = request.gifts.filter((g) => addGift(workbook, contact.id, g)).length;
  const memberships = request.memberships.filter((m) => addOrRenew(workbook, contact.id, m, origin.sourceName)).length;
  const key = origin.deliveryKey;
  if (!workbook.table(Interactions).where('external_id', key).length) {
    workbook.table(Interactions).insert([
      {
        contact_id: contact.id,
        when: workbook.clock.now().toISOString(),
        type: 'form',
        direction: 'inbound',
        subject: request.subject.slice(0, 500),
        details: translate(origin.language, 'intake.applied', { gifts, memberships, refunds: refunded.length }),
        external_id: key,
      },
    ]);
  }
  return { contactId: contact.id, gifts, memberships, refunds: refunded.length };
}

/** The live contact with this email (or phone), with empty fields filled from the delivery (what staff
 *  typed is never overwritten); else a new one, with the platform as its source. */
function personOf(workbook: Workbook, person: IntakePerson, sourceName: string): Contact {
  const fields = Object.fromEntries(Object.entries(person).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Partial<Contact>;
  const found = existingContact(workbook, { email: person.email });
  if (!found) return createContact(workbook, { ...fields, source: sourceName }, true);
  const missing = Object.fromEntries(Object.entries(fields).filter(([k]) => String((found as Record<string, unknown>)[k] ?? '').trim() === '')) as Partial<Contact>;
  // A phone the CRM would refuse is not worth blocking a payment for: it stays in the Inbox's body.
  delete missing.phone;
  return Object.keys(missing).length ? workbook.table(Contacts).update(found.id, missing) : found;
}

/** A ticked newsletter box: subscribed with its source and time; but an address that unsubscribed (or
 *  bounced) goes to `pending`, for the mailer's double opt-in: an unsubscribe always wins. */
function consent(workbook: Workbook, contact: Contact, sourceName: string): void {
  const optedOut = hasOptedOut(contact);
  if (contact.newsletter_status === 'subscribed' || (optedOut && contact.newsletter_status === 'pending')) return;
  workbook.table(Contacts).update(contact.id, { newsletter_status: optedOut ? 'pending' : 'subscribed', consent_source: sourceName, consent_at: workbook.clock.now().toISOString() });
}

function addGift(workbook: Workbook, contactId: string, gift: IntakeGift): boolean {
  const gifts = workbook.table(Donations);
  if (gifts.where('external_id', gift.key).length) return false;
  gifts.insert([
    {
      contact_id: contactId,
      amount: gift.amount,
      currency: checkedCurrency(gift.currency, settingsOf(workbook).currency),
      date: checkedDate(gift.date, todayOf(workbook)),
      fund: gift.fund ?? '',
      campaign: gift.campaign ?? '',
      method: gift.method ?? '',
      recurring: gift.recurring === true,
      note: gift.note ?? '',
      external_id: gift.key,
    },
  ]);
  return true;
}

/** A membership paid: the contact's latest membership renewed by the CRM's rules (one more term when in
 *  force, a new term from today when lapsed), else a new one; once per payment. */
function addOrRenew(workbook: Workbook, contactId: string, paid: IntakeMembership, sourceName: string): boolean {
  const table = workbook.table(Memberships);
  if (table.where('external_id', paid.key).length) return false;
  const latest = table.where('contact_id', contactId).sort((a, b) => String(b.end_date || '9999').localeCompare(String(a.end_date || '9999')))[0];
  if (latest && latest.status_override !== 'cancelled') {
    renewMembership(workbook, latest.id, { amount: paid.amount, currency: paid.currency });
    table.update(latest.id, { external_id: paid.key, level: paid.level || latest.level });
  } else {
    addMembership(workbook, {
      contact_id: contactId,
      level: paid.level,
      amount: paid.amount,
      currency: paid.currency,
      start_date: paid.date,
      payment_method: sourceName,
      paid: true,
      external_id: paid.key,
    });
  }
  return true;
}

/** Marks the gift given back (it leaves every total; the card shows it struck through) or cancels the
 *  membership; returns the contact's id. Unknown yet (the refund came before its order): left for later. */
function refund(workbook: Workbook, key: string, date: string, language: string): string {
  const gift = workbook.table(Donations).where('external_id', key)[0];
  if (gift) {
    if (!gift.refunded_at) {
      const note = [gift.note, translate(language, 'intake.refunded_note', { date })].filter(Boolean).join('\n');
      workbook.table(Donations).update(gift.id, { refunded_at: date, note });
    }
    return gift.contact_id;
  }
  const membership = workbook.table(Memberships).where('external_id', key)[0];
  if (membership) {
    if (membership.status_override !== 'cancelled') setMembershipStatus(workbook, membership.id, 'cancelled');
    return membership.contact_id;
  }
  throw new IntakeProblem('intake.refund_unknown', { key }, true);
}
