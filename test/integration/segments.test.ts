import { ok, refused, setUpRuntime, call, addStaff, as, rowsOf, addColumn } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';
import { NIGHTLY_ACTIONS } from '../../src/api/nightly';
import { callAction } from '../../src/api/call';
import { gasRuntime } from '../../src/gas/services';
import { createAppsScriptFakes, AppsScriptFakes } from '../fakes';
import { segmentsEn } from '../../src/core/i18n/segments/en';
import { translate } from '../../src/core/i18n';

const create = (rt: MemoryRuntime, contact: Record<string, unknown>) => ok(call(rt, 'createContact', { contact })).id as string;
const save = (rt: MemoryRuntime, input: Record<string, unknown>) => ok(call(rt, 'saveSegment', input));
const members = (rt: MemoryRuntime, id: string) => ok(call(rt, 'getSegment', { id })).members.items.map((m: any) => m.name);
const audit = (rt: MemoryRuntime) => rowsOf(rt, 'AuditLog').map((r) => `${r.action} ${r.table}`);

/** Ana and Bea are volunteers (Ana a member), Carl is not; Dan is deleted. Contacts rows 2-5. */
function crm() {
  const rt = setUpRuntime();
  const ana = create(rt, { first_name: 'Ana', last_name: 'Lima', email: 'ana@example.org', postal_code: '01000', city: 'Porto' });
  const bea = create(rt, { first_name: 'Bea', last_name: 'Stone', email: 'bea@example.org', postal_code: '=1+1', city: 'Lyon' });
  const carl = create(rt, { first_name: 'Carl', last_name: 'Moss', city: 'Lyon' });
  const dan = create(rt, { first_name: 'Dan', last_name: 'Gone' });
  ok(call(rt, 'addTag', { contact_id: ana, name: 'Volunteer' }));
  ok(call(rt, 'addTag', { contact_id: bea, name: 'volunteer' }));
  ok(call(rt, 'addMembership', { membership: { contact_id: ana, level: 'Friend', start_date: '2026-02-01', frequency: 'yearly' } }));
  ok(call(rt, 'deleteContact', { id: dan }));
  // Set up's example segments and trigger points aside (see the last test): these tests name their own.
  for (const sheet of ['Segments', 'TriggerPoints']) rt.grid.sheets.get(sheet)!.splice(1);
  return { rt, ana, bea, carl, dan };
}

describe('Dynamic segments', () => {
  it('are saved with their count and refresh time, listed by name, and re-evaluated when opened', () => {
    const { rt, carl } = crm();
    const volunteers = save(rt, { name: 'Volunteers', kind: 'dynamic', query: 'tag:volunteer', description: 'Everyone who helps' });
    expect(volunteers).toMatchObject({
      id: expect.stringMatching(/^seg_/),
      name: 'Volunteers',
      kind: 'dynamic',
      query: 'tag:volunteer',
      count: 2,
      refreshed_at: '2026-11-22T10:00:00.000Z',
      owner: 'admin@example.org',
      view_sheet: '',
    });
    save(rt, { name: 'Lyon', kind: 'dynamic', query: 'city:lyon' });
    save(rt, { name: 'already members', kind: 'dynamic', query: 'member' });
    expect(ok(call(rt, 'listSegments', {})).segments.map((s: any) => `${s.name} ${s.count}`)).toEqual(['already members 1', 'Lyon 2', 'Volunteers 2']);

    // Opening it evaluates the query now; the stored count waits for the next refresh.
    ok(call(rt, 'addTag', { contact_id: carl, name: 'Volunteer' }));
    const opened = ok(call(rt, 'getSegment', { id: volunteers.id }));
    expect(opened.members).toEqual({
      total: 3,
      offset: 0,
      items: [
        { id: expect.any(String), name: 'Ana Lima', email: 'ana@example.org', membership_status: 'current' },
        { id: expect.any(String), name: 'Bea Stone', email: 'bea@example.org', membership_status: '' },
        { id: carl, name: 'Carl Moss', email: '', membership_status: '' },
      ],
    });
    expect(opened.count).toBe(2);
    expect(ok(call(rt, 'getSegment', { id: volunteers.id, offset: 1, limit: 1 })).members.items.map((m: any) => m.name)).toEqual(['Bea Stone']);
  });

  it('are refreshed one by one or all together, on the nightly list after statuses', () => {
    const { rt, carl } = crm();
    const volunteers = save(rt, { name: 'Volunteers', kind: 'dynamic', query: 'tag:volunteer' });
    save(rt, { name: 'Lyon', kind: 'dynamic', query: 'city:Lyon' });
    ok(call(rt, 'addTag', { contact_id: carl, name: 'Volunteer' }));
    rt.clock.advance(3600 * 1000);
    expect(ok(call(rt, 'refreshSegments', { id: volunteers.id }))).toEqual({ refreshed: [{ id: volunteers.id, name: 'Volunteers', count: 3 }], failed: [] });
    expect(rowsOf(rt, 'Segments').find((s) => s.name === 'Volunteers')).toMatchObject({ count: 3, refreshed_at: '2026-11-22T11:00:00.000Z' });
    expect(rowsOf(rt, 'Segments').find((s) => s.name === 'Lyon')).toMatchObject({ refreshed_at: '2026-11-22T10:00:00.000Z' });

    rt.clock.advance(3600 * 1000);
    ok(call(rt, 'updateContact', { id: carl, patch: { city: 'Paris' } }));
    const all = ok(call(rt, 'refreshSegments', {}));
    expect(all.refreshed.map((r: any) => `${r.name} ${r.count}`)).toEqual(['Lyon 1', 'Volunteers 3']);
    expect(rowsOf(rt, 'Segments').every((s) => s.refreshed_at === '2026-11-22T12:00:00.000Z')).toBe(true);
    expect(audit(rt)).toContain('segment.refresh Segments');

    const order = ['refreshStatuses', 'refreshSegments', 'runTriggerPoints'].map((a) => NIGHTLY_ACTIONS.indexOf(a as never));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]))).toBe(true);
  });

  it('evaluates every segment of a refresh on one read of each table', () => {
    const { rt } = crm();
    for (const [name, query] of [
      ['A', 'tag:volunteer'],
      ['B', 'city:Lyon AND NOT segment:A'],
      ['C', 'member OR donations.total>0 OR opens>1 within:90d'],
    ])
      save(rt, { name, kind: 'dynamic', query });
    // Whole-table reads, of sheets and of the database's tables alike.
    const reads: string[] = [];
    const read = rt.grid.read.bind(rt.grid);
    rt.grid.read = (sheet: string) => (reads.push(sheet), read(sheet));
    const sql = rt.database?.sql;
    if (sql) {
      const arrays = sql.queryArrays.bind(sql);
      sql.queryArrays = (text, params) => (reads.push(text), arrays(text, params));
    }
    ok(call(rt, 'refreshSegments', {}));
    expect(reads.length).toBeGreaterThan(3);
    expect(new Set(reads).size).toBe(reads.length);
  });

  it('keeps going when one segment no longer works out, and says which', () => {
    const { rt } = crm();
    save(rt, { name: 'Volunteers', kind: 'dynamic', query: 'tag:volunteer' });
    // Someone edits the Segments sheet by hand and breaks a query.
    const sheet = rt.grid.sheets.get('Segments')!;
    const header = sheet[0] as string[];
    sheet.push(header.map((h) => (({ id: 'seg_hand', name: 'Typed by hand', kind: 'dynamic', query: 'tag:volunteer AND (' }) as Record<string, string>)[h] ?? ''));
    const report = ok(call(rt, 'refreshSegments', {}));
    expect(report.refreshed.map((r: any) => r.name)).toEqual(['Volunteers']);
    expect(report.failed).toEqual([{ id: 'seg_hand', name: 'Typed by hand', message: "The query does not read at character 20: Typed by hand: Expected a field name, NOT or '(' at the end." }]);
    expect(refused(call(rt, 'refreshSegments', { id: 'Typed by hand' })).message).toMatch(/^The query does not read at character 20/);
  });
});

describe('Saving a segment refuses', () => {
  it('a missing or taken name (accents and case aside), naming the other segment', () => {
    const { rt } = crm();
    save(rt, { name: 'Bénévoles', kind: 'dynamic', query: 'tag:volunteer' });
    expect(refused(call(rt, 'saveSegment', { name: '  ', kind: 'dynamic', query: 'member' })).message).toBe('A segment needs a name.');
    expect(refused(call(rt, 'saveSegment', { name: 'BENEVOLES', kind: 'static' })).message).toBe('There is already a segment called "Bénévoles": choose another name than "BENEVOLES".');
    expect(rowsOf(rt, 'Segments')).toHaveLength(1);
  });

  it('a dynamic segment without a query, or whose query does not read, with the position', () => {
    const { rt } = crm();
    expect(refused(call(rt, 'saveSegment', { name: 'X', kind: 'dynamic' })).message).toBe('A dynamic segment needs a query, e.g. tag:volunteer AND member.');
    const bad = refused(call(rt, 'saveSegment', { name: 'X', kind: 'dynamic', query: 'tag:volunteer AND (member' }));
    expect(bad.code).toBe('invalid');
    expect(bad.message).toBe("The query does not read at character 26: Missing ')' to close the '(' at character 19.");
    expect(refused(call(rt, 'saveSegment', { name: 'X', kind: 'dynamic', query: 'created>yesterdayish' })).message).toMatch(/^The query does not read at character \d+:/);
    expect(rowsOf(rt, 'Segments')).toHaveLength(0);
  });

  it('a query naming an unknown segment, itself, or a segment that leads back to it', () => {
    const { rt } = crm();
    expect(refused(call(rt, 'saveSegment', { name: 'X', kind: 'dynamic', query: 'segment:Nobody' })).message).toBe('There is no segment called "Nobody".');
    expect(refused(call(rt, 'saveSegment', { name: 'Loop', kind: 'dynamic', query: 'member OR segment:"loop"' })).message).toBe(
      'The segment "Loop" cannot use itself (segment:"Loop") in its own query.',
    );
    const a = save(rt, { name: 'A', kind: 'dynamic', query: 'tag:volunteer' });
    save(rt, { name: 'B', kind: 'dynamic', query: 'segment:A AND member' });
    // The reference hides behind a condition no contact passes: it is refused all the same.
    const cycle = refused(call(rt, 'saveSegment', { id: a.id, name: 'A', kind: 'dynamic', query: 'city:Nowhere AND segment:B' }));
    expect(cycle.message).toBe('The segment "A" would refer back to itself: A → B → A.');
    expect(rowsOf(rt, 'Segments').find((s) => s.name === 'A')!.query).toBe('tag:volunteer');
  });

  it('view columns the Contacts sheet does not have, and a view tab for a static segment', () => {
    const { rt } = crm();
    const message = refused(call(rt, 'saveSegment', { name: 'X', kind: 'dynamic', query: 'member', view_columns: 'email, shoe size' })).message;
    expect(message).toMatch(/^"shoe size" is not a column of the Contacts sheet\. Its columns are: id, kind, first_name/);
    expect(refused(call(rt, 'saveSegment', { name: 'X', kind: 'static', view_columns: ['email'] })).message).toBe('"X" is a static segment: only a dynamic segment has a view tab.');
    // No view tab was made.
    expect(rt.grid.sheetNames().filter((n) => n.startsWith('Segment -'))).toEqual([]);
  });

  it('a viewer, who may still list and open segments', () => {
    const { rt, ana } = crm();
    const list = save(rt, { name: 'List', kind: 'static' });
    addStaff(rt, 'viewer@example.org', 'viewer');
    as(rt, 'viewer@example.org', () => {
      for (const [action, input] of [
        ['saveSegment', { name: 'Y', kind: 'dynamic', query: 'member' }],
        ['deleteSegment', { id: list.id }],
        ['refreshSegments', {}],
        ['addToSegment', { id: list.id, contacts: [ana] }],
        ['removeFromSegment', { id: list.id, contacts: [ana] }],
        ['addSelectionToSegment', { id: list.id }],
      ] as const)
        expect(refused(call(rt, action, input)).code).toBe('forbidden');
      expect(ok(call(rt, 'listSegments', {})).segments).toHaveLength(1);
      expect(ok(call(rt, 'getSegment', { id: list.id })).members.total).toBe(0);
      expect(ok(call(rt, 'queryOptions', {})).segments).toEqual(['List']);
    });
  });
});

describe('Static segments', () => {
  it('list contacts added and removed by hand, never twice, and are audited', () => {
    const { rt, ana, bea, carl } = crm();
    const list = save(rt, { name: 'Gala guests', kind: 'static', description: '2026 gala' });
    expect(list).toMatchObject({ kind: 'static', query: '', count: 0 });
    expect(ok(call(rt, 'addToSegment', { id: list.id, contacts: [carl, ana] }))).toEqual({ added: 2, already: 0 });
    expect(ok(call(rt, 'addToSegment', { id: list.id, contacts: [ana, bea, bea] }))).toEqual({ added: 1, already: 1 });
    expect(rowsOf(rt, 'SegmentMembers')).toHaveLength(3);
    expect(rowsOf(rt, 'SegmentMembers')[0]).toMatchObject({ segment_id: list.id, contact_id: carl, added_at: '2026-11-22T10:00:00.000Z', added_by: 'admin@example.org' });
    // Sheet order, whatever the order they were added in.
    expect(members(rt, list.id)).toEqual(['Ana Lima', 'Bea Stone', 'Carl Moss']);
    expect(ok(call(rt, 'removeFromSegment', { id: list.id, contacts: [bea, 'con_NOT_THERE'] }))).toEqual({ removed: 1 });
    expect(members(rt, list.id)).toEqual(['Ana Lima', 'Carl Moss']);
    expect(ok(call(rt, 'listSegments', {})).segments[0].count).toBe(2);
    expect(audit(rt)).toEqual(expect.arrayContaining(['segment.save Segments', 'segment.add SegmentMembers', 'segment.remove SegmentMembers']));
  });

  it('refuse unknown, deleted or merged contacts by id, adding none of them', () => {
    const { rt, ana, dan } = crm();
    const list = save(rt, { name: 'Gala guests', kind: 'static' });
    expect(refused(call(rt, 'addToSegment', { id: list.id, contacts: [ana, dan, 'con_GHOST'] })).message).toBe(
      `Nothing was added to "Gala guests": these contacts are unknown, deleted or merged: ${dan}, con_GHOST.`,
    );
    expect(rowsOf(rt, 'SegmentMembers')).toHaveLength(0);
    expect(refused(call(rt, 'addToSegment', { id: 'seg_NOPE', contacts: [ana] })).message).toBe('There is no segment called "seg_NOPE".');
  });

  it('leave out contacts deleted since they were listed', () => {
    const { rt, ana, bea } = crm();
    const list = save(rt, { name: 'Gala guests', kind: 'static' });
    ok(call(rt, 'addToSegment', { id: list.id, contacts: [ana, bea] }));
    ok(call(rt, 'deleteContact', { id: bea }));
    expect(members(rt, list.id)).toEqual(['Ana Lima']);
    ok(call(rt, 'refreshSegments', {}));
    expect(ok(call(rt, 'listSegments', {})).segments[0].count).toBe(1);
  });

  it('are the only kind contacts are added to by hand', () => {
    const { rt, ana } = crm();
    const dynamic = save(rt, { name: 'Volunteers', kind: 'dynamic', query: 'tag:volunteer' });
    expect(refused(call(rt, 'addToSegment', { id: dynamic.id, contacts: [ana] })).message).toBe(
      '"Volunteers" is a dynamic segment: its contacts come from its query. Contacts are added and removed by hand only in a static segment.',
    );
    expect(refused(call(rt, 'refreshSegments', { id: save(rt, { name: 'S', kind: 'static' }).id })).message).toBe('"S" is a static segment: only dynamic segments are refreshed.');
  });

  it('take a snapshot of a query, and a dynamic segment made static keeps its contacts of the moment', () => {
    const { rt, carl } = crm();
    const snapshot = save(rt, { name: 'Lyon today', kind: 'static', query: 'city:Lyon' });
    expect(snapshot).toMatchObject({ kind: 'static', query: '', count: 2 });
    const volunteers = save(rt, { name: 'Volunteers', kind: 'dynamic', query: 'tag:volunteer' });
    const frozen = save(rt, { id: volunteers.id, name: 'Volunteers', kind: 'static' });
    expect(frozen).toMatchObject({ kind: 'static', query: '', count: 2 });
    ok(call(rt, 'addTag', { contact_id: carl, name: 'Volunteer' }));
    expect(members(rt, volunteers.id)).toEqual(['Ana Lima', 'Bea Stone']);
    // Back to dynamic would drop the list: refused while it has contacts.
    expect(refused(call(rt, 'saveSegment', { id: volunteers.id, name: 'Volunteers', kind: 'dynamic', query: 'tag:volunteer' })).message).toBe(
      '"Volunteers" lists 2 contacts: remove them before making it dynamic, or save the query as a new segment.',
    );
  });
});

describe('Adding the rows selected in the Contacts sheet', () => {
  it('adds their contacts, passing over the header and deleted contacts', () => {
    const { rt } = crm();
    const list = save(rt, { name: 'Picked', kind: 'static' });
    // Rows 1-3 (header, Ana, Bea) and row 5 (Dan, deleted), as with ctrl-click.
    rt.selection.highlight('Contacts', [
      { row: 1, count: 3 },
      { row: 5, count: 1 },
    ]);
    expect(ok(call(rt, 'addSelectionToSegment', { id: list.id }))).toEqual({ added: 2, already: 0, skipped: 1 });
    rt.selection.select({ sheet: 'Contacts', row: 3 });
    expect(ok(call(rt, 'addSelectionToSegment', { id: list.id }))).toEqual({ added: 0, already: 1, skipped: 0 });
    expect(members(rt, list.id)).toEqual(['Ana Lima', 'Bea Stone']);
  });

  it('refuses a selection on another sheet, none, or only the header', () => {
    const { rt } = crm();
    const list = save(rt, { name: 'Picked', kind: 'static' });
    expect(refused(call(rt, 'addSelectionToSegment', { id: list.id })).message).toBe('Select one or more rows in the Contacts sheet first.');
    rt.selection.highlight('Donations', [{ row: 2, count: 2 }]);
    expect(refused(call(rt, 'addSelectionToSegment', { id: list.id })).message).toBe('The selection is on the "Donations" sheet: select rows in the Contacts sheet.');
    rt.selection.select({ sheet: 'Contacts', row: 1 });
    expect(refused(call(rt, 'addSelectionToSegment', { id: list.id })).message).toBe('The selected rows hold no contact: select rows below the header of the Contacts sheet.');
    expect(rowsOf(rt, 'SegmentMembers')).toHaveLength(0);
  });
});

describe('A view tab', () => {
  const NOTE = /^↻ Segment "Volunteers": this tab is rewritten on every refresh/;

  it('holds the chosen columns of the members, values as stored, and is replaced on refresh', () => {
    const { rt, ana, bea } = crm();
    addColumn(rt, 'Contacts', 'T-shirt', { [ana]: 'M' });
    const seg = save(rt, { name: 'Volunteers', kind: 'dynamic', query: 'tag:volunteer', view_columns: 'first_name, Postal_Code, t-shirt' });
    expect(seg).toMatchObject({ view_columns: 'first_name, postal_code, T-shirt', view_sheet: 'Segment - Volunteers' });
    const tab = rt.grid.read('Segment - Volunteers');
    expect(tab[0].slice(0, 3)).toEqual(['first_name', 'postal_code', 'T-shirt']);
    expect(String(tab[0][3])).toMatch(NOTE);
    expect(tab.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['Ana', '01000', 'M'],
      ['Bea', '=1+1', ''],
    ]);
    expect(rt.grid.frozen.get('Segment - Volunteers')).toBe(1);

    // Bea leaves: the refreshed tab has no stale row.
    ok(call(rt, 'removeTag', { contact_id: bea, tag_id: ok(call(rt, 'recordOptions', {})).tags[0].id }));
    ok(call(rt, 'refreshSegments', {}));
    expect(
      rt.grid
        .read('Segment - Volunteers')
        .slice(1)
        .map((r) => r.slice(0, 3)),
    ).toEqual([['Ana', '01000', 'M']]);
  });

  it('follows a rename, goes when the columns are cleared or the segment deleted, and never takes a sheet people made', () => {
    const { rt } = crm();
    rt.grid.createSheet('Segment - Helpers', ['my own notes']);
    const seg = save(rt, { name: 'Volunteers', kind: 'dynamic', query: 'tag:volunteer', view_columns: ['email'] });
    const renamed = save(rt, { id: seg.id, name: 'Helpers', kind: 'dynamic' });
    expect(renamed).toMatchObject({ query: 'tag:volunteer', view_columns: 'email', view_sheet: 'Segment - Helpers (2)' });
    expect(rt.grid.sheetNames()).not.toContain('Segment - Volunteers');
    expect(rt.grid.read('Segment - Helpers')).toEqual([['my own notes']]);
    expect(rt.grid.read('Segment - Helpers (2)').map((r) => r[0])).toEqual(['email', 'ana@example.org', 'bea@example.org']);

    const cleared = save(rt, { id: seg.id, name: 'Helpers', kind: 'dynamic', view_columns: '' });
    expect(cleared).toMatchObject({ view_columns: '', view_sheet: '' });
    expect(rt.grid.sheetNames()).not.toContain('Segment - Helpers (2)');

    save(rt, { id: seg.id, name: 'Helpers', kind: 'dynamic', view_columns: 'email' });
    ok(call(rt, 'deleteSegment', { id: seg.id }));
    expect(rt.grid.sheetNames().filter((n) => n.startsWith('Segment - '))).toEqual(['Segment - Helpers']);
  });

  it('gets a name sheets accept, however the segment is called', () => {
    const { rt } = crm();
    const seg = save(rt, { name: 'Donors: 2026/27 [major] * a very long name indeed', kind: 'dynamic', query: 'member', view_columns: 'email' });
    expect(seg.view_sheet).toBe('Segment - Donors 2026 27 major');
    expect(seg.view_sheet.length).toBeLessThanOrEqual(31);
  });
});

describe('Deleting a segment', () => {
  it('is refused while another segment or a trigger point names it, then removes its list', () => {
    const { rt, ana } = crm();
    const list = save(rt, { name: 'Board', kind: 'static' });
    ok(call(rt, 'addToSegment', { id: list.id, contacts: [ana] }));
    const user = save(rt, { name: 'Board volunteers', kind: 'dynamic', query: 'segment:board AND tag:volunteer' });
    expect(members(rt, user.id)).toEqual(['Ana Lima']);
    const points = rt.grid.sheets.get('TriggerPoints')!;
    points.push((points[0] as string[]).map((h) => (({ id: 'trp_1', name: 'Welcome the board', segment: 'Board', action: 'note', active: true }) as Record<string, unknown>)[h] ?? '') as never);
    expect(refused(call(rt, 'deleteSegment', { id: list.id })).message).toBe(
      'The segment "Board" cannot be deleted while segment "Board volunteers", trigger point "Welcome the board" uses it: change them first.',
    );
    expect(refused(call(rt, 'saveSegment', { id: list.id, name: 'Directors', kind: 'static' })).message).toContain('The segment "Board" cannot be renamed while segment "Board volunteers"');
    points.pop();
    ok(call(rt, 'deleteSegment', { id: user.id }));
    expect(ok(call(rt, 'deleteSegment', { id: list.id }))).toEqual({ deleted: list.id });
    expect(rowsOf(rt, 'Segments')).toHaveLength(0);
    expect(rowsOf(rt, 'SegmentMembers')).toHaveLength(0);
    expect(audit(rt)).toEqual(expect.arrayContaining(['segment.delete Segments', 'segment.delete SegmentMembers']));
  });
});

describe('Segments elsewhere', () => {
  it('are on the contact card: the static lists naming it and the dynamic segments selecting it', () => {
    const { rt, ana, carl } = crm();
    const list = save(rt, { name: 'Gala guests', kind: 'static' });
    ok(call(rt, 'addToSegment', { id: list.id, contacts: [ana] }));
    save(rt, { name: 'Volunteers', kind: 'dynamic', query: 'tag:volunteer' });
    save(rt, { name: 'Members', kind: 'dynamic', query: 'member AND segment:"Gala guests"' });
    save(rt, { name: 'Lyon', kind: 'dynamic', query: 'city:Lyon' });
    // A query broken by hand is left off the card, not an error.
    const sheet = rt.grid.sheets.get('Segments')!;
    sheet.push((sheet[0] as string[]).map((h) => (({ id: 'seg_hand', name: 'Broken', kind: 'dynamic', query: 'donations.total>>1' }) as Record<string, string>)[h] ?? ''));
    const reads: string[] = [];
    const read = rt.grid.read.bind(rt.grid);
    rt.grid.read = (name: string) => (reads.push(name), read(name));
    const card = ok(call(rt, 'getContactCard', { id: ana }));
    expect(card.segments.map((s: any) => s.name)).toEqual(['Gala guests', 'Members', 'Volunteers']);
    expect(new Set(reads).size).toBe(reads.length);
    expect(ok(call(rt, 'getContactCard', { id: carl })).segments.map((s: any) => s.name)).toEqual(['Lyon']);
  });

  it('move with a merge, without duplicates, and come back on undo', () => {
    const { rt, ana, bea, carl } = crm();
    const gala = save(rt, { name: 'Gala', kind: 'static' });
    const board = save(rt, { name: 'Board', kind: 'static' });
    ok(call(rt, 'addToSegment', { id: gala.id, contacts: [ana, bea] }));
    ok(call(rt, 'addToSegment', { id: board.id, contacts: [bea, carl] }));
    const merged = ok(call(rt, 'mergeContacts', { keep: ana, others: [bea] }));
    expect(merged.moved.SegmentMembers).toBe(2);
    const rows = () =>
      rowsOf(rt, 'SegmentMembers')
        .map((m) => `${m.segment_id === gala.id ? 'gala' : 'board'} ${m.contact_id === ana ? 'ana' : m.contact_id === bea ? 'bea' : 'carl'}`)
        .sort();
    expect(rows()).toEqual(['board ana', 'board carl', 'gala ana']);
    ok(call(rt, 'undoMerge', { merge: merged.merge }));
    expect(rows()).toEqual(['board bea', 'board carl', 'gala ana', 'gala bea']);
  });

  it('are exported: the Contacts columns of the members, in sheet order', () => {
    const { rt, ana, carl } = crm();
    const list = save(rt, { name: 'Gala', kind: 'static' });
    ok(call(rt, 'addToSegment', { id: list.id, contacts: [carl, ana] }));
    const exported = ok(call(rt, 'exportRows', { segment: list.id }));
    const header = Object.keys(rowsOf(rt, 'Contacts')[0]);
    expect(exported.name).toBe('Gala');
    expect(exported.rows[0]).toEqual(header);
    expect(exported.rows.slice(1).map((r: unknown[]) => r[header.indexOf('first_name')])).toEqual(['Ana', 'Carl']);
    expect(exported.rows[1][header.indexOf('postal_code')]).toBe('01000');
    save(rt, { name: 'Lyon', kind: 'dynamic', query: 'city:Lyon' });
    expect(
      ok(call(rt, 'exportRows', { segment: 'lyon' }))
        .rows.slice(1)
        .map((r: unknown[]) => r[header.indexOf('first_name')]),
    ).toEqual(['Bea', 'Carl']);
  });

  it('include the examples Set up makes, which refresh like any other', () => {
    const rt = setUpRuntime();
    const examples = ok(call(rt, 'listSegments', {})).segments;
    expect(examples.length).toBeGreaterThan(0);
    const report = ok(call(rt, 'refreshSegments', {}));
    expect(report.failed).toEqual([]);
    expect(report.refreshed.map((r: any) => r.name)).toEqual(examples.filter((s: any) => s.kind === 'dynamic').map((s: any) => s.name));
    expect(rowsOf(rt, 'Segments').every((s) => s.kind !== 'dynamic' || s.refreshed_at === '2026-11-22T10:00:00.000Z')).toBe(true);
  });

  it('offer the builder its fields, custom columns, tags, segments and relationship labels', () => {
    const { rt } = crm();
    addColumn(rt, 'Contacts', 'T-shirt', {});
    save(rt, { name: 'Volunteers', kind: 'dynamic', query: 'tag:volunteer' });
    const options = ok(call(rt, 'queryOptions', {}));
    expect(options.fields.map((f: any) => f.field)).toEqual(expect.arrayContaining(['tag', 'member', 'donations.total', 'segment', 'city']));
    expect(options.custom).toEqual(['T-shirt']);
    expect(options.tags).toEqual(['Volunteer']);
    expect(options.segments).toEqual(['Volunteers']);
    expect(options.relationships).toEqual(expect.arrayContaining(['parent of', 'child of']));
  });
});

describe('In Apps Script (over the fakes)', () => {
  let fakes: AppsScriptFakes;
  let restore: () => void;
  beforeEach(() => {
    fakes = createAppsScriptFakes();
    restore = fakes.install();
  });
  afterEach(() => restore());
  const gas = (name: string, input: unknown = {}) => ok(callAction(gasRuntime(), name, input));

  it('adds the highlighted rows of the Contacts sheet and writes a view tab that replaces itself', () => {
    gas('setUp');
    for (const [first_name, postal_code] of [
      ['Ana', '01000'],
      ['Bea', '+33 6 12'],
      ['Carl', '=1+1'],
    ])
      gas('createContact', { contact: { first_name, postal_code, city: 'Lyon' } });
    const list = gas('saveSegment', { name: 'Picked', kind: 'static' });
    fakes.spreadsheet.__sheet('Contacts').getRange(3, 1, 2, 4).activate();
    expect(gas('addSelectionToSegment', { id: list.id })).toEqual({ added: 2, already: 0, skipped: 0 });
    expect(gas('getSegment', { id: list.id }).members.items.map((m: any) => m.name)).toEqual(['Bea', 'Carl']);
    fakes.spreadsheet.__sheet('Segments').getRange(2, 1).activate();
    expect(callAction(gasRuntime(), 'addSelectionToSegment', { id: list.id })).toMatchObject({
      ok: false,
      error: { message: 'The selection is on the "Segments" sheet: select rows in the Contacts sheet.' },
    });

    const lyon = gas('saveSegment', { name: 'Lyon', kind: 'dynamic', query: 'city:Lyon', view_columns: 'first_name,postal_code' });
    const tab = () => fakes.spreadsheet.__dump('Segment - Lyon').map((r) => r.slice(0, 2));
    expect(tab()).toEqual([
      ['first_name', 'postal_code'],
      ['Ana', '01000'],
      ['Bea', '+33 6 12'],
      ['Carl', '=1+1'],
    ]);
    gas('updateContact', { id: gas('searchContacts', { text: 'Bea' }).items[0].id, patch: { city: 'Paris' } });
    gas('refreshSegments', { id: lyon.id });
    expect(tab()).toEqual([
      ['first_name', 'postal_code'],
      ['Ana', '01000'],
      ['Carl', '=1+1'],
    ]);
  });
});

describe('Segment messages', () => {
  it('exist in the four languages with the same placeholders', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, english] of Object.entries(segmentsEn))
      for (const language of ['fr', 'es', 'pt'] as const) expect([key, language, placeholders(translate(language, key))]).toEqual([key, language, placeholders(english)]);
  });
});
