/** Trigger points end to end, through the actions the nightly trigger and the sidebar call: rules typed
 *  in the TriggerPoints sheet fire once per entry into their segment, each action does what a person
 *  would see on the card and in "To recontact", broken rows are reported by row and column while the
 *  other rules run, and Set up brings three default rules once. */
import type { MemoryRuntime } from '../../src/memory/services';
import { Donations, Segments, TriggerLog, TriggerPoints } from '../../src/core/schema/tables';
import { Workbook } from '../../src/store/workbook';
import { addStaff, as, call, ok, refused, rowsOf, setUpRuntime, typeRow } from '../support/crm';
import type { FollowUp } from '../../src/services/views';
import type { TriggerRun } from '../../src/services/points/trigger-points';
import { NIGHTLY_ACTIONS } from '../../src/api/nightly';

const ADMIN = 'admin@example.org';
const EDITOR = 'ed@example.org';
const VIEWER = 'viv@example.org';

const contact = (rt: MemoryRuntime, fields: Record<string, unknown>): string => ok<{ id: string }>(call(rt, 'createContact', { contact: fields })).id;
const tag = (rt: MemoryRuntime, id: string, name: string) => ok(call(rt, 'addTag', { contact_id: id, name }));
const untag = (rt: MemoryRuntime, id: string, name: string) => {
  const found = card(rt, id).tags.find((t: { name: string }) => t.name === name);
  ok(call(rt, 'removeTag', { contact_id: id, tag_id: found.id }));
};
const card = (rt: MemoryRuntime, id: string) => ok<any>(call(rt, 'getContactCard', { id }));
const tagNames = (rt: MemoryRuntime, id: string): string[] => card(rt, id).tags.map((t: { name: string }) => t.name);
const run = (rt: MemoryRuntime): TriggerRun => ok<TriggerRun>(call(rt, 'runTriggerPoints', {}));
const ruleRun = (result: TriggerRun, id: string) => result.rules.find((r) => r.id === id)!;

/** Changes one cell of a hand-kept row, found by its id. */
function editCell(rt: MemoryRuntime, sheet: string, id: string, column: string, value: string | boolean): void {
  const rows = rt.grid.sheets.get(sheet)!;
  const header = rows[0] as string[];
  const row = rows.find((r) => r[header.indexOf('id')] === id)!;
  row[header.indexOf(column)] = value;
}

function rule(rt: MemoryRuntime, id: string, cells: Record<string, string | boolean>): string {
  typeRow(rt, TriggerPoints.name, { id, active: true, ...cells });
  return id;
}

function segment(rt: MemoryRuntime, id: string, name: string, query: string): void {
  typeRow(rt, Segments.name, { id, name, kind: 'dynamic', query });
}

const logOf = (rt: MemoryRuntime, ruleId: string) => rowsOf(rt, TriggerLog.name).filter((r) => r.rule_id === ruleId);

function later(rt: MemoryRuntime, hours: number): void {
  rt.clock.advance(hours * 3600 * 1000);
}

describe('A trigger point', () => {
  it('fires once per entry into its segment: not again while the contact stays, again after it left and came back', () => {
    const rt = setUpRuntime();
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima' });
    const ben = contact(rt, { first_name: 'Ben', last_name: 'Stone' });
    segment(rt, 'seg_vip', 'VIP', 'tag:vip');
    const id = rule(rt, 'trp_vip', { name: 'Welcome VIPs', segment: 'vip', action: 'note', argument: 'Call to say thank you' });
    tag(rt, ana, 'vip');

    const first = run(rt);
    expect(ruleRun(first, id)).toEqual({ id, name: 'Welcome VIPs', entered: 1, fired: 1, left: 0, errors: [] });
    expect(first.fired).toBe(1);
    expect(logOf(rt, id)).toEqual([expect.objectContaining({ contact_id: ana, entered_at: '2026-11-22T10:00:00.000Z', left_at: '', outcome: 'done' })]);

    later(rt, 24);
    expect(ruleRun(run(rt), id)).toMatchObject({ entered: 0, fired: 0, left: 0 });
    expect(card(rt, ana).interactions.filter((i: { subject: string }) => i.subject === 'Welcome VIPs')).toHaveLength(1);

    untag(rt, ana, 'vip');
    tag(rt, ben, 'vip');
    later(rt, 24);
    const third = run(rt);
    expect(third).toMatchObject({ fired: 1, closed: 1 });
    expect(ruleRun(third, id)).toMatchObject({ entered: 1, fired: 1, left: 1 });
    expect(logOf(rt, id).find((e) => e.contact_id === ana)).toMatchObject({ left_at: '2026-11-24T10:00:00.000Z' });

    tag(rt, ana, 'vip');
    later(rt, 24);
    expect(ruleRun(run(rt), id)).toMatchObject({ entered: 1, fired: 1, left: 0 });
    expect(
      logOf(rt, id)
        .filter((e) => e.contact_id === ana)
        .map((e) => [e.entered_at, e.left_at]),
    ).toEqual([
      ['2026-11-22T10:00:00.000Z', '2026-11-24T10:00:00.000Z'],
      ['2026-11-25T10:00:00.000Z', ''],
    ]);
    expect(card(rt, ana).interactions.filter((i: { subject: string }) => i.subject === 'Welcome VIPs')).toHaveLength(2);
  });

  it('adds a tag once, creating it when the CRM has none of that name, and never links it twice', () => {
    const rt = setUpRuntime();
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima', city: 'Porto' });
    const ben = contact(rt, { first_name: 'Ben', last_name: 'Stone', city: 'Porto' });
    const carla = contact(rt, { first_name: 'Carla', last_name: 'Dias', city: 'Lyon' });
    tag(rt, ana, 'Porto friend');
    segment(rt, 'seg_porto', 'In Porto', 'city:porto');
    const id = rule(rt, 'trp_porto', { name: 'Tag Porto', segment: 'IN PORTO', action: 'add_tag', argument: 'porto friend' });
    const green = rule(rt, 'trp_green', { name: 'Tag green', segment: 'In Porto', action: 'add_tag', argument: 'Green' });

    expect(ruleRun(run(rt), id)).toMatchObject({ entered: 2, fired: 2, errors: [] });
    expect(tagNames(rt, ana)).toEqual(['Green', 'Porto friend']);
    expect(tagNames(rt, ben)).toEqual(['Green', 'Porto friend']);
    expect(tagNames(rt, carla)).toEqual([]);
    const tags = rowsOf(rt, 'Tags');
    expect(tags.filter((t) => String(t.name).toLowerCase() === 'porto friend')).toHaveLength(1);
    expect(tags.filter((t) => t.name === 'Green')).toHaveLength(1);
    const links = rowsOf(rt, 'ContactTags').filter((l) => l.contact_id === ana);
    expect(links).toHaveLength(2);
    expect(logOf(rt, green).map((e) => e.outcome)).toEqual(['done', 'done']);
  });

  it('removes a tag, and does nothing to a contact without it', () => {
    const rt = setUpRuntime();
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima', newsletter_status: 'unsubscribed' });
    const ben = contact(rt, { first_name: 'Ben', last_name: 'Stone', newsletter_status: 'unsubscribed' });
    tag(rt, ana, 'Newsletter fan');
    tag(rt, ana, 'Volunteer');
    tag(rt, ben, 'Volunteer');
    segment(rt, 'seg_gone', 'Unsubscribed', 'newsletter:unsubscribed');
    const id = rule(rt, 'trp_gone', { name: 'Not a fan any more', segment: 'Unsubscribed', action: 'remove_tag', argument: 'newsletter FAN' });

    expect(ruleRun(run(rt), id)).toMatchObject({ entered: 2, fired: 2, errors: [] });
    expect(tagNames(rt, ana)).toEqual(['Volunteer']);
    expect(tagNames(rt, ben)).toEqual(['Volunteer']);
  });

  it('sets a follow-up date and owner, keeps an earlier date, and puts the contact in the owner’s "To recontact" list', () => {
    const rt = setUpRuntime();
    addStaff(rt, EDITOR, 'editor');
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima', city: 'Lyon', owner: ADMIN });
    const ben = contact(rt, { first_name: 'Ben', last_name: 'Stone', city: 'Lyon', next_contact_date: '2026-11-23' });
    const carla = contact(rt, { first_name: 'Carla', last_name: 'Dias', city: 'Nice', owner: ADMIN, next_contact_date: '2026-12-31' });
    segment(rt, 'seg_lyon', 'Lyon', 'city:lyon');
    segment(rt, 'seg_nice', 'Nice', 'city:nice');
    rule(rt, 'trp_lyon', { name: 'Call Lyon', segment: 'Lyon', action: 'follow_up', argument: '3', owner: EDITOR });
    rule(rt, 'trp_nice', { name: 'Call Nice', segment: 'Nice', action: 'follow_up', argument: '' });

    expect(run(rt).fired).toBe(3);
    expect(card(rt, ana).contact).toMatchObject({ next_contact_date: '2026-11-25', owner: EDITOR });
    expect(card(rt, ben).contact).toMatchObject({ next_contact_date: '2026-11-23', owner: EDITOR });
    expect(card(rt, carla).contact).toMatchObject({ next_contact_date: '2026-11-22', owner: ADMIN });

    const mine = ok<{ items: FollowUp[] }>(call(rt, 'followUps', { scope: 'mine' })).items;
    expect(mine.map((f) => [f.name, f.reason, f.due, f.mine])).toEqual([['Carla Dias', 'next_contact', '2026-11-22', true]]);
    rt.clock.current = new Date('2026-11-25T10:00:00Z');
    const edsList = as(rt, EDITOR, () => ok<{ items: FollowUp[] }>(call(rt, 'followUps', { scope: 'mine' })).items);
    expect(edsList.map((f) => f.name).sort()).toEqual(['Ana Lima', 'Ben Stone']);
  });

  it('writes an internal note on the card, for the rule’s owner or else the contact’s', () => {
    const rt = setUpRuntime();
    addStaff(rt, EDITOR, 'editor');
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima', owner: ADMIN });
    tag(rt, ana, 'gala');
    segment(rt, 'seg_gala', 'Gala guests', 'tag:gala');
    rule(rt, 'trp_thanks', { name: 'Thank gala guests', segment: 'Gala guests', action: 'note', argument: 'Send a handwritten card' });
    rule(rt, 'trp_seat', { name: 'Seat at next gala', segment: 'Gala guests', action: 'note', argument: 'Offer a front seat', owner: EDITOR });

    run(rt);
    const notes = card(rt, ana).interactions.filter((i: { type: string }) => i.type === 'note');
    expect(notes.map((n: Record<string, unknown>) => [n.subject, n.details, n.direction, n.staff]).sort()).toEqual([
      ['Seat at next gala', 'Offer a front seat', 'internal', EDITOR],
      ['Thank gala guests', 'Send a handwritten card', 'internal', ADMIN],
    ]);
    expect(notes[0].when).toBe('2026-11-22T10:00:00.000Z');
  });

  it('reports a broken rule by row and column and runs the others', () => {
    const rt = setUpRuntime();
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima', city: 'Lyon' });
    segment(rt, 'seg_lyon', 'Lyon', 'city:lyon');
    segment(rt, 'seg_bad', 'Broken', 'city:lyon AND (tag:x');
    segment(rt, 'seg_unknown', 'Unknown field', 'shoe_size>42');
    segment(rt, 'seg_loop', 'Loop', 'segment:Loop');
    const good = rule(rt, 'trp_good', { name: 'Good', segment: 'Lyon', action: 'add_tag', argument: 'lyon' });
    const mail = rule(rt, 'trp_mail', { name: 'Mail them', segment: 'Lyon', action: 'send_sms', argument: 'welcome' });
    const noTag = rule(rt, 'trp_notag', { name: 'No tag', segment: 'Lyon', action: 'add_tag', argument: ' ' });
    const noText = rule(rt, 'trp_notext', { name: 'No text', segment: 'Lyon', action: 'note' });
    const days = rule(rt, 'trp_days', { name: 'Soon', segment: 'Lyon', action: 'follow_up', argument: 'soon' });
    const missing = rule(rt, 'trp_missing', { name: 'Nowhere', segment: 'Paris', action: 'add_tag', argument: 'paris' });
    const broken = rule(rt, 'trp_broken', { name: 'Broken query', segment: 'Broken', action: 'add_tag', argument: 'x' });
    const unknown = rule(rt, 'trp_unknown', { name: 'Unknown field', segment: 'Unknown field', action: 'add_tag', argument: 'x' });
    const loop = rule(rt, 'trp_loop', { name: 'Loop', segment: 'Loop', action: 'add_tag', argument: 'x' });
    const owner = rule(rt, 'trp_owner', { name: 'Bad owner', segment: 'Lyon', action: 'follow_up', owner: 'not an email' });
    rule(rt, 'trp_good', { name: 'Copied row', segment: 'Lyon', action: 'add_tag', argument: 'copied' });
    typeRow(rt, TriggerPoints.name, { name: 'No id', segment: 'Lyon', action: 'add_tag', argument: 'no id', active: true });

    const result = run(rt);
    expect(ruleRun(result, good)).toMatchObject({ fired: 1, errors: [] });
    expect(tagNames(rt, ana)).toEqual(['lyon']);
    const errorsOf = (name: string) => result.rules.find((r) => r.name === name)!.errors;
    // Default rules take rows 2 to 10.
    expect(errorsOf('Mail them')).toEqual(['TriggerPoints, row 12, column "action": "send_sms" is not one of: add_tag, remove_tag, follow_up, note, send_email, send_email_to_owner.']);
    expect(errorsOf('No tag')).toEqual(['TriggerPoints, row 13, column "argument": is required: the name of the tag to add or remove.']);
    expect(errorsOf('No text')).toEqual(['TriggerPoints, row 14, column "argument": is required: the text of the note.']);
    expect(errorsOf('Soon')[0]).toMatch(/^TriggerPoints, row 15, column "argument": "soon" is not a number of days/);
    expect(errorsOf('Nowhere')).toEqual(['TriggerPoints, row 16, column "segment": there is no segment called "Paris" (see the Segments sheet).']);
    expect(errorsOf('Broken query')).toEqual([
      'TriggerPoints, row 17, column "segment": the query of the segment "Broken" does not read at character 21: Missing \')\' to close the \'(\' at character 15.',
    ]);
    expect(errorsOf('Unknown field')).toEqual([
      'TriggerPoints, row 18, column "segment": the query of the segment "Unknown field" does not read at character 1: Unknown field \'shoe_size\'. Columns you added are written custom.<name>.',
    ]);
    expect(errorsOf('Loop')).toEqual(['TriggerPoints, row 19, column "segment": the segment "Loop" cannot be worked out: The segment "Loop" refers back to itself.']);
    expect(errorsOf('Bad owner')).toEqual(['TriggerPoints, row 20, column "owner": "not an email" is not a valid email address.']);
    expect(errorsOf('Copied row')[0]).toMatch(/^TriggerPoints, row 21, column "id": "trp_good" is the id of a rule above too/);
    expect(errorsOf('No id')[0]).toMatch(/^TriggerPoints, row 22, column "id": is empty/);
    for (const id of [mail, noTag, noText, days, missing, broken, unknown, loop, owner]) expect(logOf(rt, id)).toEqual([]);
    expect(rowsOf(rt, TriggerLog.name)).toHaveLength(1);
  });

  it('speaks the caller’s language in its reports', () => {
    const rt = setUpRuntime(ADMIN, 'fr');
    rule(rt, 'trp_x', { name: 'Nulle part', segment: 'Paris', action: 'add_tag', argument: 'paris' });
    expect(ruleRun(run(rt), 'trp_x').errors).toEqual(["TriggerPoints, ligne 11, colonne « segment » : il n'y a pas de segment nommé « Paris » (voir la feuille Segments)."]);
  });

  it('does nothing while inactive, and keeps its open entries until it is active again', () => {
    const rt = setUpRuntime();
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima' });
    const ben = contact(rt, { first_name: 'Ben', last_name: 'Stone' });
    segment(rt, 'seg_vip', 'VIP', 'tag:vip');
    const id = rule(rt, 'trp_vip', { name: 'VIP', segment: 'VIP', action: 'add_tag', argument: 'seen' });
    tag(rt, ana, 'vip');
    run(rt);
    editCell(rt, TriggerPoints.name, id, 'active', false);
    untag(rt, ana, 'vip');
    tag(rt, ben, 'vip');

    const result = run(rt);
    expect(result.rules.map((r) => r.id)).not.toContain(id);
    expect(tagNames(rt, ben)).toEqual(['vip']);
    expect(logOf(rt, id)).toEqual([expect.objectContaining({ contact_id: ana, left_at: '' })]);

    editCell(rt, TriggerPoints.name, id, 'active', 'TRUE');
    expect(ruleRun(run(rt), id)).toMatchObject({ entered: 1, fired: 1, left: 1 });
    expect(tagNames(rt, ben)).toEqual(['seen', 'vip']);
  });

  it('reads a static segment’s list, leaving out deleted contacts', () => {
    const rt = setUpRuntime();
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima' });
    const ben = contact(rt, { first_name: 'Ben', last_name: 'Stone' });
    typeRow(rt, Segments.name, { id: 'seg_board', name: 'Board', kind: 'static' });
    typeRow(rt, 'SegmentMembers', { id: 'sgm_1', segment_id: 'seg_board', contact_id: ana });
    typeRow(rt, 'SegmentMembers', { id: 'sgm_2', segment_id: 'seg_board', contact_id: ben });
    ok(call(rt, 'deleteContact', { id: ben }));
    const id = rule(rt, 'trp_board', { name: 'Board', segment: 'Board', action: 'add_tag', argument: 'board' });

    expect(ruleRun(run(rt), id)).toMatchObject({ entered: 1, fired: 1 });
    expect(logOf(rt, id).map((e) => e.contact_id)).toEqual([ana]);
  });

  it('is refused to a viewer, who may read the log', () => {
    const rt = setUpRuntime();
    addStaff(rt, VIEWER, 'viewer');
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima' });
    tag(rt, ana, 'vip');
    segment(rt, 'seg_vip', 'VIP', 'tag:vip');
    rule(rt, 'trp_vip', { name: 'VIP', segment: 'VIP', action: 'add_tag', argument: 'seen' });
    expect(as(rt, VIEWER, () => refused(call(rt, 'runTriggerPoints', {}))).code).toBe('forbidden');
    expect(rowsOf(rt, TriggerLog.name)).toEqual([]);
    expect(tagNames(rt, ana)).toEqual(['vip']);
    expect(as(rt, VIEWER, () => ok(call(rt, 'triggerLog', {}))).entries).toEqual([]);
  });

  it('is audited as one change set under trigger_points.run, and an idle run writes nothing', () => {
    const rt = setUpRuntime();
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima' });
    tag(rt, ana, 'vip');
    segment(rt, 'seg_vip', 'VIP', 'tag:vip');
    rule(rt, 'trp_vip', { name: 'VIP', segment: 'VIP', action: 'add_tag', argument: 'seen' });
    run(rt);
    const audit = rowsOf(rt, 'AuditLog').filter((a) => a.action === 'trigger_points.run');
    expect(audit.map((a) => a.table).sort()).toEqual(['ContactTags', 'Tags', 'TriggerLog']);
    expect(audit.find((a) => a.table === 'TriggerLog')!.record_id).toMatch(/^trl_/);
    expect(rowsOf(rt, 'TriggerLog')).toEqual([expect.objectContaining({ rule_id: 'trp_vip', contact_id: ana, outcome: 'done' })]);

    const before = rowsOf(rt, 'AuditLog').length;
    run(rt);
    expect(rowsOf(rt, 'AuditLog')).toHaveLength(before);
  });

  it('runs with the nightly actions, after the statuses, scores and segments', () => {
    expect(NIGHTLY_ACTIONS).toContain('runTriggerPoints');
    expect(NIGHTLY_ACTIONS.indexOf('runTriggerPoints')).toBeGreaterThan(NIGHTLY_ACTIONS.indexOf('refreshStatuses'));
    for (const before of ['refreshScores', 'refreshSegments']) {
      if (NIGHTLY_ACTIONS.includes(before as never)) expect(NIGHTLY_ACTIONS.indexOf('runTriggerPoints')).toBeGreaterThan(NIGHTLY_ACTIONS.indexOf(before as never));
    }
  });
});

describe('The default trigger points', () => {
  it('come with Set up once, with their dynamic segments, and are not added again', () => {
    const rt = setUpRuntime();
    const rules = rowsOf(rt, TriggerPoints.name);
    expect(rules.map((r) => [r.name, r.segment, r.action, r.argument, r.owner, r.active])).toEqual([
      ['Membership ends within 30 days', 'Membership ends within 30 days', 'follow_up', '0', '', true],
      ['Major donor prospects', 'Major donor prospects', 'add_tag', 'major donor prospect', '', true],
      ['At risk readers', 'At risk readers', 'add_tag', 'at risk', '', true],
      ['Clicked a newsletter', 'Clicked a newsletter this week', 'follow_up', '1', '', true],
      // Switched off: an email to many people goes only when someone says so.
      ['Renewal reminder email', 'Membership ends within 30 days', 'send_email', 'Renewal reminder', '', false],
      ['Welcome email', 'New this week', 'send_email', 'Welcome', '', false],
      ['Thank-you email', 'Recent gifts', 'send_email', 'Thank you', '', false],
      ['Win-back email', 'Recently lapsed members', 'send_email', 'We miss you', '', false],
      ['Birthday email', 'Birthday today', 'send_email', 'Happy birthday', '', false],
    ]);
    expect(rowsOf(rt, Segments.name).map((s) => [s.name, s.kind])).toEqual([
      ['Membership ends within 30 days', 'dynamic'],
      ['Major donor prospects', 'dynamic'],
      ['At risk readers', 'dynamic'],
      ['Clicked a newsletter this week', 'dynamic'],
      ['New this week', 'dynamic'],
      ['Recent gifts', 'dynamic'],
      ['Recently lapsed members', 'dynamic'],
      ['Birthday today', 'dynamic'],
    ]);

    const again = ok(call(rt, 'setUp', {}));
    expect(again.triggerPointsAdded).toBe(0);
    expect(rowsOf(rt, TriggerPoints.name)).toHaveLength(9);
    expect(rowsOf(rt, Segments.name)).toHaveLength(8);

    // Rules all gone: they come back, next to the segments that are still there (not twice).
    rt.grid.sheets.get(TriggerPoints.name)!.splice(1);
    expect(ok(call(rt, 'setUp', {})).triggerPointsAdded).toBe(9);
    expect(rowsOf(rt, TriggerPoints.name)).toHaveLength(9);
    expect(rowsOf(rt, Segments.name)).toHaveLength(8);
  });

  it('leave a rule someone switched off as it is', () => {
    const rt = setUpRuntime();
    const [first] = rowsOf(rt, TriggerPoints.name);
    editCell(rt, TriggerPoints.name, String(first.id), 'active', false);
    ok(call(rt, 'setUp', {}));
    expect(rowsOf(rt, TriggerPoints.name).map((r) => r.active)).toEqual([false, true, true, true, false, false, false, false, false]);
  });

  it('follow up on members whose membership ends within 30 days, tag donors giving over 100 twice a year and readers who never click', () => {
    const rt = setUpRuntime();
    const ending = contact(rt, { first_name: 'Ana', last_name: 'Lima', owner: ADMIN });
    const renewed = contact(rt, { first_name: 'Ben', last_name: 'Stone' });
    ok(call(rt, 'addMembership', { membership: { contact_id: ending, level: 'Friend', start_date: '2025-12-15', frequency: 'yearly', paid: true } }));
    ok(call(rt, 'addMembership', { membership: { contact_id: renewed, level: 'Friend', start_date: '2026-06-01', frequency: 'yearly', paid: true } }));
    const donor = contact(rt, { first_name: 'Carla', last_name: 'Dias' });
    const small = contact(rt, { first_name: 'Dora', last_name: 'Reis' });
    const once = contact(rt, { first_name: 'Olga', last_name: 'Nunes' });
    const wb = new Workbook(rt, rt.clock, ADMIN, undefined, rt.cache);
    wb.table(Donations).insert([
      { contact_id: donor, date: '2026-02-01', amount: 150 },
      { contact_id: donor, date: '2026-09-01', amount: 120 },
      { contact_id: small, date: '2026-02-01', amount: 20 },
      { contact_id: small, date: '2026-09-01', amount: 30 },
      // One gift above 100 and one below: not "more than 100 twice".
      { contact_id: once, date: '2026-03-01', amount: 500 },
      { contact_id: once, date: '2026-10-01', amount: 40 },
    ]);
    wb.commit('test.setup');
    const reader = contact(rt, { first_name: 'Eva', last_name: 'Moreau' });
    const clicker = contact(rt, { first_name: 'Fred', last_name: 'Bauer' });
    for (const who of [reader, clicker]) for (let k = 0; k < 5; k++) ok(call(rt, 'logInteraction', { interaction: { contact_id: who, type: 'newsletter_open', when: `2026-11-0${k + 1}T08:00:00Z` } }));
    ok(call(rt, 'logInteraction', { interaction: { contact_id: clicker, type: 'newsletter_click', when: '2026-11-05T08:05:00Z' } }));

    const result = run(rt);
    expect(result.rules.map((r) => [r.name, r.fired, r.errors])).toEqual([
      ['Membership ends within 30 days', 1, []],
      ['Major donor prospects', 1, []],
      ['At risk readers', 1, []],
      ['Clicked a newsletter', 0, []],
    ]);
    expect(card(rt, ending).contact).toMatchObject({ next_contact_date: '2026-11-22', owner: ADMIN });
    expect(card(rt, renewed).contact.next_contact_date).toBe('');
    expect(ok<{ items: FollowUp[] }>(call(rt, 'followUps', { scope: 'mine' })).items.map((f) => f.contact_id)).toEqual([ending]);
    expect(tagNames(rt, donor)).toEqual(['major donor prospect']);
    expect(tagNames(rt, small)).toEqual([]);
    expect(tagNames(rt, once)).toEqual([]);
    expect(tagNames(rt, reader)).toEqual(['at risk']);
    expect(tagNames(rt, clicker)).toEqual([]);
  });
});

describe('The trigger log', () => {
  it('lists entries newest first with rule and contact names, for one rule by name, and at most `limit`', () => {
    const rt = setUpRuntime();
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima' });
    const ben = contact(rt, { first_name: 'Ben', last_name: 'Stone' });
    segment(rt, 'seg_vip', 'VIP', 'tag:vip');
    rule(rt, 'trp_seen', { name: 'Mark seen', segment: 'VIP', action: 'add_tag', argument: 'seen' });
    rule(rt, 'trp_note', { name: 'Note VIP', segment: 'VIP', action: 'note', argument: 'VIP now' });
    tag(rt, ana, 'vip');
    run(rt);
    later(rt, 24);
    tag(rt, ben, 'vip');
    untag(rt, ana, 'vip');
    run(rt);

    const all = ok(call(rt, 'triggerLog', {})).entries;
    expect(all.map((e: any) => [e.rule_name, e.contact_name, e.entered_at, e.left_at])).toEqual([
      ['Note VIP', 'Ben Stone', '2026-11-23T10:00:00.000Z', ''],
      ['Mark seen', 'Ben Stone', '2026-11-23T10:00:00.000Z', ''],
      ['Note VIP', 'Ana Lima', '2026-11-22T10:00:00.000Z', '2026-11-23T10:00:00.000Z'],
      ['Mark seen', 'Ana Lima', '2026-11-22T10:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    ]);
    expect(all[0]).toMatchObject({ rule: 'trp_note', contact_id: ben, outcome: 'done' });

    const seen = ok(call(rt, 'triggerLog', { rule: 'mark SEEN', limit: 1 })).entries;
    expect(seen.map((e: any) => [e.rule, e.contact_id])).toEqual([['trp_seen', ben]]);
    expect(ok(call(rt, 'triggerLog', { rule: 'trp_note' })).entries).toHaveLength(2);
    expect(refused(call(rt, 'triggerLog', { rule: 'Nope' })).message).toBe('There is no trigger point "Nope" (see the TriggerPoints sheet).');
    expect(refused(call(rt, 'triggerLog', { limit: 0 })).code).toBe('invalid_input');
  });
});
