/** Deliveries from donation platforms and website forms: checked, queued at once in the Inbox, then
 *  applied, each once, whatever order and however many times they come. Payloads are HelloAsso's and
 *  Ko-fi's own documented examples (test/fixtures/intake). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, ok, refused, rowsOf, setSetting, setUpRuntime } from '../support/crm';
import { receiveDelivery } from '../../src/services/intake/receive-delivery';
import { applyInbox } from '../../src/services/intake/apply-inbox';
import { intakeToken, setKoFiToken } from '../../src/services/intake/intake-token';
import type { MemoryRuntime } from '../../src/memory/services';
import { setPayPalChecking } from '../../src/services/intake/paypal-check';
import { PayPalDouble } from '../doubles/paypal';
import { StripeDouble } from '../doubles/stripe';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'intake', name), 'utf8');

function crm(): { rt: MemoryRuntime; token: string } {
  const rt = setUpRuntime();
  return { rt, token: intakeToken(rt.properties, rt.secrets) };
}

const deliver = (rt: MemoryRuntime, token: string, source: string, body: string, contentType = 'application/json') => receiveDelivery(rt, { source, token, body, contentType });
const form = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, '+')}`)
    .join('&');

describe('receiving a delivery', () => {
  it('queues it at once, asks for a run soon, and writes nothing else', () => {
    const { rt, token } = crm();
    const answer = deliver(rt, token, 'helloasso', fixture('helloasso-order-donation.json'));
    expect(answer).toMatchObject({ ok: true, duplicate: false });
    expect(rowsOf(rt, 'Inbox')).toEqual([expect.objectContaining({ source: 'helloasso', external_id: 'order:20499', status: 'queued' })]);
    expect(rowsOf(rt, 'Contacts')).toHaveLength(0);
    expect(rt.scheduler.soon.has('applyIntake')).toBe(true);
  });

  it('refuses a wrong or missing token without writing anything', () => {
    const { rt, token } = crm();
    for (const wrong of ['', 'x', token.slice(0, -1), token + 'x', token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase()]) {
      const answer = deliver(rt, wrong, 'helloasso', fixture('helloasso-order-donation.json'));
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(rowsOf(rt, 'Inbox')).toHaveLength(0);
  });

  it('receives the same delivery ten times once', () => {
    const { rt, token } = crm();
    const answers = Array.from({ length: 10 }, () => deliver(rt, token, 'helloasso', fixture('helloasso-order-donation.json')));
    expect(answers.filter((a) => a.ok && a.duplicate)).toHaveLength(9);
    expect(rowsOf(rt, 'Inbox')).toHaveLength(1);
  });

  it('keeps a broken delivery with its error, in the CRM’s language, and answers what is wrong', () => {
    const { rt, token } = crm();
    setSetting(rt, 'language', 'fr');
    const broken = deliver(rt, token, 'helloasso', '{"data": {"id": 1,');
    expect(broken).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const unknown = deliver(rt, token, 'stripe-ish', '{}');
    expect(unknown.ok).toBe(false);
    const inbox = rowsOf(rt, 'Inbox');
    expect(inbox.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(inbox[0].body).toBe('{"data": {"id": 1,');
    expect(String(inbox[0].error)).toMatch(/JSON/);
    expect(String(inbox[1].error)).toMatch(/Aucune source nommée « stripe-ish »/);
  });

  it('keeps the beginning of a 10 MB body, says it was too large, and still answers', () => {
    const { rt, token } = crm();
    const huge = '{"data":"' + 'x'.repeat(10 * 1024 * 1024) + '"}';
    const answer = deliver(rt, token, 'form', huge);
    expect(answer.ok).toBe(false);
    const [row] = rowsOf(rt, 'Inbox');
    expect(row.status).toBe('failed');
    expect(String(row.body).length).toBeLessThanOrEqual(2000);
    expect(String(row.error)).toContain(`${huge.length} characters`);
  });
});

describe('applying HelloAsso deliveries', () => {
  it('makes the payer a contact with the gift in euros from cents, and logs it in their history', () => {
    const { rt, token } = crm();
    deliver(rt, token, 'helloasso', fixture('helloasso-order-donation.json'));
    expect(applyInbox(rt)).toMatchObject({ applied: 1, failed: 0 });
    const [contact] = rowsOf(rt, 'Contacts');
    expect(contact).toMatchObject({ first_name: 'Hugo', last_name: 'Dubois', email: 'hugo.dubois@example.fr', city: 'Paris', postal_code: '75000', source: 'HelloAsso', birthday: '1984-05-15' });
    expect(rowsOf(rt, 'Donations')).toEqual([
      expect.objectContaining({ contact_id: contact.id, amount: 20, currency: 'EUR', date: '2024-06-07', method: 'card', external_id: 'helloasso:item:20499' }),
    ]);
    const card = ok(call(rt, 'getContactCard', { id: contact.id }));
    expect(card.interactions[0]).toMatchObject({ type: 'form', direction: 'inbound' });
    expect(rowsOf(rt, 'Inbox')[0]).toMatchObject({ status: 'applied', contact_id: contact.id });
  });

  it('gives one gift when the payment comes before its order, and the order after it', () => {
    const { rt, token } = crm();
    deliver(rt, token, 'helloasso', fixture('helloasso-payment-donation.json'));
    applyInbox(rt);
    deliver(rt, token, 'helloasso', fixture('helloasso-order-donation.json'));
    applyInbox(rt);
    expect(rowsOf(rt, 'Contacts')).toHaveLength(1);
    expect(rowsOf(rt, 'Donations')).toHaveLength(1);
    expect(rowsOf(rt, 'Inbox').map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it('marks the gift refunded instead of adding one, and the card’s total drops', () => {
    const { rt, token } = crm();
    deliver(rt, token, 'helloasso', fixture('helloasso-order-donation.json'));
    applyInbox(rt);
    deliver(rt, token, 'helloasso', fixture('helloasso-payment-refunded.json'));
    applyInbox(rt);
    const gifts = rowsOf(rt, 'Donations');
    expect(gifts).toEqual([expect.objectContaining({ amount: 20, refunded_at: '2024-06-12' })]);
    const contact = rowsOf(rt, 'Contacts')[0];
    expect(ok(call(rt, 'getContactCard', { id: contact.id })).donations.total).toBe(0);
  });

  it('waits for the order a refund comes before, then marks it', () => {
    const { rt, token } = crm();
    deliver(rt, token, 'helloasso', fixture('helloasso-payment-refunded.json'));
    expect(applyInbox(rt)).toMatchObject({ waiting: 1 });
    expect(rowsOf(rt, 'Inbox')[0]).toMatchObject({ status: 'queued' });
    deliver(rt, token, 'helloasso', fixture('helloasso-order-donation.json'));
    applyInbox(rt);
    expect(rowsOf(rt, 'Donations')).toEqual([expect.objectContaining({ refunded_at: '2024-06-12' })]);
    expect(rowsOf(rt, 'Inbox').map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it('turns a membership item into a membership, and renews it at the next year’s order', () => {
    const { rt, token } = crm();
    deliver(rt, token, 'helloasso', fixture('helloasso-order-membership.json'));
    applyInbox(rt);
    const [contact] = rowsOf(rt, 'Contacts');
    expect(contact.email).toBe('claire.martin@example.fr');
    expect(rowsOf(rt, 'Memberships')).toEqual([
      expect.objectContaining({ contact_id: contact.id, level: 'Adhésion individuelle', amount: 30, start_date: '2024-09-02', external_id: 'helloasso:item:21007' }),
    ]);
    expect(rowsOf(rt, 'Donations')).toEqual([expect.objectContaining({ amount: 5 })]);
    const before = rowsOf(rt, 'Memberships')[0].end_date;
    const next = JSON.parse(fixture('helloasso-order-membership.json'));
    next.data.id = 31007;
    next.data.items = [{ ...next.data.items[0], id: 31007 }];
    deliver(rt, token, 'helloasso', JSON.stringify(next));
    applyInbox(rt);
    const [membership] = rowsOf(rt, 'Memberships');
    expect(rowsOf(rt, 'Memberships')).toHaveLength(1);
    expect(String(membership.end_date) > String(before)).toBe(true);
  });

  it('fills only what the CRM did not know of a contact already there', () => {
    const { rt, token } = crm();
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Hugues', email: 'HUGO.DUBOIS@example.fr' } })).id;
    deliver(rt, token, 'helloasso', fixture('helloasso-order-donation.json'));
    applyInbox(rt);
    expect(rowsOf(rt, 'Contacts')).toEqual([expect.objectContaining({ id, first_name: 'Hugues', last_name: 'Dubois', city: 'Paris' })]);
  });
});

describe('applying Ko-fi and website forms', () => {
  const koFiBody = (data: string) => form({ data });

  it('takes a Ko-fi donation only with the verification token an admin set', () => {
    const { rt, token } = crm();
    deliver(rt, token, 'kofi', koFiBody(fixture('kofi-donation.json')), 'application/x-www-form-urlencoded');
    expect(applyInbox(rt)).toMatchObject({ failed: 1 });
    expect(String(rowsOf(rt, 'Inbox')[0].error)).toMatch(/verification token is not set/);
    setKoFiToken(rt.properties, '8c1f0a9e-7d8b-4b6e-9f55-3c1d2a7b9e10');
    const again = JSON.parse(fixture('kofi-donation.json'));
    again.message_id = 'another-delivery';
    deliver(rt, token, 'kofi', koFiBody(JSON.stringify(again)), 'application/x-www-form-urlencoded');
    expect(applyInbox(rt)).toMatchObject({ applied: 1 });
    expect(rowsOf(rt, 'Donations')).toEqual([expect.objectContaining({ amount: 3, currency: 'USD', date: '2024-08-21', method: 'ko-fi', note: 'Good luck with the newsletter!' })]);
    expect(rowsOf(rt, 'Contacts')).toEqual([expect.objectContaining({ first_name: 'Jo', last_name: 'Example', source: 'Ko-fi' })]);
  });

  it('refuses a Ko-fi delivery whose verification token is not Ko-fi’s, writing nothing but the error', () => {
    const { rt, token } = crm();
    setKoFiToken(rt.properties, 'the-real-one');
    deliver(rt, token, 'kofi', koFiBody(fixture('kofi-donation.json')), 'application/x-www-form-urlencoded');
    expect(applyInbox(rt)).toMatchObject({ failed: 1 });
    expect(rowsOf(rt, 'Contacts')).toHaveLength(0);
  });

  it('reads a French website form by its field names, and a ticked newsletter box is consent', () => {
    const { rt, token } = crm();
    const body = form({ Prénom: 'Léa', Nom: 'Moreau', 'Adresse e-mail': 'lea@example.fr', 'Code postal': '69003', Newsletter: 'oui', 'Montant du don': '15,50 €' });
    deliver(rt, token, 'form', body, 'application/x-www-form-urlencoded');
    expect(applyInbox(rt)).toMatchObject({ applied: 1 });
    const [contact] = rowsOf(rt, 'Contacts');
    expect(contact).toMatchObject({ first_name: 'Léa', last_name: 'Moreau', postal_code: '69003', newsletter_status: 'subscribed', consent_source: 'Website form' });
    expect(rowsOf(rt, 'Donations')).toEqual([expect.objectContaining({ amount: 15.5, currency: 'EUR' })]);
  });

  it('never subscribes again an address that unsubscribed: it goes to pending', () => {
    const { rt, token } = crm();
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', email: 'ana@example.org', newsletter_status: 'unsubscribed', email_opt_out: true } })).id;
    deliver(rt, token, 'form', form({ email: 'ana@example.org', newsletter: 'yes' }), 'application/x-www-form-urlencoded');
    applyInbox(rt);
    expect(rowsOf(rt, 'Contacts')).toEqual([expect.objectContaining({ id, newsletter_status: 'pending', email_opt_out: true })]);
  });

  it('keeps text as typed: a formula-looking name is a name', () => {
    const { rt, token } = crm();
    deliver(rt, token, 'form', form({ first_name: '=HYPERLINK("http://evil")', last_name: '+33 6 12', email: 'x@example.org' }), 'application/x-www-form-urlencoded');
    applyInbox(rt);
    expect(rowsOf(rt, 'Contacts')[0]).toMatchObject({ first_name: '=HYPERLINK("http://evil")', last_name: '+33 6 12' });
  });

  it('fails a form without an email, naming what is missing, and creates nobody', () => {
    const { rt, token } = crm();
    deliver(rt, token, 'form', form({ name: 'Nobody' }), 'application/x-www-form-urlencoded');
    expect(applyInbox(rt)).toMatchObject({ failed: 1 });
    expect(String(rowsOf(rt, 'Inbox')[0].error)).toMatch(/names nobody by email/);
    expect(rowsOf(rt, 'Contacts')).toHaveLength(0);
  });
});

describe('applying PayPal’s IPN, checked with PayPal', () => {
  const ipn = (name: string) => fixture(name).trim();
  function withPayPal() {
    const { rt, token } = crm();
    const paypal = new PayPalDouble();
    rt.http.serve('ipnpb.paypal.com', paypal.service);
    rt.http.serve('ipnpb.sandbox.paypal.com', paypal.service);
    return { rt, token, paypal };
  }

  it('records a payment PayPal says it sent, posting the message back unaltered', () => {
    const { rt, token, paypal } = withPayPal();
    const message = paypal.send(ipn('paypal-ipn-donation.txt'));
    deliver(rt, token, 'paypal', message, 'application/x-www-form-urlencoded');
    expect(applyInbox(rt)).toMatchObject({ applied: 1 });
    expect(paypal.checks).toEqual([`cmd=_notify-validate&${message}`]);
    expect(rt.http.sent[0]).toMatchObject({ method: 'POST', url: 'https://ipnpb.paypal.com/cgi-bin/webscr' });
    expect(rowsOf(rt, 'Contacts')).toEqual([expect.objectContaining({ first_name: 'Amélie', last_name: 'Roux', city: 'Toulouse', source: 'PayPal' })]);
    expect(rowsOf(rt, 'Donations')).toEqual([
      expect.objectContaining({ amount: 25, currency: 'EUR', date: '2026-03-04', method: 'paypal', campaign: 'Don au journal', external_id: 'paypal:txn:9XK12345AB678901C' }),
    ]);
  });

  it('refuses a forged message PayPal never sent, and records nothing', () => {
    const { rt, token } = withPayPal();
    deliver(rt, token, 'paypal', ipn('paypal-ipn-donation.txt').replace('mc_gross=25.00', 'mc_gross=2500.00'), 'application/x-www-form-urlencoded');
    expect(applyInbox(rt)).toMatchObject({ failed: 1 });
    expect(String(rowsOf(rt, 'Inbox')[0].error)).toMatch(/INVALID/);
    expect(rowsOf(rt, 'Contacts')).toHaveLength(0);
  });

  it('keeps the message queued while PayPal does not answer, and records it once PayPal does', () => {
    const { rt, token, paypal } = withPayPal();
    paypal.down = 'error';
    deliver(rt, token, 'paypal', paypal.send(ipn('paypal-ipn-donation.txt')), 'application/x-www-form-urlencoded');
    expect(applyInbox(rt)).toMatchObject({ waiting: 1, applied: 0 });
    expect(rowsOf(rt, 'Inbox')[0]).toMatchObject({ status: 'queued' });
    expect(String(rowsOf(rt, 'Inbox')[0].error)).toMatch(/HTTP 503/);
    paypal.down = 'no';
    expect(applyInbox(rt)).toMatchObject({ applied: 1 });
    expect(rowsOf(rt, 'Donations')).toHaveLength(1);
  });

  it('marks the gift refunded when PayPal refunds it', () => {
    const { rt, token, paypal } = withPayPal();
    deliver(rt, token, 'paypal', paypal.send(ipn('paypal-ipn-donation.txt')), 'application/x-www-form-urlencoded');
    deliver(rt, token, 'paypal', paypal.send(ipn('paypal-ipn-refund.txt')), 'application/x-www-form-urlencoded');
    applyInbox(rt);
    expect(rowsOf(rt, 'Donations')).toEqual([expect.objectContaining({ amount: 25, refunded_at: '2026-03-09' })]);
  });

  it('refuses sandbox messages unless an admin asked for them, then checks them with the sandbox', () => {
    const { rt, token, paypal } = withPayPal();
    const message = paypal.send(ipn('paypal-ipn-sandbox.txt'));
    deliver(rt, token, 'paypal', message, 'application/x-www-form-urlencoded');
    expect(applyInbox(rt)).toMatchObject({ failed: 1 });
    expect(String(rowsOf(rt, 'Inbox')[0].error)).toMatch(/sandbox/);
    expect(paypal.checks).toHaveLength(0);
    setPayPalChecking(rt.properties, { sandbox: true });
    ok(call(rt, 'retryDelivery', { id: rowsOf(rt, 'Inbox')[0].id }));
    expect(applyInbox(rt)).toMatchObject({ applied: 1 });
    expect(rt.http.sent[0].url).toBe('https://ipnpb.sandbox.paypal.com/cgi-bin/webscr');
    // PayPal's default charset, windows-1252, read as such.
    expect(rowsOf(rt, 'Contacts')[0]).toMatchObject({ email: 'gpmac_1231902590_per@paypal.com', city: 'San Jose' });
  });

  it('reads a windows-1252 post as PayPal sends it by default', () => {
    const { rt, token, paypal } = withPayPal();
    const latin = ipn('paypal-ipn-donation.txt')
      .replace('charset=UTF-8', 'charset=windows-1252')
      .replace(/Am%C3%A9lie/g, 'Am%E9lie');
    deliver(rt, token, 'paypal', paypal.send(latin), 'application/x-www-form-urlencoded');
    applyInbox(rt);
    expect(rowsOf(rt, 'Contacts')[0]).toMatchObject({ first_name: 'Amélie' });
  });
});

describe('Stripe, asked by the CRM', () => {
  function withStripe() {
    const { rt, token } = crm();
    const stripe = new StripeDouble();
    rt.http.serve('api.stripe.com', stripe.service);
    const now = Math.floor(rt.clock.now().getTime() / 1000);
    return { rt, token, stripe, now };
  }

  it('refuses a key Stripe refuses, in words, and keeps nothing', () => {
    const { rt } = withStripe();
    expect(refused(call(rt, 'setStripeKey', { key: 'rk_test_wrong0000' })).message).toMatch(/Stripe refused this key/);
    expect(refused(call(rt, 'setStripeKey', { key: 'pk_test_publishable' })).message).toMatch(/starts with rk_live_/);
    expect(ok(call(rt, 'intakeSettings', {})).stripe_key).toBe('');
  });

  it('queues the payments made since the key was set, once each, and records them (zero-decimal currencies too)', () => {
    const { rt, stripe, now } = withStripe();
    stripe.charge('before', { amount: 999, currency: 'eur', email: 'early@example.org', created: now - 3600 });
    expect(ok(call(rt, 'setStripeKey', { key: stripe.key }))).toEqual({ connected: true, key: 'rk_test_…0000' });
    expect(rt.scheduler.hourly.has('pollStripe')).toBe(true);
    stripe.charge('a', { amount: 1250, currency: 'eur', email: 'Rita.Lopes@example.pt', name: 'Rita Lopes', created: now + 10, description: 'Donativo' });
    stripe.charge('b', { amount: 1000, currency: 'jpy', email: 'ken@example.jp', created: now + 20 });
    expect(ok(call(rt, 'askStripe', {}))).toMatchObject({ queued: 2 });
    expect(ok(call(rt, 'askStripe', {}))).toMatchObject({ queued: 0 });
    applyInbox(rt);
    const gifts = rowsOf(rt, 'Donations');
    expect(gifts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ amount: 12.5, currency: 'EUR', method: 'stripe', campaign: 'Donativo', external_id: 'stripe:charge:ch_a' }),
        expect.objectContaining({ amount: 1000, currency: 'JPY' }),
      ]),
    );
    expect(gifts).toHaveLength(2);
    expect(rowsOf(rt, 'Contacts').find((c) => c.email === 'rita.lopes@example.pt')).toMatchObject({ first_name: 'Rita', last_name: 'Lopes', city: 'Lisboa', source: 'Stripe' });
    // Every ask carried the key and asked only for charges.
    expect(stripe.asked.every((u) => u.includes('types%5B%5D=charge.succeeded') || u.includes('types[]=charge.succeeded'))).toBe(true);
  });

  it('reads every page of a busy day, and marks a charge refunded whole', () => {
    const { rt, stripe, now } = withStripe();
    ok(call(rt, 'setStripeKey', { key: stripe.key }));
    for (let i = 0; i < 230; i++) stripe.charge(`n${i}`, { amount: 500, currency: 'eur', email: `donor${i}@example.org`, created: now + 1 + Math.floor(i / 3) });
    expect(ok(call(rt, 'askStripe', {}))).toMatchObject({ queued: 230 });
    expect(rowsOf(rt, 'Inbox').filter((e) => e.source === 'stripe')).toHaveLength(230);
    stripe.refund('n7', now + 500);
    expect(ok(call(rt, 'askStripe', {}))).toMatchObject({ queued: 1 });
    applyInbox(rt);
    expect(rowsOf(rt, 'Donations').filter((d) => d.refunded_at)).toEqual([expect.objectContaining({ external_id: 'stripe:charge:ch_n7' })]);
  });

  it('takes no Stripe event from the web app’s address', () => {
    const { rt, token, stripe } = withStripe();
    const forged = stripe.charge('x', { amount: 100000, currency: 'eur', email: 'mallory@example.org' });
    expect(deliver(rt, token, 'stripe', JSON.stringify(forged)).ok).toBe(false);
    applyInbox(rt);
    expect(rowsOf(rt, 'Donations')).toHaveLength(0);
  });
});

describe('the intake’s secrets', () => {
  it('audits a new token, a Ko-fi token and PayPal’s sandbox switch, never writing a secret into a sheet', () => {
    const rt = setUpRuntime();
    const before = intakeToken(rt.properties, rt.secrets);
    const rotated = ok<{ token: string }>(call(rt, 'rotateIntakeToken', {})).token;
    expect(rotated).not.toBe(before);
    ok(call(rt, 'setKoFiToken', { token: 'kofi-secret-123' }));
    ok(call(rt, 'setPayPalChecking', { sandbox: true }));
    const audit = rowsOf(rt, 'AuditLog').filter((r) => r.table === '(properties)');
    expect(audit.map((r) => [r.action, r.record_id, r.after])).toEqual([
      ['intake.rotate_token', 'intake token', '{"rotated":true}'],
      ['intake.kofi_token', 'ko-fi token', '{"set":true}'],
      ['intake.paypal', 'paypal checking', '{"sandbox":true}'],
    ]);
    for (const [name, rows] of rt.grid.sheets) for (const secret of [rotated, before, 'kofi-secret-123']) expect(`${name}: ${JSON.stringify(rows)}`).not.toContain(secret);
  });
});
