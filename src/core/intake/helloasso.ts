/** HelloAsso's notifications (https://dev.helloasso.com/docs/les-notifications): one JSON body
 *  `{ eventType, data }` per event. `Order`: an order and its items (Donation, Membership, Payment,
 *  Registration…), amounts in cents. `Payment`: one payment with its order and the items it pays,
 *  notified again when its state changes (Refunded). `Form` and `Organization`: nothing for the CRM. */
import { dayOf, emailOf, fromCents, IntakeGift, IntakeMembership, IntakePerson, IntakeProblem, IntakeRequest, objectOf, textOf } from './delivery';

const CURRENCY = 'EUR'; // HelloAsso collects in euros only.

/** The delivery's own id: one per order, and one per payment and state (a refund is a new event). */
export function helloAssoId(payload: Record<string, unknown>): string {
  const data = objectOf(payload.data);
  const type = textOf(payload.eventType);
  if (!data || !type) return '';
  if (type === 'Payment') return `payment:${textOf(data.id)}:${textOf(data.state)}`;
  return `${type.toLowerCase()}:${textOf(data.id)}`;
}

export function readHelloAsso(payload: Record<string, unknown>): IntakeRequest {
  const type = textOf(payload.eventType);
  const data = objectOf(payload.data);
  if (!data) throw new IntakeProblem('intake.missing_field', { field: 'data' });
  if (type === 'Order') return order(data);
  if (type === 'Payment') return payment(data);
  if (type === 'Form' || type === 'Organization') return nothing(`HelloAsso ${type}`, 'intake.nothing_form');
  throw new IntakeProblem('intake.unknown_event', { event: type || '—' });
}

const nothing = (subject: string, reason: string): IntakeRequest => ({ person: null, gifts: [], memberships: [], refunds: [], newsletter: false, subject, nothingToDo: reason });

function person(payer: unknown): IntakePerson {
  const p = objectOf(payer);
  if (!p) throw new IntakeProblem('intake.missing_field', { field: 'payer' });
  const birthday = textOf(p.dateOfBirth);
  return {
    email: emailOf(p.email, 'payer.email'),
    first_name: textOf(p.firstName),
    last_name: textOf(p.lastName),
    organisation_name: textOf(p.company),
    street: textOf(p.address),
    postal_code: textOf(p.zipCode),
    city: textOf(p.city),
    // ISO 3166 alpha-3 ('FRA') as HelloAsso writes it.
    country: textOf(p.country),
    birthday: /^\d{4}-\d{2}-\d{2}/.test(birthday) ? birthday.slice(0, 10) : '',
  };
}

const itemsOf = (value: unknown) => (Array.isArray(value) ? value.map(objectOf).filter((i): i is Record<string, unknown> => i !== null) : []);

/** Items that are gone (refunded, canceled) or never happened: no gift, no membership. */
const LIVE_ITEM = (state: string) => !['Canceled', 'Refunded', 'Refused', 'Abandoned'].includes(state);

function order(data: Record<string, unknown>): IntakeRequest {
  const id = textOf(data.id);
  if (!id) throw new IntakeProblem('intake.missing_field', { field: 'data.id' });
  const date = dayOf(data.date, 'data.date');
  const campaign = textOf(data.formName) || textOf(data.formSlug);
  const gifts: IntakeGift[] = [];
  const memberships: IntakeMembership[] = [];
  const means = itemsOf(data.payments)
    .map((p) => textOf(p.paymentMeans))
    .find(Boolean);
  for (const item of itemsOf(data.items)) {
    if (!LIVE_ITEM(textOf(item.state))) continue;
    const key = `helloasso:item:${textOf(item.id)}`;
    const amount = fromCents(item.amount, 'items.amount');
    if (textOf(item.type) === 'Donation') gifts.push({ key, amount, currency: CURRENCY, date, method: method(means), campaign, note: '' });
    else if (textOf(item.type) === 'Membership') memberships.push({ key, level: textOf(item.name) || campaign, amount, currency: CURRENCY, date });
  }
  const subject = `HelloAsso ${id}${campaign ? ` (${campaign})` : ''}`;
  if (!gifts.length && !memberships.length) return { ...nothing(subject, 'intake.nothing_order'), person: person(data.payer) };
  return { person: person(data.payer), gifts, memberships, refunds: [], newsletter: false, subject };
}

/** 'Card' → 'card', 'Sepa' → 'sepa': the Donations.method people see. */
const method = (means: string | undefined) => (means ? means.toLowerCase() : 'helloasso');

function payment(data: Record<string, unknown>): IntakeRequest {
  const state = textOf(data.state);
  const orderData = objectOf(data.order) ?? {};
  const campaign = textOf(orderData.formName) || textOf(orderData.formSlug);
  const subject = `HelloAsso ${textOf(orderData.id) || textOf(data.id)}${campaign ? ` (${campaign})` : ''}`;
  const items = itemsOf(data.items);
  const date = dayOf(data.date, 'data.date');
  if (state === 'Refunded' || state === 'Refunding') {
    // The day of the refund is its operation's; the payment keeps the day it was made.
    const operation = itemsOf(data.refundOperations)[0];
    const when = textOf(objectOf(operation?.meta)?.createdAt) || textOf(objectOf(data.meta)?.updatedAt) || textOf(data.date);
    const refundDay = dayOf(when, 'refundOperations.meta.createdAt');
    return { person: null, gifts: [], memberships: [], refunds: items.map((i) => ({ key: `helloasso:item:${textOf(i.id)}`, date: refundDay })), newsletter: false, subject };
  }
  if (state !== 'Authorized') return nothing(subject, 'intake.nothing_payment');
  // A payment may arrive before its order (HelloAsso does not promise an order): its donation items
  // become gifts now, by the same keys, so that the order later adds nothing twice.
  const gifts: IntakeGift[] = items
    .filter((i) => textOf(i.type) === 'Donation' && LIVE_ITEM(textOf(i.state)))
    .map((i) => ({
      key: `helloasso:item:${textOf(i.id)}`,
      amount: fromCents(i.shareAmount ?? i.amount, 'items.shareAmount'),
      currency: CURRENCY,
      date,
      method: method(textOf(data.paymentMeans)),
      campaign,
    }));
  const memberships: IntakeMembership[] = items
    .filter((i) => textOf(i.type) === 'Membership' && LIVE_ITEM(textOf(i.state)))
    .map((i) => ({ key: `helloasso:item:${textOf(i.id)}`, level: textOf(i.name) || campaign, amount: fromCents(i.shareAmount ?? i.amount, 'items.shareAmount'), currency: CURRENCY, date }));
  if (!gifts.length && !memberships.length) return nothing(subject, 'intake.nothing_payment');
  return { person: person(data.payer), gifts, memberships, refunds: [], newsletter: false, subject };
}
