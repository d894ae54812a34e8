/** Dates and amounts as the sidebar shows them, in each of its languages, and the date arithmetic of
 *  its forms. */
import { addDaysTo, formatDate, formatDateTime, formatMoney, isoMoment, localDateTimeValue, localDay, localeFor, parseDay, pluralForm } from '../../sidebar/format';
import { day, money, plural, setLanguage, uiLocale } from '../../sidebar/i18n';
import { lateness, snoozeUntil } from '../../sidebar/views/followups';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();

/** Intl separates with no-break spaces (French thousands, "€ 1"): compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('dates per language', () => {
  it('writes a day the way each language does, whatever the time zone', () => {
    expect(plain(formatDate('2024-03-05', 'en'))).toBe('Mar 5, 2024');
    expect(plain(formatDate('2024-03-05', 'en-GB'))).toBe('5 Mar 2024');
    expect(plain(formatDate('2024-03-05', 'fr'))).toBe('5 mars 2024');
    expect(plain(formatDate('2024-03-05', 'es'))).toBe('5 mar 2024');
    expect(plain(formatDate('2024-03-05', 'pt'))).toBe('5 de mar. de 2024');
    // The last day of a month stays that day (a day is not a moment at UTC midnight read in Americas).
    expect(plain(formatDate('2024-12-31', 'fr'))).toBe('31 déc. 2024');
  });

  it('writes a moment with its time in the reader’s zone, 24-hour in French, Spanish, Portuguese', () => {
    expect(plain(formatDateTime('2024-03-05T13:30:00.000Z', 'fr', 'Europe/Paris'))).toBe('5 mars 2024, 14:30');
    expect(plain(formatDateTime('2024-03-05T13:30:00.000Z', 'es', 'America/Mexico_City'))).toBe('5 mar 2024, 7:30');
    expect(plain(formatDateTime('2024-03-05T13:30:00.000Z', 'pt', 'America/Sao_Paulo'))).toBe('5 de mar. de 2024, 10:30');
    expect(plain(formatDateTime('2024-03-05T13:30:00.000Z', 'en', 'Europe/Lisbon'))).toBe('Mar 5, 2024, 1:30 PM');
    // A bare day stays a day.
    expect(plain(formatDateTime('2024-03-05', 'fr'))).toBe('5 mars 2024');
  });

  it('shows nothing for nothing and text that is not a date as it is', () => {
    expect(formatDate('', 'fr')).toBe('');
    expect(formatDateTime('', 'fr')).toBe('');
    expect(formatDate('next spring', 'fr')).toBe('next spring');
    expect(formatDate('2024-02-30', 'fr')).toBe('2024-02-30');
    expect(formatDateTime('<img src=x onerror=alert(1)>', 'en')).toBe('<img src=x onerror=alert(1)>');
    expect(parseDay('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseDay('2023-02-29')).toBeNull();
  });
});

describe('amounts per language', () => {
  it('puts the currency where each language puts it', () => {
    expect(plain(formatMoney(1234.5, 'EUR', 'en'))).toBe('€1,234.50');
    expect(plain(formatMoney(1234.5, 'EUR', 'fr'))).toBe('1 234,50 €');
    expect(plain(formatMoney(999.5, 'EUR', 'es'))).toBe('999,50 €');
    expect(plain(formatMoney(1234.5, 'EUR', 'pt'))).toBe('€ 1.234,50');
    expect(plain(formatMoney(1234.5, 'BRL', 'pt'))).toBe('R$ 1.234,50');
    expect(plain(formatMoney(50, 'mxn', 'es-MX'))).toBe('$50.00');
    expect(plain(formatMoney(0, 'EUR', 'fr'))).toBe('0,00 €');
  });

  it('shows a plain number when the currency is not a code, and nothing without an amount', () => {
    expect(plain(formatMoney(12.5, '', 'fr'))).toBe('12,5');
    expect(plain(formatMoney(12.5, 'euros', 'fr'))).toBe('12,5 euros');
    expect(formatMoney('', 'EUR', 'fr')).toBe('');
    expect(formatMoney(null, 'EUR', 'fr')).toBe('');
    expect(formatMoney(Number.NaN, 'EUR', 'fr')).toBe('');
  });
});

describe('the locale Intl formats with', () => {
  afterEach(() => setLanguage('en'));

  it('takes the browser’s region when it speaks the sidebar’s language', () => {
    expect(localeFor('pt', 'pt-PT')).toBe('pt-PT');
    expect(localeFor('es', 'es-AR')).toBe('es-AR');
    expect(localeFor('fr', 'en-US')).toBe('fr');
    expect(localeFor('fr', '')).toBe('fr');
    expect(localeFor('fr', 'fr-not a locale!')).toBe('fr');
  });

  it('formats in the language picked in the sidebar', () => {
    setLanguage('fr');
    expect(uiLocale().slice(0, 2)).toBe('fr');
    expect(plain(day('2024-03-05'))).toBe('5 mars 2024');
    expect(plain(money(20, 'EUR'))).toBe('20,00 €');
    setLanguage('es');
    expect(plain(day('2024-03-05'))).toBe('5 mar 2024');
  });
});

describe('form dates', () => {
  it('fills a datetime-local input with the local time and sends it as an ISO moment with its zone', () => {
    const moment = new Date(2024, 2, 5, 9, 7);
    expect(localDateTimeValue(moment)).toBe('2024-03-05T09:07');
    expect(localDay(moment)).toBe('2024-03-05');
    expect(isoMoment('2024-03-05T09:07')).toBe(moment.toISOString());
    expect(isoMoment('2024-03-05T09:07')).toMatch(/^2024-03-0\dT\d\d:\d\d:00\.000Z$/);
    expect(isoMoment('')).toBe('');
    expect(isoMoment('garbage')).toBe('');
  });

  it('adds days across months, leap days and years', () => {
    expect(addDaysTo('2024-02-27', 3)).toBe('2024-03-01');
    expect(addDaysTo('2023-02-27', 3)).toBe('2023-03-02');
    expect(addDaysTo('2024-12-25', 7)).toBe('2025-01-01');
    expect(addDaysTo('nope', 1)).toBe('');
    expect(snoozeUntil('2024-03-30', 3)).toBe('2024-04-02');
    expect(snoozeUntil('2024-01-31', 30)).toBe('2024-03-01');
  });
});

describe('counting words', () => {
  afterEach(() => setLanguage('en'));

  it('says one day and N days in each language', () => {
    expect(pluralForm(1, 'fr')).toBe('one');
    expect(pluralForm(0, 'fr')).toBe('one');
    expect(pluralForm(0, 'en')).toBe('other');
    expect(pluralForm(1000000, 'fr')).toBe('other');
    setLanguage('en');
    expect(lateness({ overdue_days: 1 })).toBe('1 day late');
    expect(lateness({ overdue_days: 12 })).toBe('12 days late');
    expect(lateness({ overdue_days: 0 })).toBe('due today');
    setLanguage('fr');
    expect(lateness({ overdue_days: 1 })).toBe('1 jour de retard');
    expect(lateness({ overdue_days: 3 })).toBe('3 jours de retard');
    setLanguage('es');
    expect(plural('record.followups.days', 7)).toBe('7 días');
    setLanguage('pt');
    expect(lateness({ overdue_days: 2 })).toBe('2 dias de atraso');
  });
});
