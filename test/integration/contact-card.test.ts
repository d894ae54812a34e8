import { ok, refused, setUpRuntime, call, addStaff, as, rowsOf, typeRow } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';

const create = (rt: MemoryRuntime, contact: Record<string, unknown>) => ok(call(rt, 'createContact', { contact })).id as string;
const card = (rt: MemoryRuntime, id: string) => ok(call(rt, 'getContactCard', { id }));
const typeId = (rt: MemoryRuntime, label: string) => ok(call(rt, 'recordOptions', {})).relationship_types.find((t: any) => t.label_a_to_b === label).id as string;
const audit = (rt: MemoryRuntime) => rowsOf(rt, 'AuditLog').map((r) => `${r.action} ${r.table}`);

describe('The contact card', () => {
  it('shows the profile, donations, membership and tags of a contact', () => {
    const rt = setUpRuntime();
    const id = create(rt, { first_name: 'Inès', last_name: 'Moreau', email: 'ines@example.org', notes: 'Prefers calls' });
    // Gifts added outside the CRM (typed into the sheet, or the database).
    const gift = (date: string, amount: number, currency = 'EUR') => typeRow(rt, 'Donations', { id: `don_${date}${amount}`, contact_id: id, date, amount, currency });
    gift('2026-03-01', 50);
    gift('2026-10-15', 25.5);
    gift('2025-12-24', 100, 'USD');
    ok(call(rt, 'addMembership', { membership: { contact_id: id, level: 'Patron', start_date: '2026-09-01', frequency: 'yearly' } }));
    ok(call(rt, 'addTag', { contact_id: id, name: 'Donor', colour: '#aa0000' }));
    const c = card(rt, id);
    expect(c.name).toBe('Inès Moreau');
    expect(c.contact).toMatchObject({ email: 'ines@example.org', notes: 'Prefers calls' });
    expect(c.member).toBe(true);
    expect(c.membership).toMatchObject({ level: 'Patron', status: 'new', end_date: '2027-08-31' });
    // Gifts in another currency are counted and listed, not added to the euros.
    expect(c.donations).toMatchObject({ total: 75.5, currency: 'EUR', count: 3, last: { date: '2026-10-15', amount: 25.5 } });
    expect(c.donations.recent.map((d: any) => d.date)).toEqual(['2026-10-15', '2026-03-01', '2025-12-24']);
    expect(c.tags).toEqual([{ id: expect.stringMatching(/^tag_/), name: 'Donor', colour: '#aa0000' }]);
    expect(c.stage).toBe('member');
    // Its row on the sheet (the sidebar selects it there); a contact in the database has none.
    expect(c.row).toBe(rt.database ? 0 : 2);
  });

  it('refuses an unknown contact with a message naming it', () => {
    const rt = setUpRuntime();
    expect(refused(call(rt, 'getContactCard', { id: 'con_NOPE' })).message).toBe('There is no Contacts record with id con_NOPE.');
  });

  it('lets the lifecycle stage be overridden and says what the data alone gives', () => {
    const rt = setUpRuntime();
    const id = create(rt, { first_name: 'Sam', newsletter_status: 'subscribed' });
    expect(card(rt, id)).toMatchObject({ stage: 'subscriber', derived_stage: 'subscriber' });
    ok(call(rt, 'updateContact', { id, patch: { lifecycle_override: 'engaged' } }));
    expect(card(rt, id)).toMatchObject({ stage: 'engaged', derived_stage: 'subscriber' });
  });
});

describe('Logging an interaction', () => {
  it('shows the call on the card at once, newest first, stamped with who logged it', () => {
    const rt = setUpRuntime();
    const id = create(rt, { first_name: 'Ana' });
    ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'email', when: '2026-11-01T09:00:00Z', subject: 'Welcome' } }));
    const logged = ok(
      call(rt, 'logInteraction', {
        interaction: { contact_id: id, type: 'call', direction: 'outbound', subject: 'Renewal', details: 'Will renew in Dec.', outcome: 'positive', follow_up_date: '2026-12-01' },
      }),
    );
    expect(logged).toMatchObject({ type: 'call', subject: 'Renewal', staff: 'admin@example.org', when: '2026-11-22T10:00:00.000Z', follow_up_done: false });
    const timeline = card(rt, id).interactions;
    expect(timeline.map((i: any) => i.subject)).toEqual(['Renewal', 'Welcome']);
    expect(timeline[0]).toMatchObject({ id: logged.id, details: 'Will renew in Dec.', outcome: 'positive', follow_up_date: '2026-12-01' });
    expect(audit(rt)).toContain('interaction.log Interactions');
  });

  it('refuses a missing type, an unknown or deleted contact, and a viewer; nothing is written', () => {
    const rt = setUpRuntime();
    const id = create(rt, { first_name: 'Ana' });
    expect(refused(call(rt, 'logInteraction', { interaction: { contact_id: id, subject: 'no type' } })).message).toBe('Type: is required');
    expect(refused(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'telepathy' } })).message).toContain('"telepathy" is not one of');
    expect(refused(call(rt, 'logInteraction', { interaction: { contact_id: 'con_GHOST', type: 'call', subject: 'Hi' }, row_hint: 2 })).code).toBe('not_found');
    addStaff(rt, 'viewer@example.org', 'viewer');
    expect(as(rt, 'viewer@example.org', () => refused(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Hi' } }))).code).toBe('forbidden');
    ok(call(rt, 'deleteContact', { id }));
    expect(refused(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Hi' }, row_hint: 2 })).code).toBe('deleted');
    expect(rowsOf(rt, 'Interactions')).toHaveLength(0);
  });
});

describe('Tags', () => {
  it('creates a tag with its colour, reuses it whatever the case, and never tags twice', () => {
    const rt = setUpRuntime();
    const a = create(rt, { first_name: 'A' });
    const b = create(rt, { first_name: 'B' });
    const first = ok(call(rt, 'addTag', { contact_id: a, name: 'Volunteer', colour: '#123456' }));
    const again = ok(call(rt, 'addTag', { contact_id: b, name: '  volunteer ' }));
    ok(call(rt, 'addTag', { contact_id: b, tag_id: first.id }));
    expect(again).toEqual(first);
    expect(rowsOf(rt, 'Tags')).toHaveLength(1);
    expect(rowsOf(rt, 'ContactTags')).toHaveLength(2);
    expect(ok(call(rt, 'removeTag', { contact_id: b, tag_id: first.id }))).toEqual({ removed: true });
    expect(card(rt, b).tags).toEqual([]);
    expect(card(rt, a).tags.map((t: any) => t.name)).toEqual(['Volunteer']);
  });

  it('refuses an empty name or a colour that is not #rrggbb', () => {
    const rt = setUpRuntime();
    const a = create(rt, { first_name: 'A' });
    expect(refused(call(rt, 'addTag', { contact_id: a, name: '   ' })).message).toBe('A tag needs a name.');
    expect(refused(call(rt, 'addTag', { contact_id: a, name: 'Red', colour: 'red;x' })).message).toBe('"red;x" is not a colour: use #rrggbb, e.g. #1a73e8.');
    expect(rowsOf(rt, 'Tags')).toHaveLength(0);
  });
});

describe('Relationships', () => {
  it('is one row, read from both sides with the right label', () => {
    const rt = setUpRuntime();
    const parent = create(rt, { first_name: 'Maria', last_name: 'Silva' });
    const child = create(rt, { first_name: 'Rui', last_name: 'Silva' });
    ok(call(rt, 'addRelationship', { contact_id: parent, other_id: child, type_id: typeId(rt, 'parent of'), side: 'a' }));
    expect(card(rt, parent).relationships).toEqual([expect.objectContaining({ label: 'parent of', other_name: 'Rui Silva', other_id: child, active: true })]);
    expect(card(rt, child).relationships).toEqual([expect.objectContaining({ label: 'child of', other_name: 'Maria Silva', other_id: parent, active: true })]);
    expect(rowsOf(rt, 'Relationships')).toHaveLength(1);
  });

  it('can be added from the other side: "child of" from the child’s card stores the same row', () => {
    const rt = setUpRuntime();
    const parent = create(rt, { first_name: 'Maria' });
    const child = create(rt, { first_name: 'Rui' });
    const view = ok(call(rt, 'addRelationship', { contact_id: child, other_id: parent, type_id: typeId(rt, 'parent of'), side: 'b' }));
    expect(view.label).toBe('child of');
    expect(rowsOf(rt, 'Relationships')[0]).toMatchObject({ contact_a: parent, contact_b: child });
    expect(card(rt, parent).relationships[0].label).toBe('parent of');
  });

  it('reads symmetric types the same from both sides', () => {
    const rt = setUpRuntime();
    const a = create(rt, { first_name: 'A' });
    const b = create(rt, { first_name: 'B' });
    ok(call(rt, 'addRelationship', { contact_id: a, other_id: b, type_id: typeId(rt, 'spouse of'), side: 'a' }));
    expect(card(rt, a).relationships[0].label).toBe('spouse of');
    expect(card(rt, b).relationships[0].label).toBe('spouse of');
  });

  it('is never duplicated, in either direction, and a contact is not related to itself', () => {
    const rt = setUpRuntime();
    const a = create(rt, { first_name: 'A' });
    const b = create(rt, { first_name: 'B' });
    const colleague = typeId(rt, 'colleague of');
    ok(call(rt, 'addRelationship', { contact_id: a, other_id: b, type_id: colleague, side: 'a' }));
    expect(refused(call(rt, 'addRelationship', { contact_id: b, other_id: a, type_id: colleague, side: 'a' })).message).toBe('This relationship already exists: colleague of A.');
    expect(refused(call(rt, 'addRelationship', { contact_id: a, other_id: a, type_id: colleague, side: 'a' })).message).toBe('A contact cannot be related to itself.');
    expect(rowsOf(rt, 'Relationships')).toHaveLength(1);
  });

  it('is ended, not deleted: both cards keep it, inactive, and it may then be added again', () => {
    const rt = setUpRuntime();
    const a = create(rt, { first_name: 'A' });
    const b = create(rt, { first_name: 'B' });
    const spouse = typeId(rt, 'spouse of');
    const rel = ok(call(rt, 'addRelationship', { contact_id: a, other_id: b, type_id: spouse, side: 'a', start_date: '2010-06-01' }));
    const ended = ok(call(rt, 'endRelationship', { id: rel.id, contact_id: b }));
    expect(ended).toMatchObject({ active: false, end_date: '2026-11-22' });
    expect(card(rt, a).relationships[0]).toMatchObject({ active: false, end_date: '2026-11-22' });
    expect(refused(call(rt, 'endRelationship', { id: rel.id, contact_id: a, end_date: '2001-01-01' })).code).toBe('invalid');
    ok(call(rt, 'addRelationship', { contact_id: a, other_id: b, type_id: spouse, side: 'a' }));
    expect(card(rt, b).relationships.map((r: any) => r.active)).toEqual([true, false]);
    expect(audit(rt).filter((x) => x.startsWith('relationship.'))).toEqual(['relationship.add Relationships', 'relationship.end Relationships', 'relationship.add Relationships']);
  });

  it('shows a person’s employer and an organisation’s people, and offers the employment link', () => {
    const rt = setUpRuntime();
    const org = create(rt, { kind: 'organisation', organisation_name: 'Jornal do Porto' });
    const person = create(rt, { first_name: 'Rita', organisation_name: 'jornal do porto' });
    // Typing the organisation's name linked the person to it; the card offers the relationship.
    expect(card(rt, person)).toMatchObject({ employer: { id: org, name: 'Jornal do Porto' }, employment_offer: { organisation_id: org, organisation_name: 'Jornal do Porto' } });
    ok(call(rt, 'addRelationship', { contact_id: person, other_id: org, type_id: typeId(rt, 'employee of'), side: 'a' }));
    expect(card(rt, person)).toMatchObject({ employer: { id: org, label: 'employee of' }, employment_offer: null });
    expect(card(rt, org).people).toEqual([{ id: person, name: 'Rita', label: 'employer of' }]);
  });

  it('is refused to viewers, and for unknown types', () => {
    const rt = setUpRuntime();
    const a = create(rt, { first_name: 'A' });
    const b = create(rt, { first_name: 'B' });
    expect(refused(call(rt, 'addRelationship', { contact_id: a, other_id: b, type_id: 'rty_NOPE', side: 'a' })).code).toBe('not_found');
    addStaff(rt, 'viewer@example.org', 'viewer');
    expect(as(rt, 'viewer@example.org', () => refused(call(rt, 'addRelationship', { contact_id: a, other_id: b, type_id: typeId(rt, 'colleague of'), side: 'a' }))).code).toBe('forbidden');
  });
});

describe('The language a person picks in the sidebar', () => {
  it('is kept in their own user properties, not on the Staff sheet, and the server’s messages follow it', () => {
    const rt = setUpRuntime();
    const staffBefore = JSON.stringify(rowsOf(rt, 'Staff'));
    expect(ok(call(rt, 'setLanguage', { language: 'fr' }))).toEqual({ language: 'fr' });
    expect(JSON.stringify(rowsOf(rt, 'Staff'))).toBe(staffBefore);
    expect(rt.userProperties.get('crm.language')).toBe('fr');
    expect(refused(call(rt, 'getContactCard', { id: 'con_NOPE' })).message).toBe("Aucun enregistrement Contacts n'a l'identifiant con_NOPE.");
    expect(ok(call(rt, 'bootstrap', {})).language).toBe('fr');
    expect(refused(call(rt, 'setLanguage', { language: 'de' })).code).toBe('invalid_input');
    // Each person's own: a colleague keeps the CRM's language.
    addStaff(rt, 'colleague@example.org', 'editor');
    expect(as(rt, 'colleague@example.org', () => ok(call(rt, 'bootstrap', {})).language)).toBe('en');
    // A viewer may choose their language too (it changes nothing of the CRM's).
    addStaff(rt, 'viewer@example.org', 'viewer');
    as(rt, 'viewer@example.org', () => ok(call(rt, 'setLanguage', { language: 'pt' })));
    expect(as(rt, 'viewer@example.org', () => refused(call(rt, 'getContactCard', { id: 'con_NOPE' })).message)).toMatch(/^Não há registro/);
  });
});
