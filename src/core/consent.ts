/** An unsubscribe always wins: an address that opted out, unsubscribed or bounced (cleaned) never
 *  becomes subscribed again through the CRM, whatever the path (an edit, an Undo, a merge, an import, a
 *  delivery, a trigger point). A person who gives consent again goes to `pending`, for the mailer's
 *  double opt-in; the opt-out itself (`email_opt_out`) is never cleared. */
export interface ConsentProblem {
  key: string;
  params: Record<string, string | number>;
}

/** Whether a contact has said no: opted out, unsubscribed or cleaned. */
export function hasOptedOut(contact: { email_opt_out?: unknown; newsletter_status?: unknown }): boolean {
  return contact.email_opt_out === true || contact.newsletter_status === 'unsubscribed' || contact.newsletter_status === 'cleaned';
}

/** What is wrong with changing `current` by `next` (only the fields it sets), or null. */
export function resubscribeProblem(current: Record<string, unknown>, next: Record<string, unknown>): ConsentProblem | null {
  if (!hasOptedOut(current)) return null;
  const id = String(current.id ?? '');
  if ('email_opt_out' in next && next.email_opt_out !== true && current.email_opt_out === true) return { key: 'error.opt_out_sticky', params: { id, field: 'email_opt_out' } };
  if (next.newsletter_status === 'subscribed') return { key: 'error.resubscribe', params: { id, field: 'newsletter_status' } };
  return null;
}
