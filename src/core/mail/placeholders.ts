/** What a template may name, and each value as the template's language writes it. */
import type { Contact, Donation, Membership } from '../schema/tables';

export const CONTACT_PLACEHOLDERS = [
  'first_name',
  'last_name',
  'organisation',
  'organisation_name',
  'job_title',
  'email',
  'phone',
  'mobile',
  'street',
  'postal_code',
  'city',
  'region',
  'country',
  'birthday',
] as const;
export const MEMBERSHIP_PLACEHOLDERS = ['membership.level', 'membership.start_date', 'membership.end_date', 'membership.amount', 'membership.status'] as const;
export const GIFT_PLACEHOLDERS = ['gift.amount', 'gift.date', 'gift.fund', 'gift.campaign'] as const;
export const OTHER_PLACEHOLDERS = ['unsubscribe_url', 'today'] as const;

export const PLACEHOLDERS: readonly string[] = [...CONTACT_PLACEHOLDERS, ...MEMBERSHIP_PLACEHOLDERS, ...GIFT_PLACEHOLDERS, ...OTHER_PLACEHOLDERS];

/** A placeholder the CRM knows, or a custom column of the Contacts sheet. */
export function isKnownPlaceholder(name: string, customColumns: readonly string[]): boolean {
  return PLACEHOLDERS.includes(name) || customColumns.includes(name);
}

const LOCALES: Record<string, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', pt: 'pt-PT' };
const localeOf = (language: string) => LOCALES[language] ?? 'en-GB';

/** '2026-03-12' → '12 March 2026' / '12 mars 2026'; '--03-12' (a birthday without its year) →
 *  '12 March'. Anything else as written. */
export function longDate(value: string, language: string): string {
  const full = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const yearless = /^--(\d{2})-(\d{2})$/.exec(value);
  if (!full && !yearless) return value;
  const date = full ? new Date(Date.UTC(Number(full[1]), Number(full[2]) - 1, Number(full[3]))) : new Date(Date.UTC(2000, Number(yearless![1]) - 1, Number(yearless![2])));
  const options: Intl.DateTimeFormatOptions = full ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'long', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(localeOf(language), options).format(date);
}

/** 42.5, 'EUR' → '42,50 €' in French, '€42.50' in English. */
export function money(amount: unknown, currency: string, language: string): string {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return '';
  try {
    return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency: currency || 'EUR' }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

export interface PlaceholderContext {
  contact: Contact;
  membership?: Membership | null;
  gift?: Donation | null;
  unsubscribeUrl?: string;
  today: string;
  language: string;
  /** The CRM's currency, for amounts that do not say theirs. */
  currency: string;
}

/** The value of `name` for this contact, formatted for the language ('' when the record has none). */
export function placeholderValue(name: string, c: PlaceholderContext): string {
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const contact = c.contact as unknown as Record<string, unknown> & { custom?: Record<string, unknown> };
  if (name === 'organisation') return text(contact.organisation_name);
  if (name === 'birthday') return longDate(text(contact.birthday), c.language);
  if ((CONTACT_PLACEHOLDERS as readonly string[]).includes(name)) return text(contact[name]);
  if (name.startsWith('membership.')) {
    const m = c.membership as unknown as Record<string, unknown> | null | undefined;
    if (!m) return '';
    const field = name.slice('membership.'.length);
    if (field === 'amount') return money(m.amount, text(m.currency) || c.currency, c.language);
    if (field.endsWith('_date')) return longDate(text(m[field]), c.language);
    return text(m[field]);
  }
  if (name.startsWith('gift.')) {
    const g = c.gift as unknown as Record<string, unknown> | null | undefined;
    if (!g) return '';
    const field = name.slice('gift.'.length);
    if (field === 'amount') return money(g.amount, text(g.currency) || c.currency, c.language);
    if (field === 'date') return longDate(text(g.date), c.language);
    return text(g[field]);
  }
  if (name === 'unsubscribe_url') return c.unsubscribeUrl ?? '';
  if (name === 'today') return longDate(c.today, c.language);
  return text(contact.custom?.[name]);
}
