import type { Contact } from '../../core/schema/tables';
import type { ImportDraft } from '../../core/import';

/** What an imported row changes on a contact already in the CRM, and the consent a newsletter column
 *  gives: the rules that keep an unsubscribe winning. */

/** Fields an import never takes away: an unsubscribe always wins. */
const NEVER_UNDONE: Record<string, (current: unknown, next: unknown) => boolean> = {
  email_opt_out: (current, next) => current === true && next !== true,
  newsletter_status: (current, next) => (current === 'unsubscribed' || current === 'cleaned') && next !== current,
};

/** What updating (or filling) a contact with an imported row changes. Empty imported values never
 *  erase anything; an unsubscribe is never undone. */
export function changes(current: Contact, incoming: Record<string, unknown>, custom: Record<string, string>, fillOnly: boolean): { fields: Record<string, unknown>; custom: Record<string, string> } {
  const fields: Record<string, unknown> = Object.create(null);
  for (const [name, value] of Object.entries(incoming)) {
    if (value === '' || value === undefined) continue;
    const now = (current as Record<string, unknown>)[name];
    // 'never' is the newsletter status of a contact nobody asked: a file's "yes" may fill it.
    if (fillOnly && now !== '' && now !== undefined && !(name === 'newsletter_status' && now === 'never')) continue;
    if (NEVER_UNDONE[name]?.(now, value)) continue;
    if (now !== value) fields[name] = value;
  }
  const customOut: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(custom)) {
    if (value === '') continue;
    const now = current.custom?.[name] ?? '';
    if (fillOnly && now !== '') continue;
    if (String(now) !== value) customOut[name] = value;
  }
  return { fields, custom: customOut };
}

/** A newsletter yes/no column's "yes": subscribed, with the file as the consent's source and the
 *  file's own consent date or the import's time. Never for an address opted out (in the row or in the
 *  CRM), unsubscribed, cleaned or pending: an unsubscribe always wins, and a pending double opt-in is
 *  the person's to confirm. "No" changes nothing: it is not an unsubscribe. */
export function newsletterConsent(draft: ImportDraft, current: Contact | null, fileName: string, now: string): Record<string, string> {
  if (draft.newsletter !== true || draft.contact.email_opt_out === true) return {};
  if (current && (current.email_opt_out === true || !['never', ''].includes(String(current.newsletter_status ?? '')))) return {};
  if (draft.contact.newsletter_status && draft.contact.newsletter_status !== 'subscribed') return {};
  return { newsletter_status: 'subscribed', consent_source: `import:${fileName}`, consent_at: String(draft.contact.consent_at || now) };
}
