/** Trigger points' pure rules: who a rule fires for and which log entries close, how a follow-up's delay
 *  reads, and that the default rules' segments are queries the CRM can read. */
import { DEFAULT_TRIGGER_POINTS, entriesAndExits, followUpDays } from '../../src/core/trigger-points';
import { parseQuery } from '../../src/core/query';
import { TRIGGER_ACTIONS } from '../../src/core/schema/tables';
import { TRIGGER_ACTION_TABLE } from '../../src/services/points/trigger-actions';

const open = (...pairs: [string, string][]) => pairs.map(([id, contact_id]) => ({ id, contact_id }));

describe('Entering and leaving a rule’s segment', () => {
  it('fires for members with no open entry, in the segment’s order, once each', () => {
    expect(entriesAndExits([], ['c1', 'c2', 'c1'])).toEqual({ entering: ['c1', 'c2'], leaving: [] });
  });

  it('leaves alone a member whose entry is still open', () => {
    expect(entriesAndExits(open(['l1', 'c1']), ['c1', 'c2'])).toEqual({ entering: ['c2'], leaving: [] });
  });

  it('closes the entry of a contact who left, so that coming back fires again', () => {
    const left = entriesAndExits(open(['l1', 'c1'], ['l2', 'c2']), ['c2']);
    expect(left).toEqual({ entering: [], leaving: ['l1'] });
    // Next run: l1 is closed, so it is no longer among the open entries.
    expect(entriesAndExits(open(['l2', 'c2']), ['c1', 'c2'])).toEqual({ entering: ['c1'], leaving: [] });
  });

  it('closes every open entry of a contact who left, even two (the log edited by hand)', () => {
    expect(entriesAndExits(open(['l1', 'c1'], ['l2', 'c1']), [])).toEqual({ entering: [], leaving: ['l1', 'l2'] });
    expect(entriesAndExits(open(['l1', 'c1'], ['l2', 'c1']), ['c1'])).toEqual({ entering: [], leaving: [] });
  });

  it('an empty segment closes everything and fires for nobody', () => {
    expect(entriesAndExits([], [])).toEqual({ entering: [], leaving: [] });
  });
});

describe('A follow-up’s delay', () => {
  it.each([
    ['', 0],
    ['0', 0],
    [' 7 ', 7],
    ['3650', 3650],
  ])('reads %j as %d days', (text, days) => expect(followUpDays(text)).toBe(days));

  it.each(['soon', '-1', '2.5', '1e3', '3651', '7 days'])('refuses %j', (text) => expect(followUpDays(text)).toBeNull());
});

describe('The default rules', () => {
  it.each(DEFAULT_TRIGGER_POINTS.map((d) => [d.name, d.segment.query]))('"%s" watches a query that reads: %s', (_name, query) => {
    expect(parseQuery(query)).toMatchObject({ ok: true });
  });

  it('use actions the CRM knows, with the argument each one needs', () => {
    for (const d of DEFAULT_TRIGGER_POINTS) {
      expect(TRIGGER_ACTIONS).toContain(d.action);
      expect(TRIGGER_ACTION_TABLE[d.action].checkArgument(d.argument)).toBeNull();
    }
  });
});

describe('The actions', () => {
  it('have one entry per action the TriggerPoints sheet accepts', () => {
    expect(Object.keys(TRIGGER_ACTION_TABLE).sort()).toEqual([...TRIGGER_ACTIONS].sort());
  });

  it('check their argument: a tag name and a note text are required, a delay must be days', () => {
    expect(TRIGGER_ACTION_TABLE.add_tag.checkArgument('  ')).toEqual({ key: 'points.tag_required' });
    expect(TRIGGER_ACTION_TABLE.remove_tag.checkArgument('')).toEqual({ key: 'points.tag_required' });
    expect(TRIGGER_ACTION_TABLE.note.checkArgument('')).toEqual({ key: 'points.note_required' });
    expect(TRIGGER_ACTION_TABLE.follow_up.checkArgument('')).toBeNull();
    expect(TRIGGER_ACTION_TABLE.follow_up.checkArgument('next week')).toMatchObject({ key: 'points.bad_days', params: { value: 'next week' } });
  });
});
