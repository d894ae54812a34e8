/** The sidebar fully in Spanish through ?lang=es: every tab, a contact card, the segment builder and
 *  the menu show no sentence of the English dictionary (the words that are the same in both aside). */
import type { Browser, Page } from 'playwright-core';
import { en } from '../../src/core/i18n/en';
import { es } from '../../src/core/i18n/es';
import { launchBrowser } from '../support/browser';
import { startLocalServer, RunningServer } from '../support/local-server';

let server: RunningServer;
let browser: Browser;
let page: Page;

const testid = (id: string) => `[data-testid="${id}"]`;

/** English sentences and labels that Spanish says otherwise: none may show. Short words ("OK", "PDF")
 *  and templates are left out; a template's fixed part is checked instead. */
const ENGLISH = [
  ...new Set(
    (Object.keys(en) as (keyof typeof en)[])
      .filter((key) => (es as Record<string, string>)[key] !== en[key])
      .map(
        (key) =>
          en[key]
            .split(/\{\w+\}/)
            .map((part) => part.trim())
            .sort((a, b) => b.length - a.length)[0],
      )
      .filter((text) => text.length >= 8 && /\s/.test(text)),
  ),
];

beforeAll(async () => {
  server = await startLocalServer({ demo: 30 });
  browser = await launchBrowser();
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function englishOnScreen(): Promise<string[]> {
  const shown = await page.evaluate(() => document.body.innerText);
  return ENGLISH.filter((text) => shown.includes(text));
}

describe('the sidebar in Spanish', () => {
  it('shows no English on any tab, on a card, in the builder or the menu', async () => {
    page = await browser.newPage({ viewport: { width: 300, height: 1200 } });
    await page.goto(server.page('sidebar', 'lang=es'));
    await page.locator(testid('contact-row')).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    const seen: Record<string, string[]> = {};
    seen.contacts = await englishOnScreen();
    await page.locator(testid('menu-button')).click();
    seen.menu = await englishOnScreen();
    expect(await page.locator(testid('language')).inputValue()).toBe('es');

    for (const tab of ['followups', 'segments', 'dashboard', 'import', 'duplicates', 'staff']) {
      await page.locator(testid(`nav-${tab}`)).click();
      await page.waitForFunction(() => !document.querySelector('[data-testid="loading"]'), null, { timeout: 20000 });
      seen[tab] = await englishOnScreen();
    }
    await page.locator(testid('nav-segments')).click();
    await page.locator(testid('segment-new')).click();
    await page.locator(testid('add-condition')).click();
    seen.builder = await englishOnScreen();

    await page.locator(testid('nav-contacts')).click();
    await page.locator(testid('contact-row')).first().click();
    await page.locator(testid('card-name')).waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="loading"]'), null, { timeout: 20000 });
    seen.card = await englishOnScreen();
    expect(await page.locator('[data-testid="profile"] h2').textContent()).toBe('Perfil');

    expect(Object.fromEntries(Object.entries(seen).filter(([, found]) => found.length))).toEqual({});
    await page.close();
  });
});
