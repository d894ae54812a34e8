/** The shared fields as each side writes them, compared the way a person would: spaces around a value
 *  and letter case of a language do not make a change; a birthday is its month and day (Mailchimp
 *  keeps no year), so a CRM birthday with its year equals the platform's without. */
import { SYNCED_FIELDS, type SyncedField, type SyncedValues } from './platforms/platform';
import type { Contact } from '../../core/schema/tables';

export function crmValues(contact: Contact, platformFields: readonly SyncedField[]): SyncedValues {
  const out: SyncedValues = {};
  for (const f of platformFields) out[f] = String(contact[f] ?? '').trim();
  return out;
}

export function sameValue(field: SyncedField, a: string | undefined, b: string | undefined): boolean {
  const [x, y] = [String(a ?? '').trim(), String(b ?? '').trim()];
  if (field === 'birthday') return monthDay(x) === monthDay(y);
  if (field === 'language') return x.toLowerCase() === y.toLowerCase();
  return x === y;
}

function monthDay(birthday: string): string {
  return /^(?:\d{4}|-)-(\d{2}-\d{2})/.exec(birthday)?.[1] ?? '';
}

/** The fields each platform keeps (Brevo's list attributes the CRM writes are the names only). */
export const PLATFORM_FIELDS: Record<'mailchimp' | 'brevo', readonly SyncedField[]> = {
  mailchimp: SYNCED_FIELDS,
  brevo: ['first_name', 'last_name'],
};

export function parseSnapshot(text: string): SyncedValues | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as SyncedValues) : null;
  } catch {
    return null;
  }
}
