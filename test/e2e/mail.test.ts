/** Email in a real browser against `crm serve`: a template written and saved, a segment's audience
 *  previewed with who is skipped and why, the mailing sent, its progress shown, the message on the
 *  contact's card, and the unsubscribe link from the message (an .eml in the outbox) followed. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { callServer, startLocalServer, RunningServer } from '../support/local-server';
import { until } from '../support/until';

let server: RunningServer;
let browser: Browser;
let page: Page;
const outbox = join(mkdtempSync(join(tmpdir(), 'crm-e2e-mail-')), 'outbox');
const ids: Record<string, string> = {};

const api = <T>(action: string, input: unknown): Promise<T> => callServer<T>(server, action, input);
const testid = (id: string) => `[data-testid="${id}"]`;

beforeAll(async () => {
  server = await startLocalServer({ demo: 0, env: { CRM_OUTBOX: outbox, SMTP_URL: '' } });
  browser = await launchBrowser();
  ids.ada = (await api<{ id: string }>('createContact', { contact: { first_name: 'Ada', last_name: 'Lettre', email: 'ada@example.org', newsletter_status: 'subscribed' } })).id;
  ids.bob = (await api<{ id: string }>('createContact', { contact: { first_name: 'Bob', last_name: 'Lettre', email: 'bob@example.org', newsletter_status: 'never' } })).id;
  await api('saveSegment', { name: 'Lecteurs', kind: 'static' });
  await api('addToSegment', { id: 'Lecteurs', contacts: [ids.ada, ids.bob] });
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 300, height: 1000 } });
});

afterEach(async () => {
  await page.close();
});

describe('email from the sidebar', () => {
  it('writes a template, sends it to a segment with consent only, and the link in the message unsubscribes', async () => {
    await page.goto(server.page('sidebar'));
    await page.locator(testid('nav-mail')).click();
    const form = page.locator(testid('template-form'));
    await form.locator('[name="name"]').fill('Nouvelles');
    await form.locator('[name="subject"]').fill('Des nouvelles, {{first_name}}');
    await form.locator('[name="body"]').fill('Bonjour {{first_nom}}');
    await page.locator(testid('template-save')).click();
    await until(async () => ((await page.locator(testid('mail-error')).textContent()) ?? '').includes('{{first_nom}}'));
    await form.locator('[name="body"]').fill('Bonjour {{first_name}},\n\nMerci de nous lire.');
    await page.locator(testid('template-save')).click();
    await until(async () => (await page.locator(testid('notice')).textContent()) === 'Template saved.');
    // A test to oneself first.
    await page.locator(testid('template-test')).click();
    await until(async () => ((await page.locator(testid('notice')).textContent()) ?? '').startsWith('A test was sent to admin@crm.local'));
    await page.reload();
    await page.locator(testid('nav-mail')).click();
    await page.locator(testid('mail-template')).selectOption('Nouvelles');
    await page.locator(testid('mail-segment')).selectOption('Lecteurs');
    await page.locator(testid('mail-preview')).click();
    await page.locator(testid('mail-audience')).waitFor();
    expect(await page.locator(testid('mail-audience')).textContent()).toContain('1 recipient(s).');
    expect(await page.locator(`${testid('mail-skipped')} [data-reason="no_consent"]`).textContent()).toBe('1 skipped: no newsletter consent');
    // The message as Ada will read it.
    await page.locator(testid('mail-message')).click();
    await until(async () => ((await page.locator(testid('mail-message-shown')).textContent()) ?? '').includes('Des nouvelles, Ada'));
    expect(await page.locator(testid('mail-message-shown')).textContent()).toContain('Bonjour Ada,');
    await page.locator(testid('mail-go')).click();
    await until(async () => ((await page.locator(testid('notice')).textContent()) ?? '').startsWith('1 sent'));
    expect(await page.locator(testid('mailing-progress')).first().textContent()).toBe('1 of 1 sent, 0 waiting, 0 failed');
    // On Ada's card, the message.
    const card = await api<{ interactions: { type: string; subject: string }[] }>('getContactCard', { id: ids.ada });
    expect(card.interactions[0]).toMatchObject({ type: 'email', subject: 'Des nouvelles, Ada' });
    // The message's unsubscribe link, followed.
    const raw = readdirSync(outbox)
      .map((f) => readFileSync(join(outbox, f), 'utf8'))
      .find((m) => /^To: ada@example\.org$/m.test(m))!;
    const link = /List-Unsubscribe:\s+<([^>]+)>/.exec(raw)![1];
    const unsubscribe = await browser.newPage();
    await unsubscribe.goto(link);
    expect(await unsubscribe.locator(testid('unsubscribe-title')).textContent()).toBe('You are unsubscribed');
    await unsubscribe.close();
    expect((await api<{ contact: Record<string, unknown> }>('getContactCard', { id: ids.ada })).contact).toMatchObject({ email_opt_out: true });
  });

  it('emails the contacts a search found, from the Contacts tab', async () => {
    await api('createContact', { contact: { first_name: 'Cara', last_name: 'Recherche', email: 'cara@example.org', newsletter_status: 'subscribed' } });
    await api('createContact', { contact: { first_name: 'Dan', last_name: 'Recherche', email: 'dan@example.org', newsletter_status: 'unsubscribed' } });
    await page.goto(server.page('sidebar'));
    await page.locator(testid('search')).fill('recherche');
    await until(async () => (await page.locator(testid('contact-row')).count()) === 2);
    await page.locator(testid('email-search')).click();
    await page.locator(testid('mail-search')).waitFor();
    expect(await page.locator(testid('mail-search')).textContent()).toContain('"recherche"');
    await page.locator(testid('mail-template')).selectOption('Nouvelles');
    await page.locator(testid('mail-preview')).click();
    await page.locator(testid('mail-audience')).waitFor();
    expect(await page.locator(testid('mail-audience')).textContent()).toContain('1 recipient(s).');
    expect(await page.locator(`${testid('mail-skipped')} [data-reason="unsubscribed"]`).count()).toBe(1);
  });
});
