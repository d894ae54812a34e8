import { canonicalFirstName, nameWords, normaliseEmail, normaliseName, normalisePostalCode } from '../../src/core/dedupe/normalise';

const plain = { defaultCountry: 'FR', gmailDots: false };
const gmail = { defaultCountry: 'FR', gmailDots: true };

describe('normaliseEmail', () => {
  it('trims and lower-cases, and refuses what is not an address', () => {
    expect(normaliseEmail('  Marie.Dubois@Orange.FR ', plain)).toBe('marie.dubois@orange.fr');
    expect(normaliseEmail('mailto:jo@example.org', plain)).toBe('jo@example.org');
    for (const junk of ['', 'n/a', '-', '@example.org', 'jo@']) expect(normaliseEmail(junk, plain)).toBe('');
  });

  it('leaves Gmail dots and +tags alone unless the user turned the rule on', () => {
    expect(normaliseEmail('Jean.Dupont+news@gmail.com', plain)).toBe('jean.dupont+news@gmail.com');
    expect(normaliseEmail('Jean.Dupont+news@gmail.com', gmail)).toBe('jeandupont@gmail.com');
    expect(normaliseEmail('j.e.a.n.dupont@googlemail.com', gmail)).toBe('jeandupont@gmail.com');
  });

  it('never applies the Gmail rule to other providers, where dots matter', () => {
    expect(normaliseEmail('jean.dupont+news@orange.fr', gmail)).toBe('jean.dupont+news@orange.fr');
  });
});

describe('normaliseName', () => {
  it('folds accents and case, and makes hyphens, apostrophes and dots single spaces', () => {
    expect(normaliseName('  ZOÉ ')).toBe('zoe');
    expect(normaliseName('Beaumont-Laurent')).toBe('beaumont laurent');
    expect(normaliseName("N'Diaye")).toBe('n diaye');
    expect(normaliseName('O’Brien')).toBe('o brien');
    expect(normaliseName('J.-B.  Núñez')).toBe('j b nunez');
    expect(normaliseName('Lecœur')).toBe('lecoeur');
    expect(normaliseName('Conceição')).toBe('conceicao');
  });
});

describe('canonicalFirstName', () => {
  it('resolves nicknames in English, French, Spanish and Portuguese', () => {
    const cases: [string, string][] = [
      ['Bill', 'william'],
      ['Billy', 'william'],
      ['Will', 'william'],
      ['Bob', 'robert'],
      ['Liz', 'elizabeth'],
      ['Beth', 'elizabeth'],
      ['Kate', 'katherine'],
      ['Katie', 'katherine'],
      ['Jim', 'james'],
      ['Mike', 'michael'],
      ['Tom', 'thomas'],
      ['JB', 'jean baptiste'],
      ['Pepe', 'jose'],
      ['Paco', 'francisco'],
      ['Curro', 'francisco'],
      ['Pancho', 'francisco'],
      ['Lola', 'dolores'],
      ['Nacho', 'ignacio'],
      ['Lupe', 'guadalupe'],
      ['Chema', 'jose maria'],
      ['Concha', 'concepcion'],
      ['Charo', 'rosario'],
      ['Quique', 'enrique'],
      ['Zé', 'jose'],
      ['Chico', 'francisco'],
      ['Quim', 'joaquim'],
      ['Bia', 'beatriz'],
      ['Nando', 'fernando'],
      ['Tonho', 'antonio'],
      ['Toninho', 'antonio'],
    ];
    for (const [nickname, name] of cases) expect([nickname, canonicalFirstName(nickname)]).toEqual([nickname, name]);
  });

  it('keeps names it does not know, and the full names themselves', () => {
    expect(canonicalFirstName('Siobhán')).toBe('siobhan');
    expect(canonicalFirstName('William')).toBe('william');
    expect(canonicalFirstName('José')).toBe('jose');
  });

  it('resolves each part of a compound name', () => {
    expect(canonicalFirstName('Zé Carlos')).toBe('jose carlos');
    expect(canonicalFirstName('Jean-Pierre')).toBe('jean pierre');
  });

  it('does not guess the names that stand for a man or a woman', () => {
    for (const ambiguous of ['Alex', 'Sam', 'Chris', 'Dani', 'Manu']) expect(canonicalFirstName(ambiguous)).toBe(ambiguous.toLowerCase());
  });
});

describe('nameWords and postcodes', () => {
  it('drops particles from family names, unless nothing else is left', () => {
    expect(nameWords('maria da silva e santos')).toEqual(['maria', 'silva', 'santos']);
    expect(nameWords('de la fuente')).toEqual(['fuente']);
    expect(nameWords('de la')).toEqual(['de', 'la']);
  });

  it('compares postcodes without spaces, dashes or case', () => {
    expect(normalisePostalCode('ec1a 1bb')).toBe(normalisePostalCode('EC1A1BB'));
    expect(normalisePostalCode('1100-148')).toBe('1100148');
    expect(normalisePostalCode('01000')).toBe('01000');
  });
});
