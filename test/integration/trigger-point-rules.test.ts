/** The rule editor through its actions: a rule added (its id from the store) and changed, each field
 *  checked with a message naming it in the caller's language and nothing written when refused, viewers
 *  only reading, a deleted rule's history kept, a hand-broken row listed with the problems the run
 *  reports, the audit trail, and a rule saved here firing at the next run. */
import type { MemoryRuntime } from '../../src/memory/services';
import { TriggerLog, TriggerPoints } from '../../src/core/schema/tables';
import { addStaff, as, call, ok, refused, rowsOf, setUpRuntime, typeRow } from '../support/crm';
import type { TriggerPointRule } from '../../src/services/points/trigger-point-rules';
import type { TriggerRun } from '../../src/services/points/trigger-points';

const EDITOR = 'ed@example.org';
const VIEWER = 'viv@example.org';

const contact = (rt: MemoryRuntime, fields: Record<string, unknown>): string => ok<{ id: string }>(call(rt, 'createContact', { contact: fields })).id;
const tag = (rt: MemoryRuntime, id: string, name: string) => ok(call(rt, 'addTag', { contact_id: id, name }));
const tagNames = (rt: MemoryRuntime, id: string): string[] => ok<any>(call(rt, 'getContactCard', { id })).tags.map((t: { name: string }) => t.name);
const segment = (rt: MemoryRuntime, name: string, query: string) => ok<{ id: string }>(call(rt, 'saveSegment', { name, kind: 'dynamic', query }));
const save = (rt: MemoryRuntime, input: Record<string, unknown>) => call(rt, 'saveTriggerPoint', input);
const list = (rt: MemoryRuntime): TriggerPointRule[] => ok<{ rules: TriggerPointRule[] }>(call(rt, 'listTriggerPoints', {})).rules;
const sheetRules = (rt: MemoryRuntime) => rowsOf(rt, TriggerPoints.name);

const vip = { name: 'Welcome VIPs', segment: 'ile vip', action: 'add_tag', argument: 'welcomed', owner: '', active: true };

const typeRule = (rt: MemoryRuntime, cells: Record<string, string | boolean>) => typeRow(rt, TriggerPoints.name, cells);

describe('Saving a trigger point', () => {
  it('adds a rule with an id from the store, under the segment’s exact name, and lists it', () => {
    const rt = setUpRuntime();
    segment(rt, 'Île VIP', 'tag:vip');
    const saved = ok<TriggerPointRule>(save(rt, { ...vip, action: ' ADD_TAG ', argument: '  welcomed ' }));
    expect(saved).toEqual({ id: expect.stringMatching(/^trp_/), name: 'Welcome VIPs', segment: 'Île VIP', action: 'add_tag', argument: 'welcomed', owner: '', active: true, problems: [] });
    expect(sheetRules(rt).find((r) => r.id === saved.id)).toMatchObject({ name: 'Welcome VIPs', segment: 'Île VIP', action: 'add_tag', argument: 'welcomed', active: true });
    const listed = list(rt);
    expect(listed.map((r) => r.name)).toEqual([
      'Membership ends within 30 days',
      'Major donor prospects',
      'At risk readers',
      'Clicked a newsletter',
      'Renewal reminder email',
      'Welcome email',
      'Thank-you email',
      'Win-back email',
      'Birthday email',
      'Welcome VIPs',
    ]);
    expect(listed[9]).toEqual(saved);
  });

  it('changes a rule in place, keeping its argument and owner when they are left out', () => {
    const rt = setUpRuntime();
    addStaff(rt, EDITOR, 'editor');
    segment(rt, 'Île VIP', 'tag:vip');
    const { id } = ok<TriggerPointRule>(save(rt, { ...vip, action: 'follow_up', argument: '7', owner: EDITOR }));
    const before = sheetRules(rt).length;
    const edited = as(rt, EDITOR, () => ok<TriggerPointRule>(save(rt, { id, name: '  Call   VIPs ', segment: 'Île VIP', action: 'follow_up', active: false })));
    expect(edited).toMatchObject({ id, name: 'Call VIPs', argument: '7', owner: EDITOR, active: false });
    expect(sheetRules(rt)).toHaveLength(before);
    expect(sheetRules(rt).find((r) => r.id === id)).toMatchObject({ name: 'Call VIPs', argument: '7', owner: EDITOR, active: false });
    // A note's text is kept as typed, spaces and all; a blank delay is today.
    expect(ok<TriggerPointRule>(save(rt, { id, name: 'Call VIPs', segment: 'Île VIP', action: 'note', argument: '  Say thanks\nand smile ', active: true })).argument).toBe('  Say thanks\nand smile ');
    expect(ok<TriggerPointRule>(save(rt, { id, name: 'Call VIPs', segment: 'Île VIP', action: 'follow_up', argument: ' ', active: true })).argument).toBe('');
  });

  it('refuses each bad field with a message naming it, and writes nothing', () => {
    const rt = setUpRuntime();
    segment(rt, 'Île VIP', 'tag:vip');
    const rows = sheetRules(rt);
    const audits = rowsOf(rt, 'AuditLog').length;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '  ' }, 'Name: is required.'],
      [{ segment: ' ' }, 'Segment: is required.'],
      [{ segment: 'Paris' }, 'Segment: there is no segment called "Paris" (see the Segments sheet).'],
      [{ action: 'send_sms' }, 'Action: "send_sms" is not one of: add_tag, remove_tag, follow_up, note, send_email, send_email_to_owner.'],
      [{ action: '' }, 'Action: is required.'],
      [{ argument: ' ' }, 'Tag: is required: the name of the tag to add or remove.'],
      [{ action: 'remove_tag', argument: '' }, 'Tag: is required: the name of the tag to add or remove.'],
      [{ action: 'note', argument: '' }, 'Note: is required: the text of the note.'],
      [{ action: 'follow_up', argument: 'soon' }, 'Days: "soon" is not a number of days: write a whole number from 0 (today) to 3650, or leave it empty for today.'],
      [{ action: 'follow_up', argument: '2.5' }, 'Days: "2.5" is not a number of days: write a whole number from 0 (today) to 3650, or leave it empty for today.'],
      [{ action: 'follow_up', argument: '-1' }, 'Days: "-1" is not a number of days: write a whole number from 0 (today) to 3650, or leave it empty for today.'],
      [{ action: 'follow_up', argument: '3651' }, 'Days: "3651" is not a number of days: write a whole number from 0 (today) to 3650, or leave it empty for today.'],
      [{ owner: 'not an email' }, 'Owner: "not an email" is not a valid email address.'],
    ];
    for (const [change, message] of cases) expect([change, refused(save(rt, { ...vip, ...change }))]).toEqual([change, { code: 'invalid', message }]);
    expect(refused(save(rt, { ...vip, id: 'trp_gone' }))).toEqual({ code: 'not_found', message: 'There is no trigger point with the id "trp_gone" (deleted in the meantime?).' });
    expect(sheetRules(rt)).toEqual(rows);
    expect(rowsOf(rt, 'AuditLog')).toHaveLength(audits);
  });

  it('speaks the caller’s language in its refusals and in the problems it lists', () => {
    const rt = setUpRuntime('admin@example.org', 'fr');
    segment(rt, 'Île VIP', 'tag:vip');
    expect(refused(save(rt, { ...vip, segment: 'Paris' })).message).toBe("Segment : il n'y a pas de segment nommé « Paris » (voir la feuille Segments).");
    expect(refused(save(rt, { ...vip, action: 'note', argument: '' })).message).toBe('Note : est obligatoire : le texte de la note.');
    expect(refused(save(rt, { ...vip, owner: 'x' })).message).toBe("Responsable : « x » n'est pas une adresse e-mail valide.");
    typeRule(rt, { id: 'trp_x', name: 'Nulle part', segment: 'Paris', action: 'add_tag', argument: 'paris', active: true });
    expect(list(rt).find((r) => r.id === 'trp_x')!.problems).toEqual(["TriggerPoints, ligne 11, colonne « segment » : il n'y a pas de segment nommé « Paris » (voir la feuille Segments)."]);
  });

  it('is refused to a viewer, who may list the rules', () => {
    const rt = setUpRuntime();
    addStaff(rt, VIEWER, 'viewer');
    segment(rt, 'Île VIP', 'tag:vip');
    const { id } = ok<TriggerPointRule>(save(rt, vip));
    const rows = sheetRules(rt);
    as(rt, VIEWER, () => {
      expect(refused(save(rt, { ...vip, name: 'Mine' })).code).toBe('forbidden');
      expect(refused(save(rt, { ...vip, id, active: false })).code).toBe('forbidden');
      expect(refused(call(rt, 'deleteTriggerPoint', { id })).code).toBe('forbidden');
      expect(list(rt).map((r) => r.name)).toContain('Welcome VIPs');
    });
    expect(sheetRules(rt)).toEqual(rows);
  });
});

describe('A trigger point saved in the editor', () => {
  it('fires at the next run for the contacts of its segment', () => {
    const rt = setUpRuntime();
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima' });
    const ben = contact(rt, { first_name: 'Ben', last_name: 'Stone' });
    tag(rt, ana, 'vip');
    segment(rt, 'Île VIP', 'tag:vip');
    const { id } = ok<TriggerPointRule>(save(rt, vip));
    const run = ok<TriggerRun>(call(rt, 'runTriggerPoints', {}));
    expect(run.rules.find((r) => r.id === id)).toEqual({ id, name: 'Welcome VIPs', entered: 1, fired: 1, left: 0, errors: [] });
    expect(tagNames(rt, ana)).toEqual(['vip', 'welcomed']);
    expect(tagNames(rt, ben)).toEqual([]);

    // Switched off, it leaves newcomers alone.
    ok(save(rt, { ...vip, id, active: false }));
    tag(rt, ben, 'vip');
    expect(ok<TriggerRun>(call(rt, 'runTriggerPoints', {})).rules.map((r) => r.id)).not.toContain(id);
    expect(tagNames(rt, ben)).toEqual(['vip']);
  });

  it('is deleted without its log rows, which stay as history', () => {
    const rt = setUpRuntime();
    const ana = contact(rt, { first_name: 'Ana', last_name: 'Lima' });
    tag(rt, ana, 'vip');
    segment(rt, 'Île VIP', 'tag:vip');
    const { id } = ok<TriggerPointRule>(save(rt, vip));
    ok(call(rt, 'runTriggerPoints', {}));
    const log = rowsOf(rt, TriggerLog.name).filter((e) => e.rule_id === id);
    expect(log).toEqual([expect.objectContaining({ contact_id: ana, outcome: 'done' })]);

    expect(ok(call(rt, 'deleteTriggerPoint', { id }))).toEqual({ deleted: id });
    expect(sheetRules(rt).map((r) => r.id)).not.toContain(id);
    expect(list(rt).map((r) => r.id)).not.toContain(id);
    expect(rowsOf(rt, TriggerLog.name).filter((e) => e.rule_id === id)).toEqual(log);
    expect(refused(call(rt, 'deleteTriggerPoint', { id }))).toMatchObject({ code: 'not_found' });
  });

  it('is audited: the new row, the fields changed, the row deleted', () => {
    const rt = setUpRuntime();
    segment(rt, 'Île VIP', 'tag:vip');
    const { id } = ok<TriggerPointRule>(save(rt, vip));
    ok(save(rt, { ...vip, id, argument: 'greeted' }));
    ok(call(rt, 'deleteTriggerPoint', { id }));
    const audit = rowsOf(rt, 'AuditLog').filter((a) => String(a.action).startsWith('trigger_point.'));
    expect(audit.map((a) => [a.action, a.table, a.record_id])).toEqual([
      ['trigger_point.save', 'TriggerPoints', id],
      ['trigger_point.save', 'TriggerPoints', id],
      ['trigger_point.delete', 'TriggerPoints', id],
    ]);
    expect(JSON.parse(String(audit[0].after))).toEqual({ created: true });
    expect(JSON.parse(String(audit[1].before))).toEqual({ argument: 'welcomed' });
    expect(JSON.parse(String(audit[1].after))).toEqual({ argument: 'greeted' });
    expect(JSON.parse(String(audit[2].before))).toMatchObject({ id, argument: 'greeted' });
  });
});

describe('The list of trigger points', () => {
  it('shows the problems the run reports for rows typed wrong by hand, and none for the good ones', () => {
    const rt = setUpRuntime();
    segment(rt, 'Lyon', 'city:lyon');
    typeRow(rt, 'Segments', { id: 'seg_broken', name: 'Broken', kind: 'dynamic', query: 'city:lyon AND (tag:x' });
    typeRule(rt, { id: 'trp_mail', name: 'Mail them', segment: 'Lyon', action: 'send_sms', argument: 'welcome', active: true });
    typeRule(rt, { id: 'trp_days', name: 'Soon', segment: 'Lyon', action: 'follow_up', argument: 'soon', active: false });
    typeRule(rt, { id: 'trp_missing', name: 'Nowhere', segment: 'Paris', action: 'add_tag', argument: 'paris', active: true });
    typeRule(rt, { id: 'trp_broken', name: 'Broken query', segment: 'broken', action: 'add_tag', argument: 'x', active: true });
    typeRule(rt, { name: 'No id', segment: 'Lyon', action: 'add_tag', argument: 'no id', active: true });
    typeRule(rt, { id: 'trp_good', name: 'Good', segment: 'LYON', action: 'note', argument: 'Hello', owner: 'bad owner', active: true });

    const problems = Object.fromEntries(list(rt).map((r) => [r.name, r.problems]));
    // Default rules take rows 2 to 9.
    expect(problems['Membership ends within 30 days']).toEqual([]);
    expect(problems['Mail them']).toEqual(['TriggerPoints, row 11, column "action": "send_sms" is not one of: add_tag, remove_tag, follow_up, note, send_email, send_email_to_owner.']);
    expect(problems['Soon']).toEqual(['TriggerPoints, row 12, column "argument": "soon" is not a number of days: write a whole number from 0 (today) to 3650, or leave it empty for today.']);
    expect(problems['Nowhere']).toEqual(['TriggerPoints, row 13, column "segment": there is no segment called "Paris" (see the Segments sheet).']);
    expect(problems['Broken query']).toEqual([
      'TriggerPoints, row 14, column "segment": the query of the segment "Broken" does not read at character 21: Missing \')\' to close the \'(\' at character 15.',
    ]);
    expect(problems['No id'][0]).toMatch(/^TriggerPoints, row 15, column "id": is empty/);
    expect(problems['Good']).toEqual(['TriggerPoints, row 16, column "owner": "bad owner" is not a valid email address.']);

    // Fixed in the editor, the row has nothing left to report.
    const fixed = ok<TriggerPointRule>(save(rt, { id: 'trp_good', name: 'Good', segment: 'LYON', action: 'note', argument: 'Hello', owner: '', active: true }));
    expect(fixed).toMatchObject({ segment: 'Lyon', problems: [] });
    expect(list(rt).find((r) => r.id === 'trp_days')).toMatchObject({ active: false, action: 'follow_up', argument: 'soon' });
  });
});
