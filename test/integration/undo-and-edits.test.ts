/** Corrections from the card (interactions, gifts, memberships edited or deleted), Undo of every
 *  one-click change, and the bin of deleted contacts: each change is role-checked and audited, Undo
 *  puts back exactly what the change did, and never overwrites what someone changed since. */
import { callAction } from '../../src/api/call';
import { addStaff, as, call, ok, refused, rowsOf, setUpRuntime, typeInto } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';

/** A change and its Undo token (the answer's `undo`). */
function changed(rt: MemoryRuntime, name: string, input: unknown): { data: any; undo: string } {
  const answer = callAction(rt, name, input);
  if (!answer.ok) throw new Error(`${name} refused: ${answer.error.message}`);
  expect(typeof answer.undo).toBe('string');
  return { data: answer.data, undo: answer.undo! };
}

const snapshot = (rt: MemoryRuntime, table: string) => JSON.stringify(rowsOf(rt, table));

function withContact(rt: MemoryRuntime): string {
  return ok(call(rt, 'createContact', { contact: { first_name: 'Ana', last_name: 'Souza', email: 'ana@example.org' } })).id;
}

describe('Undo', () => {
  it('removes a logged call, reading only its row, and the card no longer shows it', () => {
    const rt = setUpRuntime();
    const id = withContact(rt);
    for (let k = 0; k < 30; k++) ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'note', subject: `older ${k}` } }));
    const before = snapshot(rt, 'Interactions');
    const logged = changed(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Called about the AGM' } });
    const reads: string[] = [];
    const read = rt.grid.read.bind(rt.grid);
    rt.grid.read = (sheet: string) => (reads.push(sheet), read(sheet));
    expect(ok(call(rt, 'undoChange', { change: logged.undo }))).toEqual({ records: 1, contact_ids: [id] });
    rt.grid.read = read;
    expect(reads).not.toContain('Interactions');
    expect(snapshot(rt, 'Interactions')).toBe(before);
    expect(ok(call(rt, 'getContactCard', { id })).interactions.map((i: { subject: string }) => i.subject)).not.toContain('Called about the AGM');
    expect(rowsOf(rt, 'AuditLog').filter((r) => r.action === 'undo')).toHaveLength(1);
  });

  it('puts a deleted call back whole, with its id, and a second Undo changes nothing', () => {
    const rt = setUpRuntime();
    const id = withContact(rt);
    const call1 = ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Gala', details: 'Line one\nLine two', outcome: 'Will come', follow_up_date: '2026-12-01' } }));
    const stored = rowsOf(rt, 'Interactions').find((r) => r.id === call1.id);
    const deleted = changed(rt, 'deleteInteraction', { id: call1.id });
    expect(rowsOf(rt, 'Interactions').map((r) => r.id)).not.toContain(call1.id);
    ok(call(rt, 'undoChange', { change: deleted.undo }));
    const back = rowsOf(rt, 'Interactions').find((r) => r.id === call1.id);
    expect({ ...back, updated_at: '' }).toEqual({ ...stored, updated_at: '' });
    const again = refused(call(rt, 'undoChange', { change: deleted.undo }));
    expect(again.code).toBe('conflict');
    expect(rowsOf(rt, 'Interactions').filter((r) => r.id === call1.id)).toHaveLength(1);
  });

  it('undoes a renewal and its payment, a status, Done and Snooze, each back to what it was', () => {
    const rt = setUpRuntime();
    const id = withContact(rt);
    const m = ok(call(rt, 'addMembership', { membership: { contact_id: id, start_date: '2025-12-01', frequency: 'yearly', level: 'standard' } }));
    const before = snapshot(rt, 'Memberships');
    const renewed = changed(rt, 'renewMembership', { id: m.id, from_end_date: m.end_date, payment: { amount: 30 } });
    expect(renewed.data.end_date > m.end_date).toBe(true);
    ok(call(rt, 'undoChange', { change: renewed.undo }));
    // The membership as it was, its stamps aside.
    const fields = (snap: string) =>
      Object.values(JSON.parse(snap)[0] as Record<string, unknown>)
        .map(String)
        .filter((v) => !/^\d{4}-\d\d-\d\dT/.test(v));
    expect(fields(snapshot(rt, 'Memberships'))).toEqual(fields(before));
    const status = changed(rt, 'setMembershipStatus', { id: m.id, status_override: 'cancelled' });
    ok(call(rt, 'undoChange', { change: status.undo }));
    expect(rowsOf(rt, 'Memberships')[0]).toMatchObject({ status_override: '', end_date: m.end_date });

    const follow = ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Ring back', follow_up_date: '2026-11-20' } }));
    const done = changed(rt, 'completeFollowUp', { contact_id: id, interaction_id: follow.id });
    expect(rowsOf(rt, 'Interactions').find((r) => r.id === follow.id)!.follow_up_done).toBe(true);
    ok(call(rt, 'undoChange', { change: done.undo }));
    expect(rowsOf(rt, 'Interactions').find((r) => r.id === follow.id)!.follow_up_done).toBe(false);
    const snoozed = changed(rt, 'snoozeFollowUp', { contact_id: id, interaction_id: follow.id, until: '2026-12-24' });
    ok(call(rt, 'undoChange', { change: snoozed.undo }));
    expect(ok(call(rt, 'followUps', { scope: 'all' })).items.map((i: { interaction_id: string }) => i.interaction_id)).toContain(follow.id);
  });

  it('brings a deleted contact back, and a tag taken off', () => {
    const rt = setUpRuntime();
    const id = withContact(rt);
    const tagged = ok(call(rt, 'addTag', { contact_id: id, name: 'Board' }));
    const tagId = tagged.id ?? rowsOf(rt, 'Tags')[0].id;
    const removed = changed(rt, 'removeTag', { contact_id: id, tag_id: tagId });
    ok(call(rt, 'undoChange', { change: removed.undo }));
    expect(ok(call(rt, 'getContactCard', { id })).tags.map((t: { name: string }) => t.name)).toEqual(['Board']);
    const gone = changed(rt, 'deleteContact', { id });
    expect(ok(call(rt, 'searchContacts', { text: 'Souza' })).total).toBe(0);
    ok(call(rt, 'undoChange', { change: gone.undo }));
    expect(ok(call(rt, 'searchContacts', { text: 'Souza' })).items.map((h: { id: string }) => h.id)).toEqual([id]);
  });

  it('refuses when the record changed since, and writes nothing at all', () => {
    const rt = setUpRuntime();
    const id = withContact(rt);
    const gift = ok(call(rt, 'recordGift', { contact_id: id, amount: 50, date: '2026-11-01' }));
    const edited = changed(rt, 'editGift', { id: gift.id, patch: { amount: 60, fund: 'Gala' } });
    rt.clock.advance(60000);
    ok(call(rt, 'editGift', { id: gift.id, patch: { amount: 75 } }));
    const donations = snapshot(rt, 'Donations');
    const audit = rowsOf(rt, 'AuditLog').length;
    const answer = refused(call(rt, 'undoChange', { change: edited.undo }));
    expect(answer.code).toBe('conflict');
    expect(answer.message).toBe('Not undone: someone has changed this record in Donations since. Nothing was changed; open the card again to see it as it is.');
    expect(snapshot(rt, 'Donations')).toBe(donations);
    expect(rowsOf(rt, 'AuditLog')).toHaveLength(audit);
  });

  it('is for the person who made the change (or an admin), never a viewer, never a made-up token', () => {
    const rt = setUpRuntime();
    const id = withContact(rt);
    addStaff(rt, 'ed@example.org', 'editor');
    addStaff(rt, 'other@example.org', 'editor');
    addStaff(rt, 'viewer@example.org', 'viewer');
    const mine = as(rt, 'ed@example.org', () => changed(rt, 'updateContact', { id, patch: { city: 'Lyon' } }));
    const other = as(rt, 'other@example.org', () => refused(call(rt, 'undoChange', { change: mine.undo })));
    expect(other.code).toBe('forbidden');
    expect(other.message).toContain('ed@example.org');
    expect(as(rt, 'viewer@example.org', () => refused(call(rt, 'undoChange', { change: mine.undo }))).code).toBe('forbidden');
    for (const bad of ['aud_nothing', 'aud_0000000000AAAAAAAA', `${mine.undo} x`, ' ', 'con_' + id])
      expect(refused(call(rt, 'undoChange', { change: bad })).code).toMatch(/^(invalid|not_found|invalid_input)$/);
    expect(rowsOf(rt, 'Contacts')[0].city).toBe('Lyon');
    // The admin may undo anyone's change.
    ok(call(rt, 'undoChange', { change: mine.undo }));
    expect(rowsOf(rt, 'Contacts')[0].city).toBe('');
  });

  it('is not offered for a setting or an import, and refused for a Staff change', () => {
    const rt = setUpRuntime();
    const staff = callAction(rt, 'addStaff', { email: 'new@example.org', role: 'viewer' });
    expect(staff.ok && staff.undo).toBeFalsy();
    const staffRow = rowsOf(rt, 'AuditLog').find((r) => r.table === 'Staff')!;
    expect(refused(call(rt, 'undoChange', { change: String(staffRow.id) })).message).toBe('A change to Staff cannot be undone from here.');
  });

  it('speaks the person’s language', () => {
    const rt = setUpRuntime('admin@example.org', 'fr');
    const id = withContact(rt);
    const gift = ok(call(rt, 'recordGift', { contact_id: id, amount: 50 }));
    const deleted = changed(rt, 'deleteGift', { id: gift.id });
    ok(call(rt, 'recordGift', { contact_id: id, amount: 5 }));
    ok(call(rt, 'undoChange', { change: deleted.undo }));
    expect(refused(call(rt, 'undoChange', { change: deleted.undo })).message).toContain('Pas annulé');
  });
});

describe('Correcting from the card', () => {
  it('changes a call in place and refuses to empty it', () => {
    const rt = setUpRuntime();
    const id = withContact(rt);
    const logged = ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'AGM' } }));
    const edited = ok(call(rt, 'editInteraction', { id: logged.id, patch: { type: 'meeting', subject: 'AGM, in person', follow_up_date: '2026-12-10' } }));
    expect(edited).toMatchObject({ type: 'meeting', subject: 'AGM, in person', follow_up_date: '2026-12-10', follow_up_done: false });
    expect(rowsOf(rt, 'Interactions')).toHaveLength(1);
    expect(refused(call(rt, 'editInteraction', { id: logged.id, patch: { subject: '  ' } })).code).toBe('invalid');
    expect(refused(call(rt, 'editInteraction', { id: 'int_GHOST', patch: { subject: 'x' } })).code).toBe('not_found');
    expect(rowsOf(rt, 'AuditLog').filter((r) => r.action === 'interaction.edit')).toHaveLength(1);
  });

  it('corrects a gift where it is (never a second gift) and checks what was typed', () => {
    const rt = setUpRuntime();
    const id = withContact(rt);
    const gift = ok(call(rt, 'recordGift', { contact_id: id, amount: 50, date: '2026-11-01' }));
    ok(call(rt, 'editGift', { id: gift.id, patch: { amount: 500, currency: 'usd', date: '2026-10-31', note: 'Major gift' } }));
    expect(rowsOf(rt, 'Donations')).toHaveLength(1);
    expect(rowsOf(rt, 'Donations')[0]).toMatchObject({ amount: 500, currency: 'USD', date: '2026-10-31', note: 'Major gift' });
    expect(refused(call(rt, 'editGift', { id: gift.id, patch: { currency: '€€' } })).message).toContain('is not a currency');
    expect(refused(call(rt, 'editGift', { id: gift.id, patch: { amount: -1 } })).message).toContain('amount');
    expect(refused(call(rt, 'editGift', { id: gift.id, patch: { date: '31/10/2026' } })).message).toContain('is not a date');
    ok(call(rt, 'deleteGift', { id: gift.id }));
    expect(ok(call(rt, 'getContactCard', { id })).donations.count).toBe(0);
  });

  it('corrects a membership’s dates, its status following them, and refuses an end before the start', () => {
    const rt = setUpRuntime();
    const id = withContact(rt);
    const m = ok(call(rt, 'addMembership', { membership: { contact_id: id, start_date: '2024-01-01', end_date: '2024-12-31' } }));
    expect(m.status).toBe('expired');
    const edited = ok(call(rt, 'editMembership', { id: m.id, patch: { end_date: '2027-06-30', level: 'Gold' } }));
    expect(edited).toMatchObject({ status: 'current', level: 'Gold', end_date: '2027-06-30' });
    expect(ok(call(rt, 'getContactCard', { id })).member).toBe(true);
    expect(refused(call(rt, 'editMembership', { id: m.id, patch: { end_date: '2023-01-01' } })).code).toBe('invalid');
    expect(refused(call(rt, 'editMembership', { id: m.id, patch: { start_date: '' } })).code).toBe('invalid');
    const removed = changed(rt, 'deleteMembership', { id: m.id });
    expect(ok(call(rt, 'getContactCard', { id })).member).toBe(false);
    ok(call(rt, 'undoChange', { change: removed.undo }));
    expect(ok(call(rt, 'getContactCard', { id })).member).toBe(true);
  });

  it('is for editors only, and never on a deleted contact', () => {
    const rt = setUpRuntime();
    const id = withContact(rt);
    const logged = ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'AGM' } }));
    addStaff(rt, 'viewer@example.org', 'viewer');
    for (const [name, input] of [
      ['editInteraction', { id: logged.id, patch: { subject: 'x' } }],
      ['deleteInteraction', { id: logged.id }],
    ] as const)
      expect(as(rt, 'viewer@example.org', () => refused(call(rt, name, input))).code).toBe('forbidden');
    ok(call(rt, 'deleteContact', { id }));
    expect(refused(call(rt, 'deleteInteraction', { id: logged.id })).code).toBe('deleted');
    expect(rowsOf(rt, 'Interactions')).toHaveLength(1);
  });
});

describe('The bin', () => {
  it('lists deleted contacts, newest first, for admins, who restore them', () => {
    const rt = setUpRuntime();
    const ana = withContact(rt);
    const bo = ok(call(rt, 'createContact', { contact: { first_name: 'Bo', email: 'bo@example.org' } })).id;
    ok(call(rt, 'deleteContact', { id: ana }));
    rt.clock.advance(60000);
    ok(call(rt, 'deleteContact', { id: bo }));
    expect(ok(call(rt, 'deletedContacts', {})).items.map((e: { name: string }) => e.name)).toEqual(['Bo', 'Ana Souza']);
    addStaff(rt, 'ed@example.org', 'editor');
    expect(as(rt, 'ed@example.org', () => refused(call(rt, 'restoreContact', { id: ana }))).code).toBe('forbidden');
    expect(as(rt, 'ed@example.org', () => refused(call(rt, 'deletedContacts', {}))).code).toBe('forbidden');
    ok(call(rt, 'restoreContact', { id: ana }));
    expect(ok(call(rt, 'deletedContacts', {})).total).toBe(1);
    expect(ok(call(rt, 'searchContacts', { text: 'ana@example.org' })).items.map((h: { id: string }) => h.id)).toEqual([ana]);
    expect(refused(call(rt, 'restoreContact', { id: ana })).code).toBe('invalid');
    expect(rowsOf(rt, 'AuditLog').filter((r) => r.action === 'contact.restore')).toHaveLength(1);
  });

  it('counts a contact marked deleted by hand (x) as deleted', () => {
    const rt = setUpRuntime();
    const ana = withContact(rt);
    // x, as people mark a row in Sheets; in the database, whose column is boolean, true.
    typeInto(rt, 'Contacts', ana, 'deleted', rt.database ? true : 'x');
    expect(ok(call(rt, 'deletedContacts', {})).items.map((e: { id: string }) => e.id)).toEqual([ana]);
    ok(call(rt, 'restoreContact', { id: ana }));
    expect(ok(call(rt, 'getContactCard', { id: ana })).name).toBe('Ana Souza');
  });
});

describe('A refusal about one field', () => {
  it('names the field for the form, in words, in the language of the page that asked', () => {
    const rt = setUpRuntime('admin@example.org', 'en');
    const none = callAction(rt, 'createContact', { contact: { city: 'Lyon' } }, 'es');
    expect(none).toMatchObject({ ok: false, error: { field: 'first_name', message: 'Un contacto necesita un nombre, un correo o un teléfono.' } });
    const phone = callAction(rt, 'createContact', { contact: { first_name: 'Nadia', phone: '12' } }, 'pt');
    expect(phone).toMatchObject({ ok: false, error: { field: 'phone' } });
    expect(!phone.ok && phone.error.message).toMatch(/^“12” não é um número de telefone/);
    const email = callAction(rt, 'updateContact', { id: 'con_X', patch: { email: 'ana@' } }, 'fr');
    expect(email).toMatchObject({ ok: false, error: { field: 'email', message: "E-mail : « ana@ » n'est pas une adresse e-mail valide" } });
    const gift = callAction(rt, 'recordGift', { contact_id: withContact(rt), amount: 5, currency: 'euros' });
    expect(gift).toMatchObject({ ok: false, error: { field: 'currency' } });
    // A language the CRM does not speak is ignored: the person's own applies.
    expect(callAction(rt, 'createContact', { contact: {} }, 'xx')).toMatchObject({ ok: false, error: { message: 'A contact needs a name, an email or a phone.' } });
  });
});
