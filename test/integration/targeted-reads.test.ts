/** Read only what an action needs: a contact's card, an edit or a new gift reads that contact's rows
 *  (found by the spreadsheet), never the whole tables, and gives the same answers as a whole read. */
import { ContactTags, Contacts, Donations, Interactions, Memberships, Relationships, RelationshipTypes } from '../../src/core/schema/tables';
import { getContactCard } from '../../src/services/record/contact-card';
import { Workbook } from '../../src/store/workbook';
import { SheetsGrid } from '../../src/gas/grid';
import { FixedClock, type MemoryRuntime } from '../../src/memory/services';
import { createAppsScriptFakes } from '../fakes';
import { call, ok, refused, rowsOf, setUpRuntime } from '../support/crm';

const BIG = ['Contacts', 'Memberships', 'Donations', 'Interactions', 'ContactTags', 'Relationships', 'SegmentMembers'];

/** 300 contacts, each with a membership, two gifts, a call and a tag; one relationship between #150
 *  and #151; two segments (dynamic and static) #150 is in. Returns the ids. */
function seeded(): { rt: MemoryRuntime; ids: string[] } {
  const rt = setUpRuntime();
  const wb = new Workbook(rt, rt.clock, 'admin@example.org');
  const people = wb.table(Contacts).insert(Array.from({ length: 300 }, (_, k) => ({ kind: 'person', first_name: `P${k}`, last_name: 'Seed', email: `p${k}@example.org` })));
  const ids = people.map((p) => p.id);
  wb.table(Memberships).insert(ids.map((contact_id) => ({ contact_id, level: 'standard', start_date: '2026-01-01', end_date: '2026-12-31', paid: true })));
  wb.table(Donations).insert(
    ids.flatMap((contact_id, k) => [
      { contact_id, date: '2026-03-01', amount: 10 + k, currency: 'EUR' },
      { contact_id, date: '2026-06-01', amount: 5, currency: 'EUR' },
    ]),
  );
  wb.table(Interactions).insert(ids.map((contact_id) => ({ contact_id, type: 'call', when: '2026-05-05T10:00:00Z', subject: 'Hello' })));
  wb.commit('test.seed');
  for (const id of ids) ok(call(rt, 'addTag', { contact_id: id, name: 'volunteer' }));
  const type = rowsOf(rt, RelationshipTypes.name).find((t) => t.category === 'family' || t.symmetric === 'TRUE' || t.symmetric === true)!;
  ok(call(rt, 'addRelationship', { contact_id: ids[150], other_id: ids[151], type_id: type.id, side: 'a' }));
  ok(call(rt, 'saveSegment', { name: 'Generous', kind: 'dynamic', query: 'donations.total>=160' }));
  const fixed = ok<{ id: string }>(call(rt, 'saveSegment', { name: 'Board', kind: 'static', query: '' }));
  ok(call(rt, 'addToSegment', { id: fixed.id, contacts: [ids[150]] }));
  return { rt, ids };
}

/** Records which sheets are read whole. */
function wholeReads(rt: MemoryRuntime): string[] {
  const read = rt.grid.read.bind(rt.grid);
  const seen: string[] = [];
  rt.grid.read = (sheet: string) => {
    seen.push(sheet);
    return read(sheet);
  };
  return seen;
}

describe('Opening a contact card', () => {
  it('reads that contact’s rows only, and shows what a whole read shows', () => {
    const { rt, ids } = seeded();
    const reads = wholeReads(rt);
    rt.grid.resetCounters();
    const card = ok(call(rt, 'getContactCard', { id: ids[150] }));
    expect(reads.filter((s) => BIG.includes(s))).toEqual([]);
    // 300 contacts with 5 linked rows each are about 30,000 cells: the card reads a few rows of each.
    expect(rt.grid.cellsRead).toBeLessThan(600);

    // The same card from tables read whole.
    const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    for (const def of [Contacts, Memberships, Donations, Interactions, ContactTags, Relationships]) wb.table(def).all();
    const whole = JSON.parse(JSON.stringify(getContactCard(wb, ids[150])));
    expect(card).toEqual({ ...whole, archive: false });
    expect(card.donations.count).toBe(2);
    expect(card.donations.total).toBe(165);
    expect(card.interactions).toHaveLength(1);
    expect(card.membership.level).toBe('standard');
    expect(card.tags.map((t: { name: string }) => t.name)).toEqual(['volunteer']);
    expect(card.relationships.map((r: { other_name: string }) => r.other_name)).toEqual(['P151 Seed']);
    // Set up's "New this week" holds every contact made in the last 7 days.
    expect(card.segments.map((s: { name: string }) => s.name).sort()).toEqual(['Board', 'Generous', 'New this week']);
    // A contact in neither segment.
    const other = ok(call(rt, 'getContactCard', { id: ids[3] }));
    expect(other.segments.map((s: { name: string }) => s.name)).toEqual(['New this week']);
  });

  it('never shows a row whose cell only looks like the id (another case, spaces): the finder may say more', () => {
    const { rt, ids } = seeded();
    // A gift typed by hand for the same id in lower case: Google's finder, told to match case, would
    // not find it; a finder that did (like Google without matchCase) must still not put it on the card.
    const sheet = rt.grid.sheets.get('Donations')!;
    const header = sheet[0] as string[];
    const row = header.map((h) => (h === 'id' ? 'don_HAND' : h === 'contact_id' ? ids[150].toLowerCase() : h === 'amount' ? 999 : h === 'date' ? '2026-07-01' : h === 'currency' ? 'EUR' : ''));
    sheet.push(row);
    const findRows = rt.grid.findRows.bind(rt.grid);
    rt.grid.findRows = (name, column, values, loose) => findRows(name, column, values, loose || name === 'Donations');
    const card = ok(call(rt, 'getContactCard', { id: ids[150] }));
    expect(card.donations.count).toBe(2);
  });
});

describe('Edits and additions before a table is read', () => {
  it('an edit reads and writes one row; a whole read later in the same execution keeps it', () => {
    const { rt, ids } = seeded();
    const reads = wholeReads(rt);
    ok(call(rt, 'updateContact', { id: ids[7], patch: { city: 'Lyon' } }));
    expect(reads).not.toContain('Contacts');

    const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    const contacts = wb.table(Contacts);
    contacts.update(ids[8], { city: 'Nantes' });
    expect(reads).not.toContain('Contacts');
    // Something later needs everyone: the edit is kept, once.
    expect(
      contacts
        .all()
        .filter((c) => c.city)
        .map((c) => c.city),
    ).toEqual(['Lyon', 'Nantes']);
    wb.commit('test.edit');
    expect(
      rowsOf(rt, 'Contacts')
        .filter((c) => c.city)
        .map((c) => [c.first_name, c.city]),
    ).toEqual([
      ['P7', 'Lyon'],
      ['P8', 'Nantes'],
    ]);
    expect(rowsOf(rt, 'Contacts')).toHaveLength(300);
  });

  it('a new gift or tag is appended after the last row without reading the table, and seen at once', () => {
    const { rt, ids } = seeded();
    const reads = wholeReads(rt);
    const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    const gifts = wb.table(Donations);
    const [gift] = gifts.insert([{ contact_id: ids[9], date: '2026-11-01', amount: 42, currency: 'EUR' }]);
    expect(gifts.get(gift.id)?.amount).toBe(42);
    expect(gifts.where('contact_id', ids[9]).map((g) => g.amount)).toEqual([19, 5, 42]);
    const edited = gifts.update(gift.id, { fund: 'Annual' });
    expect(edited.fund).toBe('Annual');
    wb.commit('test.gift');
    expect(reads).not.toContain('Donations');
    const sheet = rowsOf(rt, 'Donations');
    expect(sheet).toHaveLength(601);
    expect(sheet[600]).toMatchObject({ id: gift.id, amount: 42, fund: 'Annual' });
    // Through the sidebar's action too.
    ok(call(rt, 'addTag', { contact_id: ids[9], name: 'donor' }));
    expect(reads.filter((s) => ['ContactTags', 'Contacts'].includes(s))).toEqual([]);
    expect(
      ok(call(rt, 'getContactCard', { id: ids[9] }))
        .tags.map((t: { name: string }) => t.name)
        .sort(),
    ).toEqual(['donor', 'volunteer']);
  });

  it('records added aside, then the table read whole, are written once', () => {
    const { rt, ids } = seeded();
    const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    const gifts = wb.table(Donations);
    gifts.insert([{ contact_id: ids[1], date: '2026-11-02', amount: 7, currency: 'EUR' }]);
    expect(gifts.count()).toBe(601);
    gifts.insert([{ contact_id: ids[1], date: '2026-11-03', amount: 8, currency: 'EUR' }]);
    wb.commit('test.gifts');
    expect(
      rowsOf(rt, 'Donations')
        .slice(600)
        .map((g) => g.amount),
    ).toEqual([7, 8]);
  });

  it('a column moved by hand since the header was cached: the write is refused, nothing lands in the wrong column', () => {
    const { rt, ids } = seeded();
    ok(call(rt, 'updateContact', { id: ids[5], patch: { city: 'Lyon' } })); // caches the header
    // Someone swaps the city and email columns; the trigger that forgets the cache has not run yet.
    const sheet = rt.grid.sheets.get('Contacts')!;
    const header = sheet[0] as string[];
    const [a, b] = [header.indexOf('city'), header.indexOf('email')];
    for (const row of sheet) [row[a], row[b]] = [row[b], row[a]];
    const error = refused(call(rt, 'updateContact', { id: ids[6], patch: { city: 'Porto' } }));
    expect(error.code).toBe('moved');
    expect(rowsOf(rt, 'Contacts').find((c) => c.id === ids[6])).toMatchObject({ city: '', email: 'p6@example.org' });
    // The stale header was forgotten: trying again works, in the right column.
    ok(call(rt, 'updateContact', { id: ids[6], patch: { city: 'Porto' } }));
    expect(rowsOf(rt, 'Contacts').find((c) => c.id === ids[6])).toMatchObject({ city: 'Porto', email: 'p6@example.org' });
  });

  it('deletes a few rows where it found them, never reading the table, and refuses when rows moved in between', () => {
    const { rt, ids } = seeded();
    const reads = wholeReads(rt);
    const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    const calls = wb.table(Interactions);
    const [a] = calls.where('contact_id', ids[10]);
    const [b] = calls.where('contact_id', ids[200]);
    calls.remove([a.id, b.id]);
    wb.commit('test.delete');
    expect(reads).not.toContain('Interactions');
    const left = rowsOf(rt, 'Interactions');
    expect(left).toHaveLength(298);
    expect(left.map((r) => r.id)).not.toEqual(expect.arrayContaining([a.id]));
    expect(left.filter((r) => r.contact_id === ids[11] || r.contact_id === ids[201])).toHaveLength(2);

    // A row inserted by hand above, between the read and the write: nothing is deleted.
    const wb2 = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    const [c] = wb2.table(Interactions).where('contact_id', ids[50]);
    wb2.table(Interactions).remove([c.id]);
    const sheet = rt.grid.sheets.get('Interactions')!;
    sheet.splice(
      2,
      0,
      sheet[1].map((v, k) => (k === 0 ? 'int_BYHAND' : v)),
    );
    expect(() => wb2.commit('test.delete')).toThrow(expect.objectContaining({ code: 'moved' }));
    expect(rowsOf(rt, 'Interactions')).toHaveLength(299);
    expect(rowsOf(rt, 'Interactions').some((r) => r.id === c.id)).toBe(true);
  });

  it('many lookups, or rows too scattered, read the table whole once instead', () => {
    const { rt, ids } = seeded();
    const reads = wholeReads(rt);
    const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    const names = ids.slice(0, 20).map((id) => wb.table(Contacts).get(id)?.first_name);
    expect(names).toEqual(ids.slice(0, 20).map((_, k) => `P${k}`));
    expect(reads.filter((s) => s === 'Contacts')).toHaveLength(1);

    // One value on 300 rows far apart (every 300th row of a long sheet): one whole read.
    const wb2 = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    expect(wb2.table(Interactions).where('type', 'call')).toHaveLength(300);
    expect(reads.filter((s) => s === 'Interactions')).toHaveLength(0); // 300 rows in a row: one run
    const sheet = rt.grid.sheets.get('Interactions')!;
    const width = (sheet[0] as string[]).length;
    const filler = Array.from({ length: 299 * 250 }, (_, k) => Array.from({ length: width }, (_, c) => (c === 0 ? `int_F${k}` : '')));
    const spread: unknown[][] = [sheet[0]];
    sheet.slice(1).forEach((row, k) => spread.push(row, ...filler.slice(k * 250, k * 250 + 250)));
    rt.grid.sheets.set('Interactions', spread as never);
    const wb3 = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    expect(wb3.table(Interactions).where('type', 'call')).toHaveLength(300);
    expect(reads.filter((s) => s === 'Interactions')).toHaveLength(1);
  });
});

describe('Finding rows in Google (SheetsGrid over the Apps Script fakes)', () => {
  let restore: () => void;
  let fakes: ReturnType<typeof createAppsScriptFakes>;
  let grid: SheetsGrid;
  beforeEach(() => {
    fakes = createAppsScriptFakes();
    restore = fakes.install();
    grid = new SheetsGrid(fakes.spreadsheet as never, () => 'Europe/Paris');
    grid.createSheet('T', ['id', 'contact_id', 'name']);
    grid.append(
      'T',
      [
        ['t1', 'con_A', 'Société Générale'],
        ['t2', 'CON_A', 'SOCIETE GENERALE'],
        ['t3', 'con_A.b', 'x'],
        ['t4', 'con_AXb', 'y'],
        ['t5', 'con_A', 'z'],
        ['t6', 'a|b', 'w'],
      ],
      1,
    );
  });
  afterEach(() => restore());

  it('finds exactly the cells equal to the value, case included, in one call for several values', () => {
    fakes.counters.reset();
    expect(grid.findRows('T', 2, ['con_A'])).toEqual([2, 6]);
    expect(grid.findRows('T', 2, ['con_A.b', 'a|b', 'nobody'])).toEqual([4, 7]);
    expect(fakes.counters.byMethod.findAll).toBe(2);
    expect(fakes.counters.cellsRead).toBe(0); // the spreadsheet searched: nothing came back but rows
    expect(grid.findRows('T', 1, ['id'])).toEqual([]); // never the header
    expect(grid.findRows('T', 2, [])).toEqual([]);
  });

  it('finds a name whatever its accents and case when asked to be loose', () => {
    expect(grid.findRows('T', 3, ['société générale'], true)).toEqual([2, 3]);
    expect(grid.findRows('T', 3, ['société générale'])).toEqual([]);
  });

  it('runs a contact card through the Apps Script grid without reading whole tables', () => {
    const { rt, ids } = seeded();
    let cells = 0;
    for (const [name, rows] of rt.grid.sheets) {
      if (!fakes.spreadsheet.getSheetByName(name)) grid.createSheet(name, rows[0] as string[]);
      if (rows.length > 1) grid.append(name, rows.slice(1) as never, 1);
      cells += rows.length * (rows[0] as unknown[]).length;
    }
    const wb = new Workbook({ grid }, new FixedClock(new Date('2026-11-22T10:00:00Z')), 'admin@example.org');
    fakes.counters.reset();
    const card = getContactCard(wb, ids[150]);
    expect(card.donations.count).toBe(2);
    expect(card.relationships.map((r) => r.other_name)).toEqual(['P151 Seed']);
    expect(card.segments.map((s) => s.name).sort()).toEqual(['Board', 'Generous', 'New this week']);
    expect(fakes.counters.cellsRead).toBeLessThan(cells / 10);
  });
});
