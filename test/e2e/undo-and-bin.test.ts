/** Corrections and Undo in a real browser against `crm serve`: an interaction edited, deleted and put
 *  back; a renewal undone; a deleted contact restored from the bin by an admin. */
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

beforeAll(async () => {
  server = await startLocalServer({ demo: 10 });
  browser = await launchBrowser();
  ids.rosa = (await api<{ id: string }>('createContact', { contact: { first_name: 'Rosa', last_name: 'Corrige', email: 'rosa.corrige@example.org' } })).id;
  ids.call = (await api<{ id: string }>('logInteraction', { interaction: { contact_id: ids.rosa, type: 'call', subject: 'Asked about the gala' } })).id;
  ids.membership = (await api<{ id: string }>('addMembership', { membership: { contact_id: ids.rosa, start_date: '2026-01-01', end_date: '2026-12-31', level: 'standard' } })).id;
  ids.gone = (await api<{ id: string }>('createContact', { contact: { first_name: 'Zélie', last_name: 'Corbeille', email: 'zelie.corbeille@example.org' } })).id;
  await api('deleteContact', { id: ids.gone });
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

async function openRosa(): Promise<void> {
  await page.goto(server.page('sidebar'));
  await page.locator(testid('search')).fill('corrige');
  await page.locator(`${testid('contact-row')}[data-id="${ids.rosa}"]`).click();
  await page.locator(`${testid('contact-card')}[data-id="${ids.rosa}"] ${testid('card-name')}`).waitFor();
}

const subjects = () => page.locator(testid('interaction-subject')).allTextContents();

describe('correcting and undoing in the browser', () => {
  it('edits a call in place, undoes the edit, deletes the call and brings it back', async () => {
    await openRosa();
    const item = page.locator(`${testid('interaction')}[data-id="${ids.call}"]`);
    await item.locator(testid('edit-interaction')).click();
    const subject = page.locator('[data-testid="edit-form"] [name="subject"]');
    expect(await subject.inputValue()).toBe('Asked about the gala');
    await subject.fill('Asked about the spring gala');
    await page.locator(testid('edit-save')).click();
    await page.locator(testid('edit-form')).waitFor({ state: 'detached' });
    await until(async () => (await subjects()).includes('Asked about the spring gala'));
    expect(await page.locator(testid('undo-message')).textContent()).toBe('Saved.');

    await page.locator(testid('undo')).click();
    await until(async () => (await page.locator(testid('undo-message')).textContent()) === 'Undone.');
    await until(async () => (await subjects()).includes('Asked about the gala'));

    await item.locator(testid('delete-interaction')).click();
    await item.waitFor({ state: 'detached' });
    expect(await page.locator(testid('undo-message')).textContent()).toBe('Entry deleted.');
    await page.locator(testid('undo')).click();
    await item.waitFor();
    expect(await item.locator(testid('interaction-subject')).textContent()).toBe('Asked about the gala');
    const card = await api<{ interactions: { id: string }[] }>('getContactCard', { id: ids.rosa });
    expect(card.interactions.map((i) => i.id)).toEqual([ids.call]);
  });

  it('says what a renewal did, and Undo puts the end date back', async () => {
    await openRosa();
    const item = page.locator(`${testid('membership')}[data-id="${ids.membership}"]`);
    expect(await item.innerText()).toContain('Dec 31, 2026');
    await item.locator(testid('renew-membership')).click();
    await until(async () => (await page.locator(testid('undo-message')).count()) === 1 && /^Renewed until .*2027\.$/.test((await page.locator(testid('undo-message')).textContent()) ?? ''));
    await until(async () => (await item.innerText()).includes('2027'));
    await page.locator(testid('undo')).click();
    await until(async () => (await page.locator(testid('undo-message')).textContent()) === 'Undone.');
    await until(async () => !(await item.innerText()).includes('2027'));
  });

  it('lets an admin restore a deleted contact from the bin', async () => {
    await page.goto(server.page('sidebar'));
    await page.locator(testid('open-bin')).click();
    const entry = page.locator(`${testid('bin-item')}[data-id="${ids.gone}"]`);
    await entry.waitFor();
    expect(await entry.innerText()).toContain('Zélie Corbeille');
    await entry.locator(testid('restore-contact')).click();
    await entry.waitFor({ state: 'detached' });
    expect(await page.locator(testid('undo-message')).textContent()).toBe('Zélie Corbeille is back among the contacts.');
    // Undo puts the contact back in the bin, and the bin shows it again; restored once more, it stays out.
    await page.locator(testid('undo')).click();
    await entry.waitFor();
    await entry.locator(testid('restore-contact')).click();
    await entry.waitFor({ state: 'detached' });
    await page.locator(testid('back')).click();
    await page.locator(testid('search')).fill('corbeille');
    await page.locator(`${testid('contact-row')}[data-id="${ids.gone}"]`).waitFor();
  });

  it('says under the field what is wrong with a new contact, in French, keeping what was typed', async () => {
    await page.goto(server.page('sidebar', 'lang=fr'));
    await page.locator(testid('new-contact')).click();
    await page.locator(testid('form-city')).fill('Lyon');
    await page.locator(testid('save')).click();
    const problem = page.locator(`${testid('contact-form')} ${testid('field-error')}`);
    await problem.waitFor();
    expect(await problem.getAttribute('data-field')).toBe('first_name');
    expect(await problem.textContent()).toBe('Un contact a besoin d’un nom, d’un e-mail ou d’un téléphone.');
    await page.locator(testid('form-first-name')).fill('Nadia');
    await page.locator(testid('form-phone')).fill('12');
    await page.locator(testid('save')).click();
    await until(async () => (await problem.getAttribute('data-field')) === 'phone');
    expect(await problem.textContent()).toContain('« 12 » n’est pas un numéro de téléphone');
    expect(await page.locator(testid('form-phone')).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator(testid('form-city')).inputValue()).toBe('Lyon');
  });
});
