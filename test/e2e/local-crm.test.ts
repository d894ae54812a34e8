import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startLocalServer, RunningServer } from '../support/local-server';
import { until } from '../support/until';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startLocalServer({ demo: 300 });
  browser = await launchBrowser();
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  page = await browser.newPage();
});

afterEach(async () => {
  await page.close();
});

describe('npm start: the local CRM in a real browser', () => {
  it('shows the workbook as tabs and the sidebar with the demo contact list', async () => {
    await page.goto(server.page());
    const tabs = page.locator('#tabs button');
    await tabs.first().waitFor();
    expect(await tabs.allTextContents()).toEqual(expect.arrayContaining(['Contacts', 'Memberships', 'Donations', 'Interactions', 'Tags', 'Relationships', 'Staff', 'AuditLog']));
    await page.locator('#grid th', { hasText: 'first_name' }).waitFor();

    const sidebar = page.frameLocator('#sidebar');
    await sidebar.locator('[data-testid="contact-row"]').first().waitFor();
    expect(await sidebar.locator('[data-testid="contact-row"]').count()).toBeGreaterThan(5);
    expect(await sidebar.locator('[data-testid="count"]').textContent()).toMatch(/300/);
  });

  it('filters the list as you type, without accents or case', async () => {
    await page.goto(server.page());
    const sidebar = page.frameLocator('#sidebar');
    await sidebar.locator('[data-testid="contact-row"]').first().waitFor();
    const firstName = (await sidebar.locator('[data-testid="contact-row"]').first().innerText()).split('\n')[0];
    const plain = firstName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase();
    await sidebar.locator('[data-testid="search"]').fill(plain);
    const fold = (t: string) =>
      t
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toUpperCase();
    // Every row left must match, and the count must say fewer than all 300.
    await until(async () => {
      const rows = await sidebar.locator('[data-testid="contact-row"]').allInnerTexts();
      return rows.length > 0 && rows.every((r) => fold(r).includes(plain));
    });
    const names = await sidebar.locator('[data-testid="contact-row"]').allInnerTexts();
    expect(names.map((n) => n.split('\n')[0])).toContain(firstName);
    expect(await sidebar.locator('[data-testid="count"]').textContent()).not.toMatch(/300/);
  });

  it('adds a contact with a hostile name and shows it as text', async () => {
    await page.goto(server.page());
    const sidebar = page.frameLocator('#sidebar');
    await sidebar.locator('[data-testid="new-contact"]').click();
    await sidebar.locator('input[name="first_name"]').fill('<img src=x onerror="window.pwned=1">');
    await sidebar.locator('input[name="last_name"]').fill('=1+1');
    await sidebar.locator('input[name="email"]').fill('hostile@example.org');
    await sidebar.locator('button[type="submit"]').click();
    await sidebar.locator('[data-testid="search"]').fill('hostile@example.org');
    // The new contact sorts first, so it is in the unfiltered list too: wait for the search's answer.
    await until(async () => (await sidebar.locator('[data-testid="contact-row"]').count()) === 1);
    const row = sidebar.locator('[data-testid="contact-row"]', { hasText: 'hostile@example.org' });
    expect((await row.innerText()).split('\n')[0]).toBe('<img src=x onerror="window.pwned=1"> =1+1');
    expect(await sidebar.locator('img').count()).toBe(0);
    // The grid shows the cell as typed too, never as a formula result.
    await page.locator('#grid td', { hasText: '=1+1' }).first().waitFor({ timeout: 5000 });
  });

  it('refuses an invalid email with a message that names the field', async () => {
    await page.goto(server.page());
    const sidebar = page.frameLocator('#sidebar');
    await sidebar.locator('[data-testid="new-contact"]').click();
    await sidebar.locator('input[name="first_name"]').fill('Bad');
    await sidebar.locator('input[name="email"]').fill('bad@');
    await sidebar.locator('button[type="submit"]').click();
    await expect(sidebar.locator('[data-testid="field-error"][data-field="email"]').textContent()).resolves.toBe('Email: "bad@" is not a valid email address');
    await expect(sidebar.locator('input[name="email"]').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await sidebar.locator('input[name="first_name"]').inputValue()).toBe('Bad');
  });

  it('speaks French when asked', async () => {
    await page.goto(server.page('', 'lang=fr'));
    await page.locator('h1', { hasText: 'CRM Adhérents' }).waitFor();
    const sidebar = page.frameLocator('#sidebar');
    await sidebar.locator('[data-testid="contact-row"]').first().waitFor();
    await sidebar.locator('[data-testid="menu-button"]').click();
    await sidebar.locator('[data-testid="language"]').selectOption('fr');
    await sidebar.locator('text=Adhérents').first().waitFor();
  });
});
