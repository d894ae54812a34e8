import { ok, setUpRuntime, call, rowsOf } from '../support/crm';
import { projectFiles } from '../support/project-files';
import type { MemoryRuntime } from '../../src/memory/services';
import { Workbook } from '../../src/store/workbook';
import { addDemoData, seededRandom } from '../../src/services/demo-data';
import { searchContacts } from '../../src/services/search/search';
import { INDEX_CELL_CHARS, markSearchIndexStale, REBUILD_EVERY_MS, SEARCH_INDEX_SHEET } from '../../src/services/search/search-index';
import { MAX_CELL_CHARS } from '../../src/core/schema/columns';
import { NIGHTLY_ACTIONS } from '../../src/api/nightly';
import type { SearchInput } from '../../src/services/views';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** What the onEdit trigger does in Google after a person edits one of the indexed sheets by hand. */
function handEdited(rt: MemoryRuntime): void {
  rt.cache.clear();
  markSearchIndexStale(rt.properties);
}

/** The truth: the full scan of the sheets as they are now. */
function scanned(rt: MemoryRuntime, input: SearchInput) {
  return searchContacts(new Workbook(rt, rt.clock, 'test', undefined, rt.cache), input);
}

/** The sidebar's search, and how many spreadsheet calls it made. */
function searched(rt: MemoryRuntime, input: SearchInput) {
  rt.grid.resetCounters();
  const page = ok(call(rt, 'searchContacts', input));
  return { page, calls: rt.grid.calls };
}

/** The search from the index (one read, not stale), and equal to the full scan. */
function fromFreshIndex(rt: MemoryRuntime, input: SearchInput) {
  const { page, calls } = searched(rt, input);
  expect(page.stale_index).toBeUndefined();
  expect(calls).toBe(1);
  expect(page).toEqual(scanned(rt, input));
  return page;
}

const PHONE_LIKE = /^\+33 6/;

function demo(count: number): MemoryRuntime {
  const rt = setUpRuntime();
  const wb = new Workbook(rt, rt.clock, 'test');
  addDemoData(wb, count, seededRandom(11));
  wb.commit('demo');
  markSearchIndexStale(rt.properties); // the demo was written without the watcher
  return rt;
}

const names = (page: { items: { name: string }[] }) => page.items.map((i) => i.name);

describe('The search index', () => {
  let rt: MemoryRuntime;
  const inputs: SearchInput[] = [];

  beforeAll(() => {
    rt = demo(2500);
    const contacts = rowsOf(rt, 'Contacts');
    const tags = rowsOf(rt, 'Tags');
    const pick = (k: number) => contacts[(k * 7919) % contacts.length];
    const fold = (s: unknown) => String(s ?? '').toLowerCase();
    for (let k = 0; k < 12; k++) {
      const c = pick(k);
      inputs.push({ text: fold(c.last_name).slice(0, 3) }, { text: `${c.first_name} ${c.last_name}`.toUpperCase() }, { text: String(c.email ?? '').split('@')[0] });
      const phone = String(c.phone || c.mobile || '');
      const digits = phone.replace(/\D/g, '');
      if (digits.length > 6)
        inputs.push(
          { text: digits },
          {
            text: digits
              .slice(-6)
              .replace(/(\d\d)/g, '$1 ')
              .trim(),
          },
          { text: phone.replace(/\s/g, '.') },
        );
      if (c.city) inputs.push({ text: String(c.city) }, { text: `${c.city} ${fold(c.first_name).slice(0, 2)}`, members: 'non_members' });
      if (c.postal_code) inputs.push({ text: String(c.postal_code) });
    }
    for (const tag of tags.slice(0, 4))
      inputs.push({ tag: String(tag.id) }, { text: String(tag.name) }, { text: `${tag.name} a`, members: 'members' }, { tag: String(tag.id), members: 'non_members', limit: 50 });
    for (const stage of ['member', 'donor', 'lapsed', 'lead', 'subscriber', 'engaged']) inputs.push({ stage }, { stage, text: 'ma' });
    for (let offset = 0; offset < 2500; offset += 400) inputs.push({ offset, limit: 200 }, { members: 'members', offset: offset / 4, limit: 100 });
    inputs.push({}, { text: '' }, { text: '   ' }, { members: 'non_members' }, { text: 'zzzzqqq' }, { text: '+33 6' }, { text: 'a e i', limit: 200 }, { text: "l'", offset: 10 });
  });

  it('gives exactly the pages of the full scan, from one read', () => {
    ok(call(rt, 'refreshSearchIndex', {})); // what the sidebar asks after a search found it stale
    expect(inputs.length).toBeGreaterThan(80);
    let hits = 0;
    for (const input of inputs) {
      const { page, calls } = searched(rt, input);
      expect({ input, page }).toEqual({ input, page: scanned(rt, input) });
      expect(calls).toBe(1);
      hits += page.items.length;
    }
    expect(hits).toBeGreaterThan(3000);
  });

  it('works memberships out as of today, also on a later day than it was built', () => {
    ok(call(rt, 'refreshSearchIndex', {}));
    const before = ok(call(rt, 'searchContacts', { members: 'members' })).total;
    rt.clock.advance(400 * 24 * 3600 * 1000);
    call(rt, 'searchContacts', { text: 'x' }); // the cache (staff, settings) expired meanwhile
    try {
      for (const input of [{ members: 'members' }, { members: 'non_members', limit: 200 }, { text: 'ma', members: 'members' }] as SearchInput[]) {
        const { page, calls } = searched(rt, input);
        expect(page).toEqual(scanned(rt, input));
        expect(calls).toBe(1);
      }
      // Memberships ended meanwhile: the answer did change.
      expect(ok(call(rt, 'searchContacts', { members: 'members' })).total).not.toBe(before);
    } finally {
      rt.clock.advance(-400 * 24 * 3600 * 1000);
    }
  });
});

describe('Keeping the search index fresh', () => {
  function small(): { rt: MemoryRuntime; ids: string[] } {
    const rt = setUpRuntime();
    const ids = ['Ana Reis', 'Bruno Costa', 'Carla Dias'].map((n) => {
      const [first_name, last_name] = n.split(' ');
      return ok(call(rt, 'createContact', { contact: { first_name, last_name } })).id as string;
    });
    // The first search scans and says the index is stale; the sidebar then has it rebuilt.
    expect(searched(rt, { text: 'reis' }).page.stale_index).toBe(true);
    expect(ok(call(rt, 'refreshSearchIndex', {}))).toMatchObject({ contacts: 3, written: true });
    expect(searched(rt, { text: 'reis' })).toMatchObject({ calls: 1, page: { total: 1 } });
    expect(searched(rt, { text: 'reis' }).page.stale_index).toBeUndefined();
    // Asked again while fresh (two sidebars at once): nothing to write.
    expect(ok(call(rt, 'refreshSearchIndex', {}))).toMatchObject({ written: false });
    return { rt, ids };
  }

  it('follows every write made through an action: the next search still reads the index alone', () => {
    const { rt, ids } = small();
    const fromIndex = (input: SearchInput) => fromFreshIndex(rt, input);
    ok(call(rt, 'updateContact', { id: ids[0], patch: { city: 'Évora' } }));
    expect(names(fromIndex({ text: 'evora' }))).toEqual(['Ana Reis']);

    const tag = ok(call(rt, 'addTag', { contact_id: ids[1], name: 'Voluntário' }));
    expect(names(fromIndex({ text: 'voluntario' }))).toEqual(['Bruno Costa']);
    expect(names(fromIndex({ tag: tag.id }))).toEqual(['Bruno Costa']);

    ok(call(rt, 'addMembership', { membership: { contact_id: ids[2], start_date: '2026-06-01', frequency: 'yearly' } }));
    expect(names(fromIndex({ members: 'members' }))).toEqual(['Carla Dias']);

    ok(call(rt, 'importFile', { file_name: 'new.csv', content_base64: b64('first_name,last_name,email\nDora,Reis,dora@example.org\n'), mode: 'skip' }));
    expect(names(fromIndex({ text: 'reis' }))).toEqual(['Ana Reis', 'Dora Reis']);

    const dup = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', last_name: 'Reis', email: 'ana@example.org' } })).id;
    expect(fromIndex({ text: 'ana reis' }).total).toBe(2);
    ok(call(rt, 'mergeContacts', { keep: ids[0], others: [dup] }));
    expect(fromIndex({ text: 'ana reis' }).items.map((h: any) => [h.id, h.email])).toEqual([[ids[0], 'ana@example.org']]);

    ok(call(rt, 'removeTag', { contact_id: ids[1], tag_id: tag.id }));
    expect(fromIndex({ tag: tag.id }).total).toBe(0);
    ok(call(rt, 'deleteContact', { id: ids[1] }));
    expect(fromIndex({ text: 'bruno' }).total).toBe(0);
    for (const value of ['tab\there', 'line\nbreak', 'back\\slash \\n', 'pipe|and\u001funit', '😀 emoji', '"quoted", [1,"x"]']) {
      ok(call(rt, 'updateContact', { id: ids[2], patch: { city: value, phone: '+33 6 12 34 56 78' } }));
      expect(fromIndex({ text: 'carla' }).items[0].city).toBe(value);
    }
    expect(names(fromIndex({ text: '0612345678' }))).toEqual(['Carla Dias']);
    for (const input of [{}, { text: 'reis' }, { members: 'members' as const }, { text: 'a' }, { text: 'unit' }]) fromIndex(input);
    // The index sheet grew by a row per write, not by a rebuild.
    expect(rt.grid.sheets.get(SEARCH_INDEX_SHEET)!.filter((r) => r[1] === 'patch').length).toBeGreaterThanOrEqual(7);
    // The nightly's rebuild folds the patches into a build; the answers stay the same.
    rt.clock.advance(REBUILD_EVERY_MS);
    expect(ok(call(rt, 'refreshSearchIndex', { force: true }))).toMatchObject({ written: true });
    expect(rt.grid.sheets.get(SEARCH_INDEX_SHEET)!.filter((r) => r[1] === 'patch')).toEqual([]);
    fromIndex({ text: 'reis' });
  });

  it('places each patched contact on its own line: an id typed as another name, lines across cells, many patches', () => {
    const rt = setUpRuntime();
    // First, a line longer than a cell: the lines after it start in the cells after.
    const long = ok(call(rt, 'createContact', { contact: { first_name: 'Ω'.repeat(40000), last_name: 'Long', city: 'Longville' } })).id as string;
    const ids: string[] = [];
    for (let k = 0; k < 70; k++) ids.push(ok(call(rt, 'createContact', { contact: { first_name: `Many${k}`, last_name: 'Patched' } })).id);
    // Someone before it whose name is another contact's id, written in the hits field as the id is.
    const mimic = ids[0];
    ok(call(rt, 'updateContact', { id: mimic, patch: { first_name: ids[3], last_name: 'Mimic' } }));
    ok(call(rt, 'refreshSearchIndex', {}));
    const same = (input: SearchInput) => fromFreshIndex(rt, input);
    ok(call(rt, 'updateContact', { id: ids[3], patch: { city: 'Tavira' } }));
    expect(same({ text: 'tavira' }).items.map((h: any) => h.id)).toEqual([ids[3]]);
    expect(same({ text: 'mimic' }).items.map((h: any) => h.id)).toEqual([mimic]);
    // More patched contacts than are looked for one by one: the lines are split instead, same answers.
    for (let k = 10; k < 70; k++) ok(call(rt, 'updateContact', { id: ids[k], patch: { city: `Town${k}` } }));
    for (const input of [{ text: 'town42' }, { text: 'patched', limit: 100 }, { text: 'tavira' }, {}]) same(input);
    // A line too long for one patch cell: the index goes stale (the scan answers) until rebuilt.
    ok(call(rt, 'updateContact', { id: long, patch: { city: 'Shortville' } }));
    expect(searched(rt, { text: 'shortville' }).page).toEqual({ ...scanned(rt, { text: 'shortville' }), stale_index: true });
    rt.clock.advance(REBUILD_EVERY_MS);
    ok(call(rt, 'refreshSearchIndex', {}));
    expect(same({ text: 'shortville' }).items.map((h: any) => h.id)).toEqual([long]);
  });

  it('is left stale, never patched, by a write too big for a patch or after a hand edit', () => {
    const { rt } = small();
    const csv = ['first_name,last_name', ...Array.from({ length: 250 }, (_, k) => `Many${k},Rows`)].join('\n');
    ok(call(rt, 'importFile', { file_name: 'many.csv', content_base64: b64(csv), mode: 'skip' }));
    expect(searched(rt, { text: 'rows' }).page).toMatchObject({ total: 250, stale_index: true });
    rt.clock.advance(REBUILD_EVERY_MS);
    ok(call(rt, 'refreshSearchIndex', {}));
    expect(searched(rt, { text: 'rows' }).page.stale_index).toBeUndefined();
    // Edited by hand: stale. A write through the CRM after it must not make it look fresh.
    const sheet = rt.grid.sheets.get('Contacts')!;
    sheet[1][(sheet[0] as string[]).indexOf('last_name')] = 'Ribeiro';
    handEdited(rt);
    ok(call(rt, 'updateContact', { id: String(sheet[2][(sheet[0] as string[]).indexOf('id')]), patch: { city: 'Faro' } }));
    const page = searched(rt, { text: 'ribeiro' }).page;
    expect(page.stale_index).toBe(true);
    expect(names(page)).toEqual(['Ana Ribeiro']);
  });

  it('sees a hand edit once onEdit has marked it stale, and never uses a stale index', () => {
    const { rt } = small();
    const sheet = rt.grid.sheets.get('Contacts')!;
    const header = sheet[0] as string[];
    sheet[1][header.indexOf('last_name')] = 'Ribeiro';
    handEdited(rt);
    const first = searched(rt, { text: 'ribeiro' });
    expect(names(first.page)).toEqual(['Ana Ribeiro']);
    expect(first.page.stale_index).toBe(true);
    // The index was built a moment ago: hand edits get at most one rebuild every few minutes, and
    // the search scans meanwhile.
    expect(ok(call(rt, 'refreshSearchIndex', {}))).toMatchObject({ written: false, retry_in_s: 180 });
    expect(searched(rt, { text: 'ribeiro' }).page.stale_index).toBe(true);
    rt.clock.advance(REBUILD_EVERY_MS);
    expect(ok(call(rt, 'refreshSearchIndex', {}))).toMatchObject({ written: true });
    expect(searched(rt, { text: 'ribeiro' }).calls).toBe(1);

    // A row deleted by hand, and the index not rebuilt yet (someone holds the lock): it is not used,
    // every search scans, and nothing is written by a search.
    sheet.splice(2, 1);
    handEdited(rt);
    rt.lock.busy = true;
    expect(call(rt, 'refreshSearchIndex', {})).toMatchObject({ ok: false, error: { code: 'busy' } });
    for (let k = 0; k < 2; k++) {
      const after = searched(rt, {});
      expect(after.page).toEqual({ ...scanned(rt, {}), stale_index: true });
      expect(after.page.items.map((h: any) => [h.name, h.row])).toEqual([
        ['Carla Dias', 3],
        ['Ana Ribeiro', 2],
      ]);
      // The second time with the cache warm again (onEdit emptied it): the four tables, no write.
      if (k === 1) expect(after.calls).toBe(4);
    }
    rt.lock.busy = false;
  });

  it('is not used when its sheet was changed by hand without onEdit (a line removed)', () => {
    const { rt } = small();
    const rows = rt.grid.sheets.get(SEARCH_INDEX_SHEET)!;
    const textRow = rows.find((r) => r[1] === 'text')!;
    textRow[2] = String(textRow[2]).split('\n').slice(1).join('\n');
    expect(searched(rt, { text: 'carla' }).page).toEqual({ ...scanned(rt, { text: 'carla' }), stale_index: true });
    // …and the rebuild the sidebar asks for (a few minutes after the last) then replaces it.
    rt.clock.advance(REBUILD_EVERY_MS);
    expect(ok(call(rt, 'refreshSearchIndex', {}))).toMatchObject({ written: true });
    expect(searched(rt, { text: 'carla' }).calls).toBe(1);
  });

  it('keeps each cell under the limit and gives hostile values back exactly as typed', () => {
    const rt = setUpRuntime();
    const hostile = ['=1+1', 'tab\there', 'line\nbreak\r\nend', 'back\\slash \\n \\t', 'pipe|and\u001funit', '😀 emoji 👍🏽', '+33 6 12 34 56 78', '"quoted", \'single\'', '@SUM(A1)', '   spaced   '];
    const long = 'Ω'.repeat(40000) + '😀'.repeat(4000);
    const ids: string[] = [];
    for (let k = 0; k < hostile.length; k++) {
      const value = hostile[k];
      // A phone must be a number: the hostile texts go in the phone only when they are one.
      const phone = PHONE_LIKE.test(value) ? value : '';
      ids.push(ok(call(rt, 'createContact', { contact: { first_name: value, last_name: `Hostile${k}`, email: `h${k}@example.org`, city: value, organisation_name: value, phone } })).id);
    }
    ids.push(ok(call(rt, 'createContact', { contact: { first_name: long, last_name: 'Long', job_title: long, city: 'Longville' } })).id);
    ok(call(rt, 'addTag', { contact_id: ids[0], name: 'tag\twith\nbreaks|\\' }));
    ok(call(rt, 'refreshSearchIndex', {}));
    for (const row of rt.grid.sheets.get(SEARCH_INDEX_SHEET)!) for (const cell of row) expect(String(cell).length).toBeLessThanOrEqual(Math.min(INDEX_CELL_CHARS, MAX_CELL_CHARS));

    for (let k = 0; k < hostile.length; k++) {
      const { page, calls } = searched(rt, { text: `hostile${k}` });
      expect(calls).toBe(1);
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({ id: ids[k], name: `${hostile[k]} Hostile${k}`.trim(), city: hostile[k], organisation: hostile[k], phone: PHONE_LIKE.test(hostile[k]) ? hostile[k] : '' });
      expect(page).toEqual(scanned(rt, { text: `hostile${k}` }));
    }
    const tagName = String(rowsOf(rt, 'Tags')[0].name);
    expect(tagName).toContain('|\\');
    expect(searched(rt, { text: 'hostile0' }).page.items[0].tags).toEqual([tagName]);
    const longHit = searched(rt, { text: 'longville' }).page.items[0];
    expect(longHit.name).toBe(`${long} Long`);
    // A word at the very end of the long name, far past one cell, is found; so is a phone however typed.
    for (const input of [{ text: 'ω😀 long' }, { text: '0612345678' }, { text: 'break end' }, { text: 'unit' }, { text: 'with' }, { text: 'line break' }, {}])
      expect(searched(rt, input).page).toEqual(scanned(rt, input));
    expect(names(searched(rt, { text: 'ω😀 long' }).page)).toEqual([`${long} Long`]);
  });

  it('is rebuilt by the nightly job, after every step that may write contacts', () => {
    const rt = setUpRuntime();
    ok(call(rt, 'createContact', { contact: { first_name: 'Nina' } }));
    expect(NIGHTLY_ACTIONS[NIGHTLY_ACTIONS.length - 1]).toBe('refreshSearchIndex');
    expect(ok(call(rt, 'refreshSearchIndex', {}))).toMatchObject({ contacts: 1, written: true });
    const header = rt.grid.sheets.get(SEARCH_INDEX_SHEET)![0];
    expect(String(header[0])).toMatch(/rebuilt by the CRM/);
    expect(searched(rt, { text: 'nina' })).toMatchObject({ calls: 1, page: { total: 1 } });
    // Nothing audited: it is derived data.
    expect(rowsOf(rt, 'AuditLog').filter((r) => String(r.action).includes('index'))).toEqual([]);
  });
});

describe('onEdit and onSheetChange in Apps Script (dist/Code.js under gas-local)', () => {
  it('makes the index stale when a person edits Contacts by hand', () => {
    const { join } = require('node:path');
    const vm = require('node:vm');
    const gas = require('gas-local');
    const { createAppsScriptFakes } = require('../fakes');
    const dist = join(__dirname, '..', '..', 'dist');
    const fakes = createAppsScriptFakes({ sheets: ['Sheet1'], user: 'admin@example.org' });
    projectFiles(fakes.html, dist);
    const script = gas.require(dist, fakes.globals);
    fakes.setRealm(vm.runInContext('({ Date: Date, Error: Error })', script));
    script.runSetUp();
    script.createContact({ contact: { first_name: 'Ana', last_name: 'Reis' } });
    expect(script.searchContacts({ text: 'reis' }).data).toMatchObject({ total: 1, stale_index: true }); // scans
    expect(script.refreshSearchIndex({}).data).toMatchObject({ written: true }); // what the sidebar asks next
    const sheet = fakes.spreadsheet.getSheetByName('Contacts')!;
    const header = fakes.spreadsheet.__dump('Contacts')[0] as string[];
    const cell = sheet.getRange(2, header.indexOf('last_name') + 1);
    cell.setValue('Ribeiro');
    expect(script.searchContacts({ text: 'ribeiro' }).data.total).toBe(0); // no onEdit yet: the index
    script.onEdit({ range: cell });
    expect(script.searchContacts({ text: 'ribeiro' }).data.items.map((h: any) => h.name)).toEqual(['Ana Ribeiro']);
  });

  it('makes the index stale when a person deletes a row by hand (the onChange trigger Set up makes)', () => {
    const { join } = require('node:path');
    const vm = require('node:vm');
    const gas = require('gas-local');
    const { createAppsScriptFakes } = require('../fakes');
    const dist = join(__dirname, '..', '..', 'dist');
    const fakes = createAppsScriptFakes({ sheets: ['Sheet1'], user: 'admin@example.org' });
    projectFiles(fakes.html, dist);
    const script = gas.require(dist, fakes.globals);
    fakes.setRealm(vm.runInContext('({ Date: Date, Error: Error })', script));
    script.runSetUp();
    expect(fakes.triggers.filter((t: any) => t.functionName === 'onSheetChange').map((t: any) => t.eventType)).toEqual(['ON_CHANGE']);
    script.runSetUp(); // made once
    expect(fakes.triggers.filter((t: any) => t.functionName === 'onSheetChange')).toHaveLength(1);
    for (const last_name of ['Reis', 'Costa']) script.createContact({ contact: { first_name: 'Ana', last_name } });
    script.searchContacts({ text: 'ana' });
    expect(script.refreshSearchIndex({}).data).toMatchObject({ written: true });
    expect(script.searchContacts({ text: 'ana' }).data).toMatchObject({ total: 2 });
    fakes.spreadsheet.getSheetByName('Contacts')!.deleteRows(2, 1);
    script.onSheetChange({ changeType: 'FORMAT' }); // a format change says nothing of rows
    expect(script.searchContacts({ text: 'ana' }).data.stale_index).toBeUndefined();
    script.onSheetChange({ changeType: 'REMOVE_ROW' });
    const after = script.searchContacts({ text: 'ana' }).data;
    expect(after).toMatchObject({ total: 1, stale_index: true });
    expect(after.items.map((h: any) => [h.name, h.row])).toEqual([['Ana Costa', 2]]);
  });
});

describe('Search on a sheet', () => {
  it('reads each table it needs once, and only the search index once it is built', () => {
    const rt = setUpRuntime();
    ok(call(rt, 'createContact', { contact: { first_name: 'Ana' } }));
    rt.grid.resetCounters();
    expect(ok(call(rt, 'searchContacts', { text: 'ana' })).stale_index).toBe(true);
    // After a write: Tags and Contacts read, then the memberships and tags of the one contact found
    // (each table's header, and a find: no rows), staff, settings and sheet names being cached; nothing
    // written: the sidebar then asks for the index in a call of its own.
    expect(rt.grid.calls).toBe(6);
    ok(call(rt, 'refreshSearchIndex', {}));
    rt.grid.resetCounters();
    expect(ok(call(rt, 'searchContacts', { text: 'ana' })).items.map((i: { name: string }) => i.name)).toEqual(['Ana']);
    expect(rt.grid.calls).toBe(1);
  });
});
