import { digitsOf, normalisePhone, phoneMatches, phoneQuery } from '../../src/core/phone';

describe('normalisePhone', () => {
  it('writes French numbers in E.164 however they were typed', () => {
    for (const typed of ['06 12 34 56 78', '+33612345678', '+33 6 12 34 56 78', '0033 6 12 34 56 78', '06.12.34.56.78', '(06) 12-34/56.78']) {
      expect(normalisePhone(typed, 'FR')).toBe('+33612345678');
    }
  });

  it('reads national numbers in the default country', () => {
    expect(normalisePhone('612 345 678', 'ES')).toBe('+34612345678');
    expect(normalisePhone('912 345 678', 'PT')).toBe('+351912345678');
    expect(normalisePhone('06 12 34 56 78', 'fr')).toBe('+33612345678');
  });

  it('reads a leading 00 as + even without a default country', () => {
    expect(normalisePhone('0033 6 12 34 56 78', '')).toBe('+33612345678');
    expect(normalisePhone('00351 912 345 678', 'FR')).toBe('+351912345678');
  });

  it('treats an unknown default country as none', () => {
    expect(normalisePhone('06 12 34 56 78', 'XX')).toBeNull();
    expect(normalisePhone('06 12 34 56 78', 'France')).toBeNull();
    expect(normalisePhone('+33 6 12 34 56 78', 'XX')).toBe('+33612345678');
  });

  it('refuses what cannot be a phone number', () => {
    expect(normalisePhone('', 'FR')).toBeNull();
    expect(normalisePhone('call me', 'FR')).toBeNull();
    expect(normalisePhone('123', 'FR')).toBeNull();
    expect(normalisePhone('06 12 34', 'FR')).toBeNull();
    expect(normalisePhone('06 12 34 56 78 99 99', 'FR')).toBeNull();
  });
});

describe('digitsOf', () => {
  it('keeps the digits only', () => {
    expect(digitsOf('+33 (0)6 12-34.56/78')).toBe('330612345678');
    expect(digitsOf('no digits')).toBe('');
  });
});

describe('phoneQuery', () => {
  it('is null for text that is not a phone number being typed', () => {
    expect(phoneQuery('2026', 'FR')).toBeNull();
    expect(phoneQuery('rue 12', 'FR')).toBeNull();
    expect(phoneQuery('12 rue de la Paix', 'FR')).toBeNull();
    expect(phoneQuery('Dupont', 'FR')).toBeNull();
    expect(phoneQuery('06 12', 'FR')).toBeNull();
    expect(phoneQuery('', 'FR')).toBeNull();
  });

  it('looks for the digits as typed and without the trunk 0', () => {
    expect(phoneQuery('06 12 34', 'FR')).toEqual(['061234', '61234']);
    expect(phoneQuery('06 12 34 56 78', 'FR')).toEqual(['0612345678', '612345678']);
  });

  it('looks for the national number of an international number', () => {
    expect(phoneQuery('+33 6 12 34 56 78', 'FR')).toEqual(['33612345678', '612345678']);
    expect(phoneQuery('0033 6 12 34 56 78', 'FR')).toEqual(['0033612345678', '33612345678', '612345678']);
    expect(phoneQuery('+34 612 345 678', 'ES')).toEqual(['34612345678', '612345678']);
  });

  it('drops fragments shorter than 4 digits', () => {
    expect(phoneQuery('(0) 1234', 'XX')).toEqual(['01234', '1234']);
    expect(phoneQuery('+33 612', 'FR')).toEqual(['33612']);
  });
});

describe('phoneMatches', () => {
  const french = ['06 12 34 56 78', '+33612345678', '+33 6 12 34 56 78', '0033 6 12 34 56 78', '06.12.34.56.78'];

  it.each(french)('finds every way of writing the same French number from "%s"', (typed) => {
    const variants = phoneQuery(typed, 'FR');
    expect(variants).not.toBeNull();
    for (const stored of french) expect(phoneMatches(stored, variants!)).toBe(true);
  });

  it('finds a number while it is being typed', () => {
    expect(phoneMatches('+33 6 12 34 56 78', phoneQuery('06 12 34', 'FR')!)).toBe(true);
    expect(phoneMatches('0033 6 12 34 56 78', phoneQuery('06 12 34', 'FR')!)).toBe(true);
  });

  it('matches Spanish and Portuguese numbers with and without the country code', () => {
    expect(phoneMatches('612345678', phoneQuery('+34 612 345 678', 'ES')!)).toBe(true);
    expect(phoneMatches('+34 612 345 678', phoneQuery('612345678', 'ES')!)).toBe(true);
    expect(phoneMatches('912 345 678', phoneQuery('+351 912 345 678', 'PT')!)).toBe(true);
    expect(phoneMatches('+351 912 345 678', phoneQuery('912 345 678', 'PT')!)).toBe(true);
  });

  it('does not match another number', () => {
    expect(phoneMatches('06 98 76 54 32', phoneQuery('06 12 34 56 78', 'FR')!)).toBe(false);
    expect(phoneMatches('+33 6 12 34 56 79', phoneQuery('06 12 34 56 78', 'FR')!)).toBe(false);
    expect(phoneMatches('', phoneQuery('06 12 34', 'FR')!)).toBe(false);
    expect(phoneMatches('06 12 34 56 78', ['123'])).toBe(false);
  });
});
