/** Staff admin (the sidebar's Staff tab and `crm staff`): add, change a role, deactivate, never the last
 *  active admin; only admins. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addStaff, as, call, ok, refused, rowsOf, setUpRuntime } from '../support/crm';

const ADMIN = 'admin@example.org';

describe('staff admin', () => {
  it('adds a person, who can then use the CRM with that role, audited', () => {
    const rt = setUpRuntime(ADMIN);
    const added = ok(call(rt, 'addStaff', { email: 'Rosa@Example.org', name: 'Rosa', role: 'editor' }));
    expect(added).toMatchObject({ email: 'rosa@example.org', role: 'editor', active: true });
    as(rt, 'rosa@example.org', () => ok(call(rt, 'createContact', { contact: { first_name: 'Ana' } })));
    expect(rowsOf(rt, 'AuditLog').some((r) => r.action === 'staff.add' && r.who === ADMIN)).toBe(true);
    expect(refused(call(rt, 'addStaff', { email: 'rosa@example.org', role: 'viewer' })).code).toBe('invalid');
  });

  it('changes a role and takes access away; an inactive person reads nothing; access can be given back', () => {
    const rt = setUpRuntime(ADMIN);
    ok(call(rt, 'addStaff', { email: 'rosa@example.org', role: 'editor' }));
    ok(call(rt, 'setStaffRole', { email: 'rosa@example.org', role: 'viewer' }));
    expect(as(rt, 'rosa@example.org', () => refused(call(rt, 'createContact', { contact: { first_name: 'X' } }))).code).toBe('forbidden');
    ok(call(rt, 'deactivateStaff', { email: 'rosa@example.org' }));
    expect(as(rt, 'rosa@example.org', () => refused(call(rt, 'searchContacts', {}))).code).toBe('inactive');
    ok(call(rt, 'addStaff', { email: 'rosa@example.org', role: 'editor' }));
    as(rt, 'rosa@example.org', () => ok(call(rt, 'createContact', { contact: { first_name: 'Back' } })));
    expect(rowsOf(rt, 'Staff').filter((s) => s.email === 'rosa@example.org')).toHaveLength(1);
  });

  it('never leaves the CRM without an active admin, and says why in the person’s language', () => {
    const rt = setUpRuntime(ADMIN, 'fr');
    const demote = refused(call(rt, 'setStaffRole', { email: ADMIN, role: 'editor' }));
    expect(demote).toMatchObject({ code: 'invalid' });
    expect(demote.message).toContain('dernier administrateur actif');
    expect(refused(call(rt, 'deactivateStaff', { email: ADMIN })).code).toBe('invalid');
    // With a second admin, the first may step down.
    ok(call(rt, 'addStaff', { email: 'second@example.org', role: 'admin' }));
    ok(call(rt, 'setStaffRole', { email: ADMIN, role: 'viewer' }));
    expect(rowsOf(rt, 'Staff').find((s) => s.email === ADMIN)!.role).toBe('viewer');
  });

  it('a hand-typed role that means nothing is shown as such, and can be fixed', () => {
    const rt = setUpRuntime(ADMIN);
    addStaff(rt, 'typo@example.org', 'supervisor');
    const listed = ok(call(rt, 'listStaff', {})).staff.find((s: { email: string }) => s.email === 'typo@example.org');
    expect(listed).toMatchObject({ role: '', typed_role: 'supervisor', active: true });
    ok(call(rt, 'setStaffRole', { email: 'typo@example.org', role: 'viewer' }));
    expect(ok(call(rt, 'listStaff', {})).staff.find((s: { email: string }) => s.email === 'typo@example.org').role).toBe('viewer');
  });

  it.each(['editor', 'viewer'])('is refused to an %s', (role) => {
    const rt = setUpRuntime(ADMIN);
    addStaff(rt, 'someone@example.org', role);
    for (const [action, input] of [
      ['listStaff', {}],
      ['addStaff', { email: 'x@example.org', role: 'admin' }],
      ['setStaffRole', { email: 'someone@example.org', role: 'admin' }],
      ['deactivateStaff', { email: ADMIN }],
    ] as const) {
      expect(as(rt, 'someone@example.org', () => refused(call(rt, action, input))).code).toBe('forbidden');
    }
    expect(rowsOf(rt, 'Staff').find((s) => s.email === 'someone@example.org')!.role).toBe(role);
  });

  it('refuses an address that is not one, and a role that is not one', () => {
    const rt = setUpRuntime(ADMIN);
    expect(refused(call(rt, 'addStaff', { email: 'not an email', role: 'editor' })).code).toBe('invalid_input');
    expect(refused(call(rt, 'addStaff', { email: 'a@example.org', role: 'superuser' })).code).toBe('invalid_input');
  });
});

describe('crm staff', () => {
  const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');
  const crm = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  it('lists, adds (roles in four languages), changes and deactivates, and keeps the last admin', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'crm-staff-')), 'crm.xlsx');
    crm('init', '--workbook', path);
    expect(crm('staff', 'add', 'lea@example.org', '--role', 'lectrice', '--workbook', path)).toMatch(/^lea@example\.org\tviewer\tactive/);
    expect(JSON.parse(crm('staff', 'set-role', 'lea@example.org', 'éditeur', '--workbook', path, '--json'))).toMatchObject({ role: 'editor' });
    expect(crm('staff', 'deactivate', 'lea@example.org', '--workbook', path)).toContain('inactive');
    const list = JSON.parse(crm('staff', 'list', '--workbook', path, '--json')).staff;
    expect(list.map((s: { email: string; role: string; active: boolean }) => [s.email, s.role, s.active])).toEqual([
      ['admin@crm.local', 'admin', true],
      ['lea@example.org', 'editor', false],
    ]);
    expect(() => crm('staff', 'deactivate', 'admin@crm.local', '--workbook', path)).toThrow(/last active admin/);
    expect(() => crm('staff', 'add', 'x@example.org', '--role', 'boss', '--workbook', path)).toThrow(/"boss" is not a role/);
    expect(() => crm('staff', 'add', 'x@example.org', '--role', 'viewer', '--workbook', path, '--user', 'lea@example.org')).toThrow(/inactive/);
  });
});
