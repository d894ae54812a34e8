import { readFileSync } from 'fs';
import { join } from 'path';
import { decodeBytes, detectEncoding, ENCODINGS, isValidUtf8, type Encoding } from '../../src/core/import';
import { seededRandom } from '../../src/services/demo-data';

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '../fixtures/import', name)));

const random = seededRandom;

/** Random bytes that are sometimes valid UTF-8 and often nearly so: random bytes, lead bytes with too few
 *  continuations, and whole encoded characters of every length. */
function messyBytes(next: () => number): Uint8Array {
  const out: number[] = [];
  const length = Math.floor(next() * 40);
  for (let i = 0; i < length; i++) {
    const r = next();
    if (r < 0.3) out.push(Math.floor(next() * 256));
    else if (r < 0.45) out.push([0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff][Math.floor(next() * 10)], 0x80 + Math.floor(next() * 64));
    else {
      const cp = [0x41, 0xe9, 0x20ac, 0xd7ff, 0xe000, 0xfffd, 0x1f389, 0x10ffff][Math.floor(next() * 8)];
      out.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
    }
  }
  return new Uint8Array(out);
}

describe('detectEncoding', () => {
  it('reads the BOM of Excel’s "CSV UTF-8" and of its "Unicode Text"', () => {
    expect(detectEncoding(fixture('fr-excel-utf8-bom.csv'))).toBe('utf-8');
    expect(detectEncoding(fixture('excel-unicode-text-utf16le.txt'))).toBe('utf-16le');
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0x00, 0x41]))).toBe('utf-16be');
  });

  it('takes text that is valid UTF-8 as UTF-8, and the rest as windows-1252', () => {
    expect(detectEncoding(fixture('es-excel.csv'))).toBe('utf-8');
    expect(detectEncoding(fixture('fr-excel-windows-1252.csv'))).toBe('windows-1252');
    expect(detectEncoding(new Uint8Array(Buffer.from('plain ascii;a;b\r\n')))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array(Buffer.from('€ 😀 é', 'utf8')))).toBe('utf-8');
  });

  it('is strict about UTF-8: overlong forms, surrogates, code points past U+10FFFF and cut sequences are not UTF-8', () => {
    const invalid = [
      [0xc0, 0x80], // overlong NUL
      [0xc1, 0xbf], // overlong '?'
      [0xe0, 0x80, 0x80], // overlong 3-byte
      [0xf0, 0x80, 0x80, 0x80], // overlong 4-byte
      [0xed, 0xa0, 0x80], // U+D800, a surrogate
      [0xf4, 0x90, 0x80, 0x80], // U+110000
      [0xf5, 0x80, 0x80, 0x80],
      [0x41, 0xe2, 0x82], // cut at the end
      [0xe2, 0x82, 0x41], // cut in the middle
      [0x80], // a continuation alone
      [0x43, 0x61, 0x66, 0xe9], // 'Café' in windows-1252
    ];
    for (const bytes of invalid) {
      expect(isValidUtf8(new Uint8Array(bytes))).toBe(false);
      expect(detectEncoding(new Uint8Array(bytes))).toBe('windows-1252');
    }
    expect(isValidUtf8(new Uint8Array([0xed, 0x9f, 0xbf, 0xf4, 0x8f, 0xbf, 0xbf, 0xc2, 0x80]))).toBe(true);
  });

  it('agrees with a fatal TextDecoder on which bytes are valid UTF-8', () => {
    const next = random(7);
    const fatal = new TextDecoder('utf-8', { fatal: true });
    for (let i = 0; i < 2000; i++) {
      const bytes = messyBytes(next);
      let valid = true;
      try {
        fatal.decode(bytes);
      } catch {
        valid = false;
      }
      expect([Array.from(bytes), isValidUtf8(bytes)]).toEqual([Array.from(bytes), valid]);
    }
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    const le = new Uint8Array(Buffer.from('Prénom\tNom\r\nZoë\tAdams\r\n', 'utf16le'));
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
    expect(detectEncoding(le)).toBe('utf-16le');
    expect(detectEncoding(be)).toBe('utf-16be');
    expect(decodeBytes(be, 'utf-16be')).toBe('Prénom\tNom\r\nZoë\tAdams\r\n');
  });
});

describe('decodeBytes', () => {
  const frenchText = readFileSync(join(__dirname, '../fixtures/import', 'fr-excel-utf8-bom.csv'), 'utf8').replace(/^\uFEFF/, '');

  it('reads the same French file saved as UTF-8 with BOM and as windows-1252 to the same text, without the BOM', () => {
    const utf8 = decodeBytes(fixture('fr-excel-utf8-bom.csv'), 'utf-8');
    const cp1252 = decodeBytes(fixture('fr-excel-windows-1252.csv'), 'windows-1252');
    expect(utf8).toBe(frenchText);
    expect(cp1252).toBe(utf8);
    expect(utf8.startsWith('Civilité;Prénom;Nom;Courriel;Téléphone;')).toBe(true);
    expect(cp1252).toContain('« Très motivée », cœur sur la main');
    expect(cp1252).toContain('Don de 20 € en espèces');
    expect(cp1252).toContain('M.;Jean-Pierre;Œuvray;');
    expect(cp1252).toContain('François;Garçon');
  });

  it('reads Excel’s "Unicode Text" (UTF-16LE with BOM), surrogate pairs included', () => {
    expect(decodeBytes(fixture('excel-unicode-text-utf16le.txt'), 'utf-16le')).toBe(
      'Prénom\tNom\tE-mail\tVille\tNotes\r\nZoë\tNguyễn\tzoe.nguyen@example.com\tMontréal\tAime les 🎉 et le café ☕\r\n' + 'Ólafur\tÞórsson\tolafur@example.is\tReykjavík\t𝔘𝔫𝔦𝔠𝔬𝔡𝔢\r\n',
    );
  });

  it('decodes the windows-1252 bytes 0x80–0x9F by the WHATWG table, and ISO-8859-15 and -1 by theirs', () => {
    const bytes = new Uint8Array([0x80, 0x8c, 0x9c, 0x85, 0x92, 0x96, 0x81, 0xa4, 0xab, 0xbb, 0xbc, 0xbd, 0xe9]);
    expect(decodeBytes(bytes, 'windows-1252')).toBe('€Œœ…’–\u0081¤«»¼½é');
    expect(decodeBytes(bytes, 'iso-8859-15')).toBe('\u0080\u008c\u009c\u0085\u0092\u0096\u0081€«»Œœé');
    expect(decodeBytes(bytes, 'iso-8859-1')).toBe('\u0080\u008c\u009c\u0085\u0092\u0096\u0081¤«»¼½é');
  });

  it('drops only the BOM of the encoding asked for', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x41]);
    expect(decodeBytes(bom, 'utf-8')).toBe('A');
    expect(decodeBytes(bom, 'windows-1252')).toBe('ï»¿A');
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, 0x41, 0x00]), 'utf-16le')).toBe('A');
  });

  it('gives what TextDecoder gives, byte for byte, for random and broken UTF-8 and UTF-16', () => {
    const next = random(42);
    for (let i = 0; i < 1500; i++) {
      const bytes = messyBytes(next);
      for (const encoding of ['utf-8', 'utf-16le', 'utf-16be'] as const) {
        expect([encoding, Array.from(bytes), decodeBytes(bytes, encoding)]).toEqual([encoding, Array.from(bytes), new TextDecoder(encoding).decode(bytes)]);
      }
    }
  });

  it('maps all 256 bytes of the single-byte encodings', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const latin1 = String.fromCharCode(...Array.from(all));
    // Node 20's TextDecoder reads windows-1252 as Latin-1 (a known bug), so the table is written out here.
    const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    expect(decodeBytes(all, 'windows-1252')).toBe(latin1.slice(0, 0x80) + cp1252High + latin1.slice(0xa0));
    expect(decodeBytes(all, 'iso-8859-1')).toBe(latin1);
    expect(decodeBytes(all, 'iso-8859-15')).toBe(new TextDecoder('iso-8859-15').decode(all));
    expect(decodeBytes(all, 'iso-8859-15').slice(0xa4, 0xbf)).toBe('€¥Š§š©ª«¬\u00ad®¯°±²³Žµ¶·ž¹º»ŒœŸ');
  });

  it('decodes a large file whole (past the slices it builds the text from)', () => {
    const text = 'Prénom;Nom;Emoji\r\n' + Array.from({ length: 5000 }, (_, i) => `Zoë${i};Nguyễn;🎉${i}`).join('\r\n');
    expect(decodeBytes(new Uint8Array(Buffer.from(text, 'utf8')), 'utf-8')).toBe(text);
    expect(decodeBytes(new Uint8Array(Buffer.from(text, 'utf16le')), 'utf-16le')).toBe(text);
  });

  it('offers every encoding it can decode', () => {
    expect([...ENCODINGS].sort()).toEqual(['iso-8859-1', 'iso-8859-15', 'utf-16be', 'utf-16le', 'utf-8', 'windows-1252']);
    expect(() => decodeBytes(new Uint8Array([0x41]), 'koi8-r' as Encoding)).toThrow(RangeError);
  });
});
