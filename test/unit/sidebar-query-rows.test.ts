/** The builder's rows and the text form stay in step: a flat query reads into rows and prints back
 *  the same; a nested one is kept as text; changing a row's field keeps what still fits. */
import { parseQuery } from '../../src/core/query/parse';
import { printQuery } from '../../src/core/query/print';
import type { QueryNode } from '../../src/core/query/tree';
import { newCondition, rowsOf, treeOf, windowOf, withField, withWindow } from '../../sidebar/query-rows';
import { queryField } from '../../src/core/query/tree';

const tree = (text: string): QueryNode => {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.tree;
};

describe('rows from text and back', () => {
  it.each([
    'tag:volunteer AND membership.status:current AND donations.total>=100 since:365d',
    'newsletter:subscribed AND NOT member AND opens>=3 within:90d AND clicks=0',
    'city:Lyon OR city:Paris',
    'tag:"major donor"',
    'NOT tag:volunteer',
  ])('%s', (text) => {
    const rows = rowsOf(tree(text));
    expect(rows).not.toBeNull();
    expect(printQuery(treeOf(rows!))).toBe(text);
  });

  it('reads a NOT row as a negated condition, in its place', () => {
    const rows = rowsOf(tree('member AND NOT tag:volunteer'))!;
    expect(rows.join).toBe('and');
    expect(rows.rows.map((r) => [r.not, r.condition.field])).toEqual([
      [false, 'member'],
      [true, 'tag'],
    ]);
  });

  it('keeps a nested query as text rather than flattening it wrongly', () => {
    expect(rowsOf(tree('(tag:a OR tag:b) AND member'))).toBeNull();
    expect(rowsOf(tree('NOT (tag:a OR tag:b)'))).toBeNull();
    expect(rowsOf(tree('donations.total>=100 since:2026-01-01 before:2026-07-01'))).toBeNull();
  });

  it('an empty query is no rows, and no rows is every contact', () => {
    expect(rowsOf(tree(''))).toEqual({ join: 'and', rows: [] });
    expect(printQuery(treeOf({ join: 'or', rows: [] }))).toBe('');
  });

  it('switching AND to OR changes the text', () => {
    const rows = rowsOf(tree('tag:a AND tag:b'))!;
    expect(printQuery(treeOf({ ...rows, join: 'or' }))).toBe('tag:a OR tag:b');
  });

  it('leaves out a row whose field is not chosen yet', () => {
    const rows = rowsOf(tree('tag:a'))!;
    rows.rows.push({ not: false, condition: { kind: 'condition', field: '', op: ':', value: '' } });
    expect(printQuery(treeOf(rows))).toBe('tag:a');
  });
});

describe('editing a row', () => {
  it('a new flag row reads "is a member"; a new enum row takes its first value', () => {
    expect(printQuery(newCondition(queryField('member')!))).toBe('member');
    expect(printQuery(newCondition(queryField('membership.status')!))).toBe('membership.status:pending');
  });

  it('changing between two number fields keeps the value, the comparison and the window', () => {
    const c = tree('donations.total>=100 within:12m');
    if (c.kind !== 'condition') throw new Error('expected a condition');
    expect(printQuery(withField(c, 'donations.count'))).toBe('donations.count>=100 within:12m');
  });

  it('changing to a field of another kind drops what no longer fits', () => {
    const c = tree('donations.total>=100 within:12m');
    if (c.kind !== 'condition') throw new Error('expected a condition');
    expect(printQuery(withField(c, 'city'))).toBe('city:""');
    expect(printQuery(withField(c, 'newsletter'))).toBe('newsletter:subscribed');
  });

  it('sets, changes and removes a window', () => {
    const c = tree('opens>=3');
    if (c.kind !== 'condition') throw new Error('expected a condition');
    const within = withWindow(c, 'within', '90d');
    expect(printQuery(within)).toBe('opens>=3 within:90d');
    expect(windowOf(within)).toEqual({ kind: 'within', value: '90d' });
    expect(printQuery(withWindow(within, 'since', '2026-01-01'))).toBe('opens>=3 since:2026-01-01');
    expect(printQuery(withWindow(within, '', ''))).toBe('opens>=3');
  });
});

describe('a span from today in one row', () => {
  it('reads "ends within the next 30 days" as one row, and prints it back as the two conditions', () => {
    const text = 'membership.end>=today AND membership.end<=+30d AND tag:volunteer';
    const rows = rowsOf(tree(text))!;
    expect(rows.rows).toHaveLength(2);
    expect(rows.rows[0]).toMatchObject({ range: 'next', condition: { field: 'membership.end', value: '30d' } });
    expect(printQuery(treeOf(rows))).toBe(text);
  });

  it('reads the last N days, in any language the dates are written in, under OR and under NOT', () => {
    const last = rowsOf(tree("donations.last>=2s AND donations.last<=aujourd'hui"))!;
    expect(last.rows).toEqual([{ not: false, range: 'last', condition: expect.objectContaining({ field: 'donations.last', value: '2w' }) }]);
    const either = rowsOf(tree('(membership.end>=today AND membership.end<=+1m) OR tag:board'))!;
    expect(either.join).toBe('or');
    expect(either.rows[0]).toMatchObject({ range: 'next', condition: { value: '1m' } });
    // AND binds tighter than OR: printed without brackets, read back as the same rows.
    expect(rowsOf(tree(printQuery(treeOf(either))))).toEqual(either);
    const not = rowsOf(tree('member AND NOT (last.call>=90d AND last.call<=today)'))!;
    expect(not.rows[1]).toMatchObject({ not: true, range: 'last', condition: { field: 'last.call', value: '90d' } });
    expect(printQuery(treeOf(not))).toBe('member AND NOT (last.call>=90d AND last.call<=today)');
  });

  it('keeps as two rows what is not a span from today (another field, a window, the wrong way round)', () => {
    expect(rowsOf(tree('membership.end>=today AND created<=+30d'))!.rows.every((r) => !r.range)).toBe(true);
    expect(rowsOf(tree('membership.end<=+30d AND membership.end>=today'))!.rows.every((r) => !r.range)).toBe(true);
    expect(rowsOf(tree('membership.end>=30d AND membership.end<=+30d'))!.rows.every((r) => !r.range)).toBe(true);
  });

  it('leaves out a row whose value is still to be typed, instead of making it a mistake', () => {
    const rows = {
      join: 'and' as const,
      rows: [
        { not: false, condition: { kind: 'condition' as const, field: 'donations.total', op: '>=' as const, value: '' } },
        { not: false, condition: { kind: 'condition' as const, field: 'tag', op: ':' as const, value: 'board' } },
      ],
    };
    expect(printQuery(treeOf(rows))).toBe('tag:board');
    expect(printQuery(treeOf({ join: 'and', rows: [{ not: false, condition: { kind: 'condition', field: 'city', op: '=', value: '' } }] }))).toBe('city=""');
  });
});
