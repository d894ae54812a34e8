import { giftColumns, quintileScores, rfmColumns, rfmSegment, rfmSettings, RfmSettings } from '../../src/core/rfm';
import { RFM_SEGMENTS } from '../../src/core/query/tree';
import { dayNumber, isoOfDay, NO_DAY } from '../../src/core/day-numbers';

const TODAY = '2026-11-22';
const TOTAL: RfmSettings = { windowMonths: 24, monetary: 'total' };
const scores = (values: number[]) =>
  Array.from(
    quintileScores(
      values,
      values.map((_, i) => i),
    ),
  );

describe('quintile scores', () => {
  it('are the quintiles when values are distinct', () => {
    expect(scores([10, 20, 30, 40, 50])).toEqual([1, 2, 3, 4, 5]);
    expect(scores([5, 1, 9, 3, 7, 2, 8, 4, 10, 6])).toEqual([3, 1, 5, 2, 4, 1, 4, 2, 5, 3]);
  });

  it('give equal values the same score, where the middle of their group falls', () => {
    // Sorted: 1 | 2 2 2 | 5 | 7 7 | 9 (8 values): the 2s sit at positions 1-3, middle 2.5 of 8 → p 0.3125 → 2.
    expect(scores([2, 9, 7, 2, 1, 5, 2, 7])).toEqual([2, 5, 4, 2, 1, 3, 2, 4]);
    expect(scores([4, 4, 4, 4])).toEqual([3, 3, 3, 3]);
  });

  it('spread small donor bases from the middle out', () => {
    expect(scores([100])).toEqual([3]);
    expect(scores([1, 2])).toEqual([2, 4]);
    expect(scores([1, 2, 3])).toEqual([1, 3, 5]);
    expect(scores([1, 2, 3, 4])).toEqual([1, 2, 4, 5]);
  });

  it('leave out the positions not asked about', () => {
    expect(Array.from(quintileScores([7, 0, 3], [0, 2]))).toEqual([4, 0, 2]);
  });
});

describe('the RFM segment grid (r × f)', () => {
  const cases: [number, number, string][] = [
    [5, 5, 'champions'],
    [4, 4, 'champions'],
    [5, 4, 'champions'],
    [3, 4, 'loyal'],
    [3, 5, 'loyal'],
    [5, 2, 'potential_loyalist'],
    [4, 3, 'potential_loyalist'],
    [5, 1, 'new'],
    [4, 1, 'promising'],
    [3, 3, 'need_attention'],
    [3, 1, 'about_to_sleep'],
    [3, 2, 'about_to_sleep'],
    [1, 3, 'at_risk'],
    [2, 4, 'at_risk'],
    [1, 5, 'cannot_lose'],
    [2, 5, 'cannot_lose'],
    [2, 1, 'hibernating'],
    [2, 2, 'hibernating'],
    [1, 2, 'hibernating'],
    [1, 1, 'lost'],
  ];
  it.each(cases)('r%i f%i is %s', (r, f, segment) => expect(rfmSegment(r, f)).toBe(segment));

  it('names every group somewhere on the grid', () => {
    const named = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) named.add(rfmSegment(r, f));
    expect([...named].sort()).toEqual([...RFM_SEGMENTS].sort());
  });
});

describe('RFM over a hand-checked donor base (today 2026-11-22, window 24 months)', () => {
  // Contacts 0-5 (A-F) are donors; 6 (G) never gave; 7 (H) gave only before the window.
  const gifts = giftColumns([
    { contact: 0, date: '2026-11-20', amount: 100 },
    { contact: 0, date: '2026-10-01', amount: 100 },
    { contact: 0, date: '2026-06-01', amount: 100 },
    { contact: 0, date: '2025-12-01', amount: 100 },
    { contact: 1, date: '2026-11-20T18:00:00Z', amount: 50 },
    { contact: 1, date: '2026-05-01', amount: 50 },
    { contact: 2, date: '2026-01-10', amount: 1000 },
    { contact: 3, date: '2025-11-22', amount: 20 },
    { contact: 3, date: '2025-06-01', amount: 20 },
    { contact: 3, date: '2025-03-01', amount: 20 },
    { contact: 4, date: '2024-11-22', amount: 5 }, // the window's first day: in
    { contact: 4, date: '2024-11-21', amount: 500 }, // the day before: out
    { contact: 5, date: '2026-09-01', amount: 30 },
    { contact: 5, date: '2026-12-01', amount: 999 }, // typed ahead: not given yet
    { contact: 7, date: '2024-01-01', amount: 80 },
    { contact: -1, date: '2026-11-01', amount: 10000 }, // someone not scored
  ]);
  const pick = <T>(column: ArrayLike<T>) => Array.from(column).slice(0, 8);

  it('measures recency, frequency and total in the window', () => {
    const rfm = rfmColumns(gifts, 8, TODAY, TOTAL);
    expect(rfm.donors).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pick(rfm.recency)).toEqual([2, 2, 316, 365, 730, 82, 0, 0]);
    expect(pick(rfm.frequency)).toEqual([4, 2, 1, 3, 1, 1, 0, 0]);
    expect(pick(rfm.monetary)).toEqual([400, 100, 1000, 60, 5, 30, 0, 0]);
  });

  it('scores each by quintiles over the six donors, ties together', () => {
    const rfm = rfmColumns(gifts, 8, TODAY, TOTAL);
    // Recency, best first: A and B (2 days, tied at positions 4-5) 5; F (82) and C (316) 3; D 2; E 1.
    expect(pick(rfm.r)).toEqual([5, 5, 3, 2, 1, 3, 0, 0]);
    // Frequency: C, E, F gave once (positions 0-2, middle 1.5 of 6 → 2); B twice 3; D 4; A 5.
    expect(pick(rfm.f)).toEqual([5, 3, 2, 4, 2, 2, 0, 0]);
    // Total: E 5 → 1, F 30 → 2, D 60 → 3, B 100 → 3, A 400 → 4, C 1000 → 5.
    expect(pick(rfm.m)).toEqual([4, 3, 5, 3, 1, 2, 0, 0]);
    const segments = pick(rfm.segment).map((s) => (s ? RFM_SEGMENTS[s - 1] : ''));
    expect(segments).toEqual(['champions', 'potential_loyalist', 'about_to_sleep', 'at_risk', 'hibernating', 'about_to_sleep', '', '']);
  });

  it('ranks the average gift instead when rfm_monetary is average', () => {
    const rfm = rfmColumns(gifts, 8, TODAY, { windowMonths: 24, monetary: 'average' });
    expect(pick(rfm.monetary)).toEqual([100, 50, 1000, 20, 5, 30, 0, 0]);
    expect(pick(rfm.m)).toEqual([4, 3, 5, 2, 1, 3, 0, 0]);
    expect(pick(rfm.r)).toEqual([5, 5, 3, 2, 1, 3, 0, 0]);
  });

  it('counts only the months of the window setting', () => {
    const rfm = rfmColumns(gifts, 8, TODAY, { windowMonths: 12, monetary: 'total' });
    // From 2025-11-22: E is out, D keeps one gift (on the first day), A loses none.
    expect(rfm.donors).toEqual([0, 1, 2, 3, 5]);
    expect(pick(rfm.frequency)).toEqual([4, 2, 1, 1, 0, 1, 0, 0]);
    expect(pick(rfm.monetary)).toEqual([400, 100, 1000, 20, 0, 30, 0, 0]);
  });

  it('rounds to the cent so that equal totals tie', () => {
    const rfm = rfmColumns(
      giftColumns([
        { contact: 0, date: '2026-11-01', amount: 0.1 },
        { contact: 0, date: '2026-11-01', amount: 0.2 },
        { contact: 1, date: '2026-11-01', amount: 0.3 },
      ]),
      2,
      TODAY,
      TOTAL,
    );
    expect(Array.from(rfm.monetary)).toEqual([0.3, 0.3]);
    expect(Array.from(rfm.m)).toEqual([3, 3]);
  });
});

describe('RFM settings', () => {
  it('reads the window and the monetary measure, falling back to 24 months and the total', () => {
    expect(rfmSettings({})).toEqual({ windowMonths: 24, monetary: 'total' });
    expect(rfmSettings({ rfm_window_months: ' 12 ', rfm_monetary: 'Average' })).toEqual({ windowMonths: 12, monetary: 'average' });
    expect(rfmSettings({ rfm_window_months: '0', rfm_monetary: 'median' })).toEqual({ windowMonths: 24, monetary: 'total' });
    expect(rfmSettings({ rfm_window_months: '1.5' }).windowMonths).toBe(24);
  });
});

describe('day numbers (how the scores and the query engine read dates)', () => {
  it('read a cell as dateOf does, and order as ISO texts do', () => {
    for (const text of ['2026-11-22', '2026-11-22T23:59:59Z', ' 2026-11-22 ', '2026-11-22xyz']) expect(isoOfDay(dayNumber(text))).toBe('2026-11-22');
    for (const bad of ['', '2026-02-30', '2026-13-01', '22/11/2026', '2026-1-22', 45000, true, undefined]) expect(dayNumber(bad)).toBe(NO_DAY);
    expect(isoOfDay(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2026-03-01') - dayNumber('2026-02-28')).toBe(1);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2);
    expect(NO_DAY).toBeLessThan(dayNumber('0001-01-01'));
  });
});
