import { bestMembership, computedStatus, DEFAULT_MEMBERSHIP_RULES, effectiveStatus, isMemberStatus, MembershipDates, membershipRules, renewal, termMonths } from '../../src/core/membership';
import { crmSettings, settingsMap } from '../../src/core/settings';

const rules = DEFAULT_MEMBERSHIP_RULES; // new for 3 months, 30 days of grace, 12-month terms

/** Joined and started 15 January 2026, one year: ends 14 January 2027. */
const yearly = (over: Partial<MembershipDates> = {}): MembershipDates => ({
  join_date: '2026-01-15',
  start_date: '2026-01-15',
  end_date: '2027-01-14',
  paid: true,
  frequency: 'yearly',
  status_override: '',
  ...over,
});

describe('computedStatus boundaries', () => {
  it.each([
    ['2026-01-14', 'pending'], // the day before the start
    ['2026-01-15', 'new'], // the start
    ['2026-01-16', 'new'],
    ['2026-04-14', 'new'], // the day before join + 3 months
    ['2026-04-15', 'current'], // join + 3 months
    ['2026-04-16', 'current'],
    ['2027-01-14', 'current'], // the end date itself
    ['2027-01-15', 'grace'], // the day after the end
    ['2027-02-13', 'grace'], // end + 30 days
    ['2027-02-14', 'expired'], // end + 31 days
  ])('on %s it is %s', (today, status) => {
    expect(computedStatus(yearly(), today, rules)).toBe(status);
  });

  it('follows the organisation’s rules', () => {
    const strict = { newMonths: 0, graceDays: 0, termMonths: 12 };
    expect(computedStatus(yearly(), '2026-01-15', strict)).toBe('current');
    expect(computedStatus(yearly(), '2027-01-14', strict)).toBe('current');
    expect(computedStatus(yearly(), '2027-01-15', strict)).toBe('expired');
    const generous = { newMonths: 12, graceDays: 60, termMonths: 12 };
    expect(computedStatus(yearly(), '2026-12-01', generous)).toBe('new');
    expect(computedStatus(yearly(), '2027-03-15', generous)).toBe('grace');
    expect(computedStatus(yearly(), '2027-03-16', generous)).toBe('expired');
  });

  it('counts "new" from the join date, not from a renewed term’s start', () => {
    const renewed = yearly({ join_date: '2020-05-01', start_date: '2026-01-15' });
    expect(computedStatus(renewed, '2026-01-15', rules)).toBe('current');
    expect(computedStatus(renewed, '2026-01-14', rules)).toBe('pending');
  });

  it('uses the join date as start when there is no start date', () => {
    const m = yearly({ start_date: '' });
    expect(computedStatus(m, '2026-01-14', rules)).toBe('pending');
    expect(computedStatus(m, '2026-01-15', rules)).toBe('new');
    expect(computedStatus(yearly({ join_date: '' }), '2026-02-01', rules)).toBe('new');
  });

  it('is pending when explicitly unpaid, or with no date to start from', () => {
    expect(computedStatus(yearly({ paid: false }), '2026-06-01', rules)).toBe('pending');
    expect(computedStatus(yearly({ paid: '' }), '2026-06-01', rules)).toBe('current');
    expect(computedStatus(yearly({ join_date: '', start_date: '' }), '2026-06-01', rules)).toBe('pending');
  });

  it('is pending when a date cannot be read', () => {
    expect(computedStatus(yearly({ end_date: 'next year' }), '2026-06-01', rules)).toBe('pending');
    expect(computedStatus(yearly({ start_date: '2026-02-30' }), '2026-06-01', rules)).toBe('pending');
  });

  it('never ends when the end date is empty (lifetime)', () => {
    const life = yearly({ end_date: '', frequency: 'lifetime' });
    expect(computedStatus(life, '2026-03-01', rules)).toBe('new');
    expect(computedStatus(life, '2060-01-01', rules)).toBe('current');
  });

  it('reads datetimes by their day', () => {
    expect(computedStatus(yearly({ end_date: '2027-01-14T23:00:00Z' }), '2027-01-14', rules)).toBe('current');
  });
});

describe('effectiveStatus', () => {
  it('lets a valid override win, and is the only way to cancel', () => {
    expect(effectiveStatus(yearly({ status_override: 'cancelled' }), '2026-06-01', rules)).toBe('cancelled');
    expect(computedStatus(yearly({ status_override: 'cancelled' }), '2026-06-01', rules)).toBe('current');
    expect(effectiveStatus(yearly({ status_override: 'current' }), '2030-01-01', rules)).toBe('current');
    expect(effectiveStatus(yearly({ status_override: ' Expired ' }), '2026-06-01', rules)).toBe('expired');
  });

  it('ignores an override that is not a status', () => {
    expect(effectiveStatus(yearly({ status_override: 'vip' }), '2026-06-01', rules)).toBe('current');
    expect(effectiveStatus(yearly({ status_override: undefined }), '2027-01-20', rules)).toBe('grace');
  });

  it('agrees with isMemberStatus on who is a member', () => {
    expect(isMemberStatus(effectiveStatus(yearly(), '2027-02-13', rules))).toBe(true);
    expect(isMemberStatus(effectiveStatus(yearly(), '2027-02-14', rules))).toBe(false);
  });
});

describe('termMonths', () => {
  it('follows the frequency, else the organisation’s term', () => {
    expect(termMonths('yearly', rules)).toBe(12);
    expect(termMonths('quarterly', rules)).toBe(3);
    expect(termMonths('monthly', rules)).toBe(1);
    expect(termMonths('lifetime', rules)).toBeNull();
    expect(termMonths('one_off', { ...rules, termMonths: 6 })).toBe(6);
    expect(termMonths('', { ...rules, termMonths: 24 })).toBe(24);
    expect(termMonths('weekly', rules)).toBe(12);
  });
});

describe('renewal', () => {
  it('extends a new membership from its end date', () => {
    expect(renewal(yearly(), '2026-02-01', rules)).toEqual({
      start_date: '2026-01-15',
      end_date: '2028-01-14',
      join_date: '2026-01-15',
      status_override: '',
      extended: true,
    });
  });

  it('extends a current membership from its end date', () => {
    expect(renewal(yearly(), '2026-06-01', rules)).toEqual({
      start_date: '2026-01-15',
      end_date: '2028-01-14',
      join_date: '2026-01-15',
      status_override: '',
      extended: true,
    });
  });

  it('extends a membership in grace from its end date, so the grace days are paid for', () => {
    expect(renewal(yearly(), '2027-02-13', rules)).toEqual({
      start_date: '2026-01-15',
      end_date: '2028-01-14',
      join_date: '2026-01-15',
      status_override: '',
      extended: true,
    });
  });

  it('starts a new term today for an expired membership, keeping the join date', () => {
    expect(renewal(yearly(), '2027-02-14', rules)).toEqual({
      start_date: '2027-02-14',
      end_date: '2028-02-13',
      join_date: '2026-01-15',
      status_override: '',
      extended: false,
    });
    expect(renewal(yearly(), '2027-03-01', rules).end_date).toBe('2028-02-29');
  });

  it('starts a new term today for a pending membership', () => {
    expect(renewal(yearly({ paid: false }), '2026-01-20', rules)).toEqual({
      start_date: '2026-01-20',
      end_date: '2027-01-19',
      join_date: '2026-01-15',
      status_override: '',
      extended: false,
    });
    expect(renewal(yearly({ start_date: '2026-03-01', join_date: '' }), '2026-02-01', rules)).toEqual({
      start_date: '2026-02-01',
      end_date: '2027-01-31',
      join_date: '2026-02-01',
      status_override: '',
      extended: false,
    });
  });

  it('reactivates a cancelled membership with a new term and clears the override', () => {
    expect(renewal(yearly({ status_override: 'cancelled' }), '2026-06-01', rules)).toEqual({
      start_date: '2026-06-01',
      end_date: '2027-05-31',
      join_date: '2026-01-15',
      status_override: '',
      extended: false,
    });
  });

  it('clears an override when extending', () => {
    expect(renewal(yearly({ status_override: 'grace' }), '2026-06-01', rules).status_override).toBe('');
  });

  it('leaves a lifetime membership in force as it is', () => {
    const life = yearly({ end_date: '', frequency: 'lifetime' });
    expect(renewal(life, '2030-01-01', rules)).toEqual({
      start_date: '2026-01-15',
      end_date: '',
      join_date: '2026-01-15',
      status_override: '',
      extended: true,
    });
  });

  it('gives a lifetime term no end', () => {
    expect(renewal(yearly({ frequency: 'lifetime' }), '2026-06-01', rules)).toMatchObject({ end_date: '', extended: true });
    expect(renewal(yearly({ frequency: 'lifetime' }), '2027-06-01', rules)).toMatchObject({ start_date: '2027-06-01', end_date: '', extended: false });
  });

  it('uses the frequency’s term', () => {
    expect(renewal(yearly({ frequency: 'monthly', end_date: '2026-03-14' }), '2026-03-01', rules).end_date).toBe('2026-04-14');
    expect(renewal(yearly({ frequency: 'quarterly', end_date: '2026-03-14' }), '2026-03-01', rules).end_date).toBe('2026-06-14');
    expect(renewal(yearly({ frequency: 'one_off' }), '2026-06-01', { ...rules, termMonths: 6 }).end_date).toBe('2027-07-14');
    expect(renewal(yearly({ frequency: 'quarterly' }), '2027-03-15', rules)).toMatchObject({ start_date: '2027-03-15', end_date: '2027-06-14' });
  });

  it('clamps to month ends, and keeps a term that ends on a month’s last day ending on last days', () => {
    const monthly = (end_date: string) => yearly({ frequency: 'monthly', end_date });
    expect(renewal(monthly('2026-01-31'), '2026-01-20', rules).end_date).toBe('2026-02-28');
    expect(renewal(monthly('2026-02-28'), '2026-02-20', rules).end_date).toBe('2026-03-31');
    expect(renewal(monthly('2026-04-30'), '2026-04-20', rules).end_date).toBe('2026-05-31');
    expect(renewal(monthly('2026-01-30'), '2026-01-20', rules).end_date).toBe('2026-02-28');
    const leap = yearly({ join_date: '2023-03-01', start_date: '2023-03-01', end_date: '2024-02-29' });
    expect(renewal(leap, '2024-02-01', rules)).toMatchObject({ end_date: '2025-02-28', extended: true });
    expect(renewal(yearly({ end_date: '2026-12-31' }), '2026-12-01', rules)).toMatchObject({ end_date: '2027-12-31', extended: true });
  });
});

describe('bestMembership', () => {
  const today = '2026-06-01';
  type Row = MembershipDates & { id: string };
  const row = (id: string, over: Partial<MembershipDates>): Row => ({ id, ...yearly(over) });

  it('is null for no memberships', () => {
    expect(bestMembership([], today, rules)).toBeNull();
  });

  it('prefers the membership in force that lasts longest', () => {
    const list = [
      row('expired', { start_date: '2024-01-01', end_date: '2024-12-31' }),
      row('grace', { start_date: '2025-05-01', end_date: '2026-05-20' }),
      row('current', { start_date: '2026-01-01', end_date: '2026-12-31' }),
      row('new', { start_date: '2026-05-01', end_date: '2026-10-31' }),
    ];
    expect(bestMembership(list, today, rules)?.id).toBe('current');
  });

  it('prefers one in force over a pending or cancelled one that ends later', () => {
    const list = [
      row('pending', { start_date: '2026-07-01', end_date: '2027-06-30' }),
      row('cancelled', { start_date: '2026-01-01', end_date: '2027-12-31', status_override: 'cancelled' }),
      row('grace', { start_date: '2025-05-21', end_date: '2026-05-20' }),
    ];
    expect(bestMembership(list, today, rules)?.id).toBe('grace');
  });

  it('counts a lifetime membership as ending last', () => {
    const list = [row('current', { end_date: '2030-12-31' }), row('lifetime', { end_date: '', frequency: 'lifetime' })];
    expect(bestMembership(list, today, rules)?.id).toBe('lifetime');
  });

  it('falls back to the most recent by end date, then start date, when none is in force', () => {
    const list = [
      row('old', { start_date: '2020-01-01', end_date: '2020-12-31' }),
      row('recent', { start_date: '2024-01-01', end_date: '2024-12-31' }),
      row('older', { start_date: '2022-01-01', end_date: '2022-12-31' }),
    ];
    expect(bestMembership(list, today, rules)?.id).toBe('recent');
    const sameEnd = [row('earlier start', { start_date: '2023-01-01', end_date: '2024-12-31' }), row('later start', { start_date: '2024-01-01', end_date: '2024-12-31' })];
    expect(bestMembership(sameEnd, today, rules)?.id).toBe('later start');
  });
});

describe('membershipRules and crmSettings', () => {
  it('reads the Settings values and falls back on missing or unreadable ones', () => {
    expect(membershipRules({})).toEqual({ newMonths: 3, graceDays: 30, termMonths: 12 });
    expect(membershipRules({ membership_new_months: '6', membership_grace_days: ' 15 ', membership_term_months: '24' })).toEqual({
      newMonths: 6,
      graceDays: 15,
      termMonths: 24,
    });
    expect(membershipRules({ membership_new_months: 'three', membership_grace_days: '-5', membership_term_months: '0' })).toEqual({
      newMonths: 3,
      graceDays: 30,
      termMonths: 12,
    });
    expect(membershipRules({ membership_new_months: '0', membership_grace_days: '0', membership_term_months: '1.5' })).toEqual({
      newMonths: 0,
      graceDays: 0,
      termMonths: 12,
    });
  });

  it('reads the Settings rows: keys without regard to case, the first row winning', () => {
    const map = settingsMap([
      { key: ' Default_Country ', value: 'pt ' },
      { key: 'default_country', value: 'FR' },
      { key: 'MEMBERSHIP_GRACE_DAYS', value: '10' },
      { key: '', value: 'ignored' },
    ]);
    expect(map).toEqual({ default_country: 'pt', membership_grace_days: '10' });
    expect(crmSettings(map)).toEqual({
      defaultCountry: 'PT',
      currency: 'EUR',
      rates: new Map(),
      language: '',
      membership: { newMonths: 3, graceDays: 10, termMonths: 12 },
      rfm: { windowMonths: 24, monetary: 'total' },
      engagement: { days: 90, hotMinScore: 5 },
      archive: { logMonths: 12, interactionMonths: null },
      mail: { dailyQuota: 100, fromName: '', replyTo: '' },
    });
  });

  it('reads the archive settings as whole months, unreadable ones as their default (logs) or never (interactions)', () => {
    expect(crmSettings({ archive_log_months: '6', archive_interaction_months: '36' }).archive).toEqual({ logMonths: 6, interactionMonths: 36 });
    expect(crmSettings({ archive_log_months: 'six', archive_interaction_months: '0' }).archive).toEqual({ logMonths: 12, interactionMonths: null });
    expect(crmSettings({ archive_log_months: '1.5', archive_interaction_months: ' 24 ' }).archive).toEqual({ logMonths: 12, interactionMonths: 24 });
  });

  it('drops a country that is not two letters and defaults the currency', () => {
    expect(crmSettings({ default_country: 'France', currency: 'usd', language: 'FR' })).toMatchObject({ defaultCountry: '', currency: 'USD', language: 'fr' });
    expect(crmSettings({ currency: 'euros' }).currency).toBe('EUR');
  });
});
