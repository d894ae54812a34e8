/** The receipt's PDF: a file any reader opens (its cross-reference table points at each object), the
 *  text as WinAnsi with PDF's own escapes, wrapped lines, as many pages as it needs. */
import { textPdf, wrapLines } from '../../src/core/pdf';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('a text PDF', () => {
  it('is a PDF whose cross-reference table points at each of its objects', () => {
    const pdf = latin1(textPdf('Reçu', 'Montant : 25,00 €'));
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.endsWith('%%EOF\n')).toBe(true);
    const start = Number(/startxref\n(\d+)\n/.exec(pdf)![1]);
    expect(pdf.slice(start, start + 4)).toBe('xref');
    const offsets = [...pdf.slice(start).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, k) => expect(pdf.slice(offset).startsWith(`${k + 1} 0 obj`)).toBe(true));
    expect(/\/Size (\d+)/.exec(pdf)![1]).toBe(String(offsets.length + 1));
    // Each content stream's /Length is its length.
    for (const m of pdf.matchAll(/<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/g)) expect(m[2].length).toBe(Number(m[1]));
  });

  it('writes the text as WinAnsi, escaping what PDF reads as syntax, and ? for what it cannot show', () => {
    const pdf = latin1(textPdf('Title (1)', 'Ça coûte 25 € — merci\\ (vraiment) 漢'));
    expect(pdf).toContain('(Title \\(1\\)) Tj');
    expect(pdf).toContain('(\xc7a co\xfbte 25 \x80 \x97 merci\\\\ \\(vraiment\\) ?) Tj');
  });

  it('wraps long lines between words and runs onto more pages', () => {
    expect(wrapLines('a'.repeat(10) + ' ' + 'b'.repeat(10), 15)).toEqual(['aaaaaaaaaa', 'bbbbbbbbbb']);
    expect(wrapLines('x'.repeat(25), 10)).toEqual(['xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx']);
    const long = Array.from({ length: 130 }, (_, k) => `Line ${k + 1}`).join('\n');
    const pdf = latin1(textPdf('Many', long));
    expect(/\/Count (\d+)/.exec(pdf)![1]).toBe('3');
    expect(pdf).toContain('(Line 130) Tj');
  });
});
