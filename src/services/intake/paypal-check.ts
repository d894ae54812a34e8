/** PayPal's IPN check: the message, unaltered and in its order, is posted back to PayPal preceded by
 *  `cmd=_notify-validate`; PayPal answers VERIFIED (it sent it) or INVALID. Done when the delivery is
 *  applied, from the trigger (the web app answers senders at once). */
import type { Runtime } from '../../ports';
import { HttpUnreachable } from '../../ports/http';
import { IntakeProblem } from '../../core/intake/delivery';

export const PAYPAL_VERIFY_URL = 'https://ipnpb.paypal.com/cgi-bin/webscr';
export const PAYPAL_SANDBOX_URL = 'https://ipnpb.sandbox.paypal.com/cgi-bin/webscr';

const SANDBOX_KEY = 'intake.paypal_sandbox';
const URL_KEY = 'intake.paypal_verify_url';

/** Admins: take PayPal's sandbox (test) messages, checked with the sandbox, or not; and (for a test
 *  double) where messages are checked. */
export function setPayPalChecking(properties: Runtime['properties'], options: { sandbox?: boolean; verifyUrl?: string }): void {
  if (options.sandbox !== undefined) {
    if (options.sandbox) properties.set(SANDBOX_KEY, 'yes');
    else properties.delete(SANDBOX_KEY);
  }
  if (options.verifyUrl !== undefined) {
    if (options.verifyUrl) properties.set(URL_KEY, options.verifyUrl);
    else properties.delete(URL_KEY);
  }
}

/** Whether PayPal's sandbox (test) messages are taken. */
export function takesPayPalSandbox(properties: Runtime['properties']): boolean {
  return properties.get(SANDBOX_KEY) === 'yes';
}

export function checkWithPayPal(runtime: Runtime, body: string, fields: Record<string, unknown>): void {
  const sandbox = String(fields.test_ipn ?? '') === '1';
  // Anyone can make sandbox payments: a test message is taken only where an admin asked for them.
  if (sandbox && !takesPayPalSandbox(runtime.properties)) throw new IntakeProblem('intake.paypal_sandbox');
  const url = runtime.properties.get(URL_KEY) || (sandbox ? PAYPAL_SANDBOX_URL : PAYPAL_VERIFY_URL);
  let answer;
  try {
    answer = runtime.http.fetch({ method: 'POST', url, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'Members-CRM-IPN-check' }, body: `cmd=_notify-validate&${body}` });
  } catch (error) {
    if (error instanceof HttpUnreachable) throw new IntakeProblem('intake.paypal_unreachable', { details: error.reason.slice(0, 200) }, true);
    throw error;
  }
  if (answer.status !== 200) throw new IntakeProblem('intake.paypal_unreachable', { details: `HTTP ${answer.status}` }, true);
  const said = answer.body.trim();
  if (said === 'VERIFIED') return;
  if (said === 'INVALID') throw new IntakeProblem('intake.paypal_invalid');
  throw new IntakeProblem('intake.paypal_unreachable', { details: said.slice(0, 80) }, true);
}
