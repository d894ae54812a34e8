/** Segments in a real browser against `crm serve`: a segment built with the builder's dropdowns and
 *  its text (the two in step), its count as the engine gives it, saved, refreshed and exported; the
 *  dashboard, whose numbers open the matching segment. What the page did is checked through the API. */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { callServer, startLocalServer, RunningServer } from '../support/local-server';
import { until as waitUntil } from '../support/until';

let server: RunningServer;
let browser: Browser;
let page: Page;

const api = <T>(action: string, input: unknown): Promise<T> => callServer<T>(server, action, input);

const total = async (query: string) => (await api<{ total: number }>('queryContacts', { query, limit: 1 })).total;
const testid = (id: string) => `[data-testid="${id}"]`;
const until = (condition: () => Promise<boolean>, timeoutMs = 10000) => waitUntil(condition, timeoutMs);

beforeAll(async () => {
  server = await startLocalServer({ demo: 120 });
  browser = await launchBrowser();
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 360, height: 900 }, acceptDownloads: true });
  await page.goto(server.url + 'sidebar');
  await page.locator(testid('contact-row')).first().waitFor();
});

afterEach(async () => {
  await page.close();
});

describe('the segment builder', () => {
  it('builds a segment with dropdowns and text, shows its count, saves it and refreshes it', async () => {
    await page.locator(testid('nav-segments')).click();
    await page.locator(testid('segment-new')).click();
    await page.locator(testid('segment-name')).fill('Members on the board');

    // Typed text becomes rows.
    await page.locator(testid('segment-query')).fill('member');
    await until(async () => (await page.locator(testid('condition')).count()) === 1);
    expect(await page.locator(testid('condition-field')).inputValue()).toBe('member');
    const members = await total('member');
    await until(async () => (await page.locator(testid('preview-count')).textContent()) === `${members} contacts`);

    // A row chosen with the dropdowns becomes text.
    await page.locator(testid('add-condition')).click();
    const second = page.locator(testid('condition')).nth(1);
    await second.locator(testid('condition-field')).selectOption('tag');
    await second.locator(testid('condition-value')).fill('board');
    await second.locator(testid('condition-value')).press('Tab');
    await until(async () => (await page.locator(testid('segment-query')).inputValue()) === 'member AND tag:board');
    const onBoard = await total('member AND tag:board');
    await until(async () => (await page.locator(testid('preview-count')).textContent()) === `${onBoard} contact${onBoard === 1 ? '' : 's'}`);

    // NOT on the second row, then OR: the text follows.
    await second.locator(testid('condition-not')).check();
    await until(async () => (await page.locator(testid('segment-query')).inputValue()) === 'member AND NOT tag:board');
    await page.locator(testid('join-or')).click();
    await until(async () => (await page.locator(testid('segment-query')).inputValue()) === 'member OR NOT tag:board');
    await page.locator(testid('join-and')).click();
    await second.locator(testid('condition-not')).uncheck();

    // A typing mistake says where it is, and saving waits for it to be fixed.
    await page.locator(testid('segment-query')).fill('member AND tag:board AND');
    await page.locator(testid('query-error')).waitFor();
    expect(await page.locator(testid('query-error')).textContent()).toBe("At character 25: Expected a field name, NOT or '(' at the end");
    expect(await page.locator(testid('segment-save')).isDisabled()).toBe(true);
    await page.locator(testid('segment-query')).fill('member AND tag:board');
    await page.locator(testid('query-error')).waitFor({ state: 'detached' });

    await page.locator(testid('segment-save')).click();
    await page.locator(testid('segment-title')).waitFor();
    expect(await page.locator(testid('segment-title')).textContent()).toBe('Members on the board');
    expect(await page.locator(testid('segment-count')).textContent()).toBe(`${onBoard} contact${onBoard === 1 ? '' : 's'}`);
    expect(await page.locator(testid('segment-member')).count()).toBe(Math.min(onBoard, 50));

    const saved = (await api<{ segments: { name: string; kind: string; query: string; count: number; refreshed_at: string }[] }>('listSegments', {})).segments.find((s) => s.name === 'Members on the board')!;
    expect(saved).toMatchObject({ kind: 'dynamic', query: 'member AND tag:board', count: onBoard });
    expect(saved.refreshed_at).not.toBe('');

    await page.locator(testid('segment-refresh')).click();
    await page.locator(testid('notice')).waitFor();
    expect(await page.locator(testid('notice')).textContent()).toBe('Segment refreshed.');

    // Back to the list: the segment is there with its count.
    await page.locator(testid('segment-back')).click();
    const item = page.locator(testid('segment-item')).filter({ hasText: 'Members on the board' });
    await item.waitFor();
    expect(await item.textContent()).toContain(`${onBoard} contact`);
  });

  it('a viewer-facing error: a query naming a segment that does not exist is refused on save', async () => {
    await page.locator(testid('nav-segments')).click();
    await page.locator(testid('segment-new')).click();
    await page.locator(testid('segment-name')).fill('Broken');
    await page.locator(testid('segment-query')).fill('segment:"No such segment"');
    await page.locator(testid('segment-save')).click();
    await page.locator(`${testid('segment-builder')} ${testid('error')}`).waitFor();
    expect(await page.locator(`${testid('segment-builder')} ${testid('error')}`).textContent()).toContain('No such segment');
    const names = (await api<{ segments: { name: string }[] }>('listSegments', {})).segments.map((s) => s.name);
    expect(names).not.toContain('Broken');
  });

  it('adds every result of a search to a static list, then removes one from the list', async () => {
    const list = await api<{ id: string }>('saveSegment', { name: 'Gala invitations', kind: 'static' });
    await page.reload();
    await page.locator(testid('contact-row')).first().waitFor();
    await page.locator('button[data-value="members"]').click();
    const found = (await api<{ total: number }>('searchContacts', { text: '', members: 'members', limit: 1 })).total;
    await until(async () => (await page.locator(testid('add-to-list-choice')).inputValue()) === list.id);
    await page.locator(testid('add-to-list')).click();
    await page.locator(testid('add-to-list-done')).waitFor();
    expect(await page.locator(testid('add-to-list-done')).textContent()).toBe(`${found} added to "Gala invitations", 0 already in it.`);
    const members = await api<{ members: { total: number; items: { id: string; name: string }[] } }>('getSegment', { id: list.id });
    expect(members.members.total).toBe(found);

    await page.locator(testid('nav-segments')).click();
    await page.locator(testid('segment-item')).filter({ hasText: 'Gala invitations' }).locator(testid('segment-open')).click();
    await page.locator(testid('segment-member')).first().waitFor();
    const first = await page.locator(testid('segment-member')).first().getAttribute('data-id');
    await page.locator(testid('segment-member')).first().locator(testid('segment-member-remove')).click();
    await until(async () => (await page.locator(testid('segment-count')).textContent()) === `${found - 1} contact${found - 1 === 1 ? '' : 's'}`);
    const after = await api<{ members: { items: { id: string }[] } }>('getSegment', { id: list.id, limit: 1000 });
    expect(after.members.items.map((m) => m.id)).not.toContain(first);
  });
});

describe('the search index', () => {
  it('after a change, the search scans once and the page has the index rebuilt for the next keystrokes', async () => {
    const requests: string[] = [];
    page.on('request', (request) => {
      const match = /\/api\/(\w+)$/.exec(request.url());
      if (match) requests.push(match[1]);
    });
    const [someone] = (await api<{ items: { id: string }[] }>('searchContacts', { limit: 1 })).items;
    await api('updateContact', { id: someone.id, patch: { city: 'Zanzibar-sur-Loire' } });
    expect((await api<{ stale_index?: boolean }>('searchContacts', { text: 'zanzibar' })).stale_index).toBe(true);
    await page.locator(testid('search')).fill('zanzibar');
    await until(async () => requests.includes('refreshSearchIndex'));
    await until(async () => (await api<{ stale_index?: boolean }>('searchContacts', { text: 'zanzibar' })).stale_index === undefined);
    const fresh = await api<{ total: number; items: { id: string }[] }>('searchContacts', { text: 'zanzibar' });
    expect(fresh.items.map((i) => i.id)).toEqual([someone.id]);
  });
});

describe('trigger points', () => {
  it('shows what the rules did at start-up, and running them again acts on nobody twice', async () => {
    const log = (await api<{ entries: { contact_name: string; rule_name: string }[] }>('triggerLog', { limit: 20 })).entries;
    expect(log.length).toBeGreaterThan(0);
    await page.locator(testid('nav-segments')).click();
    await until(async () => (await page.locator(testid('trigger-entry')).count()) === log.length);
    expect(await page.locator(testid('trigger-entry')).first().textContent()).toContain(log[0].rule_name);
    await page.locator(testid('trigger-run')).click();
    await page.locator(testid('trigger-report')).waitFor();
    expect(await page.locator(testid('trigger-report')).textContent()).toBe('0 acted on, 0 left their segment.');
  });
});

describe('the dashboard', () => {
  it('shows the numbers the engine counts, and a number opens its contacts as a segment to save', async () => {
    const numbers = await api<Record<string, { value: number; query: string }>>('dashboard', {});
    await page.locator(testid('nav-dashboard')).click();
    const members = page.locator(`${testid('dashboard-number')}[data-key="members"]`);
    await members.waitFor();
    expect(await members.textContent()).toBe(String(numbers.members.value));
    expect(await page.locator(`${testid('dashboard-number')}[data-key="contacts"]`).textContent()).toBe(String(numbers.contacts.value));
    expect(numbers.members.value).toBe(await total(numbers.members.query));

    await members.click();
    await page.locator(testid('segment-builder')).waitFor();
    expect(await page.locator(testid('segment-query')).inputValue()).toBe(numbers.members.query);
    expect(await page.locator(testid('segment-name')).inputValue()).toBe('Members');
    const n = numbers.members.value;
    await until(async () => (await page.locator(testid('preview-count')).textContent()) === `${n} contact${n === 1 ? '' : 's'}`);

    await page.locator(testid('segment-name')).fill('Members today');
    await page.locator(testid('segment-save')).click();
    await page.locator(testid('segment-title')).waitFor();
    const saved = (await api<{ segments: { name: string; count: number }[] }>('listSegments', {})).segments.find((s) => s.name === 'Members today');
    expect(saved?.count).toBe(n);
  });

  it('lists the hot contacts, most engaged first, and opens them all as a segment', async () => {
    const hot = (await api<{ items: { id: string; name: string }[] }>('hotList', { limit: 10 })).items;
    expect(hot.length).toBeGreaterThan(0);
    await page.locator(testid('nav-dashboard')).click();
    await until(async () => (await page.locator(testid('hot-item')).count()) === hot.length);
    expect(await page.locator(testid('hot-item')).evaluateAll((items) => items.map((i) => i.getAttribute('data-id')))).toEqual(hot.map((c) => c.id));
    await page.locator(testid('hot-open-segment')).click();
    await page.locator(testid('segment-builder')).waitFor();
    expect(await page.locator(testid('segment-query')).inputValue()).toBe('hot');
    const n = await total('hot');
    await until(async () => (await page.locator(testid('preview-count')).textContent()) === `${n} contact${n === 1 ? '' : 's'}`);
  });

  it('lists the donors by RFM score, best first, for one group or all', async () => {
    const all = await api<{ total: number; donors: { id: string; r: number; f: number; m: number }[] }>('rfmScores', { limit: 20 });
    expect(all.total).toBeGreaterThan(0);
    await page.locator(testid('nav-dashboard')).click();
    await until(async () => (await page.locator(testid('rfm-donor')).count()) === all.donors.length);
    expect(await page.locator(testid('rfm-donor')).evaluateAll((items) => items.map((i) => i.getAttribute('data-id')))).toEqual(all.donors.map((d) => d.id));
    expect(await page.locator(testid('rfm-donor')).first().locator('.badge').textContent()).toBe(`${all.donors[0].r}-${all.donors[0].f}-${all.donors[0].m}`);
    const lost = await api<{ donors: { id: string }[] }>('rfmScores', { segment: 'lost', limit: 20 });
    await page.locator(testid('rfm-group')).selectOption('lost');
    await until(async () => JSON.stringify(await page.locator(testid('rfm-donor')).evaluateAll((items) => items.map((i) => i.getAttribute('data-id')))) === JSON.stringify(lost.donors.map((d) => d.id)));
  });

  it('rebuilds the Dashboard sheet for editors', async () => {
    await page.locator(testid('nav-dashboard')).click();
    await page.locator(testid('dashboard-refresh-sheet')).click();
    await page.locator(`${testid('dashboard-view')} ${testid('notice')}`).waitFor();
    expect(await page.locator(`${testid('dashboard-view')} ${testid('notice')}`).textContent()).toMatch(/3 charts/);

    // The local page shows the workbook: the Dashboard sheet with its charts drawn as bars.
    await page.goto(server.url);
    await page.locator('#tabs button', { hasText: /^Dashboard$/ }).click();
    await page.locator('figure.chart').first().waitFor();
    expect(await page.locator('figure.chart h2').allTextContents()).toEqual(['From subscriber to member', 'Donations by month (EUR)', 'Donors by RFM group']);
    const members = (await api<{ funnel: { reached: { value: number } }[] }>('dashboard', {})).funnel[3].reached.value;
    expect(await page.locator('figure.chart').first().locator('.bar').last().textContent()).toContain(String(members));
  });
});

