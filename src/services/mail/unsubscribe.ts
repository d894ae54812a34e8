/** The unsubscribe link every bulk or automated message carries: the web app's address with a token
 *  that names the contact and the mailing and is signed (HMAC-SHA256, its secret in the script's
 *  properties), so that it works once clicked, without signing in, and a changed or made-up token
 *  changes nothing. Following it sets the sticky opt-out (source `unsubscribe link`), which the
 *  mailer sync then spreads. */
import type { Runtime } from '../../ports';
import { Contacts } from '../../core/schema/tables';
import { constantTimeEqual } from '../../core/intake/token';
import { Workbook } from '../../store/workbook';
import { LOCK_WAIT_MS } from '../../ports/lock';
import { unsubscribePage } from '../../core/mail/unsubscribe-page';

const SECRET_KEY = 'mail.unsubscribe_secret';
const URL_KEY = 'mail.web_app_url';

function secretOf(runtime: Runtime): string {
  let secret = runtime.properties.get(SECRET_KEY);
  if (!secret) {
    secret = runtime.secrets.newToken();
    runtime.properties.set(SECRET_KEY, secret);
  }
  return secret;
}

/** `contact.mailing.signature`: ids are letters, digits and _ only. */
export function unsubscribeToken(runtime: Runtime, contactId: string, mailingId: string): string {
  const message = `${contactId}.${mailingId}`;
  return `${message}.${runtime.secrets.sign(secretOf(runtime), message)}`;
}

/** The web app's address the links point to (the intake's deployment, open to anyone), set by an
 *  admin; locally, the server's. */
export function webAppUrl(runtime: Runtime): string {
  return runtime.properties.get(URL_KEY) ?? '';
}

export function setWebAppUrl(runtime: Runtime, url: string): void {
  if (url.trim()) runtime.properties.set(URL_KEY, url.trim());
  else runtime.properties.delete(URL_KEY);
}

export function unsubscribeUrl(runtime: Runtime, contactId: string, mailingId: string): string {
  const base = webAppUrl(runtime) || runtime.webAppUrl || 'http://localhost:8080/exec';
  return `${base}${base.includes('?') ? '&' : '?'}unsubscribe=${unsubscribeToken(runtime, contactId, mailingId)}`;
}

/** The contact a token names, when its signature is ours; else null. */
export function readUnsubscribeToken(runtime: Runtime, token: string): { contactId: string; mailingId: string } | null {
  const m = /^([A-Za-z0-9_]{1,40})\.([A-Za-z0-9_]{1,40})\.([A-Za-z0-9_-]{20,100})$/.exec(String(token ?? '').trim());
  if (!m) return null;
  const secret = runtime.properties.get(SECRET_KEY);
  if (!secret) return null;
  return constantTimeEqual(m[3], runtime.secrets.sign(secret, `${m[1]}.${m[2]}`)) ? { contactId: m[1], mailingId: m[2] } : null;
}

export type UnsubscribeOutcome = { done: true; language: string; already: boolean } | { done: false; language: string };

/** The page a followed link shows (the outcome in the contact's language, else the CRM's). */
export function unsubscribeAnswer(runtime: Runtime, token: string, crmLanguage: string): string {
  const outcome = unsubscribe(runtime, token);
  return unsubscribePage(outcome.language || crmLanguage, !outcome.done ? 'bad' : outcome.already ? 'already' : 'done');
}

/** Applies a followed link: the contact opted out, with the source and time; idempotent. */
export function unsubscribe(runtime: Runtime, token: string): UnsubscribeOutcome {
  const read = readUnsubscribeToken(runtime, token);
  if (!read) return { done: false, language: '' };
  if (!runtime.lock.tryAcquire(LOCK_WAIT_MS)) throw new Error('busy');
  try {
    const workbook = new Workbook(runtime, runtime.clock, 'unsubscribe link');
    const contact = workbook.table(Contacts).get(read.contactId);
    if (!contact) return { done: false, language: '' };
    const language = contact.language || '';
    if (contact.email_opt_out === true && contact.newsletter_status === 'unsubscribed') return { done: true, language, already: true };
    workbook
      .table(Contacts)
      .update(contact.id, { email_opt_out: true, newsletter_status: 'unsubscribed', opt_out_source: `unsubscribe link (${read.mailingId})`, opt_out_at: workbook.clock.now().toISOString() });
    workbook.commit('mail.unsubscribe');
    return { done: true, language, already: false };
  } finally {
    runtime.lock.release();
  }
}
