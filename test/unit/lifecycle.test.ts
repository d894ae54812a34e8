import { derivedStage, effectiveStage, ENGAGING_TYPES, LifecycleFacts } from '../../src/core/lifecycle';
import { INTERACTION_TYPES } from '../../src/core/schema/tables';

const today = '2026-06-01';
const nothing: LifecycleFacts = { membershipStatuses: [], lastDonation: '', donationCount: 0, lastEngagement: '', newsletterStatus: '' };
const facts = (over: Partial<LifecycleFacts>): LifecycleFacts => ({ ...nothing, ...over });

describe('derivedStage', () => {
  it('makes anyone with a membership in force a member, whatever else is true', () => {
    const busy = { lastDonation: '2026-05-01', donationCount: 3, lastEngagement: '2026-05-30', newsletterStatus: 'subscribed' };
    expect(derivedStage(facts({ ...busy, membershipStatuses: ['expired', 'current'] }), today)).toBe('member');
    expect(derivedStage(facts({ membershipStatuses: ['new'] }), today)).toBe('member');
    expect(derivedStage(facts({ membershipStatuses: ['grace'] }), today)).toBe('member');
  });

  it('makes a gift in the last 365 days a donor, 365 days ago included', () => {
    expect(derivedStage(facts({ lastDonation: '2026-05-31', donationCount: 1 }), today)).toBe('donor');
    expect(derivedStage(facts({ lastDonation: '2025-06-01', donationCount: 1 }), today)).toBe('donor');
    expect(derivedStage(facts({ lastDonation: '2025-05-31', donationCount: 1 }), today)).toBe('lapsed');
  });

  it('prefers donor over a past membership', () => {
    expect(derivedStage(facts({ membershipStatuses: ['expired'], lastDonation: '2026-01-10', donationCount: 1 }), today)).toBe('donor');
  });

  it('makes a past membership or an older gift lapsed, even with recent engagement', () => {
    const engagedSubscriber = { lastEngagement: '2026-05-30', newsletterStatus: 'subscribed' };
    expect(derivedStage(facts({ ...engagedSubscriber, membershipStatuses: ['expired'] }), today)).toBe('lapsed');
    expect(derivedStage(facts({ ...engagedSubscriber, membershipStatuses: ['cancelled'] }), today)).toBe('lapsed');
    expect(derivedStage(facts({ ...engagedSubscriber, lastDonation: '2020-12-24', donationCount: 1 }), today)).toBe('lapsed');
    expect(derivedStage(facts({ donationCount: 2 }), today)).toBe('lapsed');
  });

  it('does not count a pending membership as past', () => {
    expect(derivedStage(facts({ membershipStatuses: ['pending'] }), today)).toBe('lead');
    expect(derivedStage(facts({ membershipStatuses: ['pending'], newsletterStatus: 'subscribed' }), today)).toBe('subscriber');
  });

  it('makes an engagement in the last 90 days engaged, 90 days ago included', () => {
    expect(derivedStage(facts({ lastEngagement: '2026-03-03', newsletterStatus: 'subscribed' }), today)).toBe('engaged');
    expect(derivedStage(facts({ lastEngagement: '2026-03-03T08:15:00Z' }), today)).toBe('engaged');
    expect(derivedStage(facts({ lastEngagement: '2026-03-02' }), today)).toBe('lead');
    expect(derivedStage(facts({ lastEngagement: '2026-03-02T23:59:00Z', newsletterStatus: 'subscribed' }), today)).toBe('subscriber');
  });

  it('makes a newsletter subscriber a subscriber, and everyone else a lead', () => {
    expect(derivedStage(facts({ newsletterStatus: 'subscribed' }), today)).toBe('subscriber');
    expect(derivedStage(facts({ newsletterStatus: 'unsubscribed' }), today)).toBe('lead');
    expect(derivedStage(facts({ newsletterStatus: 'pending' }), today)).toBe('lead');
    expect(derivedStage(nothing, today)).toBe('lead');
  });
});

describe('effectiveStage', () => {
  it('lets a valid override win', () => {
    expect(effectiveStage('other', 'member')).toBe('other');
    expect(effectiveStage(' Donor ', 'lead')).toBe('donor');
  });

  it('ignores an empty or unknown override', () => {
    expect(effectiveStage('', 'member')).toBe('member');
    expect(effectiveStage('vip', 'engaged')).toBe('engaged');
  });
});

describe('ENGAGING_TYPES', () => {
  it('counts conversations and clicks, not opens or notes', () => {
    for (const t of ['call', 'meeting', 'event', 'newsletter_click', 'form', 'letter', 'sms', 'email']) expect(ENGAGING_TYPES.has(t)).toBe(true);
    for (const t of ['newsletter_open', 'note', 'unsubscribe', 'other']) expect(ENGAGING_TYPES.has(t)).toBe(false);
  });

  it('only names interaction types that exist', () => {
    const known: ReadonlySet<string> = new Set(INTERACTION_TYPES);
    expect([...ENGAGING_TYPES].filter((t) => !known.has(t))).toEqual([]);
  });
});
