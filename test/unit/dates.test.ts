import { addDays, addMonths, dateOf, daysBetween, isIsoDate, isoOfSerialDay, todayIn } from '../../src/core/dates';

describe('todayIn', () => {
  const lateEvening = new Date('2026-03-14T23:30:00Z');

  it('gives the calendar day in the organisation’s time zone', () => {
    expect(todayIn(lateEvening, 'UTC')).toBe('2026-03-14');
    expect(todayIn(lateEvening, 'Europe/Paris')).toBe('2026-03-15');
    expect(todayIn(new Date('2026-03-15T05:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-14');
    expect(todayIn(new Date('2026-12-31T23:59:00Z'), 'Asia/Tokyo')).toBe('2027-01-01');
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(todayIn(lateEvening, 'Mars/Olympus_Mons')).toBe('2026-03-14');
    expect(todayIn(new Date('2026-03-15T00:30:00Z'), 'not a zone')).toBe('2026-03-15');
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
  });

  it('does not lose or gain a day over a daylight-saving change', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('reads the day of a datetime and refuses text that is not a date', () => {
    expect(addDays('2026-03-14T23:30:00Z', 1)).toBe('2026-03-15');
    expect(() => addDays('14/03/2026', 1)).toThrow(RangeError);
    expect(() => addDays('', 1)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('keeps the day when it exists', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
    expect(addMonths('2026-10-15', 3)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', 0)).toBe('2026-01-15');
  });

  it('goes back with negative n', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-02-28', -12)).toBe('2025-02-28');
    expect(addMonths('2025-03-31', -13)).toBe('2024-02-29');
  });
});

describe('daysBetween', () => {
  it('counts to − from in days', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2026-01-31', '2026-01-01')).toBe(-30);
    expect(daysBetween('2026-05-10', '2026-05-10')).toBe(0);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-01T08:00:00Z', '2026-03-02')).toBe(1);
  });
});

describe('isIsoDate and dateOf', () => {
  it('accepts real days in the YYYY-MM-DD form only', () => {
    expect(isIsoDate('2026-03-14')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-00-10')).toBe(false);
    expect(isIsoDate('2026-3-14')).toBe(false);
    expect(isIsoDate('14/03/2026')).toBe(false);
    expect(isIsoDate('2026-03-14T10:00:00Z')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });

  it('dateOf takes the day of a date or datetime, or gives ""', () => {
    expect(dateOf('2026-03-14')).toBe('2026-03-14');
    expect(dateOf(' 2026-03-14T10:00:00Z')).toBe('2026-03-14');
    expect(dateOf('2026-02-30T10:00:00Z')).toBe('');
    expect(dateOf('soon')).toBe('');
    expect(dateOf('')).toBe('');
  });
});

describe('isoOfSerialDay (a day number of Excel or Google Sheets)', () => {
  it('gives the date alone at midnight, the time to the second otherwise', () => {
    expect(isoOfSerialDay(46359)).toBe('2026-12-03');
    expect(isoOfSerialDay(46359.4375)).toBe('2026-12-03T10:30:00');
    // A time of day a float cannot hold exactly is rounded to the second, not cut.
    expect(isoOfSerialDay(46359 + (10 * 3600 + 29 * 60 + 59.6) / 86400)).toBe('2026-12-03T10:30:00');
    // A time alone (a cell formatted as a time) is on the epoch's day, as Apps Script's Date is.
    expect(isoOfSerialDay(0.5)).toBe('1899-12-30T12:00:00');
    expect(isoOfSerialDay(61)).toBe('1900-03-01');
    expect(isoOfSerialDay(Number.NaN)).toBe('NaN');
  });
});
