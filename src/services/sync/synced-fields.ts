/** The shared fields as each side writes them, compared the way a person would: spaces around a value
 *  and letter case of a language do not make a change; a birthday is its month and day (Mailchimp
 *  keeps no year), so a CRM birthday with its year equals the platform's without; an address is its
 *  five parts, a line each. */
import type { SyncedValues } from './platforms/platform';
import type { Contact } from '../../core/schema/tables';

export const ADDRESS_PARTS = ['street', 'postal_code', 'city', 'region', 'country'] as const;

/** The CRM's value of one shared field. */
export function crmValue(contact: Contact, field: string): string {
  if (field === 'address')
    return ADDRESS_PARTS.map((p) => String(contact[p] ?? '').trim())
      .join('\n')
      .replace(/\n+$/, '');
  if (field.startsWith('custom.')) return String(contact.custom?.[field.slice(7)] ?? '').trim();
  return String((contact as Record<string, unknown>)[field] ?? '').trim();
}

export function crmValues(contact: Contact, fields: readonly string[]): SyncedValues {
  const out: SyncedValues = {};
  for (const f of fields) out[f] = crmValue(contact, f);
  return out;
}

/** The change to a contact that gives one shared field a value from the platform. */
export function fieldPatch(contact: Contact, field: string, value: string): Partial<Contact> {
  if (field === 'address') {
    const parts = value.split('\n');
    return Object.fromEntries(ADDRESS_PARTS.map((p, k) => [p, (parts[k] ?? '').trim()])) as Partial<Contact>;
  }
  if (field.startsWith('custom.')) return { custom: { ...(contact.custom ?? {}), [field.slice(7)]: value } } as Partial<Contact>;
  return { [field]: value } as Partial<Contact>;
}

export function sameValue(field: string, a: string | undefined, b: string | undefined): boolean {
  const [x, y] = [String(a ?? '').trim(), String(b ?? '').trim()];
  if (field === 'birthday') return monthDay(x) === monthDay(y);
  if (field === 'language') return x.toLowerCase() === y.toLowerCase();
  if (field === 'address') return x.replace(/\s+/g, ' ').toLowerCase() === y.replace(/\s+/g, ' ').toLowerCase();
  return x === y;
}

function monthDay(birthday: string): string {
  return /^(?:\d{4}|-)-(\d{2}-\d{2})/.exec(birthday)?.[1] ?? '';
}

export function parseSnapshot(text: string): SyncedValues | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as SyncedValues) : null;
  } catch {
    return null;
  }
}
