/** The services that deliver to the CRM, each by its name in the intake URL (?source=NAME). */
import type { IntakeRequest } from './delivery';
import { IntakeProblem } from './delivery';
import { helloAssoId, readHelloAsso } from './helloasso';
import { koFiId, readKoFi } from './kofi';
import { formId, readWebForm } from './form';
import { payPalId, readPayPal } from './paypal';
import { readStripeEvent, stripeEventId } from './stripe';
import { brevoEventId, mailchimpEventId } from './mailer-events';

/** Sources that deliver to the web app's address. */
export const INTAKE_SOURCES = ['helloasso', 'kofi', 'paypal', 'form', 'mailchimp', 'brevo'] as const;
/** Newsletter platforms' webhooks: applied by the newsletter sync, not as a payment or a form. */
export const MAILER_SOURCES = ['mailchimp', 'brevo'] as const;
export const isMailerSource = (name: string): name is (typeof MAILER_SOURCES)[number] => (MAILER_SOURCES as readonly string[]).includes(name);
/** Sources the CRM asks itself (their webhooks are signed in headers, which a web app cannot read):
 *  their events are queued in the same Inbox, never taken from the address. */
export const POLLED_SOURCES = ['stripe'] as const;
export type IntakeSource = (typeof INTAKE_SOURCES)[number] | (typeof POLLED_SOURCES)[number];

/** A source the web app's address takes. */
export const isIntakeSource = (name: string): name is (typeof INTAKE_SOURCES)[number] => (INTAKE_SOURCES as readonly string[]).includes(name);
/** A source the Inbox may hold. */
export const isInboxSource = (name: string): name is IntakeSource => isIntakeSource(name) || (POLLED_SOURCES as readonly string[]).includes(name);

/** What a contact made by a delivery has as `source`. */
export const SOURCE_NAMES: Record<IntakeSource, string> = { helloasso: 'HelloAsso', kofi: 'Ko-fi', paypal: 'PayPal', form: 'Website form', stripe: 'Stripe', mailchimp: 'Mailchimp', brevo: 'Brevo' };

/** The delivery's own id at its sender ('' when it has none: it is then refused as broken). */
export function deliveryId(source: IntakeSource, fields: Record<string, unknown>): string {
  const ids: Record<IntakeSource, (f: Record<string, unknown>) => string> = {
    helloasso: helloAssoId,
    kofi: koFiId,
    paypal: payPalId,
    stripe: stripeEventId,
    form: formId,
    mailchimp: mailchimpEventId,
    brevo: brevoEventId,
  };
  const id = ids[source](fields);
  if (!id) throw new IntakeProblem('intake.missing_field', { field: 'id' });
  return id.slice(0, 200);
}

export interface SourceSettings {
  currency: string;
  kofiToken: string;
}

export function readDelivery(source: IntakeSource, fields: Record<string, unknown>, settings: SourceSettings): IntakeRequest {
  if (source === 'helloasso') return readHelloAsso(fields);
  if (source === 'kofi') return readKoFi(fields, settings.kofiToken);
  if (source === 'paypal') return readPayPal(fields);
  if (source === 'stripe') return readStripeEvent(fields);
  return readWebForm(fields, settings.currency);
}
