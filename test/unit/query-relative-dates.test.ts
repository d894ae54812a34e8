import { isQueryDate, isRelativeDate, resolveDate } from '../../src/core/query/relative-dates';
import { parseQuery } from '../../src/core/query/parse';

describe('resolveDate', () => {
  it('counts days and weeks back from today, across months and years', () => {
    expect(resolveDate('30d', '2026-03-01')).toBe('2026-01-30');
    expect(resolveDate('1d', '2026-01-01')).toBe('2025-12-31');
    expect(resolveDate('2w', '2026-03-10')).toBe('2026-02-24');
    expect(resolveDate('365d', '2024-12-31')).toBe('2024-01-01');
    expect(resolveDate('0d', '2026-05-10')).toBe('2026-05-10');
  });

  it('clamps months and years to the end of a shorter month', () => {
    expect(resolveDate('1m', '2026-03-31')).toBe('2026-02-28');
    expect(resolveDate('1m', '2024-03-31')).toBe('2024-02-29');
    expect(resolveDate('3m', '2026-05-31')).toBe('2026-02-28');
    expect(resolveDate('1m', '2026-05-31')).toBe('2026-04-30');
    expect(resolveDate('12m', '2024-02-29')).toBe('2023-02-28');
    expect(resolveDate('1y', '2024-02-29')).toBe('2023-02-28');
    expect(resolveDate('4y', '2024-02-29')).toBe('2020-02-29');
    expect(resolveDate('1m', '2026-01-15')).toBe('2025-12-15');
  });

  it('goes forward with a leading +, and reads a leading - as back', () => {
    expect(resolveDate('+1m', '2026-01-31')).toBe('2026-02-28');
    expect(resolveDate('+1y', '2024-02-29')).toBe('2025-02-28');
    expect(resolveDate('+30d', '2026-12-15')).toBe('2027-01-14');
    expect(resolveDate('-30d', '2026-03-01')).toBe('2026-01-30');
  });

  it('knows today, yesterday and tomorrow, in any case and with spaces around', () => {
    expect(resolveDate('today', '2026-03-01')).toBe('2026-03-01');
    expect(resolveDate('yesterday', '2026-03-01')).toBe('2026-02-28');
    expect(resolveDate('yesterday', '2024-03-01')).toBe('2024-02-29');
    expect(resolveDate('tomorrow', '2026-12-31')).toBe('2027-01-01');
    expect(resolveDate(' Today ', '2026-03-01')).toBe('2026-03-01');
    expect(resolveDate('30D', '2026-03-01')).toBe('2026-01-30');
  });

  it('gives an ISO date back as it is, whatever today is', () => {
    expect(resolveDate('2026-01-01', '2030-06-30')).toBe('2026-01-01');
    expect(resolveDate('2024-02-29', 'not used')).toBe('2024-02-29');
  });

  it('says null for what is not a date', () => {
    for (const text of ['soon', '30', 'd', '30 d', '2026-02-30', '2026-1-1', '', '3.5m', '1q']) expect(resolveDate(text, '2026-03-01')).toBeNull();
  });
});

describe('isRelativeDate / isQueryDate', () => {
  it('tells relative dates from ISO dates and from words', () => {
    expect(['30d', '+2w', '-12m', '1y', 'today', 'YESTERDAY', 'tomorrow'].every(isRelativeDate)).toBe(true);
    expect(['2026-01-01', 'soon', '30', ''].some(isRelativeDate)).toBe(false);
    expect(isQueryDate('2026-01-01')).toBe(true);
    expect(isQueryDate('2026-02-29')).toBe(false);
    expect(isQueryDate('12m')).toBe(true);
  });
});

describe('relative dates in the person’s language', () => {
  it('reads today, yesterday and tomorrow in French, Spanish and Portuguese', () => {
    for (const today of ["aujourd'hui", 'Aujourd’hui', 'hoy', 'hoje', 'TODAY']) expect(resolveDate(today, '2026-05-10')).toBe('2026-05-10');
    for (const yesterday of ['hier', 'ayer', 'ontem']) expect(resolveDate(yesterday, '2026-05-10')).toBe('2026-05-09');
    for (const tomorrow of ['demain', 'mañana', 'manana', 'amanhã', 'amanha']) expect(resolveDate(tomorrow, '2026-05-10')).toBe('2026-05-11');
  });

  it('reads j for days, s for weeks and a for years, ahead with +', () => {
    expect(resolveDate('+30j', '2026-05-10')).toBe(resolveDate('+30d', '2026-05-10'));
    expect(resolveDate('2s', '2026-03-10')).toBe('2026-02-24');
    expect(resolveDate('1a', '2024-02-29')).toBe('2023-02-28');
    expect(isQueryDate('+30J')).toBe(true);
    expect(isQueryDate('30x')).toBe(false);
    expect(isQueryDate('aujourdhui')).toBe(false);
  });

  it('parses a query written with them', () => {
    const parsed = parseQuery("membership.end<=+30j AND membership.end>=aujourd'hui AND created>=1a");
    expect(parsed.ok).toBe(true);
  });
});
