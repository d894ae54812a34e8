/** The sidebar fully in Spanish through ?lang=es (and in French and Portuguese the same way): every
 *  tab, a contact card, the segment builder and the menu show no sentence of the English dictionary
 *  (the words that are the same in both aside). */
import type { Browser, Page } from 'playwright-core';
import { en } from '../../src/core/i18n/en';
import { es } from '../../src/core/i18n/es';
import { fr } from '../../src/core/i18n/fr';
import { pt } from '../../src/core/i18n/pt';
import { launchBrowser } from '../support/browser';
import { startLocalServer, RunningServer } from '../support/local-server';

let server: RunningServer;
let browser: Browser;
let page: Page;

const testid = (id: string) => `[data-testid="${id}"]`;

/** English sentences and labels that the language says otherwise: none may show. Short words ("OK",
 *  "PDF") and templates are left out; a template's longest fixed part is checked instead. */
const englishBut = (other: Record<string, string>) => [
  ...new Set(
    (Object.keys(en) as (keyof typeof en)[])
      .filter((key) => other[key] !== en[key])
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
const OTHERS = { es, fr, pt } as Record<string, Record<string, string>>;
const PROFILE = { es: 'Perfil', fr: 'Profil', pt: 'Perfil' } as Record<string, string>;

beforeAll(async () => {
  server = await startLocalServer({ demo: 30 });
  browser = await launchBrowser();
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function englishOnScreen(english: string[]): Promise<string[]> {
  const shown = await page.evaluate(() => document.body.innerText);
  return english.filter((text) => shown.includes(text));
}

describe('the sidebar in another language', () => {
  it.each(['es', 'fr', 'pt'])('shows no English on any tab, on a card, in the builder or the menu (%s)', async (language) => {
    const ENGLISH = englishBut(OTHERS[language]);
    page = await browser.newPage({ viewport: { width: 300, height: 1200 } });
    await page.goto(server.page('sidebar', `lang=${language}`));
    await page.locator(testid('contact-row')).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(language);
    const seen: Record<string, string[]> = {};
    seen.contacts = await englishOnScreen(ENGLISH);
    await page.locator(testid('menu-button')).click();
    seen.menu = await englishOnScreen(ENGLISH);
    expect(await page.locator(testid('language')).inputValue()).toBe(language);

    for (const tab of ['followups', 'segments', 'dashboard', 'import', 'duplicates', 'staff']) {
      await page.locator(testid(`nav-${tab}`)).click();
      await page.waitForFunction(() => !document.querySelector('[data-testid="loading"]'), null, { timeout: 20000 });
      seen[tab] = await englishOnScreen(ENGLISH);
    }
    await page.locator(testid('nav-segments')).click();
    await page.locator(testid('segment-new')).click();
    await page.locator(testid('add-condition')).click();
    seen.builder = await englishOnScreen(ENGLISH);

    await page.locator(testid('nav-contacts')).click();
    await page.locator(testid('contact-row')).first().click();
    await page.locator(testid('card-name')).waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="loading"]'), null, { timeout: 20000 });
    seen.card = await englishOnScreen(ENGLISH);
    expect(await page.locator('[data-testid="profile"] h2').textContent()).toBe(PROFILE[language]);

    expect(Object.fromEntries(Object.entries(seen).filter(([, found]) => found.length))).toEqual({});
    await page.close();
  });
});
