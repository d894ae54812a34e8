import { callAction } from '../../src/api/call';
import { memoryRuntime, MemoryRuntime } from '../../src/memory/services';
import { TABLES, Staff, Contacts } from '../../src/core/schema/tables';
import { HOSTILE_TEXT } from '../support/hostile';
import { rowsOf } from '../support/crm';
import { Workbook } from '../../src/store/workbook';

function ok<T = any>(answer: ReturnType<typeof callAction>): T {
  if (!answer.ok) throw new Error(`expected success, got ${answer.error.code}: ${answer.error.message}`);
  return answer.data as T;
}

function setUpRuntime(user = 'admin@example.org'): MemoryRuntime {
  const rt = memoryRuntime(user);
  ok(callAction(rt, 'setUp', {}));
  return rt;
}

function addStaff(rt: MemoryRuntime, email: string, role: string) {
  const rows = rt.grid.sheets.get(Staff.name)!;
  const header = rows[0] as string[];
  const row = header.map((h) => (h === 'email' ? email : h === 'role' ? role : h === 'active' ? true : h === 'id' ? `stf_${email}` : ''));
  rows.push(row);
}

describe('Set up', () => {
  it('creates every table with its header and makes the first person admin', () => {
    const rt = memoryRuntime('Founder@Example.org');
    const report = ok(callAction(rt, 'setUp', {}));
    expect(report.tablesCreated).toEqual(TABLES.map((t) => t.name));
    expect(report.becameAdmin).toBe(true);
    for (const t of TABLES) expect(rt.grid.sheets.get(t.name)![0]).toEqual(Object.keys(t.columns));
    const staff = rt.grid.sheets.get('Staff')!;
    expect(staff[1][staff[0].indexOf('email')]).toBe('founder@example.org');
    expect(staff[1][staff[0].indexOf('role')]).toBe('admin');
    expect(ok(callAction(rt, 'bootstrap', {}))).toMatchObject({ role: 'admin', setUp: true });
  });

  it('is idempotent: a second run creates nothing and changes no data', () => {
    const rt = setUpRuntime();
    ok(callAction(rt, 'createContact', { contact: { first_name: 'Ana', email: 'ana@example.org' } }));
    const before = JSON.stringify([...rt.grid.sheets.entries()].filter(([n]) => n !== 'AuditLog'));
    const report = ok(callAction(rt, 'setUp', {}));
    expect(report.tablesCreated).toEqual([]);
    expect(report.columnsAdded).toEqual([]);
    expect(report.becameAdmin).toBe(false);
    expect(JSON.stringify([...rt.grid.sheets.entries()].filter(([n]) => n !== 'AuditLog'))).toBe(before);
  });

  it('adds missing columns after custom ones and keeps reordered columns and their data', () => {
    const rt = setUpRuntime();
    const created = ok(callAction(rt, 'createContact', { contact: { first_name: 'Zoé', last_name: 'Durand', postal_code: '01000' } }));
    const sheet = rt.grid.sheets.get('Contacts')!;
    // A person swaps two columns, drops "city", and adds a column of their own.
    const iFirst = sheet[0].indexOf('first_name');
    const iLast = sheet[0].indexOf('last_name');
    for (const row of sheet) [row[iFirst], row[iLast]] = [row[iLast], row[iFirst]];
    const iCity = sheet[0].indexOf('city');
    for (const row of sheet) row.splice(iCity, 1);
    sheet[0].push('T-shirt size');
    sheet[1].push('M');
    const report = ok(callAction(rt, 'setUp', {}));
    expect(report.columnsAdded).toEqual([{ table: 'Contacts', columns: ['city'] }]);
    expect(sheet[0].slice(-2)).toEqual(['T-shirt size', 'city']);
    const read = ok(callAction(rt, 'getContactCard', { id: created.id })).contact;
    expect(read).toMatchObject({ first_name: 'Zoé', last_name: 'Durand', postal_code: '01000', city: '', custom: { 'T-shirt size': 'M' } });
  });
});

describe('Access', () => {
  it('refuses a viewer any change, with a message naming the role needed', () => {
    const rt = setUpRuntime();
    addStaff(rt, 'viewer@example.org', 'viewer');
    rt.identity.user = 'viewer@example.org';
    const answer = callAction(rt, 'createContact', { contact: { first_name: 'X' } });
    expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: 'This needs the editor role; viewer@example.org is viewer. Ask an admin.' } });
    expect(rt.grid.sheets.get('Contacts')!.length).toBe(1);
    expect(ok(callAction(rt, 'searchContacts', {})).total).toBe(0);
  });

  it('refuses people who are not on the Staff sheet, and anyone before Set up', () => {
    const rt = memoryRuntime('someone@example.org');
    expect(callAction(rt, 'searchContacts', {})).toMatchObject({ ok: false, error: { code: 'not_set_up' } });
    ok(callAction(rt, 'setUp', {}));
    rt.identity.user = 'stranger@example.org';
    expect(callAction(rt, 'searchContacts', {})).toMatchObject({ ok: false, error: { code: 'not_staff' } });
    expect(callAction(rt, 'setUp', {})).toMatchObject({ ok: false, error: { code: 'not_staff' } });
    rt.identity.user = '';
    expect(callAction(rt, 'searchContacts', {})).toMatchObject({ ok: false, error: { code: 'no_identity' } });
  });

  it('lets only an admin run Set up again, even when a table is missing', () => {
    const rt = setUpRuntime();
    addStaff(rt, 'editor@example.org', 'editor');
    rt.grid.sheets.delete('Segments'); // as when a new version adds a table
    rt.identity.user = 'editor@example.org';
    expect(callAction(rt, 'setUp', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(rt.grid.sheets.has('Segments')).toBe(false);
    rt.identity.user = 'admin@example.org';
    expect(ok(callAction(rt, 'setUp', {})).tablesCreated).toEqual(['Segments']);
  });

  it('says what is wrong with a form field in the caller’s language', () => {
    const rt = setUpRuntime();
    rt.identity.userLocale = 'pt_BR';
    const answer = callAction(rt, 'createContact', { contact: { first_name: 'Ana', email: 'ana@' } });
    expect(answer).toMatchObject({ ok: false, error: { message: 'E-mail: "ana@" não é um endereço de e-mail válido', field: 'email' } });
  });

  it('speaks the caller’s language', () => {
    const rt = setUpRuntime();
    addStaff(rt, 'lectrice@example.org', 'viewer');
    rt.identity.user = 'lectrice@example.org';
    rt.identity.userLocale = 'fr_FR';
    const answer = callAction(rt, 'createContact', { contact: { first_name: 'X' } });
    expect(answer).toMatchObject({ ok: false, error: { message: 'Cette action demande le rôle éditeur ; lectrice@example.org est lecteur. Demandez à un administrateur.' } });
  });
});

describe('Writes', () => {
  it('round-trips hostile text losslessly', () => {
    const rt = setUpRuntime();
    const ids = HOSTILE_TEXT.map((text) => ok(callAction(rt, 'createContact', { contact: { first_name: text, notes: text, postal_code: text } })).id);
    ids.forEach((id, k) => {
      const c = ok(callAction(rt, 'getContactCard', { id })).contact;
      expect([c.first_name, c.notes, c.postal_code]).toEqual([HOSTILE_TEXT[k], HOSTILE_TEXT[k], HOSTILE_TEXT[k]]);
    });
  });

  it('names the table, row, column and reason of an invalid value, and writes nothing', () => {
    const rt = setUpRuntime();
    ok(callAction(rt, 'createContact', { contact: { first_name: 'A' } }));
    const answer = callAction(rt, 'createContact', { contact: { first_name: 'B', email: 'b@' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((answer as any).error.message).toContain('"b@" is not a valid email address');
    const id = ok(callAction(rt, 'searchContacts', {})).items[0].id;
    const bad = callAction(rt, 'updateContact', { id, patch: { birthday: '31/02/2020' } });
    expect(bad).toMatchObject({ ok: false });
    expect((bad as any).error.message).toContain('"31/02/2020" is not a date (YYYY-MM-DD)');
    expect(rt.grid.sheets.get('Contacts')!.length).toBe(2);
  });

  it('writes one audit row per change set with a JSON diff of what changed', () => {
    const rt = setUpRuntime();
    const c = ok(callAction(rt, 'createContact', { contact: { first_name: 'Ana', email: 'ana@example.org' } }));
    rt.clock.advance(60000);
    ok(callAction(rt, 'updateContact', { id: c.id, patch: { email: 'ana.lima@example.org', first_name: 'Ana' } }));
    const log = rt.grid.sheets.get('AuditLog')!;
    const header = log[0] as string[];
    const last = Object.fromEntries(header.map((h, i) => [h, log[log.length - 1][i]]));
    expect(last).toMatchObject({ action: 'contact.update', table: 'Contacts', record_id: c.id, who: 'admin@example.org' });
    expect(JSON.parse(last.before as string)).toEqual({ email: 'ana@example.org', updated_at: c.updated_at });
    expect(JSON.parse(last.after as string)).toMatchObject({ email: 'ana.lima@example.org' });
  });

  it('says "busy, try again" when the lock stays taken, and loses nothing', () => {
    const rt = setUpRuntime();
    rt.lock.busy = true;
    const answer = callAction(rt, 'createContact', { contact: { first_name: 'Wait' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'busy' } });
    rt.lock.busy = false;
    ok(callAction(rt, 'createContact', { contact: { first_name: 'Wait' } }));
    expect(ok(callAction(rt, 'searchContacts', { text: 'wait' })).total).toBe(1);
  });

  it('edits one contact without reading the Contacts table, and writes the update in one call', () => {
    const rt = setUpRuntime();
    const wb = new Workbook(rt, rt.clock, 'admin@example.org');
    wb.table(Contacts).insert(Array.from({ length: 300 }, (_, k) => ({ kind: 'person', first_name: `P${k}` })));
    wb.commit('test.seed');
    const c = ok(callAction(rt, 'createContact', { contact: { first_name: 'Ana' } }));
    rt.grid.resetCounters();
    ok(callAction(rt, 'updateContact', { id: c.id, patch: { city: 'Lisboa', phone: '+351 912 345 678' } }));
    // Sheet names, Staff, Settings and the AuditLog header come from the cache. Contacts: its header
    // read, the contact's row found and read, its id cell looked at again (a sort by hand since would
    // have moved it), the row written; AuditLog appended. The 300 other contacts are never read.
    expect(rt.grid.calls).toBe(6);
    expect(rt.grid.cellsRead).toBeLessThan(100);
    expect(rowsOf(rt, 'Contacts').find((r) => r.id === c.id)).toMatchObject({ city: 'Lisboa', phone: '+351 912 345 678' });

    rt.grid.resetCounters();
    ok(callAction(rt, 'updateContact', { id: c.id, patch: { city: 'Braga' } }));
    // The header now comes from the cache, so the write reads it once to check nobody moved a column.
    expect(rt.grid.calls).toBe(6);

    rt.cache.clear();
    rt.grid.resetCounters();
    ok(callAction(rt, 'updateContact', { id: c.id, patch: { city: 'Porto' } }));
    // Cold: sheet names, Staff, Settings, then as above, and the AuditLog header read before its append.
    expect(rt.grid.calls).toBe(10);
    expect(rt.grid.cellsRead).toBeLessThan(200);
  });

  it('sees a change of role made through the CRM at once, despite the cache', () => {
    const rt = setUpRuntime();
    ok(callAction(rt, 'createContact', { contact: { first_name: 'Ana' } }));
    const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    const me = wb.table(Staff).all()[0];
    wb.table(Staff).update(me.id, { role: 'viewer' });
    wb.commit('test.demote');
    expect(callAction(rt, 'createContact', { contact: { first_name: 'Blocked' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('Contact list', () => {
  it('filters accent- and case-insensitively and pages', () => {
    const rt = setUpRuntime();
    for (const [first_name, last_name] of [
      ['José', 'Núñez'],
      ['Hélène', 'Müller'],
      ['João', 'Conceição'],
    ])
      ok(callAction(rt, 'createContact', { contact: { first_name, last_name } }));
    expect(ok(callAction(rt, 'searchContacts', { text: 'jose' })).items.map((i: any) => i.name)).toEqual(['José Núñez']);
    expect(ok(callAction(rt, 'searchContacts', { text: 'MULLER' })).items.map((i: any) => i.name)).toEqual(['Hélène Müller']);
    const page = ok(callAction(rt, 'searchContacts', { limit: 2, offset: 2 }));
    expect(page.total).toBe(3);
    expect(page.items.map((i: any) => i.name)).toEqual(['José Núñez']);
  });
});
