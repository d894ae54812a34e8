import { detectDateOrder, readAmount, readBoolean, readCurrency, readDate, readDateTime, splitFullName, splitTags } from '../../src/core/import';

describe('detectDateOrder', () => {
  it('says ymd for ISO-like columns', () => {
    expect(detectDateOrder(['2024-12-31', '', '2023-01-05 10:00:00', '2024/02/03'])).toBe('ymd');
  });

  it('says mdy when a middle part exceeds 12 somewhere (US exports)', () => {
    expect(detectDateOrder(['03/14/2024 10:22 AM', '04/01/2024'])).toBe('mdy');
    expect(detectDateOrder(['01/02/1990', '12/31/1985', '2024-01-01'])).toBe('mdy');
  });

  it('says dmy otherwise, and when the values prove it', () => {
    expect(detectDateOrder(['31/12/2024', '01/02/2024'])).toBe('dmy');
    expect(detectDateOrder(['01/02/2024', '03.04.2024'])).toBe('dmy');
    expect(detectDateOrder(['14/03/2024', '13/01/2024', '01/13/2024'])).toBe('dmy');
    expect(detectDateOrder([])).toBe('ymd');
  });
});

describe('readDate', () => {
  it('reads the forms of the four languages and the usual exports', () => {
    expect(readDate('31/12/2024', 'dmy')).toBe('2024-12-31');
    expect(readDate('31-12-24', 'dmy')).toBe('2024-12-31');
    expect(readDate('2024-12-31', 'dmy')).toBe('2024-12-31');
    expect(readDate('2024-12-31 14:05:00', 'dmy')).toBe('2024-12-31');
    expect(readDate('2024-12-31T14:05:00.000Z', 'mdy')).toBe('2024-12-31');
    expect(readDate('12/31/2024 2:05 PM', 'mdy')).toBe('2024-12-31');
    expect(readDate('31.12.2024', 'dmy')).toBe('2024-12-31');
    expect(readDate(' 5/3/2024 ', 'dmy')).toBe('2024-03-05');
    expect(readDate('5/3/2024', 'mdy')).toBe('2024-05-03');
    expect(readDate('5/3/2024', 'ymd')).toBe('2024-03-05');
    expect(readDate('14/03/2024 10:22:31', 'dmy')).toBe('2024-03-14');
  });

  it('reads month names in English, French, Spanish and Portuguese', () => {
    expect(readDate('31 déc. 2024', 'dmy')).toBe('2024-12-31');
    expect(readDate('December 31, 2024', 'dmy')).toBe('2024-12-31');
    expect(readDate('Dec 31, 2024 10:00 AM', 'mdy')).toBe('2024-12-31');
    expect(readDate('3 de marzo de 2024', 'dmy')).toBe('2024-03-03');
    expect(readDate('1er février 2024', 'dmy')).toBe('2024-02-01');
    expect(readDate('mardi 14 mars 2024', 'dmy')).toBe('2024-03-14');
    expect(readDate('15 de agosto de 2024', 'dmy')).toBe('2024-08-15');
    expect(readDate('1º de maio de 2024', 'dmy')).toBe('2024-05-01');
  });

  it('reads two-digit years as 2000–2069 and 1970–1999', () => {
    expect(readDate('01/01/00', 'dmy')).toBe('2000-01-01');
    expect(readDate('01/01/69', 'dmy')).toBe('2069-01-01');
    expect(readDate('01/01/70', 'dmy')).toBe('1970-01-01');
    expect(readDate('01/01/99', 'dmy')).toBe('1999-01-01');
  });

  it('refuses what is not a real date', () => {
    const notDates = ['31/02/2024', '29/02/2023', '13/13/2024', '00/01/2024', '2024-02-30', '12/31/2024', 'demain', '', '07/14', '2024', '1/2/3/4'];
    for (const text of [...notDates, '31/12/2024 25:00', '12/31/2024 13:00 PM']) expect([text, readDate(text, 'dmy')]).toEqual([text, null]);
    expect(readDate('29/02/2024', 'dmy')).toBe('2024-02-29');
    expect(readDate('31/12/2024', 'mdy')).toBeNull();
  });
});

describe('readDateTime', () => {
  it('keeps the time, in 24 hours, with its zone when there is one', () => {
    expect(readDateTime('14/03/2024 10:22:31', 'dmy')).toBe('2024-03-14T10:22:31');
    expect(readDateTime('2023-05-14 09:12:33', 'dmy')).toBe('2023-05-14T09:12:33');
    expect(readDateTime('03/15/2024 4:05 PM', 'mdy')).toBe('2024-03-15T16:05:00');
    expect(readDateTime('03/15/2024 12:30 AM', 'mdy')).toBe('2024-03-15T00:30:00');
    expect(readDateTime('03/15/2024 12:30 p.m.', 'mdy')).toBe('2024-03-15T12:30:00');
    expect(readDateTime('2023-09-21 13:06:25-0700', 'ymd')).toBe('2023-09-21T13:06:25-07:00');
    expect(readDateTime('2024-01-08T17:45:10Z', 'ymd')).toBe('2024-01-08T17:45:10Z');
    expect(readDateTime('14/03/2024 10h30', 'dmy')).toBe('2024-03-14T10:30:00');
    expect(readDateTime('14/03/2024', 'dmy')).toBe('2024-03-14');
    expect(readDateTime('14/03/2024 10:61', 'dmy')).toBeNull();
  });
});

describe('readAmount', () => {
  it('reads amounts written in the four languages’ ways', () => {
    const cases: [string, number][] = [
      ['1 234,56', 1234.56],
      ['1\u202f234,56', 1234.56],
      ['1\u00a0234,56', 1234.56],
      ['1.234,56', 1234.56],
      ['1,234.56', 1234.56],
      ['€ 12,50', 12.5],
      ['12,50 €', 12.5],
      ['12,5', 12.5],
      ['1,2', 1.2],
      ['R$ 1.234,56', 1234.56],
      ['$1,234.56', 1234.56],
      ['-5', -5],
      ['5-', -5],
      ['(12,50)', -12.5],
      ['+7', 7],
      ['1,234', 1234],
      ['1,234,567', 1234567],
      ['1.234.567', 1234567],
      ['1 234 567,8', 1234567.8],
      ["1'234.50", 1234.5],
      ['0,125', 0.125],
      ['12,5678', 12.5678],
      ['1.5', 1.5],
      ['.5', 0.5],
      ['0', 0],
      ['-0', 0],
      ['50 EUR', 50],
      ['USD 75', 75],
    ];
    for (const [text, value] of cases) expect([text, readAmount(text)]).toEqual([text, value]);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '12,34,56', '1.234,56,7', '1 23', '12.5%', '1e5', '=SUM(A1)', '1.234.56', '€', '12,', '1,,2', '1 234.567,8 9']) {
      expect([text, readAmount(text)]).toEqual([text, null]);
    }
  });
});

describe('readCurrency', () => {
  it('names the currency only when the text is sure of it', () => {
    expect(readCurrency('R$ 1.234,56')).toBe('BRL');
    expect(readCurrency('12,50 €')).toBe('EUR');
    expect(readCurrency('£5')).toBe('GBP');
    expect(readCurrency('US$ 3')).toBe('USD');
    expect(readCurrency('$1,234.56')).toBe('');
    expect(readCurrency('12,50')).toBe('');
  });
});

describe('readBoolean', () => {
  it('reads yes and no in the four languages and the usual marks', () => {
    const yes = ['TRUE', 'true', 'Vrai', 'VERDADERO', 'verdadeiro', 'yes', 'Y', 'Oui', 'sí', 'Si', 'sim', 'SIM', '1', 'x', 'X', '✓'];
    for (const text of yes) expect([text, readBoolean(text)]).toEqual([text, true]);
    for (const text of ['FALSE', 'false', 'faux', 'falso', 'FALSO', 'no', 'N', 'non', 'Não', 'nao', '0']) expect([text, readBoolean(text)]).toEqual([text, false]);
    for (const text of ['', 'peut-être', 'quizás', '2', 'yes please']) expect([text, readBoolean(text)]).toEqual([text, null]);
  });
});

describe('splitTags', () => {
  it('splits on ; , | and line breaks, trims, and drops empty and repeated tags', () => {
    expect(splitTags('a; b, c | d')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitTags('Bénévole, benevole ; BÉNÉVOLE,, Donateur\nCA')).toEqual(['Bénévole', 'Donateur', 'CA']);
    expect(splitTags('"Donor","Volunteer"')).toEqual(['Donor', 'Volunteer']);
    expect(splitTags('  ')).toEqual([]);
  });
});

describe('splitFullName', () => {
  const cases: [string, string, string][] = [
    ['Dupont, Marie', 'Marie', 'Dupont'],
    ['García López, María José', 'María José', 'García López'],
    ['Marie Dupont', 'Marie', 'Dupont'],
    ['  Marie   Dupont ', 'Marie', 'Dupont'],
    ['María José García López', 'María José', 'García López'],
    ['José García López', 'José', 'García López'],
    ['Jean-Pierre Martin', 'Jean-Pierre', 'Martin'],
    ['Jean Pierre Martin', 'Jean Pierre', 'Martin'],
    ['Jean Martin', 'Jean', 'Martin'],
    ['Maria da Conceição Santos', 'Maria da Conceição', 'Santos'],
    ['Maria da Silva', 'Maria', 'da Silva'],
    ['María del Carmen Ruiz', 'María del Carmen', 'Ruiz'],
    ['María de los Ángeles Pérez Gil', 'María de los Ángeles', 'Pérez Gil'],
    ['João Pedro da Silva Santos', 'João Pedro', 'da Silva Santos'],
    ['Jean de La Fontaine', 'Jean', 'de La Fontaine'],
    ['DUPONT Marie', 'Marie', 'DUPONT'],
    ['LE GALL Anne-Sophie', 'Anne-Sophie', 'LE GALL'],
    ['Marie DUPONT', 'Marie', 'DUPONT'],
    ['Jean de LA FONTAINE', 'Jean', 'de LA FONTAINE'],
    ['MARIE DUPONT', 'MARIE', 'DUPONT'],
    ['Madonna', 'Madonna', ''],
    ['', '', ''],
  ];
  it.each(cases)('%s → %s / %s', (text, first, last) => {
    expect(splitFullName(text)).toEqual({ first_name: first, last_name: last });
  });
});
