/** A plain-text PDF (a receipt attached to a thank-you email), written by hand: A4 pages, Helvetica
 *  11 pt (one of the 14 fonts every PDF reader has, so nothing is embedded), WinAnsi text (the Latin
 *  letters of our four languages, €, typographic quotes and dashes; anything else becomes ?), lines
 *  wrapped at word boundaries, a bold title. Small enough for MailApp's attachments, and the same bytes
 *  in Node and in the tests; Google renders its own from HTML. */

const WIN_ANSI_EXTRA: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  Ÿ: 0x9f,
};

/** One character as a WinAnsi byte, as a one-character string (latin1). */
function winAnsi(ch: string): string {
  const code = ch.codePointAt(0)!;
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return String.fromCharCode(code);
  if (ch === '\u202f' || ch === '\u00a0') return ' ';
  const extra = WIN_ANSI_EXTRA[ch];
  return extra ? String.fromCharCode(extra) : '?';
}

const escapeText = (line: string) =>
  [...line]
    .map((ch) => winAnsi(ch))
    .join('')
    .replace(/[\\()]/g, (c) => `\\${c}`);

/** Lines of at most `width` characters, broken between words (a longer word is cut). */
export function wrapLines(text: string, width = 90): string[] {
  const out: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const word of raw.split(/ +/)) {
      let w = word;
      while (w.length > width) {
        if (line) {
          out.push(line);
          line = '';
        }
        out.push(w.slice(0, width));
        w = w.slice(width);
      }
      if (!line) line = w;
      else if (line.length + 1 + w.length <= width) line += ` ${w}`;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out;
}

const LINES_PER_PAGE = 58;

export function textPdf(title: string, text: string): Uint8Array {
  const lines = wrapLines(text);
  const pages: string[][] = [];
  for (let k = 0; k < Math.max(1, lines.length); k += LINES_PER_PAGE) pages.push(lines.slice(k, k + LINES_PER_PAGE));
  const objects: string[] = [];
  // An object's number is its place in the file, from 1.
  const add = (body: string) => objects.push(body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // the page tree, once the pages are numbered
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  pages.forEach((page, p) => {
    const parts = ['BT', '/F1 11 Tf', '14 TL', '56 786 Td'];
    if (p === 0) parts.push('/F2 14 Tf', `(${escapeText(title)}) Tj`, '/F1 11 Tf', 'T*', 'T*');
    for (const line of page) parts.push(`(${escapeText(line)}) Tj`, 'T*');
    parts.push('ET');
    const stream = parts.join('\n');
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${content} 0 R >>`));
  });
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let pdf = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, k) => {
    offsets.push(pdf.length);
    pdf += `${k + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(pdf, (ch) => ch.charCodeAt(0));
}
