/** Segments in a real browser against `crm serve`: a segment built with the builder's dropdowns and
 *  its text (the two in step), its count as the engine gives it, saved, refreshed and exported; the
 *  dashboard, whose numbers open the matching segment. What the page did is checked through the API. */
import { sidebarSession, testid, until } from '../support/sidebar-session';

const session = sidebarSession({ demo: 120 });
const api = <T>(action: string, input: unknown): Promise<T> => session.api<T>(action, input);

const total = async (query: string) => (await api<{ total: number }>('queryContacts', { query, limit: 1 })).total;

describe('the segment builder', () => {
  it('builds a segment with dropdowns and text, shows its count, saves it and refreshes it', async () => {
    await session.page.locator(testid('nav-segments')).click();
    await session.page.locator(testid('segment-new')).click();
    await session.page.locator(testid('segment-name')).fill('Members on the board');

    // Typed text becomes rows.
    await session.page.locator(testid('segment-query')).fill('member');
    await until(async () => (await session.page.locator(testid('condition')).count()) === 1);
    expect(await session.page.locator(testid('condition-field')).inputValue()).toBe('member');
    const members = await total('member');
    await until(async () => (await session.page.locator(testid('preview-count')).textContent()) === `${members} contacts`);

    // A row chosen with the dropdowns becomes text.
    await session.page.locator(testid('add-condition')).click();
    const second = session.page.locator(testid('condition')).nth(1);
    await second.locator(testid('condition-field')).selectOption('tag');
    await second.locator(testid('condition-value')).fill('board');
    await second.locator(testid('condition-value')).press('Tab');
    await until(async () => (await session.page.locator(testid('segment-query')).inputValue()) === 'member AND tag:board');
    const onBoard = await total('member AND tag:board');
    await until(async () => (await session.page.locator(testid('preview-count')).textContent()) === `${onBoard} contact${onBoard === 1 ? '' : 's'}`);

    // NOT on the second row, then OR: the text follows.
    await second.locator(testid('condition-not')).check();
    await until(async () => (await session.page.locator(testid('segment-query')).inputValue()) === 'member AND NOT tag:board');
    await session.page.locator(testid('join-or')).click();
    await until(async () => (await session.page.locator(testid('segment-query')).inputValue()) === 'member OR NOT tag:board');
    await session.page.locator(testid('join-and')).click();
    await second.locator(testid('condition-not')).uncheck();

    // A typing mistake says where it is, and saving waits for it to be fixed.
    await session.page.locator(testid('segment-query')).fill('member AND tag:board AND');
    await session.page.locator(testid('query-error')).waitFor();
    expect(await session.page.locator(testid('query-error')).textContent()).toBe("At character 25: Expected a field name, NOT or '(' at the end");
    expect(await session.page.locator(testid('segment-save')).isDisabled()).toBe(true);
    await session.page.locator(testid('segment-query')).fill('member AND tag:board');
    await session.page.locator(testid('query-error')).waitFor({ state: 'detached' });

    await session.page.locator(testid('segment-save')).click();
    await session.page.locator(testid('segment-title')).waitFor();
    expect(await session.page.locator(testid('segment-title')).textContent()).toBe('Members on the board');
    expect(await session.page.locator(testid('segment-count')).textContent()).toBe(`${onBoard} contact${onBoard === 1 ? '' : 's'}`);
    expect(await session.page.locator(testid('segment-member')).count()).toBe(Math.min(onBoard, 50));

    const saved = (await api<{ segments: { name: string; kind: string; query: string; count: number; refreshed_at: string }[] }>('listSegments', {})).segments.find(
      (s) => s.name === 'Members on the board',
    )!;
    expect(saved).toMatchObject({ kind: 'dynamic', query: 'member AND tag:board', count: onBoard });
    expect(saved.refreshed_at).not.toBe('');

    await session.page.locator(testid('segment-refresh')).click();
    await session.page.locator(testid('notice')).waitFor();
    expect(await session.page.locator(testid('notice')).textContent()).toBe('Segment refreshed.');

    // Back to the list: the segment is there with its count.
    await session.page.locator(testid('segment-back')).click();
    const item = session.page.locator(testid('segment-item')).filter({ hasText: 'Members on the board' });
    await item.waitFor();
    expect(await item.textContent()).toContain(`${onBoard} contact`);
  });

  it('builds "membership ends within 30 days" in one row in French, the count following each keystroke', async () => {
    const page = session.page;
    // Someone whose membership ends in ten days, whatever the demo data holds.
    const soon = new Date(Date.now() + 10 * 86400000).toISOString().slice(0, 10);
    const renewing = (await api<{ id: string }>('createContact', { contact: { first_name: 'Renée', last_name: 'Bientôt' } })).id;
    await api('addMembership', { membership: { contact_id: renewing, start_date: '2025-01-01', end_date: soon } });
    await page.goto(session.server.page('sidebar', 'lang=fr'));
    await page.locator(testid('nav-segments')).click();
    await page.locator(testid('segment-new')).click();
    await page.locator(testid('add-condition')).click();
    const row = page.locator(testid('condition'));
    await row.locator(testid('condition-field')).selectOption('membership.end');
    // Date fields offer a span from today as one choice, in French.
    const op = row.locator(testid('condition-op'));
    expect(await op.locator('option[value="next"]').textContent()).toBe('dans les prochains');
    await op.selectOption('next');
    expect(await row.locator(testid('condition-unit')).inputValue()).toBe('d');
    const count = row.locator(testid('condition-count'));
    await count.fill('');
    await count.pressSequentially('7');
    await until(async () => (await page.locator(testid('segment-query')).inputValue()) === 'membership.end>=today AND membership.end<=+7d');
    const week = await total('membership.end>=today AND membership.end<=+7d');
    await until(async () => (await page.locator(testid('preview-count')).textContent()) === `${week} contact${week > 1 ? 's' : ''}`);
    await count.press('Backspace');
    // Nothing typed yet: no red error, and everyone is counted.
    expect(await page.locator(testid('query-error')).count()).toBe(0);
    await count.pressSequentially('30');
    await until(async () => (await page.locator(testid('segment-query')).inputValue()) === 'membership.end>=today AND membership.end<=+30d');
    // The caret stayed in the box while typing.
    expect(await count.evaluate((el) => el === document.activeElement)).toBe(true);
    const month = await total('membership.end>=today AND membership.end<=+30d');
    await until(async () => (await page.locator(testid('preview-count')).textContent()) === `${month} contact${month > 1 ? 's' : ''}`);
    expect(await page.locator(testid('query-in-words')).textContent()).toBe('En clair Fin d’adhésion dans les 30 jours à venir');
    expect(await page.locator(testid('condition')).count()).toBe(1);

    // Written by hand in French, the text reads back into the same row.
    await page.locator(testid('segment-query')).fill("membership.end>=aujourd'hui AND membership.end<=+2s");
    await until(async () => (await row.locator(testid('condition-count')).inputValue()) === '2' && (await row.locator(testid('condition-unit')).inputValue()) === 'w');
    await page.locator(testid('segment-name')).fill('À renouveler');
    await page.locator(testid('segment-query')).fill('membership.end>=today AND membership.end<=+30d');
    await page.locator(testid('segment-save')).click();
    await page.locator(testid('segment-title')).waitFor();
    expect(await page.locator(testid('segment-in-words')).textContent()).toBe('Fin d’adhésion dans les 30 jours à venir');
    expect(month).toBeGreaterThan(0);
    expect(await page.locator(testid('segment-sorted-by')).textContent()).toBe('Triés par Fin d’adhésion le');
    expect(await page.locator(testid('member-value')).count()).toBe(Math.min(month, 50));
    // Soonest first: the dates shown never go back.
    const ends = await api<{ members: { items: { value: string }[] } }>('getSegment', {
      id: (await api<{ segments: { id: string; name: string }[] }>('listSegments', {})).segments.find((x) => x.name === 'À renouveler')!.id,
    });
    const values = ends.members.items.map((m) => m.value);
    expect([...values].sort()).toEqual(values);
    // The contact made for this test leaves nothing for the trigger rules of the tests that follow.
    await api('deleteContact', { id: renewing });
    await api('deleteSegment', { id: (await api<{ segments: { id: string; name: string }[] }>('listSegments', {})).segments.find((x) => x.name === 'À renouveler')!.id });
  });

  it('a viewer-facing error: a query naming a segment that does not exist is refused on save', async () => {
    await session.page.locator(testid('nav-segments')).click();
    await session.page.locator(testid('segment-new')).click();
    await session.page.locator(testid('segment-name')).fill('Broken');
    await session.page.locator(testid('segment-query')).fill('segment:"No such segment"');
    await session.page.locator(testid('segment-save')).click();
    await session.page.locator(`${testid('segment-builder')} ${testid('error')}`).waitFor();
    expect(await session.page.locator(`${testid('segment-builder')} ${testid('error')}`).textContent()).toContain('No such segment');
    const names = (await api<{ segments: { name: string }[] }>('listSegments', {})).segments.map((s) => s.name);
    expect(names).not.toContain('Broken');
  });

  it('adds every result of a search to a static list, then removes one from the list', async () => {
    const list = await api<{ id: string }>('saveSegment', { name: 'Gala invitations', kind: 'static' });
    await session.page.reload();
    await session.page.locator(testid('contact-row')).first().waitFor();
    await session.page.locator('button[data-value="members"]').click();
    const found = (await api<{ total: number }>('searchContacts', { text: '', members: 'members', limit: 1 })).total;
    await until(async () => (await session.page.locator(testid('add-to-list-choice')).inputValue()) === list.id);
    await session.page.locator(testid('add-to-list')).click();
    await session.page.locator(testid('add-to-list-done')).waitFor();
    expect(await session.page.locator(testid('add-to-list-done')).textContent()).toBe(`${found} added to "Gala invitations", 0 already in it.`);
    const members = await api<{ members: { total: number; items: { id: string; name: string }[] } }>('getSegment', { id: list.id });
    expect(members.members.total).toBe(found);

    await session.page.locator(testid('nav-segments')).click();
    await session.page.locator(testid('segment-item')).filter({ hasText: 'Gala invitations' }).locator(testid('segment-open')).click();
    await session.page.locator(testid('segment-member')).first().waitFor();
    const first = await session.page.locator(testid('segment-member')).first().getAttribute('data-id');
    await session.page.locator(testid('segment-member')).first().locator(testid('segment-member-remove')).click();
    await until(async () => (await session.page.locator(testid('segment-count')).textContent()) === `${found - 1} contact${found - 1 === 1 ? '' : 's'}`);
    const after = await api<{ members: { items: { id: string }[] } }>('getSegment', { id: list.id, limit: 1000 });
    expect(after.members.items.map((m) => m.id)).not.toContain(first);
  });
});

describe('the search index', () => {
  it('follows a change made through the CRM; after a write too big to follow, the search scans and the page asks for a rebuild', async () => {
    const requests: string[] = [];
    session.page.on('request', (request) => {
      const match = /\/api\/(\w+)$/.exec(request.url());
      if (match) requests.push(match[1]);
    });
    const [someone] = (await api<{ items: { id: string }[] }>('searchContacts', { limit: 1 })).items;
    await api('updateContact', { id: someone.id, patch: { city: 'Zanzibar-sur-Loire' } });
    // The index was patched by the write itself: no scan, no rebuild.
    const followed = await api<{ stale_index?: boolean; items: { id: string }[] }>('searchContacts', { text: 'zanzibar' });
    expect(followed.stale_index).toBeUndefined();
    expect(followed.items.map((i) => i.id)).toEqual([someone.id]);
    await session.page.locator(testid('search')).fill('zanzibar');
    await until(async () => (await session.page.locator(testid('contact-row')).count()) === 1);

    const csv = ['first_name,last_name,city', ...Array.from({ length: 250 }, (_, k) => `Many${k},Rows,Pemba`)].join('\n');
    await api('importFile', { file_name: 'many.csv', content_base64: Buffer.from(csv).toString('base64'), mode: 'skip' });
    expect((await api<{ stale_index?: boolean; total: number }>('searchContacts', { text: 'pemba' })).stale_index).toBe(true);
    await session.page.locator(testid('search')).fill('pemba');
    await until(async () => requests.includes('refreshSearchIndex'));
    await until(async () => (await session.page.locator(testid('contact-row')).count()) > 0);
  });
});

describe('trigger points', () => {
  it('shows what the rules did at start-up, and running them again acts on nobody twice', async () => {
    const log = (await api<{ entries: { contact_name: string; rule_name: string }[] }>('triggerLog', { limit: 20 })).entries;
    expect(log.length).toBeGreaterThan(0);
    await session.page.locator(testid('nav-segments')).click();
    await until(async () => (await session.page.locator(testid('trigger-entry')).count()) === log.length);
    expect(await session.page.locator(testid('trigger-entry')).first().textContent()).toContain(log[0].rule_name);
    await session.page.locator(testid('trigger-run')).click();
    await session.page.locator(testid('trigger-report')).waitFor();
    expect(await session.page.locator(testid('trigger-report')).textContent()).toBe('0 acted on, 0 left their segment.');
  });
});

describe('the dashboard', () => {
  it('shows the numbers the engine counts, and a number opens its contacts as a segment to save', async () => {
    const numbers = await api<Record<string, { value: number; query: string }>>('dashboard', {});
    await session.page.locator(testid('nav-dashboard')).click();
    const members = session.page.locator(`${testid('dashboard-number')}[data-key="members"]`);
    await members.waitFor();
    expect(await members.textContent()).toBe(String(numbers.members.value));
    expect(await session.page.locator(`${testid('dashboard-number')}[data-key="contacts"]`).textContent()).toBe(String(numbers.contacts.value));
    expect(numbers.members.value).toBe(await total(numbers.members.query));
    // The spreadsheet's size against Google's limit, with no warning for a small CRM.
    const budget = await api<{ used: number; level: string }>('cellBudget', {});
    await session.page.locator(testid('cell-budget-used')).waitFor();
    expect(await session.page.locator(testid('cell-budget-used')).textContent()).toContain(budget.used.toLocaleString('en-US'));
    expect(await session.page.locator(testid('cell-budget-warning')).count()).toBe(0);

    await members.click();
    await session.page.locator(testid('segment-builder')).waitFor();
    expect(await session.page.locator(testid('segment-query')).inputValue()).toBe(numbers.members.query);
    expect(await session.page.locator(testid('segment-name')).inputValue()).toBe('Members');
    const n = numbers.members.value;
    await until(async () => (await session.page.locator(testid('preview-count')).textContent()) === `${n} contact${n === 1 ? '' : 's'}`);

    await session.page.locator(testid('segment-name')).fill('Members today');
    await session.page.locator(testid('segment-save')).click();
    await session.page.locator(testid('segment-title')).waitFor();
    const saved = (await api<{ segments: { name: string; count: number }[] }>('listSegments', {})).segments.find((s) => s.name === 'Members today');
    expect(saved?.count).toBe(n);
  });

  it('lists the hot contacts, most engaged first, and opens them all as a segment', async () => {
    const hot = (await api<{ items: { id: string; name: string }[] }>('hotList', { limit: 10 })).items;
    expect(hot.length).toBeGreaterThan(0);
    await session.page.locator(testid('nav-dashboard')).click();
    await until(async () => (await session.page.locator(testid('hot-item')).count()) === hot.length);
    expect(await session.page.locator(testid('hot-item')).evaluateAll((items) => items.map((i) => i.getAttribute('data-id')))).toEqual(hot.map((c) => c.id));
    await session.page.locator(testid('hot-open-segment')).click();
    await session.page.locator(testid('segment-builder')).waitFor();
    expect(await session.page.locator(testid('segment-query')).inputValue()).toBe('hot');
    const n = await total('hot');
    await until(async () => (await session.page.locator(testid('preview-count')).textContent()) === `${n} contact${n === 1 ? '' : 's'}`);
  });

  it('lists the donors by RFM score, best first, for one group or all', async () => {
    const all = await api<{ total: number; donors: { id: string; r: number; f: number; m: number }[] }>('rfmScores', { limit: 20 });
    expect(all.total).toBeGreaterThan(0);
    await session.page.locator(testid('nav-dashboard')).click();
    await until(async () => (await session.page.locator(testid('rfm-donor')).count()) === all.donors.length);
    expect(await session.page.locator(testid('rfm-donor')).evaluateAll((items) => items.map((i) => i.getAttribute('data-id')))).toEqual(all.donors.map((d) => d.id));
    expect(await session.page.locator(testid('rfm-donor')).first().locator('.badge').textContent()).toBe(`${all.donors[0].r}-${all.donors[0].f}-${all.donors[0].m}`);
    const lost = await api<{ donors: { id: string }[] }>('rfmScores', { segment: 'lost', limit: 20 });
    await session.page.locator(testid('rfm-group')).selectOption('lost');
    await until(
      async () => JSON.stringify(await session.page.locator(testid('rfm-donor')).evaluateAll((items) => items.map((i) => i.getAttribute('data-id')))) === JSON.stringify(lost.donors.map((d) => d.id)),
    );
  });

  it('rebuilds the Dashboard sheet for editors', async () => {
    await session.page.locator(testid('nav-dashboard')).click();
    await session.page.locator(testid('dashboard-refresh-sheet')).click();
    await session.page.locator(`${testid('dashboard-view')} ${testid('notice')}`).waitFor();
    expect(await session.page.locator(`${testid('dashboard-view')} ${testid('notice')}`).textContent()).toMatch(/3 charts/);

    // The local page shows the workbook: the Dashboard sheet with its charts drawn as bars.
    await session.page.goto(session.server.page());
    await session.page.locator('#tabs button', { hasText: /^Dashboard$/ }).click();
    await session.page.locator('figure.chart').first().waitFor();
    expect(await session.page.locator('figure.chart h2').allTextContents()).toEqual(['From subscriber to member', 'Donations by month (EUR)', 'Donors by RFM group']);
    const members = (await api<{ funnel: { reached: { value: number } }[] }>('dashboard', {})).funnel[3].reached.value;
    expect(await session.page.locator('figure.chart').first().locator('.bar').last().textContent()).toContain(String(members));
  });
});
