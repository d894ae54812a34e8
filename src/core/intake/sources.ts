/** The services that deliver to the CRM, each by its name in the intake URL (?source=NAME). */
import type { IntakeRequest } from './delivery';
import { IntakeProblem } from './delivery';
import { helloAssoId, readHelloAsso } from './helloasso';
import { koFiId, readKoFi } from './kofi';
import { formId, readWebForm } from './form';
import { payPalId, readPayPal } from './paypal';

export const INTAKE_SOURCES = ['helloasso', 'kofi', 'paypal', 'form'] as const;
export type IntakeSource = (typeof INTAKE_SOURCES)[number];

export const isIntakeSource = (name: string): name is IntakeSource => (INTAKE_SOURCES as readonly string[]).includes(name);

/** What a contact made by a delivery has as `source`. */
export const SOURCE_NAMES: Record<IntakeSource, string> = { helloasso: 'HelloAsso', kofi: 'Ko-fi', paypal: 'PayPal', form: 'Website form' };

/** The delivery's own id at its sender ('' when it has none: it is then refused as broken). */
export function deliveryId(source: IntakeSource, fields: Record<string, unknown>): string {
  const id = source === 'helloasso' ? helloAssoId(fields) : source === 'kofi' ? koFiId(fields) : source === 'paypal' ? payPalId(fields) : formId(fields);
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
  return readWebForm(fields, settings.currency);
}
