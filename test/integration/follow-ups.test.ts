/** "To recontact" end to end, through the actions the sidebar calls: which follow-ups are listed and in
 *  which order, completing and snoozing them, what deleting a contact does to them and to everything
 *  else, and the link between the sidebar and the row selected in the Contacts sheet. */
import type { MemoryRuntime } from '../../src/memory/services';
import { Donations } from '../../src/core/schema/tables';
import { Workbook } from '../../src/store/workbook';
import { addStaff, as, call, ok, refused, rowsOf, setUpRuntime } from '../support/crm';
import type { FollowUp } from '../../src/services/views';

const ADMIN = 'admin@example.org';
const EDITOR = 'ed@example.org';
const TODAY = '2026-11-22'; // setUpRuntime's clock, in Europe/Paris

function on(rt: MemoryRuntime, day: string): void {
  rt.clock.current = new Date(`${day}T10:00:00Z`);
}

function contact(rt: MemoryRuntime, fields: Record<string, unknown>): string {
  return ok<{ id: string }>(call(rt, 'createContact', { contact: fields })).id;
}

function nextContact(rt: MemoryRuntime, id: string, date: string): void {
  ok(call(rt, 'updateContact', { id, patch: { next_contact_date: date } }));
}

function callBack(rt: MemoryRuntime, contactId: string, followUpDate: string, subject = 'Call back'): string {
  return ok<{ id: string }>(call(rt, 'logInteraction', { interaction: { contact_id: contactId, type: 'call', subject, follow_up_date: followUpDate } })).id;
}

function list(rt: MemoryRuntime, scope?: 'mine' | 'all'): FollowUp[] {
  return ok<{ today: string; items: FollowUp[] }>(call(rt, 'followUps', scope ? { scope } : {})).items;
}

/** Only what is due (overdue or today), not what comes later this week. */
function due(rt: MemoryRuntime, scope?: 'mine' | 'all'): FollowUp[] {
  return list(rt, scope).filter((f) => f.group !== 'week');
}

/** Each item as [name, reason, overdue_days, mine]: the order and the facts people see. */
const brief = (items: FollowUp[]) => items.map((f) => [f.name, f.reason, f.overdue_days, f.mine]);

function rowOf(rt: MemoryRuntime, sheet: string, id: string): Record<string, unknown> {
  const row = rowsOf(rt, sheet).find((r) => r.id === id);
  if (!row) throw new Error(`no ${sheet} row ${id}`);
  return row;
}

/** Three contacts: Ana (the admin's), Bruno (the editor's), Carla (nobody's). */
function crm() {
  const rt = setUpRuntime();
  addStaff(rt, EDITOR, 'editor');
  const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima', owner: ADMIN });
  const bruno = contact(rt, { first_name: 'Bruno', last_name: 'Costa', owner: EDITOR });
  const carla = contact(rt, { first_name: 'Carla', last_name: 'Dias' });
  return { rt, ana, bruno, carla };
}

describe('The follow-up list', () => {
  it('lists a next contact date that is today or past, or within the week ahead, with exact overdue days', () => {
    const { rt, ana, bruno, carla } = crm();
    nextContact(rt, ana, TODAY);
    nextContact(rt, bruno, '2026-11-12');
    nextContact(rt, carla, '2026-12-05');
    const items = list(rt, 'all');
    expect(items.map((f) => f.contact_id).sort()).toEqual([ana, bruno].sort());
    expect(items.find((f) => f.contact_id === ana)).toEqual({
      contact_id: ana,
      name: 'Ana Lima',
      reason: 'next_contact',
      interaction_id: '',
      subject: '',
      due: TODAY,
      overdue_days: 0,
      group: 'today',
      owner: ADMIN,
      mine: true,
    });
    expect(items.find((f) => f.contact_id === bruno)).toMatchObject({ due: '2026-11-12', overdue_days: 10, group: 'overdue', mine: false, owner: EDITOR });

    // A week ahead, it is listed under this week; on the day, under today.
    on(rt, '2026-11-27');
    expect(list(rt, 'all').find((f) => f.contact_id === carla)).toBeUndefined();
    on(rt, '2026-11-28');
    expect(list(rt, 'all').find((f) => f.contact_id === carla)).toMatchObject({ reason: 'next_contact', overdue_days: -7, group: 'week' });
    on(rt, '2026-12-05');
    expect(list(rt, 'all').find((f) => f.contact_id === carla)).toMatchObject({ reason: 'next_contact', overdue_days: 0, group: 'today' });
  });

  it('lists an interaction’s follow-up that is due, with its subject, until it is done', () => {
    const { rt, carla } = crm();
    const due = callBack(rt, carla, '2026-11-20');
    callBack(rt, carla, '2026-11-30', 'Not yet'); // more than a week ahead
    expect(list(rt, 'all')).toEqual([
      { contact_id: carla, name: 'Carla Dias', reason: 'interaction', interaction_id: due, subject: 'Call back', due: '2026-11-20', overdue_days: 2, group: 'overdue', owner: ADMIN, mine: true },
    ]);
    ok(call(rt, 'completeFollowUp', { contact_id: carla, interaction_id: due }));
    expect(list(rt, 'all')).toEqual([]);
  });

  it('groups overdue before today; in each, the caller’s own first, then the most overdue; "mine" keeps only the caller’s', () => {
    const { rt, ana, bruno, carla } = crm();
    nextContact(rt, ana, TODAY); // mine (I own Ana), 0 days
    nextContact(rt, bruno, '2026-11-12'); // the editor's, 10 days
    callBack(rt, carla, '2026-11-20'); // mine (I logged it), 2 days
    as(rt, EDITOR, () => callBack(rt, bruno, '2026-11-01', 'Renewal?')); // the editor's, 21 days

    expect(brief(list(rt, 'all'))).toEqual([
      ['Carla Dias', 'interaction', 2, true],
      ['Bruno Costa', 'interaction', 21, false],
      ['Bruno Costa', 'next_contact', 10, false],
      ['Ana Lima', 'next_contact', 0, true],
    ]);
    expect(brief(list(rt, 'mine'))).toEqual([
      ['Carla Dias', 'interaction', 2, true],
      ['Ana Lima', 'next_contact', 0, true],
    ]);
    expect(brief(list(rt))).toEqual(brief(list(rt, 'mine'))); // "mine" is what the sidebar opens on

    // The same list seen by the editor.
    const editors = as(rt, EDITOR, () => list(rt, 'all'));
    expect(brief(editors)).toEqual([
      ['Bruno Costa', 'interaction', 21, true],
      ['Bruno Costa', 'next_contact', 10, true],
      ['Carla Dias', 'interaction', 2, false],
      ['Ana Lima', 'next_contact', 0, false],
    ]);
    // A page at a time, with the size of each group.
    const page = ok(call(rt, 'followUps', { scope: 'all', offset: 1, limit: 2 }));
    expect(page).toMatchObject({ total: 4, offset: 1, counts: { overdue: 3, today: 1, week: 0 } });
    expect(brief(page.items)).toEqual([
      ['Bruno Costa', 'interaction', 21, false],
      ['Bruno Costa', 'next_contact', 10, false],
    ]);
    expect(editors[0]).toMatchObject({ subject: 'Renewal?', owner: EDITOR });
  });

  it('recognises the caller as owner whatever the case of the email typed in the sheet, and says which day it is', () => {
    const rt = setUpRuntime();
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima', owner: 'Admin@Example.org', next_contact_date: '2026-11-21' });
    const answer = ok<{ today: string; items: FollowUp[] }>(call(rt, 'followUps', { scope: 'mine' }));
    expect(answer.today).toBe(TODAY);
    expect(answer.items.map((f) => [f.contact_id, f.mine, f.overdue_days])).toEqual([[ana, true, 1]]);
  });

  it('counts overdue days as the clock moves', () => {
    const { rt, ana } = crm();
    nextContact(rt, ana, '2026-11-20');
    on(rt, '2027-01-15');
    expect(list(rt, 'all')).toEqual([expect.objectContaining({ contact_id: ana, overdue_days: 56 })]);
  });

  it('drops a deleted contact’s follow-ups', () => {
    const { rt, ana, bruno } = crm();
    nextContact(rt, ana, TODAY);
    nextContact(rt, bruno, TODAY);
    callBack(rt, bruno, '2026-11-20');
    ok(call(rt, 'deleteContact', { id: bruno }));
    expect(list(rt, 'all').map((f) => f.contact_id)).toEqual([ana]);
  });

  it('is open to a viewer', () => {
    const { rt, ana } = crm();
    nextContact(rt, ana, TODAY);
    addStaff(rt, 'v@example.org', 'viewer');
    expect(as(rt, 'v@example.org', () => list(rt, 'all')).map((f) => [f.contact_id, f.mine])).toEqual([[ana, false]]);
  });
});

describe('Completing and snoozing a follow-up', () => {
  it('completing a next contact date clears it', () => {
    const { rt, ana } = crm();
    nextContact(rt, ana, TODAY);
    expect(ok(call(rt, 'completeFollowUp', { contact_id: ana }))).toEqual({ done: true });
    expect(rowOf(rt, 'Contacts', ana).next_contact_date).toBe('');
    expect(list(rt, 'all')).toEqual([]);
    expect(
      rowsOf(rt, 'AuditLog')
        .filter((r) => r.action === 'followup.done')
        .map((r) => r.record_id),
    ).toEqual([ana]);
  });

  it('completing an interaction’s follow-up ticks it and keeps the contact’s own date', () => {
    const { rt, ana } = crm();
    nextContact(rt, ana, TODAY);
    const interaction = callBack(rt, ana, '2026-11-20');
    expect(rowOf(rt, 'Interactions', interaction).follow_up_done).toBe(false);
    ok(call(rt, 'completeFollowUp', { contact_id: ana, interaction_id: interaction }));
    expect(rowOf(rt, 'Interactions', interaction)).toMatchObject({ follow_up_done: true, follow_up_date: '2026-11-20' });
    expect(rowOf(rt, 'Contacts', ana).next_contact_date).toBe(TODAY);
    expect(list(rt, 'all').map((f) => f.reason)).toEqual(['next_contact']);
  });

  it('refuses to complete an interaction of another contact', () => {
    const { rt, ana, bruno } = crm();
    const interaction = callBack(rt, ana, '2026-11-20');
    expect(refused(call(rt, 'completeFollowUp', { contact_id: bruno, interaction_id: interaction })).code).toBe('not_found');
    expect(rowOf(rt, 'Interactions', interaction).follow_up_done).toBe(false);
  });

  it('snoozing moves the next contact date: the follow-up leaves the list until that day', () => {
    const { rt, ana } = crm();
    nextContact(rt, ana, '2026-11-20');
    expect(ok(call(rt, 'snoozeFollowUp', { contact_id: ana, until: '2026-11-25' }))).toEqual({ due: '2026-11-25' });
    expect(rowOf(rt, 'Contacts', ana).next_contact_date).toBe('2026-11-25');
    expect(due(rt, 'all')).toEqual([]);
    expect(list(rt, 'all')).toEqual([expect.objectContaining({ contact_id: ana, group: 'week', overdue_days: -3 })]);
    on(rt, '2026-11-24');
    expect(due(rt, 'all')).toEqual([]);
    on(rt, '2026-11-25');
    expect(list(rt, 'all')).toEqual([expect.objectContaining({ contact_id: ana, reason: 'next_contact', due: '2026-11-25', overdue_days: 0 })]);
  });

  it('snoozing an interaction’s follow-up moves its date', () => {
    const { rt, ana } = crm();
    const interaction = callBack(rt, ana, '2026-11-20');
    ok(call(rt, 'snoozeFollowUp', { contact_id: ana, interaction_id: interaction, until: '2026-12-01' }));
    expect(rowOf(rt, 'Interactions', interaction)).toMatchObject({ follow_up_date: '2026-12-01', follow_up_done: false });
    expect(list(rt, 'all')).toEqual([]);
    on(rt, '2026-12-03');
    expect(list(rt, 'all')).toEqual([expect.objectContaining({ interaction_id: interaction, due: '2026-12-01', overdue_days: 2 })]);
  });

  it.each([
    ['today', TODAY],
    ['the past', '2026-11-01'],
  ])('refuses to snooze to %s, naming the date, and changes nothing', (_, until) => {
    const { rt, ana } = crm();
    nextContact(rt, ana, '2026-11-20');
    const error = refused(call(rt, 'snoozeFollowUp', { contact_id: ana, until }));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain(until);
    expect(error.message).not.toMatch(/^error\./);
    expect(rowOf(rt, 'Contacts', ana).next_contact_date).toBe('2026-11-20');
  });

  it('refuses to snooze to a day that does not exist, which would make the follow-up vanish', () => {
    const { rt, ana } = crm();
    nextContact(rt, ana, '2026-11-20');
    const error = refused(call(rt, 'snoozeFollowUp', { contact_id: ana, until: '2027-02-30' }));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain('2027-02-30');
    expect(rowOf(rt, 'Contacts', ana).next_contact_date).toBe('2026-11-20');
    expect(list(rt, 'all').map((f) => f.contact_id)).toEqual([ana]);
  });

  it('refuses a viewer, and changes nothing', () => {
    const { rt, ana } = crm();
    nextContact(rt, ana, '2026-11-20');
    const interaction = callBack(rt, ana, '2026-11-20');
    addStaff(rt, 'v@example.org', 'viewer');
    as(rt, 'v@example.org', () => {
      expect(refused(call(rt, 'completeFollowUp', { contact_id: ana })).code).toBe('forbidden');
      expect(refused(call(rt, 'completeFollowUp', { contact_id: ana, interaction_id: interaction })).code).toBe('forbidden');
      expect(refused(call(rt, 'snoozeFollowUp', { contact_id: ana, until: '2026-12-01' })).code).toBe('forbidden');
    });
    expect(rowOf(rt, 'Contacts', ana).next_contact_date).toBe('2026-11-20');
    expect(rowOf(rt, 'Interactions', interaction)).toMatchObject({ follow_up_date: '2026-11-20', follow_up_done: false });
  });
});

describe('Deleting a contact', () => {
  function withHistory() {
    const { rt, ana, bruno } = crm();
    const membership = ok<{ id: string }>(call(rt, 'addMembership', { membership: { contact_id: ana, start_date: '2026-01-10', frequency: 'yearly', paid: true } })).id;
    const interaction = callBack(rt, ana, '2026-11-20');
    const wb = new Workbook(rt, rt.clock, ADMIN, undefined, rt.cache);
    const [gift] = wb.table(Donations).insert([{ contact_id: ana, date: '2026-06-01', amount: 50 }]);
    wb.commit('test.donation');
    return { rt, ana, bruno, membership, interaction, gift: gift.id };
  }

  it('keeps the row, marked deleted, and everything linked to it', () => {
    const { rt, ana, membership, interaction, gift } = withHistory();
    const count = rowsOf(rt, 'Contacts').length;
    expect(ok(call(rt, 'deleteContact', { id: ana }))).toEqual({ id: ana });
    expect(rowsOf(rt, 'Contacts')).toHaveLength(count);
    expect(rowOf(rt, 'Contacts', ana)).toMatchObject({ first_name: 'Ana', last_name: 'Lima', deleted: true });
    expect(rowOf(rt, 'Memberships', membership).contact_id).toBe(ana);
    expect(rowOf(rt, 'Interactions', interaction).contact_id).toBe(ana);
    expect(rowOf(rt, 'Donations', gift).contact_id).toBe(ana);
    const audit = rowsOf(rt, 'AuditLog').filter((r) => r.action === 'contact.delete');
    expect(audit).toEqual([expect.objectContaining({ table: 'Contacts', record_id: ana, who: ADMIN })]);
    expect(JSON.parse(String(audit[0].after))).toMatchObject({ deleted: true });
  });

  it('takes the contact out of searches, including the members filter', () => {
    const { rt, ana, bruno } = withHistory();
    ok(call(rt, 'deleteContact', { id: ana }));
    const ids = (input: object) => ok<{ total: number; items: { id: string }[] }>(call(rt, 'searchContacts', input)).items.map((h) => h.id);
    expect(ids({ text: 'Ana' })).toEqual([]);
    expect(ids({ members: 'members' })).toEqual([]);
    expect(ids({})).not.toContain(ana);
    expect(ids({})).toContain(bruno);
  });

  it('closes its card with a message saying it was deleted', () => {
    const { rt, ana } = withHistory();
    ok(call(rt, 'deleteContact', { id: ana }));
    const error = refused(call(rt, 'getContactCard', { id: ana }));
    expect(error.code).toBe('deleted');
    expect(error.message).toContain(ana);
    expect(error.message).toMatch(/deleted/i);
  });

  it('refuses logging an interaction or adding a tag, even with the row the card knew', () => {
    const { rt, ana } = withHistory();
    const row = ok<{ row: number }>(call(rt, 'getContactCard', { id: ana })).row;
    ok(call(rt, 'deleteContact', { id: ana }));
    const interactions = rowsOf(rt, 'Interactions').length;
    expect(refused(call(rt, 'logInteraction', { interaction: { contact_id: ana, type: 'call', subject: 'Hello' } })).code).toBe('deleted');
    // With the card's row as a hint too (a contact in the database has none).
    expect(refused(call(rt, 'logInteraction', { interaction: { contact_id: ana, type: 'call', subject: 'Hello' }, ...(row ? { row_hint: row } : {}) })).code).toBe('deleted');
    expect(rowsOf(rt, 'Interactions')).toHaveLength(interactions);
    expect(refused(call(rt, 'addTag', { contact_id: ana, name: 'VIP' })).code).toBe('deleted');
    expect(rowsOf(rt, 'ContactTags')).toEqual([]);
    expect(rowsOf(rt, 'Tags')).toEqual([]);
  });

  it('refuses changing what hangs off it: its follow-ups, its membership’s status; and the sheet’s selection skips it', () => {
    const { rt, ana, membership, interaction } = withHistory();
    const row = ok<{ row: number }>(call(rt, 'getContactCard', { id: ana })).row;
    ok(call(rt, 'deleteContact', { id: ana }));
    expect(refused(call(rt, 'completeFollowUp', { contact_id: ana, interaction_id: interaction })).code).toBe('deleted');
    expect(refused(call(rt, 'snoozeFollowUp', { contact_id: ana, interaction_id: interaction, until: '2026-12-01' })).code).toBe('deleted');
    expect(refused(call(rt, 'setMembershipStatus', { id: membership, status_override: 'cancelled' })).code).toBe('deleted');
    expect(rowOf(rt, 'Interactions', interaction)).toMatchObject({ follow_up_date: '2026-11-20', follow_up_done: false });
    expect(rowOf(rt, 'Memberships', membership).status_override).toBe('');
    rt.selection.select({ sheet: 'Contacts', row });
    expect(ok<{ id: string }>(call(rt, 'activeContact', {})).id).toBe('');
  });

  it('refuses deleting twice, and a viewer', () => {
    const { rt, ana, bruno } = withHistory();
    ok(call(rt, 'deleteContact', { id: ana }));
    expect(refused(call(rt, 'deleteContact', { id: ana })).code).toBe('deleted');
    addStaff(rt, 'v@example.org', 'viewer');
    expect(as(rt, 'v@example.org', () => refused(call(rt, 'deleteContact', { id: bruno }))).code).toBe('forbidden');
    expect(rowOf(rt, 'Contacts', bruno).deleted).not.toBe(true);
  });
});
