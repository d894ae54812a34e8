/** What makes a contact worth keeping, checked when one is made or edited through the CRM (imports
 *  have rules of their own): a name, an email or a phone; phones a real number for the CRM's country;
 *  and, before a second one is made, no one already there with that email or phone, as the
 *  de-duplication engine reads them (its normalisers, and the Gmail rule of `dedupe_rules`). */
import { Contacts, Contact } from '../../core/schema/tables';
import { normalisePhone } from '../../core/phone';
import { normaliseEmail, phoneKey } from '../../core/dedupe/normalise';
import { dedupeRulesOf } from '../dedupe/dedupe-settings';
import { displayName } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { settingsOf } from '../today';

type Values = Partial<Contact>;

const PHONES = ['phone', 'mobile'] as const;
const IDENTITY = ['first_name', 'last_name', 'organisation_name', 'email', 'phone', 'mobile'] as const;
const blank = (value: unknown) => String(value ?? '').trim() === '';

/** Refuses a contact without a name, an email or a phone, and a phone that is no number (only the
 *  fields in `changed` are judged, so that an old row's odd phone does not block an edit of its city). */
export function checkContactValues(workbook: Workbook, values: Values, changed: readonly string[] = IDENTITY): void {
  if (IDENTITY.some((f) => changed.includes(f)) && IDENTITY.every((f) => blank(values[f]))) {
    throw new UserError('invalid', 'error.contact_needs_identity', { field: values.kind === 'organisation' ? 'organisation_name' : 'first_name' });
  }
  const country = settingsOf(workbook).defaultCountry;
  for (const field of PHONES) {
    const value = String(values[field] ?? '').trim();
    if (!changed.includes(field) || !value) continue;
    if (!normalisePhone(value, country)) throw new UserError('invalid', 'error.phone_invalid', { field, value, country: country || '—' });
  }
}

/** Someone live already with this email or phone, or null. */
export function existingContact(workbook: Workbook, values: Values): Contact | null {
  const read = { defaultCountry: settingsOf(workbook).defaultCountry, gmailDots: dedupeRulesOf(workbook).rules.gmailDots };
  const email = normaliseEmail(String(values.email ?? ''), read);
  const phones = PHONES.map((f) => phoneKey(String(values[f] ?? ''), read.defaultCountry)).filter(Boolean);
  if (!email && !phones.length) return null;
  const scan = workbook.table(Contacts).scan();
  const [cEmail, cEmail2, cPhone, cMobile] = ['email', 'email_2', 'phone', 'mobile'].map((c) => scan.column(c));
  const cell = (cells: readonly unknown[], c: number) => (c < 0 ? '' : String(cells[c] ?? ''));
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    const sameEmail = email !== '' && [cEmail, cEmail2].some((c) => normaliseEmail(cell(cells, c), read) === email);
    const samePhone = phones.length > 0 && [cPhone, cMobile].some((c) => phones.includes(phoneKey(cell(cells, c), read.defaultCountry) || '-'));
    if (!sameEmail && !samePhone) continue;
    const contact = scan.record(i);
    if (contact.deleted === true || contact.merged_into) continue;
    return contact;
  }
  return null;
}

/** Refuses to make a second contact for someone already there, naming them (the sidebar offers to open
 *  that one, or to make the new one anyway). */
export function refuseDuplicate(workbook: Workbook, values: Values): void {
  const found = existingContact(workbook, values);
  if (found) throw new UserError('duplicate', 'error.contact_exists', { id: found.id, name: displayName(found) || found.email || found.id });
}
