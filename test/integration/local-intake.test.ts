/** The web app's intake in the local runtime, through the built CLI: `crm intake` sets it up, and
 *  `crm serve` answers POST /exec?source=NAME&token=TOKEN like Google does, then applies the delivery
 *  a moment later. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callServer, RunningServer, startLocalServer } from '../support/local-server';
import { until } from '../support/until';
import { PayPalDouble } from '../doubles/paypal';

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');
const crm = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'intake', name), 'utf8');

describe('crm intake', () => {
  it('prints the token, the same until --rotate makes a new one', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'crm-intake-')), 'crm.xlsx');
    crm('init', '--workbook', path);
    const first = JSON.parse(crm('intake', 'token', '--workbook', path, '--json')).token;
    expect(first).toMatch(/^[A-Za-z0-9]{32,}$/);
    expect(JSON.parse(crm('intake', 'token', '--workbook', path, '--json')).token).toBe(first);
    const rotated = JSON.parse(crm('intake', 'token', '--workbook', path, '--rotate', '--json')).token;
    expect(rotated).not.toBe(first);
    expect(crm('intake', 'token', '--workbook', path).trim()).toBe(rotated);
  });

  it('refuses an editor, in words', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'crm-intake-')), 'crm.xlsx');
    crm('init', '--workbook', path);
    crm('staff', 'add', 'ed@example.org', '--role', 'editor', '--workbook', path);
    expect(() => crm('intake', 'token', '--workbook', path, '--user', 'ed@example.org')).toThrow(/admin/);
  });
});

describe('crm serve’s /exec', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startLocalServer({ demo: 20 });
  }, 90000);
  afterAll(() => server.stop());

  const post = (query: string, body: string, type = 'application/json') =>
    fetch(`${server.url}exec?${query}`, { method: 'POST', headers: { 'Content-Type': type }, body }).then(async (r) => ({ status: r.status, answer: await r.json() }));

  it('queues a HelloAsso order sent with the token, and the gift lands a moment later', async () => {
    const { token } = await callServer<{ token: string }>(server, 'intakeSettings', {});
    const { status, answer } = await post(`source=helloasso&token=${token}`, fixture('helloasso-order-donation.json'));
    expect(status).toBe(200);
    expect(answer).toMatchObject({ ok: true, duplicate: false });
    await until(async () => (await callServer<{ counts: Record<string, number> }>(server, 'inbox', {})).counts.applied === 1, 20000);
    const found = await callServer<{ items: { id: string }[] }>(server, 'searchContacts', { text: 'hugo.dubois@example.fr' });
    expect(found.items).toHaveLength(1);
    const card = await callServer<{ donations: { total: number } }>(server, 'getContactCard', { id: found.items[0].id });
    expect(card.donations.total).toBe(20);
    // The same order again: received once.
    expect((await post(`source=helloasso&token=${token}`, fixture('helloasso-order-donation.json'))).answer).toMatchObject({ ok: true, duplicate: true });
  });

  it('checks a PayPal message with PayPal over the network before recording it (a loopback PayPal)', async () => {
    const paypal = new PayPalDouble();
    const { url, server: fake } = await paypal.listen();
    try {
      await callServer(server, 'setPayPalChecking', { verify_url: url });
      const { token } = await callServer<{ token: string }>(server, 'intakeSettings', {});
      const message = paypal.send(fixture('paypal-ipn-donation.txt'));
      expect((await post(`source=paypal&token=${token}`, message, 'application/x-www-form-urlencoded')).answer).toMatchObject({ ok: true });
      const forged = message.replace('txn_id=9XK12345AB678901C', 'txn_id=FORGED0000000000X');
      expect((await post(`source=paypal&token=${token}`, forged, 'application/x-www-form-urlencoded')).answer).toMatchObject({ ok: true });
      await until(async () => (await callServer<{ counts: Record<string, number> }>(server, 'inbox', { status: 'queued' })).counts.queued === 0, 20000);
      expect(paypal.checks).toEqual(expect.arrayContaining([`cmd=_notify-validate&${message}`]));
      const found = await callServer<{ items: { id: string }[] }>(server, 'searchContacts', { text: 'amelie.roux@example.fr' });
      const card = await callServer<{ donations: { total: number; count: number } }>(server, 'getContactCard', { id: found.items[0].id });
      expect(card.donations).toMatchObject({ total: 25, count: 1 });
      expect((await callServer<{ counts: Record<string, number> }>(server, 'inbox', {})).counts.failed).toBe(1);
    } finally {
      fake.close();
    }
  });

  it('answers a wrong token with a refusal, and keeps nothing', async () => {
    const before = (await callServer<{ total: number }>(server, 'inbox', {})).total;
    const { answer } = await post('source=form&token=wrong', 'email=a%40b.org', 'application/x-www-form-urlencoded');
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await callServer<{ total: number }>(server, 'inbox', {})).total).toBe(before);
  });

  it('serves the staff page at GET /exec with the run’s key', async () => {
    const page = await server.fetch('exec?lang=es');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="es" data-page="phone">');
    expect((await fetch(`${server.url}exec`)).status).toBe(401);
  });
});
