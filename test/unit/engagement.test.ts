import { engagementColumns, engagementSettings, interactionColumns, EngagementSettings, OPEN_CAP } from '../../src/core/engagement';
import { giftColumns } from '../../src/core/rfm';
import { isoOfDay } from '../../src/core/day-numbers';

const TODAY = '2026-11-22';
const SETTINGS: EngagementSettings = { days: 90, hotMinScore: 5 };
const NO_GIFTS = giftColumns([]);

type Row = { contact: number; type: string; when: string; direction?: string };
const scoresOf = (rows: Row[], contacts: number, settings = SETTINGS, gifts = NO_GIFTS) => engagementColumns(interactionColumns(rows), gifts, contacts, TODAY, settings);
const repeat = (n: number, row: Row) => Array.from({ length: n }, () => row);

describe('the engagement score', () => {
  it('ranks one click above any number of opens, which are capped', () => {
    const e = scoresOf([{ contact: 0, type: 'newsletter_click', when: '2026-11-22T08:00:00Z' }, ...repeat(40, { contact: 1, type: 'newsletter_open', when: '2026-11-22T08:00:00Z' })], 2);
    expect(Array.from(e.score)).toEqual([3, OPEN_CAP]);
    expect(e.score[0]).toBeGreaterThan(e.score[1]);
  });

  it('weighs what a person does on purpose: events, meetings, forms, replies, calls', () => {
    const e = scoresOf(
      [
        { contact: 0, type: 'event', when: TODAY },
        { contact: 1, type: 'meeting', when: TODAY, direction: 'outbound' },
        { contact: 2, type: 'form', when: TODAY, direction: 'inbound' },
        { contact: 3, type: 'email', when: TODAY, direction: 'inbound' }, // a reply
        { contact: 4, type: 'email', when: TODAY, direction: 'outbound' }, // our own email
        { contact: 5, type: 'call', when: TODAY, direction: 'inbound' },
        { contact: 6, type: 'call', when: TODAY, direction: 'outbound' },
        { contact: 7, type: 'note', when: TODAY, direction: 'internal' },
        { contact: 8, type: 'newsletter_open', when: TODAY, direction: 'inbound' },
      ],
      9,
    );
    expect(Array.from(e.score)).toEqual([5, 5, 4, 4, 0, 4, 2, 0, 0.5]);
  });

  it('halves every 30 days, and forgets what is older than the window or not yet happened', () => {
    const e = scoresOf(
      [
        { contact: 0, type: 'newsletter_click', when: '2026-10-23' }, // 30 days ago: half
        { contact: 1, type: 'newsletter_click', when: '2026-08-24' }, // 90 days ago: an eighth, still in
        { contact: 2, type: 'newsletter_click', when: '2026-08-23' }, // 91 days ago: out
        { contact: 3, type: 'event', when: '2026-11-30' }, // planned, not attended yet
      ],
      4,
    );
    expect(Array.from(e.score)).toEqual([1.5, 0.4, 0, 0]);
    expect(Array.from(scoresOf([{ contact: 0, type: 'newsletter_click', when: '2026-08-23' }], 1, { days: 120, hotMinScore: 5 }).score)).toEqual([0.4]);
  });

  it('counts a gift in the window and says when the contact last did something that counts', () => {
    const e = scoresOf(
      [
        { contact: 0, type: 'newsletter_open', when: '2026-11-02' },
        { contact: 0, type: 'email', when: '2026-11-10', direction: 'outbound' },
      ],
      2,
      SETTINGS,
      giftColumns([
        { contact: 1, date: TODAY, amount: 20 },
        { contact: 1, date: '2026-01-01', amount: 20 },
      ]),
    );
    expect(Array.from(e.score)).toEqual([0.3, 4]);
    expect(Array.from(e.last).map(isoOfDay)).toEqual(['2026-11-02', TODAY]);
    expect(e.engaged).toBe(2);
  });
});

describe('the hot list', () => {
  it('is the top 10% of engaged contacts, ties at the bar included, above the minimum score', () => {
    // 20 engaged contacts: 1..20 events today (scores 5..100); 10% is 2 contacts.
    const rows: Row[] = [];
    for (let c = 0; c < 20; c++) rows.push(...repeat(c + 1, { contact: c, type: 'event', when: TODAY }));
    rows.push(...repeat(19, { contact: 20, type: 'event', when: TODAY })); // ties with contact 18
    const e = scoresOf(rows, 22);
    expect(Array.from(e.hot).flatMap((h, c) => (h ? [c] : []))).toEqual([18, 19, 20]);
    expect(e.engaged).toBe(21);
  });

  it('keeps out low scores even at the top, and people who did nothing', () => {
    const e = scoresOf(
      [
        { contact: 0, type: 'newsletter_click', when: TODAY },
        { contact: 1, type: 'newsletter_open', when: TODAY },
      ],
      3,
    );
    expect(Array.from(e.hot)).toEqual([0, 0, 0]);
    const lower = scoresOf(
      [
        { contact: 0, type: 'newsletter_click', when: TODAY },
        { contact: 1, type: 'newsletter_open', when: TODAY },
      ],
      3,
      { days: 90, hotMinScore: 0 },
    );
    expect(Array.from(lower.hot)).toEqual([1, 0, 0]);
  });
});

describe('engagement settings', () => {
  it('reads the window and the minimum, falling back to 90 days and 5', () => {
    expect(engagementSettings({})).toEqual({ days: 90, hotMinScore: 5 });
    expect(engagementSettings({ engagement_days: '30', hot_min_score: '2,5' })).toEqual({ days: 30, hotMinScore: 2.5 });
    expect(engagementSettings({ engagement_days: 'soon', hot_min_score: '-1' })).toEqual({ days: 90, hotMinScore: 5 });
  });
});
