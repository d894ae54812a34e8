/** The web app through dist/Code.js, with fakes that behave as Google says a bound script's web app
 *  does: no active spreadsheet, no UI, no document lock, no request headers (the token is in the URL),
 *  and an anonymous caller for intake. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
const gas = require('gas-local');
import { createAppsScriptFakes } from '../fakes';
import { projectFiles } from '../support/project-files';
import { PayPalDouble } from '../doubles/paypal';
import { StripeDouble } from '../doubles/stripe';

const DIST = join(__dirname, '..', '..', 'dist');
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'intake', name), 'utf8');

function setUpCrm() {
  const fakes = createAppsScriptFakes({ user: 'admin@example.org' });
  projectFiles(fakes.html);
  const script = gas.require(DIST, fakes.globals) as Record<string, any>;
  fakes.setRealm(vm.runInContext('({ Date: Date, Error: Error })', script));
  script.runSetUp();
  const token = script.intakeSettings().data.token as string;
  return { fakes, script, token };
}

const rows = (fakes: ReturnType<typeof createAppsScriptFakes>, sheet: string) => {
  const [header, ...data] = fakes.spreadsheet.__dump(sheet) as unknown[][];
  return data.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i]])));
};

const post = (script: Record<string, any>, parameter: Record<string, string>, contents: string, type = 'application/json') =>
  JSON.parse(script.doPost({ parameter, postData: { contents, type, length: contents.length, name: 'postData' }, queryString: '', contentLength: contents.length }).getContent());

describe('the web app in Google', () => {
  it('queues a HelloAsso delivery from an anonymous sender, then the one-off trigger applies it', () => {
    const { fakes, script, token } = setUpCrm();
    fakes.setWebApp(true);
    fakes.setUser('');
    const answer = post(script, { source: 'helloasso', token }, fixture('helloasso-order-donation.json'));
    expect(answer).toMatchObject({ ok: true, duplicate: false });
    expect(rows(fakes, 'Inbox')).toEqual([expect.objectContaining({ source: 'helloasso', status: 'queued' })]);
    // One trigger asked for, whatever the number of deliveries.
    post(script, { source: 'helloasso', token }, fixture('helloasso-payment-donation.json'));
    expect(fakes.triggers.filter((t) => t.functionName === 'applyIntake')).toHaveLength(1);
    // The trigger runs as the deployer, in the bound script (which has its spreadsheet there).
    fakes.setWebApp(false);
    fakes.setUser('admin@example.org');
    script.applyIntake();
    expect(rows(fakes, 'Contacts')).toEqual([expect.objectContaining({ email: 'hugo.dubois@example.fr', source: 'HelloAsso' })]);
    expect(rows(fakes, 'Donations')).toHaveLength(1);
    expect(fakes.triggers.filter((t) => t.functionName === 'applyIntake')).toHaveLength(0);
  });

  it('checks a PayPal message with PayPal through UrlFetchApp before recording the gift', () => {
    const { fakes, script, token } = setUpCrm();
    const paypal = new PayPalDouble();
    fakes.urlFetch.services.set('ipnpb.paypal.com', (r) => paypal.answer(r.method, r.contentType, r.payload));
    const message = paypal.send(readFileSync(join(__dirname, '..', 'fixtures', 'intake', 'paypal-ipn-donation.txt'), 'utf8'));
    fakes.setWebApp(true);
    fakes.setUser('');
    expect(post(script, { source: 'paypal', token }, message, 'application/x-www-form-urlencoded')).toMatchObject({ ok: true });
    fakes.setWebApp(false);
    fakes.setUser('admin@example.org');
    script.applyIntake();
    expect(fakes.urlFetch.fetched).toEqual([expect.objectContaining({ method: 'POST', url: 'https://ipnpb.paypal.com/cgi-bin/webscr', payload: `cmd=_notify-validate&${message}` })]);
    expect(rows(fakes, 'Donations')).toEqual([expect.objectContaining({ amount: 25, currency: 'EUR', external_id: 'paypal:txn:9XK12345AB678901C' })]);
  });

  it('connects Stripe with a checked key, asks it from the hourly trigger, and records the payment', () => {
    const { fakes, script } = setUpCrm();
    const stripe = new StripeDouble();
    fakes.urlFetch.services.set('api.stripe.com', (r) => stripe.answer(r.method, r.url, r.headers.Authorization ?? ''));
    expect(script.setStripeKey({ key: 'rk_test_nope' }).error.message).toMatch(/Stripe refused this key/);
    expect(script.setStripeKey({ key: stripe.key })).toMatchObject({ ok: true, data: { connected: true } });
    expect(fakes.triggers.filter((t) => t.functionName === 'pollStripe')).toEqual([expect.objectContaining({ schedule: { everyHours: 1 } })]);
    stripe.charge('z1', { amount: 4200, currency: 'eur', email: 'zoe@example.fr', created: Math.floor(Date.now() / 1000) + 5 });
    script.pollStripe();
    script.applyIntake();
    expect(rows(fakes, 'Donations')).toEqual([expect.objectContaining({ amount: 42, external_id: 'stripe:charge:ch_z1' })]);
    // The key is in the document's properties, never in a sheet.
    expect(JSON.stringify(fakes.spreadsheet.getSheets().map((s: any) => fakes.spreadsheet.__dump(s.getName())))).not.toContain(stripe.key);
  });

  it('refuses a wrong token and writes nothing; the answer is JSON', () => {
    const { fakes, script } = setUpCrm();
    fakes.setWebApp(true);
    fakes.setUser('');
    expect(post(script, { source: 'helloasso', token: 'guess' }, fixture('helloasso-order-donation.json'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(post(script, { source: 'helloasso' }, fixture('helloasso-order-donation.json'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(rows(fakes, 'Inbox')).toHaveLength(0);
  });

  it('keeps a form post as sent (no headers: the type is the body’s)', () => {
    const { fakes, script, token } = setUpCrm();
    fakes.setWebApp(true);
    fakes.setUser('');
    const body = 'Pr%C3%A9nom=L%C3%A9a&Email=lea%40example.fr&Newsletter=oui';
    expect(post(script, { source: 'form', token }, body, 'application/x-www-form-urlencoded')).toMatchObject({ ok: true });
    expect(rows(fakes, 'Inbox')[0]).toMatchObject({ body, content_type: 'application/x-www-form-urlencoded' });
  });

  it('says so, writing nothing, before Set up kept the spreadsheet’s id', () => {
    const fakes = createAppsScriptFakes();
    projectFiles(fakes.html);
    const script = gas.require(DIST, fakes.globals) as Record<string, any>;
    fakes.setWebApp(true);
    fakes.setUser('');
    // Logged for the Executions page, where the deployer looks.
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(post(script, { source: 'form', token: 'x' }, 'email=a%40b.org')).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(String(logged.mock.calls[0][0])).toMatch(/runs Set up once/);
    logged.mockRestore();
    expect(fakes.spreadsheet.getSheets().map((s: any) => s.getName())).toEqual(['Sheet1']);
  });

  it('serves the staff page with no active spreadsheet, in the language asked for', () => {
    const { fakes, script } = setUpCrm();
    fakes.setWebApp(true);
    const page = script.doGet({ parameter: { lang: 'fr' } });
    expect(page.getContent()).toContain('<html lang="fr" data-page="phone">');
  });
});
