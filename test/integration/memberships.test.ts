/** Memberships end to end, through the actions the sidebar calls: recording one, what the card and the
 *  search say as the days pass, renewing it from every state, cancelling it, the nightly refresh that
 *  writes statuses into the sheets, and who may do what. The dated rules themselves are unit-tested in
 *  test/unit/membership-status.test.ts; here we check that the services apply them and write them. */
import type { MemoryRuntime } from '../../src/memory/services';
import { addStaff, as, call, ok, refused, rowsOf, setUpRuntime, typeInto } from '../support/crm';

const ADMIN = 'admin@example.org';
const TODAY = '2026-11-22'; // setUpRuntime's clock, in Europe/Paris

function on(rt: MemoryRuntime, day: string, time = '10:00:00Z'): void {
  rt.clock.current = new Date(`${day}T${time}`);
}

function person(rt: MemoryRuntime, first = 'Ana', last = 'Lima'): string {
  return ok<{ id: string }>(call(rt, 'createContact', { contact: { first_name: first, last_name: last } })).id;
}

function addMembership(rt: MemoryRuntime, membership: Record<string, unknown>): any {
  return ok(call(rt, 'addMembership', { membership }));
}

function membershipRow(rt: MemoryRuntime, id: string): Record<string, unknown> {
  const row = rowsOf(rt, 'Memberships').find((r) => r.id === id);
  if (!row) throw new Error(`no Memberships row ${id}`);
  return row;
}

function contactRow(rt: MemoryRuntime, id: string): Record<string, unknown> {
  const row = rowsOf(rt, 'Contacts').find((r) => r.id === id);
  if (!row) throw new Error(`no Contacts row ${id}`);
  return row;
}

function card(rt: MemoryRuntime, id: string): any {
  return ok(call(rt, 'getContactCard', { id }));
}

function searchIds(rt: MemoryRuntime, members: 'members' | 'non_members'): string[] {
  return ok<{ items: { id: string }[] }>(call(rt, 'searchContacts', { members, limit: 200 })).items.map((h) => h.id);
}

function auditRows(rt: MemoryRuntime): Record<string, unknown>[] {
  return rowsOf(rt, 'AuditLog');
}

function setSetting(rt: MemoryRuntime, key: string, value: string): void {
  const rows = rt.grid.sheets.get('Settings')!;
  const header = rows[0] as string[];
  const row = rows.find((r) => r[header.indexOf('key')] === key);
  if (!row) throw new Error(`no setting ${key}`);
  row[header.indexOf('value')] = value;
  rt.cache.clear(); // what the onEdit trigger does in Google
}

describe('Recording a membership', () => {
  it('ends a yearly membership 12 months minus a day after its start, and writes its status to the sheet', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, level: 'Standard', start_date: '2026-11-15', frequency: 'yearly', amount: 40, paid: true });
    expect(m).toMatchObject({
      level: 'Standard',
      join_date: '2026-11-15',
      start_date: '2026-11-15',
      end_date: '2027-11-14',
      status: 'new',
      status_override: '',
      amount: 40,
      currency: 'EUR',
      frequency: 'yearly',
      paid: true,
    });
    expect(membershipRow(rt, m.id)).toMatchObject({ contact_id: ana, start_date: '2026-11-15', end_date: '2027-11-14', status: 'new', status_override: '', paid: true });
  });

  it('ends a monthly membership one month minus a day after its start', () => {
    const rt = setUpRuntime();
    const m = addMembership(rt, { contact_id: person(rt), level: 'Monthly', start_date: '2026-11-15', frequency: 'monthly', amount: 5, paid: true });
    expect(m.end_date).toBe('2026-12-14');
    expect(membershipRow(rt, m.id).end_date).toBe('2026-12-14');
  });

  it('starts today for one term when no date is given', () => {
    const rt = setUpRuntime();
    const m = addMembership(rt, { contact_id: person(rt), level: 'Standard', frequency: 'yearly', paid: true });
    expect(m).toMatchObject({ join_date: TODAY, start_date: TODAY, end_date: '2027-11-21', status: 'new' });
  });

  it('keeps an end date the person typed', () => {
    const rt = setUpRuntime();
    const m = addMembership(rt, { contact_id: person(rt), start_date: '2026-11-01', end_date: '2026-12-31', frequency: 'yearly', paid: true });
    expect(m.end_date).toBe('2026-12-31');
    expect(membershipRow(rt, m.id).end_date).toBe('2026-12-31');
  });

  it('uses the membership_term_months setting for a one-off payment', () => {
    const rt = setUpRuntime();
    setSetting(rt, 'membership_term_months', '6');
    const m = addMembership(rt, { contact_id: person(rt), start_date: '2026-11-15', frequency: 'one_off', paid: true });
    expect(m.end_date).toBe('2027-05-14');
  });

  it('is pending while unpaid, and the contact is not a member', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, level: 'Standard', start_date: '2026-11-15', frequency: 'yearly', amount: 40, paid: false });
    expect(m.status).toBe('pending');
    expect(membershipRow(rt, m.id)).toMatchObject({ status: 'pending', paid: false });
    expect(card(rt, ana)).toMatchObject({ member: false, membership: { id: m.id, status: 'pending' } });
    expect(searchIds(rt, 'non_members')).toContain(ana);
  });

  it('is pending when it starts in the future, and new from its start day', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2027-01-01', frequency: 'yearly', paid: true });
    expect(m).toMatchObject({ status: 'pending', end_date: '2027-12-31' });
    expect(membershipRow(rt, m.id).status).toBe('pending');
    expect(card(rt, ana).member).toBe(false);
    on(rt, '2027-01-01');
    expect(card(rt, ana)).toMatchObject({ member: true, membership: { status: 'new' } });
  });

  it('refuses an end date before the start with a message naming both dates, and writes nothing', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const error = refused(call(rt, 'addMembership', { membership: { contact_id: ana, start_date: '2027-01-10', end_date: '2027-01-09', frequency: 'yearly', paid: true } }));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain('2027-01-10');
    expect(error.message).toContain('2027-01-09');
    expect(error.message).not.toMatch(/^error\./); // a message for people, not a translation key
    expect(rowsOf(rt, 'Memberships')).toEqual([]);
  });

  it('refuses a contact that does not exist', () => {
    const rt = setUpRuntime();
    const error = refused(call(rt, 'addMembership', { membership: { contact_id: 'con_NOBODY', frequency: 'yearly', paid: true } }));
    expect(error).toEqual({ code: 'not_found', message: 'There is no Contacts record with id con_NOBODY.' });
    expect(rowsOf(rt, 'Memberships')).toEqual([]);
  });

  it('refuses a deleted contact, naming it', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    ok(call(rt, 'deleteContact', { id: ana }));
    const error = refused(call(rt, 'addMembership', { membership: { contact_id: ana, frequency: 'yearly', paid: true } }));
    expect(error.code).toBe('deleted');
    expect(error.message).toContain(ana);
    expect(error.message).not.toMatch(/^error\./);
    expect(rowsOf(rt, 'Memberships')).toEqual([]);
  });
});

describe('What the card and the search say as the days pass', () => {
  // Joined 15 November 2026 for a year: new until 14 February 2027, current until its end on
  // 14 November 2027, in grace until 14 December 2027 (end + 30), expired from 15 December.
  const timeline: [string, string, string, boolean][] = [
    ['the start day', '2026-11-15', 'new', true],
    ['join + 3 months − 1 day', '2027-02-14', 'new', true],
    ['join + 3 months', '2027-02-15', 'current', true],
    ['the end date', '2027-11-14', 'current', true],
    ['end + 1 day', '2027-11-15', 'grace', true],
    ['end + 30 days', '2027-12-14', 'grace', true],
    ['end + 31 days', '2027-12-15', 'expired', false],
  ];

  it.each(timeline)('on %s (%s) the membership is %s', (_, day, status, member) => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const other = person(rt, 'Bruno', 'Costa'); // never a member
    const m = addMembership(rt, { contact_id: ana, level: 'Standard', start_date: '2026-11-15', frequency: 'yearly', amount: 40, paid: true });
    on(rt, day);
    const c = card(rt, ana);
    expect(c.member).toBe(member);
    expect(c.membership).toMatchObject({ id: m.id, status, level: 'Standard', end_date: '2027-11-14' });
    expect(c.memberships).toHaveLength(1);
    expect(searchIds(rt, 'members')).toEqual(member ? [ana] : []);
    expect(searchIds(rt, 'non_members').sort()).toEqual(member ? [other] : [ana, other].sort());
    const hit = ok<{ items: any[] }>(call(rt, 'searchContacts', { text: 'Ana' })).items[0];
    expect(hit).toMatchObject({ id: ana, member, membership_status: status });
  });

  it('reckons the day in the organisation’s time zone: 23:30 UTC on end + 30 is already end + 31 in Paris', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    addMembership(rt, { contact_id: ana, start_date: '2026-11-15', frequency: 'yearly', paid: true });
    on(rt, '2027-12-14', '22:59:00Z'); // 23:59 in Paris
    expect(card(rt, ana)).toMatchObject({ member: true, membership: { status: 'grace' } });
    on(rt, '2027-12-14', '23:30:00Z'); // 00:30 on the 15th in Paris
    expect(card(rt, ana)).toMatchObject({ member: false, membership: { status: 'expired' } });
    expect(searchIds(rt, 'members')).toEqual([]);
  });

  it('follows the grace and "new" settings once an admin changes them', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    addMembership(rt, { contact_id: ana, start_date: '2026-11-15', frequency: 'yearly', paid: true });
    setSetting(rt, 'membership_grace_days', '10');
    setSetting(rt, 'membership_new_months', '1');
    on(rt, '2026-12-15'); // join + 1 month
    expect(card(rt, ana).membership.status).toBe('current');
    on(rt, '2027-11-24'); // end + 10
    expect(card(rt, ana)).toMatchObject({ member: true, membership: { status: 'grace' } });
    on(rt, '2027-11-25'); // end + 11
    expect(card(rt, ana)).toMatchObject({ member: false, membership: { status: 'expired' } });
    expect(searchIds(rt, 'non_members')).toEqual([ana]);
  });

  it('shows the membership in force rather than a later pending one', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const now = addMembership(rt, { contact_id: ana, start_date: '2026-11-15', frequency: 'yearly', paid: true });
    addMembership(rt, { contact_id: ana, start_date: '2027-11-15', frequency: 'yearly', paid: false });
    const c = card(rt, ana);
    expect(c.member).toBe(true);
    expect(c.membership.id).toBe(now.id);
    expect(c.memberships).toHaveLength(2);
    expect(searchIds(rt, 'members')).toEqual([ana]);
  });
});

describe('Renewing a membership', () => {
  function renew(rt: MemoryRuntime, id: string): any {
    return ok(call(rt, 'renewMembership', { id }));
  }

  it('extends a current membership by one term from its end, keeping its start', () => {
    const rt = setUpRuntime();
    const m = addMembership(rt, { contact_id: person(rt), start_date: '2026-01-10', frequency: 'yearly', paid: true });
    expect(m).toMatchObject({ end_date: '2027-01-09', status: 'current' });
    const renewed = renew(rt, m.id);
    expect(renewed).toMatchObject({ join_date: '2026-01-10', start_date: '2026-01-10', end_date: '2028-01-09', status: 'current', status_override: '' });
    expect(membershipRow(rt, m.id)).toMatchObject({ join_date: '2026-01-10', start_date: '2026-01-10', end_date: '2028-01-09', status: 'current', status_override: '' });
  });

  it('extends a membership in grace from its old end, not from today, so the paid-for days count', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2025-11-10', frequency: 'yearly', paid: true });
    expect(m).toMatchObject({ end_date: '2026-11-09', status: 'grace' }); // 13 days after its end
    const renewed = renew(rt, m.id);
    expect(renewed).toMatchObject({ start_date: '2025-11-10', end_date: '2027-11-09', status: 'current' });
    expect(membershipRow(rt, m.id)).toMatchObject({ start_date: '2025-11-10', end_date: '2027-11-09', status: 'current' });
    expect(card(rt, ana)).toMatchObject({ member: true, membership: { end_date: '2027-11-09', status: 'current' } });
  });

  it('extends a new membership, which stays new', () => {
    const rt = setUpRuntime();
    const m = addMembership(rt, { contact_id: person(rt), start_date: '2026-11-10', frequency: 'yearly', paid: true });
    expect(m).toMatchObject({ end_date: '2027-11-09', status: 'new' });
    const renewed = renew(rt, m.id);
    expect(renewed).toMatchObject({ start_date: '2026-11-10', end_date: '2028-11-09', status: 'new' });
    expect(membershipRow(rt, m.id)).toMatchObject({ start_date: '2026-11-10', end_date: '2028-11-09', status: 'new' });
  });

  it('extends a monthly membership by one month', () => {
    const rt = setUpRuntime();
    const m = addMembership(rt, { contact_id: person(rt), start_date: '2026-11-10', frequency: 'monthly', paid: true });
    expect(m.end_date).toBe('2026-12-09');
    expect(renew(rt, m.id).end_date).toBe('2027-01-09');
  });

  it('starts a new term today for an expired membership, keeping the join date', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2024-06-01', frequency: 'yearly', paid: true });
    expect(m).toMatchObject({ end_date: '2025-05-31', status: 'expired' });
    const renewed = renew(rt, m.id);
    expect(renewed).toMatchObject({ join_date: '2024-06-01', start_date: TODAY, end_date: '2027-11-21', status: 'current' });
    expect(membershipRow(rt, m.id)).toMatchObject({ join_date: '2024-06-01', start_date: TODAY, end_date: '2027-11-21', status: 'current' });
    expect(card(rt, ana).member).toBe(true);
  });

  it('starts a new term today for an unpaid membership that started in the past (still pending until paid)', () => {
    const rt = setUpRuntime();
    const m = addMembership(rt, { contact_id: person(rt), start_date: '2026-10-01', frequency: 'yearly', paid: false });
    expect(m).toMatchObject({ end_date: '2027-09-30', status: 'pending' });
    const renewed = renew(rt, m.id);
    expect(renewed).toMatchObject({ join_date: '2026-10-01', start_date: TODAY, end_date: '2027-11-21', status: 'pending', paid: false });
    expect(membershipRow(rt, m.id)).toMatchObject({ start_date: TODAY, end_date: '2027-11-21', status: 'pending' });
  });

  it('reactivates a cancelled membership: a new term from today, the cancellation cleared and the status recomputed', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2026-10-01', frequency: 'yearly', paid: true });
    ok(call(rt, 'setMembershipStatus', { id: m.id, status_override: 'cancelled' }));
    expect(membershipRow(rt, m.id)).toMatchObject({ status: 'cancelled', status_override: 'cancelled' });
    const renewed = renew(rt, m.id);
    // Joined 1 October 2026: still within its first 3 months, so new.
    expect(renewed).toMatchObject({ join_date: '2026-10-01', start_date: TODAY, end_date: '2027-11-21', status: 'new', computed_status: 'new', status_override: '' });
    expect(membershipRow(rt, m.id)).toMatchObject({ start_date: TODAY, end_date: '2027-11-21', status: 'new', status_override: '' });
    expect(card(rt, ana)).toMatchObject({ member: true, membership: { status: 'new' } });
  });

  it('refuses a membership that does not exist', () => {
    const rt = setUpRuntime();
    expect(refused(call(rt, 'renewMembership', { id: 'mem_NOPE' }))).toEqual({ code: 'not_found', message: 'There is no Memberships record with id mem_NOPE.' });
  });

  it('refuses to renew the membership of a deleted contact', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2026-01-10', frequency: 'yearly', paid: true });
    ok(call(rt, 'deleteContact', { id: ana }));
    expect(refused(call(rt, 'renewMembership', { id: m.id })).code).toBe('deleted');
    expect(membershipRow(rt, m.id).end_date).toBe('2027-01-09');
  });
});

describe('Setting a membership status by hand', () => {
  it('cancelled wins over the dates; clearing it gives the dated status back', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2026-01-10', frequency: 'yearly', paid: true });

    const cancelled = ok(call(rt, 'setMembershipStatus', { id: m.id, status_override: 'cancelled' }));
    expect(cancelled).toMatchObject({ status: 'cancelled', computed_status: 'current', status_override: 'cancelled', end_date: '2027-01-09' });
    expect(membershipRow(rt, m.id)).toMatchObject({ status: 'cancelled', status_override: 'cancelled' });
    expect(card(rt, ana)).toMatchObject({ member: false, membership: { id: m.id, status: 'cancelled' } });
    expect(searchIds(rt, 'members')).toEqual([]);
    expect(searchIds(rt, 'non_members')).toEqual([ana]);

    const cleared = ok(call(rt, 'setMembershipStatus', { id: m.id, status_override: '' }));
    expect(cleared).toMatchObject({ status: 'current', status_override: '' });
    expect(membershipRow(rt, m.id)).toMatchObject({ status: 'current', status_override: '' });
    expect(card(rt, ana)).toMatchObject({ member: true, membership: { status: 'current' } });
    expect(searchIds(rt, 'members')).toEqual([ana]);
  });

  it('refuses a status that is not one of the membership statuses', () => {
    const rt = setUpRuntime();
    const m = addMembership(rt, { contact_id: person(rt), start_date: '2026-01-10', frequency: 'yearly', paid: true });
    const error = refused(call(rt, 'setMembershipStatus', { id: m.id, status_override: 'suspended' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^Status: is not one of the choices \(pending, new, current, grace, expired, cancelled\)$/);
    expect(membershipRow(rt, m.id)).toMatchObject({ status: 'current', status_override: '' });
  });
});

describe('The nightly status refresh', () => {
  it('is registered as a daily job at 3 by Set up', () => {
    const rt = setUpRuntime();
    expect(rt.scheduler.daily.get('dailyMaintenance')).toBe(3);
  });

  it('rewrites membership statuses and lifecycle stages in the sheets as the dates pass, and only what changed', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const bruno = person(rt, 'Bruno', 'Costa'); // no membership, never changes
    const m = addMembership(rt, { contact_id: ana, start_date: '2026-11-15', frequency: 'yearly', paid: true });
    const refreshes = () => auditRows(rt).filter((r) => r.action === 'statuses.refresh');

    // Today: the membership row already says new; the stages are written for the first time.
    expect(ok(call(rt, 'refreshStatuses', {}))).toEqual({ memberships_changed: 0, stages_changed: 2 });
    expect(contactRow(rt, ana).lifecycle_stage).toBe('member');
    expect(contactRow(rt, bruno).lifecycle_stage).toBe('lead');
    expect(refreshes().map((r) => [r.table, r.record_id])).toEqual([['Contacts', `${ana} ${bruno}`]]);

    // The day after the end: in grace, still a member.
    on(rt, '2027-11-15');
    expect(ok(call(rt, 'refreshStatuses', {}))).toEqual({ memberships_changed: 1, stages_changed: 0 });
    expect(membershipRow(rt, m.id).status).toBe('grace');
    expect(contactRow(rt, ana).lifecycle_stage).toBe('member');

    // End + 31: expired, and the person has lapsed.
    on(rt, '2027-12-15');
    const auditBefore = refreshes().length;
    expect(ok(call(rt, 'refreshStatuses', {}))).toEqual({ memberships_changed: 1, stages_changed: 1 });
    expect(membershipRow(rt, m.id).status).toBe('expired');
    expect(contactRow(rt, ana).lifecycle_stage).toBe('lapsed');
    expect(contactRow(rt, bruno).lifecycle_stage).toBe('lead');
    const written = refreshes().slice(auditBefore);
    expect(written.map((r) => [r.table, r.record_id])).toEqual([
      ['Memberships', m.id],
      ['Contacts', ana],
    ]);
    expect(written.every((r) => r.who === ADMIN)).toBe(true);

    // A second run the same day has nothing left to do, and logs nothing.
    const sheetsBefore = JSON.stringify([rt.grid.sheets.get('Memberships'), rt.grid.sheets.get('Contacts')]);
    const auditCount = auditRows(rt).length;
    expect(ok(call(rt, 'refreshStatuses', {}))).toEqual({ memberships_changed: 0, stages_changed: 0 });
    expect(JSON.stringify([rt.grid.sheets.get('Memberships'), rt.grid.sheets.get('Contacts')])).toBe(sheetsBefore);
    expect(auditRows(rt)).toHaveLength(auditCount);
  });

  it('does not touch "updated at": nobody edited those records', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2026-11-15', frequency: 'yearly', paid: true });
    const stamps = () => [membershipRow(rt, m.id).updated_at, contactRow(rt, ana).updated_at];
    const before = stamps();
    expect(before).toEqual(['2026-11-22T10:00:00.000Z', '2026-11-22T10:00:00.000Z']);
    on(rt, '2027-12-15');
    expect(ok(call(rt, 'refreshStatuses', {}))).toEqual({ memberships_changed: 1, stages_changed: 1 });
    expect(stamps()).toEqual(before);
  });

  it('writes the manual status when there is one', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2026-01-10', frequency: 'yearly', paid: true });
    ok(call(rt, 'setMembershipStatus', { id: m.id, status_override: 'cancelled' }));
    ok(call(rt, 'refreshStatuses', {}));
    on(rt, '2027-01-10'); // the day after the end: the dates would say grace
    ok(call(rt, 'refreshStatuses', {}));
    expect(membershipRow(rt, m.id).status).toBe('cancelled');
    expect(contactRow(rt, ana).lifecycle_stage).toBe('lapsed');
  });

  it('leaves deleted contacts alone', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    addMembership(rt, { contact_id: ana, start_date: '2026-11-15', frequency: 'yearly', paid: true });
    ok(call(rt, 'deleteContact', { id: ana }));
    expect(ok(call(rt, 'refreshStatuses', {}))).toEqual({ memberships_changed: 0, stages_changed: 0 });
    expect(contactRow(rt, ana).lifecycle_stage).toBe('');
  });

  it('may be run by hand by an admin only: an editor is refused and nothing is written', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2026-11-15', frequency: 'yearly', paid: true });
    addStaff(rt, 'ed@example.org', 'editor');
    on(rt, '2027-12-15');
    const error = as(rt, 'ed@example.org', () => refused(call(rt, 'refreshStatuses', {})));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('admin');
    expect(membershipRow(rt, m.id).status).toBe('new');
    expect(contactRow(rt, ana).lifecycle_stage).toBe('');
    expect(auditRows(rt).some((r) => r.action === 'statuses.refresh')).toBe(false);
  });
});

describe('Who may change memberships, and the audit trail', () => {
  it('refuses a viewer every membership change and writes nothing', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2026-01-10', frequency: 'yearly', paid: true });
    addStaff(rt, 'v@example.org', 'viewer');
    const before = JSON.stringify(rt.grid.sheets.get('Memberships'));
    const auditCount = auditRows(rt).length;
    as(rt, 'v@example.org', () => {
      for (const [name, input] of [
        ['addMembership', { membership: { contact_id: ana, frequency: 'yearly', paid: true } }],
        ['renewMembership', { id: m.id }],
        ['setMembershipStatus', { id: m.id, status_override: 'cancelled' }],
      ] as const) {
        const error = refused(call(rt, name, input));
        expect([name, error.code]).toEqual([name, 'forbidden']);
        expect(error.message).toBe('This needs the editor role; v@example.org is viewer. Ask an admin.');
      }
      // A viewer still sees the card.
      expect(card(rt, ana).membership.status).toBe('current');
    });
    expect(JSON.stringify(rt.grid.sheets.get('Memberships'))).toBe(before);
    expect(auditRows(rt)).toHaveLength(auditCount);
  });

  it('lets an editor record, renew and cancel', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    addStaff(rt, 'ed@example.org', 'editor');
    as(rt, 'ed@example.org', () => {
      const m = addMembership(rt, { contact_id: ana, start_date: '2026-01-10', frequency: 'yearly', paid: true });
      expect(ok(call(rt, 'renewMembership', { id: m.id })).end_date).toBe('2028-01-09');
      expect(ok(call(rt, 'setMembershipStatus', { id: m.id, status_override: 'cancelled' })).status).toBe('cancelled');
    });
  });

  it('leaves one audit row per change, naming the action and the membership', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const newRows = (work: () => void) => {
      const before = auditRows(rt).length;
      work();
      return auditRows(rt).slice(before);
    };

    let id = '';
    const added = newRows(() => (id = addMembership(rt, { contact_id: ana, start_date: '2026-01-10', frequency: 'yearly', paid: true }).id));
    expect(added).toEqual([expect.objectContaining({ action: 'membership.add', table: 'Memberships', record_id: id, who: ADMIN, before: '' })]);
    // A created record is audited by its id: the record itself is in its table.
    expect(JSON.parse(String(added[0].after))).toEqual({ created: true });

    const renewed = newRows(() => ok(call(rt, 'renewMembership', { id })));
    expect(renewed).toEqual([expect.objectContaining({ action: 'membership.renew', table: 'Memberships', record_id: id })]);
    expect(JSON.parse(String(renewed[0].before))).toMatchObject({ end_date: '2027-01-09' });
    expect(JSON.parse(String(renewed[0].after))).toMatchObject({ end_date: '2028-01-09' });

    const status = newRows(() => ok(call(rt, 'setMembershipStatus', { id, status_override: 'cancelled' })));
    expect(status).toEqual([expect.objectContaining({ action: 'membership.status', table: 'Memberships', record_id: id })]);
    expect(JSON.parse(String(status[0].after))).toMatchObject({ status: 'cancelled', status_override: 'cancelled' });
  });
});

describe('a status typed by hand (into the sheet, or into the database)', () => {
  it.each(['cancelled', 'Annulé', 'cancelado', ' CANCELADA ', 'résiliée'])('%j means cancelled: everywhere at once, and the nightly makes it the override', (typed) => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2026-06-01', frequency: 'yearly', paid: true });
    expect(card(rt, ana).member).toBe(true);
    typeInto(rt, 'Memberships', m.id, 'status', typed);
    // Before any nightly run: the card, the search and queries already read it as cancelled.
    expect(card(rt, ana).member).toBe(false);
    expect(searchIds(rt, 'members')).not.toContain(ana);
    expect(ok<{ total: number }>(call(rt, 'queryContacts', { query: 'membership.status:cancelled' })).total).toBe(1);
    ok(call(rt, 'refreshStatuses', {}));
    expect(membershipRow(rt, m.id)).toMatchObject({ status: 'cancelled', status_override: 'cancelled' });
    // Days later, the nightly still leaves it cancelled.
    on(rt, '2026-12-30');
    ok(call(rt, 'refreshStatuses', {}));
    expect(membershipRow(rt, m.id)).toMatchObject({ status: 'cancelled', status_override: 'cancelled' });
    // Renewing is how a person takes it back.
    ok(call(rt, 'renewMembership', { id: m.id }));
    expect(membershipRow(rt, m.id).status_override).toBe('');
    expect(card(rt, ana).member).toBe(true);
  });

  it('an override typed in another language is read, and written back in the CRM’s words', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2026-06-01', frequency: 'yearly', paid: true });
    typeInto(rt, 'Memberships', m.id, 'status_override', 'Expirée');
    expect(card(rt, ana).member).toBe(false);
    ok(call(rt, 'refreshStatuses', {}));
    expect(membershipRow(rt, m.id)).toMatchObject({ status: 'expired', status_override: 'expired' });
  });

  it('a status the nightly wrote yesterday is not taken for a hand edit', () => {
    const rt = setUpRuntime();
    const ana = person(rt);
    const m = addMembership(rt, { contact_id: ana, start_date: '2025-12-01', frequency: 'yearly', paid: true });
    ok(call(rt, 'refreshStatuses', {}));
    expect(membershipRow(rt, m.id)).toMatchObject({ status: 'current', status_override: '' });
    on(rt, '2026-12-10');
    ok(call(rt, 'refreshStatuses', {}));
    expect(membershipRow(rt, m.id)).toMatchObject({ status: 'grace', status_override: '' });
  });
});
