import { Postgres } from '../../src/node/postgres';
import { SqlLock } from '../../src/node/database-runtime';
import { DatabaseCrm } from '../../src/node/database-crm';
import { TABLES, Contacts, Donations } from '../../src/core/schema/tables';
import { migrationNames, migrateDatabase, pendingMigrations } from '../../src/store/sql/migrate';
import { sqlTable } from '../../src/store/sql/sql-types';
import { Workbook } from '../../src/store/workbook';
import { memoryRuntime } from '../../src/memory/services';
import { callAction } from '../../src/api/call';
import { addColumn, ok, refused, rowsOf } from '../support/crm';
import { testDatabase } from '../support/database';
import { moveToDatabase } from '../../src/services/database/move-to-database';
import { FixedClock } from '../../src/memory/services';
import { MemoryGrid } from '../../src/memory/grid';
import { SqlTable } from '../../src/store/sql/sql-table';
import { UserError } from '../../src/store/errors';
import { userMessage } from '../../src/api/call';

/** A CRM in memory whose big tables are in a fresh database of the test server. */
function onDatabase() {
  const rt = memoryRuntime();
  rt.database = testDatabase();
  ok(callAction(rt, 'setUp', {}));
  return rt;
}

const call = (rt: ReturnType<typeof onDatabase>, name: string, input: unknown = {}) => callAction(rt, name, input);

describe('The database', () => {
  it('has, once migrated, a table for every CRM table and a column for every field, typed', () => {
    const { sql } = testDatabase();
    expect(pendingMigrations(sql)).toEqual([]);
    const columns = sql.query(`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'`);
    for (const def of TABLES) {
      const have = new Map(columns.filter((c) => c.table_name === sqlTable(def.name)).map((c) => [String(c.column_name), String(c.data_type)]));
      for (const name of Object.keys(def.columns)) expect([def.name, name, have.has(name)]).toEqual([def.name, name, true]);
      expect(have.get('custom')).toBe('jsonb');
    }
    const types = new Map(columns.filter((c) => c.table_name === 'donations').map((c) => [c.column_name, c.data_type]));
    expect(types.get('amount')).toBe('numeric');
    expect(types.get('date')).toBe('date');
    expect(types.get('recurring')).toBe('boolean');
    // Applying again changes nothing.
    expect(migrateDatabase(sql)).toEqual([]);
    expect(Number(sql.query('SELECT count(*) AS n FROM crm_migrations')[0].n)).toBe(migrationNames().length);
  });

  it('reads back exactly what was typed: formulas, leading zeros, quotes, accents, long text, amounts to the cent', () => {
    const rt = onDatabase();
    const hostile = ['=HYPERLINK("http://evil")', '00123', "'quoted", '+33 6 12 34 56 78', 'Zoë Ñúñez 😀', 'TRUE', '1/2', 'x'.repeat(40000), "Robert'); DROP TABLE contacts;--"];
    const ids = hostile.map((text) => ok(call(rt, 'createContact', { contact: { first_name: text, last_name: 'Test', city: text } })).id as string);
    const card = (id: string) => ok(call(rt, 'getContactCard', { id }));
    hostile.forEach((text, k) => expect([card(ids[k]).contact.first_name, card(ids[k]).contact.city]).toEqual([text, text]));
    ok(call(rt, 'recordGift', { contact_id: ids[0], amount: 12.3, date: '2026-11-01' }));
    const row = rt.database!.sql.query('SELECT amount::text AS amount, "date"::text AS day FROM donations')[0];
    expect(row).toEqual({ amount: '12.3', day: '2026-11-01' });
    expect(card(ids[0]).donations.last).toMatchObject({ amount: 12.3, date: '2026-11-01' });
  });

  it('writes a change and its audit row in one transaction: a change refused while writing leaves neither', () => {
    const rt = onDatabase();
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', last_name: 'Lima' } })).id as string;
    const audits = () => Number(rt.database!.sql.query('SELECT count(*) AS n FROM audit_log')[0].n);
    const before = audits();
    // Someone else deletes the contact between this execution's read and its write.
    const wb = new Workbook(rt, rt.clock, 'admin@example.org');
    wb.table(Contacts).update(id, { city: 'Porto' });
    wb.table(Donations).insert([{ contact_id: id, amount: 10, date: '2026-11-01' }]);
    rt.database!.sql.query('DELETE FROM contacts WHERE id = $1', [id]);
    expect(() => wb.commit('test')).toThrow(/not_found/);
    expect(audits()).toBe(before);
    expect(Number(rt.database!.sql.query('SELECT count(*) AS n FROM donations')[0].n)).toBe(0);
  });

  it('keeps the columns an import adds as custom columns, searchable and on the card', () => {
    const rt = onDatabase();
    const csv = 'Email,First Name,T-shirt size,constructor\nana@example.org,Ana,XL,yes\n';
    ok(call(rt, 'importFile', { file_name: 'list.csv', content_base64: Buffer.from(csv).toString('base64'), mode: 'skip' }));
    const [hit] = ok(call(rt, 'searchContacts', { text: 'XL' })).items;
    expect(hit.name).toBe('Ana');
    expect(ok(call(rt, 'getContactCard', { id: hit.id })).contact.custom).toMatchObject({ 'T-shirt size': 'XL', constructor: 'yes' });
    expect(rt.database!.sql.query('SELECT custom FROM contacts')[0].custom).toEqual({ 'T-shirt size': 'XL', constructor: 'yes' });
    // An import of the next file adds its own column in the same execution as it reads the others'.
    const more = 'Email,Chapter\nbo@example.org,Nord\n';
    ok(call(rt, 'importFile', { file_name: 'more.csv', content_base64: Buffer.from(more).toString('base64'), mode: 'skip' }));
    expect(ok(call(rt, 'searchContacts', { text: 'nord' })).items.map((h: { email: string }) => h.email)).toEqual(['bo@example.org']);
    // Each table's custom columns come from one read per call, however many tables the card reads.
    const { sql } = rt.database!;
    const query = sql.query.bind(sql);
    const asked: string[] = [];
    sql.query = (text, params) => (asked.push(text), query(text, params));
    expect(ok(call(rt, 'getContactCard', { id: hit.id })).contact.custom).toMatchObject({ 'T-shirt size': 'XL', constructor: 'yes', Chapter: '' });
    expect(asked.filter((text) => text.includes('crm_custom_columns'))).toHaveLength(1);
  });

  it('refuses a viewer’s change and an invalid value as on a sheet, in the person’s language', () => {
    const rt = onDatabase();
    expect(refused(callAction(rt, 'createContact', { contact: { first_name: 'A', email: 'not an email' } }, 'fr')).message).toMatch(/e-mail|adresse/i);
    expect(Number(rt.database!.sql.query('SELECT count(*) AS n FROM contacts')[0].n)).toBe(0);
  });

  it('keeps the values of a column people added to Scores with their rows when the nightly rewrites it', () => {
    const rt = onDatabase();
    const ana = ok(call(rt, 'createContact', { contact: { first_name: 'Ana' } })).id as string;
    const ben = ok(call(rt, 'createContact', { contact: { first_name: 'Ben' } })).id as string;
    for (const id of [ana, ben]) ok(call(rt, 'recordGift', { contact_id: id, amount: 50, date: '2026-10-01' }));
    ok(call(rt, 'refreshScores', {}));
    const scores = () => rowsOf(rt, 'Scores');
    const anaRow = String(scores().find((r) => r.contact_id === ana)!.id);
    addColumn(rt, 'Scores', 'Note', { [anaRow]: 'call in spring' });
    rt.clock.advance(86_400_000);
    ok(call(rt, 'refreshScores', {}));
    expect(scores().map((r) => [r.contact_id, r.Note, r.recency_days])).toEqual([
      [ana, 'call in spring', 53],
      [ben, '', 53],
    ]);
    expect(rowsOf(rt, 'AuditLog').filter((r) => r.table === 'Scores')).toHaveLength(2);
  });

  it('counts what an execution added and removed before writing it, and finds rows by any column once the table is read', () => {
    const rt = onDatabase();
    const ana = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', city: 'Porto' } })).id as string;
    const wb = new Workbook(rt, rt.clock, 'admin@example.org');
    const contacts = wb.table(Contacts);
    const [temp] = contacts.insert([{ kind: 'person', first_name: 'Temp' }]);
    contacts.remove([temp.id]);
    contacts.remove([ana]);
    expect(contacts.count()).toBe(0);
    const other = new Workbook(rt, rt.clock, 'admin@example.org').table(Contacts);
    other.scan();
    expect(other.where('city', 'Porto').map((c) => c.id)).toEqual([ana]);
    expect(other.where('no such column', 'Porto')).toEqual([]);
  });

  it('gives one process the lock at a time', () => {
    const db = testDatabase();
    const other = new Postgres(db.url);
    try {
      const mine = new SqlLock(db.sql, () => undefined);
      const theirs = new SqlLock(other, () => undefined);
      expect(mine.tryAcquire(0)).toBe(true);
      expect(mine.tryAcquire(0)).toBe(true); // re-entrant
      expect(theirs.tryAcquire(0)).toBe(false);
      mine.release();
      expect(theirs.tryAcquire(0)).toBe(false);
      mine.release();
      expect(theirs.tryAcquire(0)).toBe(true);
      theirs.release();
    } finally {
      other.close();
    }
  });

  it('shares one CRM between processes: staff added by one is let in by the other at once', async () => {
    const db = testDatabase();
    const admin = DatabaseCrm.open(db.url, 'admin@example.org', { setUp: true, locale: 'en' });
    const server = DatabaseCrm.open(db.url, 'ed@example.org', { locale: 'en' });
    try {
      ok(await admin.call('setUp', {}));
      // The other process reads Staff (and caches it) before the editor exists.
      expect((await server.call('searchContacts', { text: '' })).ok).toBe(false);
      ok(await admin.call('addStaff', { email: 'ed@example.org', role: 'editor' }));
      const made = ok(await server.call('createContact', { contact: { first_name: 'Ana' } }));
      expect(ok(await admin.call('getContactCard', { id: made.id })).contact.first_name).toBe('Ana');
    } finally {
      await admin.close();
      await server.close();
    }
  });

  it('says which statement it refused and why', () => {
    const { sql } = testDatabase();
    expect(() => sql.query('SELECT * FROM no_such_table')).toThrow(/no_such_table/);
    expect(sql.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('runs statements without JIT compilation (at a million contacts it cost a segment’s count a second)', () => {
    expect(testDatabase().sql.query('SHOW jit')).toEqual([{ jit: 'off' }]);
  });

  it('puts back the settings the dashboard plans with, in a transaction that goes on after it (the nightly run’s)', () => {
    const rt = onDatabase();
    const { sql } = rt.database!;
    const settings = () => sql.query(`SELECT current_setting('work_mem') AS w, current_setting('enable_mergejoin') AS m, current_setting('max_parallel_workers_per_gather') AS p`)[0];
    const before = settings();
    const inside = sql.transaction(() => {
      expect(call(rt, 'dashboard').ok).toBe(true);
      return settings();
    });
    expect(inside).toEqual(before);
    expect(before.m).toBe('on');
  });
});

describe('Moving a workbook into the database', () => {
  it('stops between batches when its time is up, and goes on from there the next time, copying nothing twice', () => {
    const rt = memoryRuntime();
    ok(callAction(rt, 'setUp', {}));
    const wb = new Workbook(rt, rt.clock, 'admin@example.org');
    wb.table(Contacts).insert(Array.from({ length: 1200 }, (_, k) => ({ kind: 'person' as const, first_name: `P${k}` })));
    wb.commit('test');
    const db = testDatabase();
    const source = () => new Workbook({ grid: rt.grid }, new FixedClock(), 'admin@example.org');
    let checks = 0;
    // One batch of 500, then the time is up.
    const first = moveToDatabase(source(), db.sql, [Contacts], { deadline: 0, now: () => checks++ });
    expect(first).toEqual([expect.objectContaining({ table: 'Contacts', rows: 1200, added: 500, finished: false, checked: 0 })]);
    const rest = moveToDatabase(source(), db.sql, [Contacts]);
    expect(rest).toEqual([expect.objectContaining({ rows: 1200, added: 700, finished: true })]);
    expect(Number(db.sql.query('SELECT count(DISTINCT id) AS n FROM contacts')[0].n)).toBe(1200);
    expect(db.sql.query('SELECT first_name FROM contacts ORDER BY _seq LIMIT 1')[0].first_name).toBe('P0');
  });

  /** A workbook as people leave them: an amount typed as text, a date that is no date, a row without
   *  an id and a pasted copy of another row. */
  function handTypedWorkbook() {
    const rt = memoryRuntime();
    ok(callAction(rt, 'setUp', {}));
    const ana = ok(callAction(rt, 'createContact', { contact: { first_name: 'Ana', last_name: 'Lima', postal_code: '01234' } })).id as string;
    ok(callAction(rt, 'recordGift', { contact_id: ana, amount: 50, date: '2026-10-01' }));
    const gifts = rt.grid.sheets.get('Donations')!;
    const h = gifts[0] as string[];
    const row = (values: Record<string, string | number>) => h.map((c) => values[c] ?? '');
    gifts.push(row({ id: 'don_typed', contact_id: ana, amount: 'fifty', date: '2026-02-30' }));
    gifts.push(row({ id: '', contact_id: ana, amount: 5.005, date: '2026-03-01' }));
    gifts.push([...gifts[1]]);
    return rt;
  }

  it('copies every row, keeps what a typed column cannot hold as typed, gives ids, and adds nothing the second time', () => {
    const rt = handTypedWorkbook();
    const db = testDatabase();
    migrateDatabase(db.sql);
    const source = () => new Workbook({ grid: rt.grid }, new FixedClock(), 'admin@example.org');
    const first = moveToDatabase(source(), db.sql);
    const gifts = first.find((t) => t.table === 'Donations')!;
    expect(gifts).toMatchObject({ rows: 4, added: 4, keptAsTyped: 2, idsGiven: 2 });
    const stored = db.sql.query(`SELECT id, amount::text AS amount, "date"::text AS date, custom FROM donations ORDER BY _seq`);
    expect(stored[1]).toEqual({ id: 'don_typed', amount: null, date: null, custom: { 'amount (as typed)': 'fifty', 'date (as typed)': '2026-02-30' } });
    expect(stored).toHaveLength(4);
    // An amount typed by hand to the tenth of a cent stays what was typed.
    expect(stored[2]).toMatchObject({ amount: '5.005', date: '2026-03-01' });
    expect(db.sql.query('SELECT postal_code FROM contacts')[0].postal_code).toBe('01234');
    const second = moveToDatabase(source(), db.sql);
    expect(second.every((t) => t.added === 0)).toBe(true);
    expect(Number(db.sql.query('SELECT count(*) AS n FROM donations')[0].n)).toBe(4);
    // The CRM on the database reads what was moved.
    const moved = memoryRuntime();
    moved.grid = new MemoryGrid();
    moved.database = { ...db, tables: new Set(TABLES.map((t) => t.name)) };
    const [hit] = ok(callAction(moved, 'searchContacts', { text: 'lima' })).items;
    expect(ok(callAction(moved, 'getContactCard', { id: hit.id })).donations).toMatchObject({ count: 4, totals: [{ currency: 'EUR', total: 105.01, count: 3 }] });
  });
  it('stops when a row reads back differently, says which row and column in the person’s language', () => {
    const rt = handTypedWorkbook();
    const db = testDatabase();
    migrateDatabase(db.sql);
    const source = () => new Workbook({ grid: rt.grid }, new FixedClock(), 'admin@example.org');
    // A database that gives back another first name than the one copied (what the check is there for).
    const real = SqlTable.prototype.get;
    const spy = jest.spyOn(SqlTable.prototype, 'get').mockImplementation(function (this: SqlTable, id: string) {
      const row = real.call(this, id);
      return row && row.first_name === 'Ana' ? { ...row, first_name: 'Anna' } : row;
    });
    try {
      let error: unknown;
      try {
        moveToDatabase(source(), db.sql, [Contacts]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect(userMessage('fr', error as UserError)).toMatch(/^Contacts con_\w+ : « first_name » se relit dans la base comme "Anna", et non "Ana" comme sur la feuille\./);
      expect(userMessage('en', error as UserError)).toContain('reads back from the database as "Anna", not "Ana"');
    } finally {
      spy.mockRestore();
    }
    // Run again with a faithful database: it goes through.
    expect(moveToDatabase(source(), db.sql, [Contacts])).toEqual([expect.objectContaining({ table: 'Contacts', finished: true })]);
  });
});
