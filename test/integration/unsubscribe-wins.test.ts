/** An unsubscribe always wins: no path through the CRM turns an address that opted out, unsubscribed
 *  or bounced back into a subscribed one. New consent goes to pending (double opt-in). */
import { callAction } from '../../src/api/call';
import { call, ok, refused, rowsOf, setUpRuntime } from '../support/crm';

function optedOut(status: 'unsubscribed' | 'cleaned' | 'subscribed', optOut: boolean) {
  const rt = setUpRuntime();
  const id = ok(call(rt, 'createContact', { contact: { first_name: 'Inès', email: 'ines@example.fr', newsletter_status: status, email_opt_out: optOut } })).id;
  return { rt, id };
}

describe('an unsubscribe always wins', () => {
  it('refuses setting an unsubscribed or bounced address back to subscribed, naming the field, in the person’s language', () => {
    for (const status of ['unsubscribed', 'cleaned'] as const) {
      const { rt, id } = optedOut(status, false);
      const answer = callAction(rt, 'updateContact', { id, patch: { newsletter_status: 'subscribed' } }, 'fr');
      expect(answer).toMatchObject({ ok: false, error: { field: 'newsletter_status' } });
      expect(!answer.ok && answer.error.message).toMatch(/ne peut pas redevenir abonnée/);
      expect(rowsOf(rt, 'Contacts')[0].newsletter_status).toBe(status);
    }
  });

  it('never clears an opt-out, and lets new consent wait for confirmation as pending', () => {
    const { rt, id } = optedOut('subscribed', true);
    expect(refused(call(rt, 'updateContact', { id, patch: { email_opt_out: false } })).message).toMatch(/kept for good/);
    ok(call(rt, 'updateContact', { id, patch: { newsletter_status: 'pending' } }));
    expect(rowsOf(rt, 'Contacts')[0]).toMatchObject({ newsletter_status: 'pending', email_opt_out: true });
    // Pending is where it stays: only the mailer's confirmation may say more (and the opt-out stays).
    expect(refused(call(rt, 'updateContact', { id, patch: { newsletter_status: 'subscribed' } })).code).toBe('refused');
    // Other fields of an opted-out contact change as before.
    ok(call(rt, 'updateContact', { id, patch: { city: 'Lyon' } }));
  });

  it('does not let Undo take an unsubscribe back', () => {
    const { rt, id } = optedOut('subscribed', false);
    const answer = callAction(rt, 'updateContact', { id, patch: { newsletter_status: 'unsubscribed', email_opt_out: true } });
    expect(answer.ok && answer.undo).toBeTruthy();
    const undo = answer.ok ? answer.undo! : '';
    expect(refused(call(rt, 'undoChange', { change: undo })).code).toBe('refused');
    expect(rowsOf(rt, 'Contacts')[0]).toMatchObject({ newsletter_status: 'unsubscribed', email_opt_out: true });
  });

  it('lets a new subscription through where nobody said no', () => {
    const { rt, id } = optedOut('subscribed', false);
    ok(call(rt, 'updateContact', { id, patch: { newsletter_status: 'pending' } }));
    ok(call(rt, 'updateContact', { id, patch: { newsletter_status: 'subscribed' } }));
  });
});
