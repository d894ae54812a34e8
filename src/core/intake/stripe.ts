/** Stripe's events (https://docs.stripe.com/api/events), read by polling its API with a restricted key:
 *  Stripe signs its webhooks in a header, which an Apps Script web app cannot read, so the CRM asks
 *  instead. `charge.succeeded` is a gift; `charge.refunded`, once the charge is wholly refunded, marks
 *  it refunded. Amounts are in the currency's smallest unit (cents), except for zero-decimal currencies. */
import { emailOf, IntakeProblem, IntakeRequest, objectOf, textOf } from './delivery';
import { splitFullName } from '../import/full-names';

/** The event types the CRM asks Stripe for. */
export const STRIPE_EVENT_TYPES = ['charge.succeeded', 'charge.refunded'] as const;

/** Currencies Stripe counts in whole units (https://docs.stripe.com/currencies#zero-decimal). */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);

export function stripeEventId(event: Record<string, unknown>): string {
  return textOf(event.id);
}

/** A Unix time (seconds) as the day it was, in UTC. */
const dayOfUnix = (seconds: unknown) => {
  const n = Number(seconds);
  if (!Number.isFinite(n) || n <= 0) throw new IntakeProblem('intake.bad_date', { field: 'created', value: String(seconds ?? '') });
  return new Date(n * 1000).toISOString().slice(0, 10);
};

export function readStripeEvent(event: Record<string, unknown>): IntakeRequest {
  const type = textOf(event.type);
  const charge = objectOf(objectOf(event.data)?.object);
  if (!charge) throw new IntakeProblem('intake.missing_field', { field: 'data.object' });
  const id = textOf(charge.id);
  const subject = `Stripe ${id}${textOf(charge.description) ? ` (${textOf(charge.description)})` : ''}`;
  if (type === 'charge.refunded') {
    // A partial refund leaves a gift standing: only a charge refunded whole is marked so.
    if (charge.refunded !== true) return { person: null, gifts: [], memberships: [], refunds: [], newsletter: false, subject, nothingToDo: 'intake.nothing_partial_refund' };
    return { person: null, gifts: [], memberships: [], refunds: [{ key: `stripe:charge:${id}`, date: dayOfUnix(event.created) }], newsletter: false, subject };
  }
  if (type !== 'charge.succeeded') throw new IntakeProblem('intake.unknown_event', { event: type || '—' });
  const currency = textOf(charge.currency).toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw new IntakeProblem('intake.bad_currency', { field: 'currency', value: currency });
  const minor = Number(charge.amount);
  if (!Number.isInteger(minor) || minor <= 0) throw new IntakeProblem('intake.bad_amount', { field: 'amount', value: String(charge.amount ?? '') });
  const billing = objectOf(charge.billing_details) ?? {};
  const address = objectOf(billing.address) ?? {};
  const name = splitFullName(textOf(billing.name));
  return {
    person: {
      email: emailOf(textOf(billing.email) || textOf(charge.receipt_email), 'billing_details.email'),
      first_name: name.first_name,
      last_name: name.last_name,
      phone: textOf(billing.phone),
      street: [textOf(address.line1), textOf(address.line2)].filter(Boolean).join(', '),
      postal_code: textOf(address.postal_code),
      city: textOf(address.city),
      country: textOf(address.country),
    },
    gifts: [
      {
        key: `stripe:charge:${id}`,
        amount: ZERO_DECIMAL.has(currency) ? minor : minor / 100,
        currency: currency.toUpperCase(),
        date: dayOfUnix(charge.created ?? event.created),
        method: 'stripe',
        campaign: textOf(charge.description),
      },
    ],
    memberships: [],
    refunds: [],
    newsletter: false,
    subject,
  };
}
