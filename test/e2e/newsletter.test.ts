/** The Newsletter tab in a real browser against `crm serve`, with Mailchimp as a loopback emulator:
 *  a wrong key refused in words, the right one connected and shown masked, the audience chosen, a
 *  preview that writes nothing, then a sync whose report the tab shows. */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { callServer, startLocalServer, RunningServer } from '../support/local-server';
import { until } from '../support/until';
import { MailchimpDouble } from '../doubles/mailchimp';

let server: RunningServer;
let browser: Browser;
let page: Page;
let closeMailchimp: () => Promise<void>;
const mc = new MailchimpDouble().list('aud1', 'Readers');

const testid = (id: string) => `[data-testid="${id}"]`;

beforeAll(async () => {
  mc.member('aud1', 'new.reader@example.org', 'subscribed', { FNAME: 'Nadia', LNAME: 'Reader' });
  mc.member('aud1', 'second.reader@example.org', 'subscribed', { FNAME: 'Sam' });
  const loopback = await mc.listen();
  closeMailchimp = loopback.close;
  server = await startLocalServer({ demo: 10, env: { MAILCHIMP_API_URL: `${loopback.url}/3.0` } });
  browser = await launchBrowser();
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await closeMailchimp?.();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 300, height: 900 } });
});

afterEach(async () => {
  await page.close();
});

describe('the Newsletter tab', () => {
  it('connects Mailchimp, previews the first sync, then syncs and shows what it did', async () => {
    await page.goto(server.page('sidebar'));
    await page.locator(testid('nav-newsletter')).click();
    await page.locator(testid('newsletter-connect')).waitFor();
    expect(await page.locator(testid('newsletter-state')).textContent()).toContain('No platform is connected');

    await page.locator(testid('newsletter-key')).fill('wrong-us21');
    await page.locator(testid('newsletter-connect-button')).click();
    await page.locator(testid('newsletter-error')).waitFor();
    expect(await page.locator(testid('newsletter-error')).textContent()).toContain('Mailchimp refused the API key (API Key Invalid');

    await page.locator(testid('newsletter-key')).fill(mc.key);
    await page.locator(testid('newsletter-connect-button')).click();
    await until(async () => (await page.locator(testid('newsletter-state')).textContent())!.includes(`…${mc.key.slice(-6)}`));
    expect(await page.locator(testid('newsletter-state')).textContent()).not.toContain(mc.key);
    await page.locator(testid('newsletter-list-id')).selectOption('aud1');
    await page.locator(testid('newsletter-save-list')).click();
    await page.locator(testid('newsletter-run')).waitFor();

    await page.locator(testid('newsletter-preview')).click();
    await page.locator(testid('newsletter-preview-report')).waitFor();
    expect(await page.locator(`${testid('newsletter-preview-report')} [data-count="created_in_crm"]`).textContent()).toContain('2 new contacts in the CRM');
    expect((await callServer<{ items: unknown[] }>(server, 'searchContacts', { text: 'new.reader@example.org' })).items).toHaveLength(0);
    expect(mc.requests.every((r) => r.startsWith('GET'))).toBe(true);

    await page.locator(testid('newsletter-sync')).click();
    await until(async () => (await page.locator(testid('notice')).count()) > 0 && (await page.locator(testid('notice')).textContent())!.includes('Synced'), 60000);
    await page.locator(testid('newsletter-last-report')).waitFor();
    expect(await page.locator(`${testid('newsletter-last-report')} [data-count="created_in_crm"]`).textContent()).toContain('2');
    expect((await callServer<{ items: { name: string }[] }>(server, 'searchContacts', { text: 'new.reader@example.org' })).items[0]?.name).toBe('Nadia Reader');
    expect(mc.resubscribeAttempts).toEqual([]);
  }, 120000);
});
