/** Ko-fi's webhook (https://ko-fi.com/manage/webhooks): a form post whose one field `data` holds JSON,
 *  with the `verification_token` Ko-fi shows the creator. Types: Donation, Subscription, Commission,
 *  Shop Order; amounts are text with a dot ('3.00'); `message_id` is the delivery's own id. */
import { constantTimeEqual } from './token';
import { dayOf, decimalAmount, emailOf, IntakeProblem, IntakeRequest, readJsonField, textOf } from './delivery';
import { splitFullName } from '../import/full-names';

export function koFiPayload(fields: Record<string, unknown>): Record<string, unknown> {
  return readJsonField(fields, 'data');
}

export function koFiId(fields: Record<string, unknown>): string {
  return textOf(koFiPayload(fields).message_id);
}

/** `expectedToken`: the verification token an admin copied from Ko-fi ('' when none was set). */
export function readKoFi(fields: Record<string, unknown>, expectedToken: string): IntakeRequest {
  const data = koFiPayload(fields);
  if (!expectedToken) throw new IntakeProblem('intake.kofi_token_unset');
  if (!constantTimeEqual(textOf(data.verification_token), expectedToken)) throw new IntakeProblem('intake.kofi_token_wrong');
  const id = textOf(data.kofi_transaction_id) || textOf(data.message_id);
  if (!id) throw new IntakeProblem('intake.missing_field', { field: 'message_id' });
  const type = textOf(data.type);
  const name = splitFullName(textOf(data.from_name));
  const message = textOf(data.message);
  const gift = {
    key: `kofi:${id}`,
    amount: decimalAmount(data.amount, 'amount'),
    currency: textOf(data.currency).toUpperCase(),
    date: dayOf(data.timestamp, 'timestamp'),
    method: 'ko-fi',
    recurring: data.is_subscription_payment === true,
    campaign: type === 'Subscription' ? textOf(data.tier_name) : '',
    note: message,
  };
  if (!/^[A-Z]{3}$/.test(gift.currency)) throw new IntakeProblem('intake.bad_currency', { field: 'currency', value: textOf(data.currency) });
  return {
    person: { email: emailOf(data.email, 'email'), first_name: name.first_name, last_name: name.last_name },
    // A shop order or a commission is a sale, not a gift: the person is kept, with the order in their history.
    gifts: type === 'Donation' || type === 'Subscription' ? [gift] : [],
    memberships: [],
    refunds: [],
    newsletter: false,
    subject: `Ko-fi ${type || ''}`.trim() + (message ? `: ${message.slice(0, 80)}` : ''),
  };
}
