/** Long lists have shape, in a real browser at 300 px: To recontact in groups (overdue, today, this
 *  week); card sections that fold and stay folded; a long note's first lines with "more"; emails that
 *  never break in two; contacts of the same name told apart. */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { callServer, startLocalServer, RunningServer } from '../support/local-server';
import { until } from '../support/until';

let server: RunningServer;
let browser: Browser;
let page: Page;

const api = <T>(action: string, input: unknown): Promise<T> => callServer<T>(server, action, input);
const testid = (id: string) => `[data-testid="${id}"]`;
const ids: Record<string, string> = {};
/** A day counted from today on this machine (the local CRM's clock). */
const dayFromToday = (n: number) => new Date(Date.now() + n * 86400000).toLocaleDateString('en-CA');

const LONG_EMAIL = 'marie-christine.de-la-fontaine-saint-exupery@association-des-amis-du-quartier.example.org';
const NOTE = ['Line one', 'Line two', 'Line three', 'Line four', 'Line five', 'Line six'].join('\n');

beforeAll(async () => {
  server = await startLocalServer({ demo: 0 });
  browser = await launchBrowser();
  const create = async (key: string, contact: Record<string, unknown>) => (ids[key] = (await api<{ id: string }>('createContact', { contact })).id);
  await create('late', { first_name: 'Late', last_name: 'Groupe', next_contact_date: dayFromToday(-10), owner: 'admin@crm.local' });
  await create('today', { first_name: 'Today', last_name: 'Groupe', next_contact_date: dayFromToday(0), owner: 'admin@crm.local' });
  await create('week', { first_name: 'Week', last_name: 'Groupe', next_contact_date: dayFromToday(3), owner: 'admin@crm.local' });
  await create('long', { first_name: 'Marie-Christine', last_name: 'Fontaine', email: LONG_EMAIL });
  await api('logInteraction', { interaction: { contact_id: ids.long, type: 'note', subject: 'Long', details: NOTE } });
  await create('lyon', { kind: 'organisation', organisation_name: 'Radio Quartier Libre', city: 'Lyon' });
  await create('paris', { kind: 'organisation', organisation_name: 'Radio Quartier Libre', city: 'Paris' });
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  await page.goto(server.page('sidebar'));
  await page.locator(testid('search')).waitFor();
});

afterEach(async () => {
  await page.close();
});

async function openCard(text: string, id: string): Promise<void> {
  await page.locator(testid('search')).fill(text);
  await page.locator(`${testid('contact-row')}[data-id="${id}"]`).click();
  await page.locator(`${testid('contact-card')}[data-id="${id}"] ${testid('card-name')}`).waitFor();
}

describe('long lists have shape', () => {
  it('groups To recontact into overdue, today and this week', async () => {
    await page.locator(testid('nav-followups')).click();
    await page.locator(testid('followups-overdue')).waitFor();
    const names = (group: string) => page.locator(`${testid(`followups-${group}`)} ${testid('followup-name')}`).allTextContents();
    expect(await names('overdue')).toEqual(['Late Groupe']);
    expect(await names('today')).toEqual(['Today Groupe']);
    expect(await names('week')).toEqual(['Week Groupe']);
    expect(await page.locator(`${testid('followups-week')} ${testid('followup-late')}`).textContent()).toBe('in 3 days');
    expect(await page.locator(`${testid('followups-overdue')} h2`).textContent()).toBe('Overdue (1)');
  });

  it('folds a card section and keeps it folded on the next card, shows a long note’s first lines, never breaks an email', async () => {
    await openCard('fontaine', ids.long);
    const details = page.locator(testid('interaction-details'));
    const height = async () => (await details.boundingBox())!.height;
    const short = await height();
    const more = page.locator(`${testid('interactions')} ${testid('show-more')}`);
    expect(await more.textContent()).toBe('more');
    await more.click();
    await until(async () => (await height()) > short * 1.3);
    expect(await details.textContent()).toBe(NOTE);

    // The email stays on one line (shortened with "…"), its whole address in its title.
    const email = page.locator(`${testid('profile-details')} a[href^="mailto:"]`);
    const box = (await email.boundingBox())!;
    const line = await email.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
    expect(box.height).toBeLessThan(line * 1.5);
    expect(await email.getAttribute('title')).toBe(LONG_EMAIL);

    const toggle = page.locator(`${testid('memberships')} ${testid('section-toggle')}`);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator(`${testid('memberships')} .section-body`).isHidden()).toBe(true);
    await page.locator(testid('back')).click();
    await openCard('groupe late', ids.late);
    expect(await page.locator(`${testid('memberships')} ${testid('section-toggle')}`).getAttribute('aria-expanded')).toBe('false');
    await page.locator(`${testid('memberships')} ${testid('section-toggle')}`).click();
    expect(await page.locator(`${testid('memberships')} .section-body`).isVisible()).toBe(true);
  });

  it('tells two organisations of the same name apart in the results', async () => {
    await page.locator(testid('search')).fill('radio quartier libre');
    await until(async () => (await page.locator(testid('contact-row')).count()) === 2);
    expect(await page.locator(`${testid('contact-row')}[data-id="${ids.lyon}"] ${testid('row-distinct')}`).textContent()).toBe('Lyon');
    expect(await page.locator(`${testid('contact-row')}[data-id="${ids.paris}"] ${testid('row-distinct')}`).textContent()).toBe('Paris');
  });
});
