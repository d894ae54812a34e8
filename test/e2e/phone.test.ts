/** The web app's staff page at a phone's size (360 × 740), against `crm serve`'s GET /exec: search, a
 *  card with tap to call and text, a call logged, a gift recorded, a contact added with consent given
 *  in person; contacts and follow-ups only (no exports, bulk actions or settings). */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { callServer, startLocalServer, RunningServer } from '../support/local-server';
import { until } from '../support/until';

let server: RunningServer;
let browser: Browser;
let page: Page;
const ids: Record<string, string> = {};

const api = <T>(action: string, input: unknown): Promise<T> => callServer<T>(server, action, input);
const testid = (id: string) => `[data-testid="${id}"]`;

beforeAll(async () => {
  server = await startLocalServer({ demo: 10 });
  browser = await launchBrowser();
  ids.nadia = (await api<{ id: string }>('createContact', { contact: { first_name: 'Nadia', last_name: 'Terrain', email: 'nadia.terrain@example.org', mobile: '+33 6 12 34 56 78' } })).id;
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  await page.goto(server.page('exec'));
  await page.locator(testid('search')).waitFor();
});

afterEach(async () => {
  await page.close();
});

async function openNadia(): Promise<string> {
  await page.locator(testid('search')).fill('terrain');
  await page.locator(`${testid('contact-row')}[data-id="${ids.nadia}"]`).tap();
  const card = `${testid('contact-card')}[data-id="${ids.nadia}"]`;
  await page.locator(`${card} ${testid('card-name')}`).waitFor();
  return card;
}

describe('the staff page on a phone', () => {
  it('shows contacts and follow-ups only, fits the screen, and has no export', async () => {
    expect(await page.locator(`${testid('nav')} button`).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-tab')))).toEqual(['contacts', 'followups']);
    expect(await page.locator(testid('export-search')).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // Touch targets a finger can hit.
    const height = await page.locator(testid('new-contact')).evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(44);
  });

  it('opens a card with the mobile a tap away to call or text', async () => {
    await openNadia();
    expect(await page.locator(testid('call-link')).getAttribute('href')).toBe('tel:+33612345678');
    expect(await page.locator(testid('sms-link')).getAttribute('href')).toBe('sms:+33612345678');
  });

  it('logs a call and records a gift', async () => {
    const card = await openNadia();
    await page.locator(testid('log-interaction')).tap();
    await page.locator('[data-testid="log-form"] [name="subject"]').fill('Met at the market stall');
    await page.locator('[data-testid="log-form"] [name="details"]').press('Control+Enter');
    await page.locator(testid('log-form')).waitFor({ state: 'detached' });
    expect(await page.locator(testid('interaction')).first().locator(testid('interaction-subject')).textContent()).toBe('Met at the market stall');
    await page.locator(`${card} ${testid('record-gift')}`).tap();
    await page.locator(`${testid('gift-form')} [name="amount"]`).fill('15');
    await page.locator(testid('gift-save')).tap();
    await until(async () => (await page.locator(`${card} ${testid('donations-count')}`).textContent()) === '1');
    expect((await api<{ donations: { total: number } }>('getContactCard', { id: ids.nadia })).donations.total).toBe(15);
  });

  it('adds a contact met in person, with their newsletter consent kept with who heard it and when', async () => {
    await page.locator(testid('new-contact')).tap();
    await page.locator(testid('form-first-name')).fill('Paulo');
    await page.locator(testid('form-last-name')).fill('Feira');
    await page.locator(testid('form-email')).fill('paulo.feira@example.pt');
    await page.locator(testid('form-consent')).check();
    await page.locator(testid('save')).tap();
    await page.locator(testid('notice')).waitFor();
    const found = await api<{ items: { id: string }[] }>('searchContacts', { text: 'paulo.feira@example.pt' });
    const card = await api<{ contact: Record<string, unknown> }>('getContactCard', { id: found.items[0].id });
    expect(card.contact).toMatchObject({ newsletter_status: 'subscribed', consent_source: 'in person: admin@crm.local' });
    expect(String(card.contact.consent_at)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
