import { digitsPattern, wordPattern } from '../../src/core/word-match';
import { fold } from '../../src/core/text';

describe('Finding a typed word in text as people wrote it', () => {
  it('ignores accents and case in the text', () => {
    expect(wordPattern('jose').test('JOSÉ NÚÑEZ')).toBe(true);
    expect(wordPattern('muller').test('Hélène Müller')).toBe(true);
    expect(wordPattern('conceicao').test('Maria da Conceição')).toBe(true);
    expect(wordPattern('evora').test('Évora')).toBe(true);
    expect(wordPattern('jose').test('Jorge Sé')).toBe(false);
  });

  it('takes every other character literally, including the ones regular expressions use', () => {
    expect(wordPattern('a.b').test('axb')).toBe(false);
    expect(wordPattern('a.b').test('A.B')).toBe(true);
    expect(wordPattern('(x)').test('f(x)')).toBe(true);
    expect(wordPattern('c++').test('C++ club')).toBe(true);
    expect(wordPattern('ana@radio').test('ana@radio.pt')).toBe(true);
  });

  it('agrees with folding: a word found by the pattern is in the folded text, and the other way round', () => {
    const texts = ['Françoise Lefèvre-Núñez', 'ÅSA ØSTBY', 'Łukasz Żółć', 'Ñandú', 'Ýves'];
    for (const text of texts) for (const word of fold(text).split(/[\s-]+/)) expect([word, wordPattern(word).test(text)]).toEqual([word, true]);
  });
});

describe('Finding digits in a phone number however it is written', () => {
  it('skips spaces, dots, dashes, slashes and brackets between digits', () => {
    for (const written of ['06 12 34 56 78', '06.12.34.56.78', '06-12-34-56-78', '(06) 12/34 56 78']) expect(digitsPattern('0612345678').test(written)).toBe(true);
    expect(digitsPattern('612345678').test('+33 6 12 34 56 78')).toBe(true);
    expect(digitsPattern('0612').test('06 21 34')).toBe(false);
  });
});
