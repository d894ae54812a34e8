import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { callServer, startLocalServer, RunningServer } from '../support/local-server';
import { emptyDatabase } from '../support/database';
import { Postgres } from '../../src/node/postgres';
import { until } from '../support/until';

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');
let server: RunningServer;
let browser: Browser;
let page: Page;
let url: string;
let ines: string;

beforeAll(async () => {
  url = emptyDatabase();
  execFileSync(process.execPath, [CLI, 'db', 'migrate', '--to', url]);
  execFileSync(process.execPath, [CLI, 'init', '--database', url, '--demo', '40']);
  server = await startLocalServer({ database: url });
  browser = await launchBrowser();
  ines = (await callServer<{ id: string }>(server, 'createContact', { contact: { first_name: 'Inès', last_name: 'Postgrès', email: 'ines.pg@example.org' } })).id;
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 360, height: 900 } });
});

afterEach(async () => {
  await page.close();
});

const testid = (id: string) => `[data-testid="${id}"]`;

describe('crm serve --database: the same sidebar on PostgreSQL', () => {
  it('lists, searches without accents, opens a card and logs a call that is in the database at once', async () => {
    await page.goto(server.page('sidebar'));
    await page.locator(testid('contact-row')).first().waitFor();
    expect(await page.locator(testid('count')).textContent()).toMatch(/41/);
    await page.locator(testid('search')).fill('postgres');
    await until(async () => (await page.locator(testid('contact-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))).join() === ines);
    await page.locator(`${testid('contact-row')}[data-id="${ines}"]`).click();
    await page.locator(`${testid('contact-card')}[data-id="${ines}"] ${testid('card-name')}`).waitFor();
    await page.locator(testid('log-interaction')).click();
    await page.locator('[data-testid="log-form"] [name="subject"]').fill('Asked about the gala');
    await page.locator('[data-testid="log-form"] [name="details"]').press('Control+Enter');
    await page.locator(testid('log-form')).waitFor({ state: 'detached' });
    expect(await page.locator(testid('interaction')).first().locator(testid('interaction-subject')).textContent()).toBe('Asked about the gala');
    const sql = new Postgres(url);
    try {
      expect(sql.query('SELECT subject, type FROM interactions WHERE contact_id = $1', [ines])).toEqual([{ subject: 'Asked about the gala', type: 'call' }]);
      expect(sql.query(`SELECT action FROM audit_log WHERE "table" = 'Interactions' ORDER BY _seq DESC LIMIT 1`)[0].action).toBe('interaction.log');
    } finally {
      sql.close();
    }
  });
});

describe('the local page of crm serve --database', () => {
  it('says it shows a database, in the language asked for', async () => {
    const title = async (query = '') => /<title>([^<]*)<\/title>/.exec(await (await fetch(server.page('', query))).text())?.[1];
    expect(await title()).toBe('Members CRM — database');
    expect(await title('lang=fr')).toBe('CRM Adhérents — base de données');
  });
});

describe('the Database tab of a workbook CRM', () => {
  it('connects a database from the sidebar, moves the data, and the next changes land in it', async () => {
    const target = emptyDatabase();
    const local = await startLocalServer({ demo: 20 });
    try {
      await page.goto(local.page('sidebar'));
      await page.locator(testid('contact-row')).first().waitFor();
      await page.locator(testid('nav-database')).click();
      expect(await page.locator(testid('database-state')).textContent()).toBe('Everything is in this spreadsheet.');
      await page.locator(testid('database-url')).fill('mysql://nowhere/crm');
      await page.locator(testid('database-user')).fill('crm');
      await page.locator(testid('database-connect-button')).click();
      await page.locator(testid('database-error')).waitFor();
      expect(await page.locator(testid('database-error')).textContent()).toContain('not a PostgreSQL address');
      await page.locator(testid('database-url')).fill(target);
      await page.locator(testid('database-connect-button')).click();
      await until(async () => /The big tables are in/.test((await page.locator(testid('database-state')).textContent()) ?? ''));
      expect(await page.locator(testid('notice')).textContent()).toMatch(/^Connected to .*: \d+ rows moved into the database\.$/);
      const made = await callServer<{ id: string }>(local, 'createContact', { contact: { first_name: 'Nouvelle', last_name: 'Adhérente' } });
      const sql = new Postgres(target);
      try {
        expect(Number(sql.query('SELECT count(*) AS n FROM contacts')[0].n)).toBe(21);
        expect(sql.query('SELECT first_name FROM contacts WHERE id = $1', [made.id])).toEqual([{ first_name: 'Nouvelle' }]);
      } finally {
        sql.close();
      }
    } finally {
      await local.stop();
    }
  });
});
