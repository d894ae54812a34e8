/** PayPal's Instant Payment Notification (IPN): a form post whose fields describe one transaction
 *  (https://developer.paypal.com/api/nvp-soap/ipn/IPNandPDTVariables/). It is trusted only once PayPal
 *  says VERIFIED to the same message posted back (src/services/intake/paypal-check.ts). A completed
 *  payment is a gift; a refund or reversal names the payment it undoes in `parent_txn_id`. */
import { decimalAmount, emailOf, IntakeProblem, IntakeRequest, textOf } from './delivery';

/** The delivery's own id: the transaction and its status (a refund is a new notification). */
export function payPalId(fields: Record<string, unknown>): string {
  const id = textOf(fields.txn_id) || textOf(fields.ipn_track_id);
  return id ? `${id}:${textOf(fields.payment_status) || textOf(fields.txn_type)}` : '';
}

const RECURRING = new Set(['subscr_payment', 'recurring_payment']);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** '20:12:59 Jan 13, 2009 PST' → '2009-01-13': the day PayPal dated it, in PayPal's time. */
export function payPalDay(text: unknown): string {
  const m = /([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})/.exec(textOf(text));
  const month = m ? MONTHS.indexOf(m[1].toLowerCase()) + 1 : 0;
  if (!m || !month) throw new IntakeProblem('intake.bad_date', { field: 'payment_date', value: textOf(text).slice(0, 60) });
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[2].padStart(2, '0')}`;
}

export function readPayPal(fields: Record<string, unknown>): IntakeRequest {
  const status = textOf(fields.payment_status);
  const subject = `PayPal ${textOf(fields.txn_id) || textOf(fields.ipn_track_id)}${textOf(fields.item_name) ? ` (${textOf(fields.item_name)})` : ''}`;
  if (status === 'Refunded' || status === 'Reversed') {
    const parent = textOf(fields.parent_txn_id);
    if (!parent) throw new IntakeProblem('intake.missing_field', { field: 'parent_txn_id' });
    return { person: null, gifts: [], memberships: [], refunds: [{ key: `paypal:txn:${parent}`, date: payPalDay(fields.payment_date) }], newsletter: false, subject };
  }
  if (status !== 'Completed') return { person: null, gifts: [], memberships: [], refunds: [], newsletter: false, subject, nothingToDo: 'intake.nothing_payment' };
  const txn = textOf(fields.txn_id);
  if (!txn) throw new IntakeProblem('intake.missing_field', { field: 'txn_id' });
  const currency = textOf(fields.mc_currency).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new IntakeProblem('intake.bad_currency', { field: 'mc_currency', value: textOf(fields.mc_currency) });
  return {
    person: {
      email: emailOf(fields.payer_email, 'payer_email'),
      first_name: textOf(fields.first_name),
      last_name: textOf(fields.last_name),
      organisation_name: textOf(fields.payer_business_name),
      street: textOf(fields.address_street),
      postal_code: textOf(fields.address_zip),
      city: textOf(fields.address_city),
      country: textOf(fields.address_country_code),
    },
    gifts: [
      {
        key: `paypal:txn:${txn}`,
        amount: decimalAmount(fields.mc_gross, 'mc_gross'),
        currency,
        date: payPalDay(fields.payment_date),
        method: 'paypal',
        recurring: RECURRING.has(textOf(fields.txn_type)),
        campaign: textOf(fields.item_name),
        note: textOf(fields.memo),
      },
    ],
    memberships: [],
    refunds: [],
    newsletter: false,
    subject,
  };
}
