/** The Inbox in a real browser against `crm serve`: a HelloAsso order posted to /exec lands on its
 *  contact's card; a Ko-fi delivery that failed for want of the verification token is recorded once an
 *  admin sets it and tries again; an editor has no Inbox. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { callServer, startLocalServer, RunningServer } from '../support/local-server';
import { until } from '../support/until';
import { StripeDouble } from '../doubles/stripe';

let server: RunningServer;
let browser: Browser;
let page: Page;
let token = '';

const api = <T>(action: string, input: unknown): Promise<T> => callServer<T>(server, action, input);
const testid = (id: string) => `[data-testid="${id}"]`;
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'intake', name), 'utf8');
const deliver = (source: string, body: string, type: string) =>
  fetch(`${server.url}exec?source=${source}&token=${token}`, { method: 'POST', headers: { 'Content-Type': type }, body }).then((r) => r.json());
const applied = async (n: number) => until(async () => (await api<{ counts: Record<string, number> }>('inbox', {})).counts.applied >= n, 20000);

beforeAll(async () => {
  server = await startLocalServer({ demo: 10 });
  browser = await launchBrowser();
  token = (await api<{ token: string }>('intakeSettings', {})).token;
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 300, height: 900 } });
});

afterEach(async () => {
  await page.close();
});

async function openInbox(): Promise<void> {
  await page.goto(server.page('sidebar'));
  await page.locator(testid('nav-inbox')).click();
  await page.locator(testid('inbox')).waitFor();
}

describe('the Inbox', () => {
  it('shows a HelloAsso order recorded, and opens its contact with the gift', async () => {
    expect(await deliver('helloasso', fixture('helloasso-order-donation.json'), 'application/json')).toMatchObject({ ok: true });
    await applied(1);
    await openInbox();
    const item = page.locator(`${testid('inbox-item')}[data-status="applied"]`).first();
    expect(await item.textContent()).toContain('helloasso');
    await item.locator(testid('inbox-open')).click();
    await page.locator(testid('card-name')).waitFor();
    expect(await page.locator(testid('card-name')).textContent()).toContain('Hugo Dubois');
    expect(await page.locator(testid('gift')).count()).toBe(1);
  });

  it('records a failed Ko-fi delivery once its verification token is set and it is tried again', async () => {
    const kofi = fixture('kofi-donation.json');
    await deliver('kofi', `data=${encodeURIComponent(kofi)}`, 'application/x-www-form-urlencoded');
    await until(async () => (await api<{ counts: Record<string, number> }>('inbox', {})).counts.failed >= 1, 20000);
    await openInbox();
    const failed = page.locator(`${testid('inbox-item')}[data-status="failed"]`).first();
    expect(await failed.textContent()).toContain('verification token is not set');
    await page.locator(testid('inbox-kofi-token')).fill(JSON.parse(kofi).verification_token);
    await page.locator(`${testid('inbox-kofi')} button[type="submit"]`).click();
    await until(async () => (await page.locator(testid('inbox-kofi-state')).textContent())!.includes('is set'));
    await failed.locator(testid('inbox-retry')).click();
    await applied(2);
    expect((await api<{ counts: Record<string, number> }>('inbox', {})).counts.failed).toBe(0);
    const found = await api<{ items: { id: string }[] }>('searchContacts', { text: 'jo.example@example.com' });
    expect(found.items).toHaveLength(1);
  });

  it('asks a connected Stripe now, and says how many payments came', async () => {
    const stripe = new StripeDouble();
    const { url, server: fake } = await stripe.listen();
    try {
      await api('setStripeKey', { key: stripe.key, api_url: url });
      stripe.charge('e2e', { amount: 3000, currency: 'eur', email: 'lina.stripe@example.org', created: Math.floor(Date.now() / 1000) + 60 });
      await openInbox();
      // The settings come after the tab is drawn (it says "not connected" until then).
      await until(async () => ((await page.locator(testid('inbox-stripe-state')).textContent()) ?? '').includes('rk_test_…0000'));
      await page.locator(testid('inbox-ask-stripe')).click();
      await until(async () => ((await page.locator(testid('notice')).textContent()) ?? '').includes('1 new payment'), 20000);
      await applied(3);
    } finally {
      fake.close();
    }
  });

  it('takes PayPal’s test messages only once an admin ticks the box', async () => {
    await page.goto(server.page('sidebar'));
    await page.locator(testid('nav-inbox')).click();
    await page.locator(testid('inbox-paypal')).waitFor();
    const box = page.locator(testid('inbox-paypal-sandbox'));
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await until(async () => ((await page.locator(testid('notice')).textContent()) ?? '').includes('test messages are taken'));
    expect((await api<{ paypal_sandbox: boolean }>('intakeSettings', {})).paypal_sandbox).toBe(true);
    await box.uncheck();
    await until(async () => (await api<{ paypal_sandbox: boolean }>('intakeSettings', {})).paypal_sandbox === false);
  });

  it('is not there for an editor', async () => {
    await api('addStaff', { email: 'ed@example.org', role: 'editor' });
    const other = await startLocalServer({ demo: 0, user: 'ed@example.org', workbook: server.workbook });
    try {
      const editorPage = await browser.newPage({ viewport: { width: 300, height: 900 } });
      await editorPage.goto(other.page('sidebar'));
      await editorPage.locator(testid('nav-contacts')).waitFor();
      expect(await editorPage.locator(testid('nav-inbox')).count()).toBe(0);
      await editorPage.close();
    } finally {
      await other.stop();
    }
  });
});
