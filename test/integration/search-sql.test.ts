import { callAction } from '../../src/api/call';
import { memoryRuntime, type MemoryRuntime } from '../../src/memory/services';
import { Workbook } from '../../src/store/workbook';
import { addDemoData, seededRandom } from '../../src/services/demo-data';
import { planSearch, scanContacts, searchContacts, searchesInDatabase, tagNamesById, MAX_LIMIT } from '../../src/services/search/search';
import { searchPageInDatabase } from '../../src/services/search/search-sql';
import { settingsOf } from '../../src/services/today';
import { Contacts, Memberships } from '../../src/core/schema/tables';
import type { SearchInput } from '../../src/services/views';
import { addColumn, ok, typeRow } from '../support/crm';
import { testDatabase } from '../support/database';

/** The search the database runs (search-sql.ts) finds, ranks, counts and pages exactly as the scan of
 *  the cells does, on the demo CRM and contacts typed by hand at the edges: accents and case, a word
 *  only in a tag's name or a custom column, phones however written, organisations, LIKE's own
 *  characters, deleted and merged contacts. */

/** A CRM on a database with `size` demo contacts, and a way to type a person by hand. */
function demoCrm(size: number, seed: number) {
  const rt = memoryRuntime();
  rt.database = testDatabase();
  ok(callAction(rt, 'setUp', {}));
  const wb = new Workbook(rt, rt.clock, 'admin@example.org');
  addDemoData(wb, size, seededRandom(seed));
  wb.commit('demo');
  return { rt, person: (id: string, cells: Record<string, string | boolean>) => typeRow(rt, 'Contacts', { id, kind: 'person', ...cells }) };
}

function crm(): MemoryRuntime {
  const { rt, person } = demoCrm(150, 5);
  person('c_zoe', { first_name: 'Zoë', last_name: "D'Arcy-Lima", city: 'São Paulo', phone: '+33 6 12 34 56 78', lifecycle_override: 'Other' });
  person('c_zoe2', { first_name: 'ZOE', last_name: 'Lima', mobile: '06.12.34.99.00', email: 'zoe_100%@example.org' });
  person('c_digits', { first_name: 'Numbers', last_name: 'Aaa', email: '0612349900@example.org' });
  person('c_org', { kind: 'organisation', organisation_name: 'Lima & Filhos', city: 'Lisboa' });
  person('c_gone', { first_name: 'Zoe', last_name: 'Gone', deleted: true });
  person('c_merged', { first_name: 'Zoe', last_name: 'Merged', merged_into: 'c_zoe' });
  typeRow(rt, 'Memberships', { id: 'm_zoe', contact_id: 'c_zoe2', start_date: '2026-01-01', end_date: '2026-12-31' });
  typeRow(rt, 'Tags', { id: 'tag_cafe', name: 'Café crème' });
  typeRow(rt, 'ContactTags', { id: 'ct1', contact_id: 'c_zoe', tag_id: 'tag_cafe' });
  addColumn(rt, 'Contacts', 'Chapter', { c_org: 'Nord-Est', c_zoe2: 'nord' });
  return rt;
}

/** [what the database answers, what the scan answers], each hit without its sheet row; then the ids
 *  of the database's page when every rank of more than `gathered` contacts is walked in name order. */
function bothWays(rt: MemoryRuntime, input: SearchInput, gathered?: number) {
  rt.cache.clear();
  const wb = new Workbook(rt, rt.clock, 'admin@example.org');
  expect(searchesInDatabase(wb)).toBe(true);
  const inDb = searchContacts(wb, input);
  const scanned = new Workbook(rt, rt.clock, 'admin@example.org');
  const plan = planSearch(input, tagNamesById(scanned), settingsOf(scanned).defaultCountry, MAX_LIMIT);
  const bare = (page: ReturnType<typeof searchContacts>) => ({ total: page.total, more: page.more, offset: page.offset, items: page.items.map(({ row: _row, ...hit }) => hit) });
  const walked = searchPageInDatabase(new Workbook(rt, rt.clock, 'admin@example.org'), plan, gathered).ids;
  return [bare(inDb), bare(scanContacts(scanned, plan)), walked] as const;
}

describe('Search on the database', () => {
  it("keeps each contact's name words, last name first, one space apart, whatever spaces, hyphens or apostrophes were typed", () => {
    const { rt, person } = demoCrm(20, 9);
    person('c_spaces', { first_name: 'Jean -\tPierre', last_name: "  O'Brien--Lé  " });
    typeRow(rt, 'Contacts', { id: 'c_assoc', kind: 'organisation', organisation_name: "Les  Amis d'Ici - Nord" });
    const sql = rt.database!.sql;
    const words = (id: string) => String(sql.query('SELECT "sort_words" FROM contacts WHERE "id" = $1', [id])[0].sort_words);
    expect([words('c_spaces'), words('c_assoc')]).toEqual(['o brien le jean pierre', 'les amis d ici nord']);
    // Every contact's, as migration 0008's index rewrote the sort key.
    expect(sql.query(`SELECT count(*)::int AS n FROM contacts WHERE "sort_words" IS DISTINCT FROM regexp_replace("sort_key", '[[:space:]''-]+', ' ', 'g')`)[0].n).toBe(0);
    expect(Number(sql.query('SELECT count(*) AS n FROM contacts')[0].n)).toBeGreaterThan(20);
  });

  it('finds, ranks and pages as the scan of the cells does', () => {
    const rt = crm();
    const names = new Workbook(rt, rt.clock, 'x')
      .table(Contacts)
      .all()
      .slice(0, 40)
      .flatMap((c) => [c.first_name, c.last_name.slice(0, 3), c.city.toUpperCase()])
      .filter(Boolean);
    const inputs: SearchInput[] = [
      {},
      { text: 'zoe' },
      { text: 'ZOË lima' },
      { text: "d'arcy" },
      { text: 'arcy-lima zoe' },
      { text: 'lima' },
      { text: 'sao paulo' },
      { text: 'cafe zoe' },
      { text: 'nord' },
      { text: 'nord-est' },
      { text: '100%' },
      { text: 'zoe_' },
      { text: '06 12 34 56 78' },
      { text: '0612349900' },
      { text: '+33612345678' },
      { text: '612 34' },
      { text: 'lima', members: 'members' },
      { text: 'lima', members: 'non_members' },
      { text: 'zoe', stage: 'other' },
      { text: 'zoe', tag: 'tag_cafe' },
      { text: 'a', limit: 7, offset: 3 },
      { text: 'e', offset: 20, limit: 200 },
      { members: 'members', limit: 200 },
      { text: 'no such person anywhere' },
      ...names.map((text) => ({ text })),
    ];
    const differing = inputs.map((input) => [input, ...bothWays(rt, input)]).filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b));
    expect(differing).toEqual([]);
    // Not an agreement on nothing: the hand-typed contacts are found, best first.
    const [zoe] = bothWays(rt, { text: 'zoe' });
    const found = zoe.items.map((h) => h.id);
    expect(found).toEqual(expect.arrayContaining(['c_zoe', 'c_zoe2']));
    expect(found).not.toContain('c_gone');
    expect(found).not.toContain('c_merged');
    expect(bothWays(rt, { text: '06 12 34 56 78' })[0].items.map((h) => h.id)).toContain('c_zoe');
    // A phone found by its digits ranks above the same digits found in an address.
    expect(bothWays(rt, { text: '0612349900' })[0].items.map((h) => h.id)).toEqual(['c_zoe2', 'c_digits']);
  });

  it('past a thousand matches, counts to a thousand and gives each page as the scan ranks it', () => {
    const { rt, person } = demoCrm(1300, 11);
    // Every rank among the many: the whole name, its start, a word of it, inside it, elsewhere.
    person('c_e', { first_name: 'E' });
    person('c_ea', { first_name: 'Ea', last_name: 'Zed' });
    person('c_word', { first_name: 'Zz', last_name: 'Du-Eb' });
    person('c_in', { first_name: 'Ze', last_name: 'Qe' });
    person('c_else', { first_name: 'Zzz', last_name: 'Qqq', city: 'Evry' });
    // A last name more than a thousand share (counted from the names' index alone), and first names six
    // hundred share, most with a last name that starts the same (each counted once: not more than a
    // thousand, so every match is counted).
    const wb = new Workbook(rt, rt.clock, 'admin@example.org');
    const firsts = ['Ana', 'Rui', 'Zoé', 'Inês', 'Quim', 'Bia'];
    wb.table(Contacts).insert(
      Array.from({ length: 1003 }, (_, k) => ({ kind: 'person', first_name: firsts[k % firsts.length], last_name: k % 2 ? 'Quintal' : 'Quintal-Sá', city: k % 3 ? 'Porto' : 'Évora' })),
    );
    // A city more than a thousand share, outside their names: its rank spreads over the name order.
    wb.table(Contacts).insert(Array.from({ length: 600 }, (_, k) => ({ kind: 'person', first_name: k % 2 ? 'Xeno' : 'Xenia', last_name: k % 5 ? 'Xenakis' : 'Lopes', city: 'Porto' })));
    wb.commit('test.names');
    const many = (text: string) => ({ text });
    const inputs: SearchInput[] = [
      {},
      many('e'),
      many('a'),
      { text: 'e', offset: 25, limit: 25 },
      { text: 'e', offset: 975, limit: 50 },
      { text: 'a', offset: 1100, limit: 200 },
      { text: 'e', members: 'non_members' },
      { text: 'an', limit: 200 },
      { text: 'o e', limit: 200 },
      { members: 'non_members', offset: 40 },
      many('quintal'),
      many('QUIN'),
      { text: 'quintal', offset: 990, limit: 50 },
      { text: 'quintal', members: 'non_members' },
      many('quintal ana'),
      many('quintal-sa'),
      many('xen'),
      many('xeno'),
      { text: 'xenakis', offset: 470 },
      many('porto'),
      { text: 'porto', offset: 30, limit: 40 },
      { text: 'porto', members: 'non_members' },
      many('porto xen'),
    ];
    // A rank of more than 4 contacts is walked in name order rather than gathered and sorted.
    const pages = inputs.map((input) => [input, ...bothWays(rt, input, 4)] as const);
    // After the night's statuses, members are looked up one by one in the stored rows.
    ok(callAction(rt, 'refreshStatuses', {}));
    for (const input of [{ text: 'e', members: 'members' }, { text: 'a', members: 'non_members', offset: 50 }, { members: 'members' }] as SearchInput[])
      pages.push([input, ...bothWays(rt, input, 4)] as const);
    // The database's count stops at a thousand and says so; its pages are the scan's.
    const differing = pages.filter(
      ([, inDb, scanned]) => JSON.stringify(inDb.items) !== JSON.stringify(scanned.items) || inDb.total !== Math.min(scanned.total, 1000) || !!inDb.more !== scanned.total > 1000,
    );
    expect(differing).toEqual([]);
    expect(pages.filter(([, , scanned, walked]) => JSON.stringify(walked) !== JSON.stringify(scanned.items.map((hit) => hit.id)))).toEqual([]);
    expect(pages.filter(([, inDb]) => inDb.more).length).toBeGreaterThanOrEqual(6);
    const [e] = bothWays(rt, { text: 'e', limit: 3 });
    expect(e).toMatchObject({ total: 1000, more: true });
    expect(e.items[0].id).toBe('c_e');
  });
  it('finds a later word of a name as the names change: renamed, deleted, restored, merged, removed', () => {
    const { rt, person } = demoCrm(40, 13);
    // More than a thousand matches, so that the page is taken rank by rank: "lobo" starts the last name
    // of some, a later word of others (Costa Lobo, a second first name), the first name of a few.
    const wb = new Workbook(rt, rt.clock, 'admin@example.org');
    const firsts = ['Ana', 'Rui', 'Zoé', 'Inês Lobo', 'Bia'];
    const family = wb.table(Contacts).insert(Array.from({ length: 1400 }, (_, k) => ({ kind: 'person', first_name: firsts[k % firsts.length], last_name: k % 3 ? 'Costa Lobo' : 'Lobo-Sá' })));
    // Some of them members: among members or not, the later word's list is filtered in name order.
    wb.table(Memberships).insert(family.filter((_, k) => k % 7 === 1 || k % 7 === 4).map((c) => ({ contact_id: c.id, start_date: '2026-01-01', end_date: '2026-12-31' })));
    wb.commit('test.names');
    person('c_first', { first_name: 'Lobato', last_name: 'Reis' });
    person('c_twice', { first_name: 'Lobinho Lobo', last_name: 'Abreu' });
    person('c_org', { kind: 'organisation', organisation_name: 'Amigos do Lobo' });
    person('c_renamed', { first_name: 'Aaron', last_name: 'Aa Lobo' });
    person('c_gone', { first_name: 'Aarão', last_name: 'Aa Lobo' });
    person('c_other', { first_name: 'Abel', last_name: 'Aa Lobo' });
    person('c_plain', { first_name: 'Abílio', last_name: 'Aa' });
    const pages = () =>
      [
        { text: 'lobo' },
        { text: 'lob', limit: 100 },
        { text: 'lobo', offset: 1000, limit: 100 },
        { text: 'lobinho' },
        { text: 'lobo', members: 'non_members' as const },
        { text: 'lobo', members: 'members' as const, limit: 50 },
      ].map((input) => [input, ...bothWays(rt, input), ...bothWays(rt, input, 4).slice(2)] as const);
    const agree = () => {
      const all = pages();
      expect(all.filter(([, inDb, scanned]) => JSON.stringify(inDb) !== JSON.stringify({ ...scanned, total: Math.min(scanned.total, 1000), more: scanned.total > 1000 || undefined }))).toEqual([]);
      expect(all.filter(([, , scanned, walked, walkedFew]) => JSON.stringify([walked, walkedFew]) !== JSON.stringify([scanned.items.map((h) => h.id), scanned.items.map((h) => h.id)]))).toEqual([]);
      return all[0][1].items.map((h) => h.id);
    };
    // The first page: the Aa Lobo family sorts first among those whose later word is "lobo".
    expect(agree().slice(0, 8)).toEqual(expect.arrayContaining(['c_renamed', 'c_gone', 'c_other', 'c_twice', 'c_org']));
    ok(callAction(rt, 'updateContact', { id: 'c_renamed', patch: { last_name: 'Aa Ramos' } }));
    ok(callAction(rt, 'updateContact', { id: 'c_plain', patch: { last_name: 'Aa Lobos' } }));
    ok(callAction(rt, 'deleteContact', { id: 'c_gone' }));
    let first = agree();
    expect(first).not.toContain('c_renamed');
    expect(first).not.toContain('c_gone');
    expect(first).toEqual(expect.arrayContaining(['c_other', 'c_plain']));
    ok(callAction(rt, 'restoreContact', { id: 'c_gone' }));
    ok(callAction(rt, 'mergeContacts', { keep: 'c_first', others: ['c_other'] }));
    first = agree();
    expect(first).toContain('c_gone');
    expect(first).not.toContain('c_other');
    // A row removed from the database by hand.
    rt.database!.sql.query('DELETE FROM contacts WHERE "id" = $1', ['c_twice']);
    expect(agree()).not.toContain('c_twice');
    // Emptied with the contacts (as a test's database is after each test).
    const sql = rt.database!.sql;
    expect(Number(sql.query('SELECT count(*) AS n FROM crm_name_words')[0].n)).toBeGreaterThan(1000);
    sql.query('TRUNCATE contacts');
    expect(Number(sql.query('SELECT count(*) AS n FROM crm_name_words')[0].n)).toBe(0);
  });
});
