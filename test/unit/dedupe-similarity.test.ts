import { birthdayAgreement } from '../../src/core/dedupe/compare';
import { jaroWinkler } from '../../src/core/dedupe/similarity';

describe('jaroWinkler', () => {
  it('gives the published values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
  });

  it('is 1 for the same text, 0 for nothing in common or an empty side', () => {
    expect(jaroWinkler('garcia', 'garcia')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'martin')).toBe(0);
    expect(jaroWinkler('', '')).toBe(0);
  });

  it('is symmetric and rewards a shared beginning', () => {
    expect(jaroWinkler('DUANE', 'DWAYNE')).toBeCloseTo(jaroWinkler('DWAYNE', 'DUANE'), 10);
    expect(jaroWinkler('martin', 'martine')).toBeGreaterThan(jaroWinkler('martin', 'nartim'));
  });

  it('handles names longer than its scratch space', () => {
    const long = 'a'.repeat(200) + 'b';
    expect(jaroWinkler(long, long.replace('b', 'c'))).toBeGreaterThan(0.99);
  });
});

describe('birthdays with and without their year', () => {
  // Imported from Mailchimp ('--08-10') or typed in full: the same day agrees, another day does not.
  it.each([
    ['1984-08-10', '1984-08-10', 1],
    ['--08-10', '1984-08-10', 0.8],
    ['1984-08-10', '--08-10', 0.8],
    ['--08-10', '--08-10', 1],
    ['--08-10', '--10-08', 0.4],
    ['--08-10', '1984-08-11', 0],
    ['1984-08-10', '1985-08-10', 0],
  ])('%s and %s agree %d', (a, b, agreement) => {
    expect(birthdayAgreement(a, b)).toBe(agreement);
  });
});
