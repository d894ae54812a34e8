import { callAction } from '../../src/api/call';
import { memoryRuntime, MemoryRuntime } from '../../src/memory/services';
import { Staff } from '../../src/core/schema/tables';
import { readRole } from '../../src/core/roles';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

function ok<T = any>(answer: ReturnType<typeof callAction>): T {
  if (!answer.ok) throw new Error(`expected success, got ${answer.error.code}: ${answer.error.message}`);
  return answer.data as T;
}

function setUpRuntime(): MemoryRuntime {
  const rt = memoryRuntime('admin@example.org');
  ok(callAction(rt, 'setUp', {}));
  return rt;
}

/** A Staff row typed by hand, as a person types it in Sheets. */
function typeStaffRow(rt: MemoryRuntime, email: string, role: string, active: string | boolean = 'TRUE') {
  const rows = rt.grid.sheets.get(Staff.name)!;
  const header = rows[0] as string[];
  rows.push(header.map((h) => (h === 'email' ? email : h === 'role' ? role : h === 'active' ? active : h === 'id' ? `stf_${rows.length}` : '')));
  // In Google the onEdit trigger clears the cache after a hand edit of Staff.
  rt.cache.clear();
}

const contactCount = (rt: MemoryRuntime) => rt.grid.sheets.get('Contacts')!.length - 1;

describe('Roles typed by hand', () => {
  it.each([
    ['Viewer ', 'viewer'],
    ['  VIEWER', 'viewer'],
    ['lecteur', 'viewer'],
    ['Lectrice', 'viewer'],
    ['lector', 'viewer'],
    ['Leitor', 'viewer'],
    ['éditeur', 'editor'],
    ['Editeur', 'editor'],
    ['editora', 'editor'],
    ['Editor\t', 'editor'],
    ['administrateur', 'admin'],
    ['Administrador', 'admin'],
    ['ADMIN', 'admin'],
    ['administradora', 'admin'],
  ])('reads %j as %s', (typed, role) => {
    expect(readRole(typed)).toBe(role);
  });

  it.each(['', 'owner', 'superuser', 'admins', 'read', 'constructor', '__proto__', 'toString', 'viewer, editor'])('reads %j as no role', (typed) => {
    expect(readRole(typed)).toBeNull();
  });

  it.each(['Viewer ', 'lecteur', 'LECTOR', 'leitora'])('a viewer typed as %j cannot write', (typed) => {
    const rt = setUpRuntime();
    typeStaffRow(rt, 'v@example.org', typed);
    rt.identity.user = 'v@example.org';
    expect(callAction(rt, 'createContact', { contact: { first_name: 'X' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(contactCount(rt)).toBe(0);
    // …but reads, as a viewer does.
    expect(ok(callAction(rt, 'searchContacts', {})).total).toBe(0);
    expect(ok(callAction(rt, 'bootstrap', {})).role).toBe('viewer');
  });

  it('an editor typed in French may write but not administer', () => {
    const rt = setUpRuntime();
    typeStaffRow(rt, 'e@example.org', 'Éditeur');
    rt.identity.user = 'e@example.org';
    ok(callAction(rt, 'createContact', { contact: { first_name: 'Ana' } }));
    expect(contactCount(rt)).toBe(1);
    expect(callAction(rt, 'setUp', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it.each(['superuser', 'owner', 'boss', ''])('an unknown role (%j) reads nothing, writes nothing, and is told why', (typed) => {
    const rt = setUpRuntime();
    ok(callAction(rt, 'createContact', { contact: { first_name: 'Secret' } }));
    typeStaffRow(rt, 'u@example.org', typed);
    rt.identity.user = 'u@example.org';
    expect(callAction(rt, 'searchContacts', {})).toMatchObject({ ok: false, error: { code: 'unknown_role' } });
    expect(callAction(rt, 'createContact', { contact: { first_name: 'X' } })).toMatchObject({ ok: false, error: { code: 'unknown_role' } });
    expect(contactCount(rt)).toBe(1);
    const session = ok(callAction(rt, 'bootstrap', {}));
    expect(session.role).toBe('');
    expect(session.refused).toContain('u@example.org');
  });

  it('tells an unknown role in the person’s language', () => {
    const rt = setUpRuntime();
    typeStaffRow(rt, 'u@example.org', 'chef');
    rt.identity.user = 'u@example.org';
    rt.identity.userLocale = 'fr_FR';
    const answer = callAction(rt, 'searchContacts', {});
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringContaining('« chef »') } });
  });

  it.each(['FALSE', 'non', 'no', '', 'peut-être'])('an inactive person (active %j) reads nothing', (active) => {
    const rt = setUpRuntime();
    ok(callAction(rt, 'createContact', { contact: { first_name: 'Secret' } }));
    typeStaffRow(rt, 'i@example.org', 'admin', active);
    rt.identity.user = 'i@example.org';
    expect(callAction(rt, 'searchContacts', {})).toMatchObject({ ok: false, error: { code: 'inactive' } });
    expect(ok(callAction(rt, 'bootstrap', {})).refused).toContain('inactive');
  });

  it('two rows for one person never grant the higher role of an inactive one', () => {
    const rt = setUpRuntime();
    typeStaffRow(rt, 'Twice@Example.org', 'admin', 'FALSE');
    typeStaffRow(rt, 'twice@example.org ', 'viewer', 'TRUE');
    rt.identity.user = 'twice@example.org';
    expect(callAction(rt, 'createContact', { contact: { first_name: 'X' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a staff row whose role cannot be read does not count as an active admin', () => {
    const rt = memoryRuntime('first@example.org');
    ok(callAction(rt, 'setUp', {}));
    const rows = rt.grid.sheets.get(Staff.name)!;
    rows[1][rows[0].indexOf('role')] = 'superadmin';
    rt.cache.clear();
    // Nobody is an admin any more: the next person to run Set up becomes one (as on a new sheet).
    rt.identity.user = 'first@example.org';
    expect(ok(callAction(rt, 'setUp', {})).becameAdmin).toBe(true);
  });
});

describe('Set up', () => {
  it('puts a dropdown on Staff.role and Staff.active, which the .xlsx workbook keeps', async () => {
    const rt = setUpRuntime();
    const header = rt.grid.sheets.get(Staff.name)![0] as string[];
    expect(rt.grid.choices.get(Staff.name)?.get(header.indexOf('role') + 1)).toEqual(['viewer', 'editor', 'admin']);
    expect(rt.grid.choices.get(Staff.name)?.get(header.indexOf('active') + 1)).toEqual(['TRUE', 'FALSE']);

    const path = join(mkdtempSync(join(tmpdir(), 'crm-choices-')), 'crm.xlsx');
    const book = await XlsxWorkbook.open(path);
    book.createSheet('Staff', ['id', 'email', 'role']);
    book.setChoices('Staff', 3, ['viewer', 'editor', 'admin']);
    await book.save();
    const again = await XlsxWorkbook.open(path);
    expect(again.choicesOf('Staff').get(3)).toEqual(['viewer', 'editor', 'admin']);
  });
});
