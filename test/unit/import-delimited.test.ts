import { readFileSync } from 'fs';
import { join } from 'path';
import { decodeBytes, detectDelimiter, detectEncoding, parseDelimited } from '../../src/core/import';
import { nameColumns } from '../../src/core/import/delimited';
import { seededRandom } from '../../src/services/demo-data';

const read = (name: string) => {
  const bytes = new Uint8Array(readFileSync(join(__dirname, '../fixtures/import', name)));
  return decodeBytes(bytes, detectEncoding(bytes));
};
const parse = (name: string) => parseDelimited(read(name));

const random = seededRandom;

describe('parseDelimited on the files people have', () => {
  it('reads a French Excel file: ";" , every cell as typed, line numbers', () => {
    const file = parse('fr-excel-utf8-bom.csv');
    expect(file.delimiter).toBe(';');
    expect(file.header).toEqual([
      'Civilité',
      'Prénom',
      'Nom',
      'Courriel',
      'Téléphone',
      'Portable',
      'Adresse',
      'Code postal',
      'Ville',
      'Date de naissance',
      'Cotisation',
      "Date d'adhésion",
      'Étiquettes',
      'Remarques',
    ]);
    expect(file.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(file.rows[0].cells).toEqual([
      'Mme',
      'Élodie',
      'Lefèvre',
      'elodie.lefevre@Orange.FR',
      '01 42 68 53 00',
      '06 12 34 56 78',
      "12, rue de l'Église",
      '01000',
      'Bourg-en-Bresse',
      '31/12/1985',
      '45,50',
      '15/01/2024',
      'Bénévole, Donatrice',
      '« Très motivée », cœur sur la main',
    ]);
    expect(file.rows[1].cells[5]).toBe('+33 6 98 76 54 32');
    expect(file.rows[1].cells[10]).toBe('1 200,00');
    expect(file.rows[2].cells[13]).toBe('=HYPERLINK("http://exemple.fr";"clic")');
    expect(file.rows[5].cells).toEqual(['', '', '', '', '', '', '', '06000', 'Nice', '', '', '', '', '']);
    expect(file.problems).toEqual([]);
  });

  it('reads the windows-1252 copy to the same rows', () => {
    expect(parse('fr-excel-windows-1252.csv')).toEqual(parse('fr-excel-utf8-bom.csv'));
  });

  it('reads Spanish and Brazilian files, a ";" inside quotes staying in its cell', () => {
    const es = parse('es-excel.csv');
    expect(es.delimiter).toBe(';');
    expect(es.rows[0].cells.slice(0, 7)).toEqual(['María José', 'García López', 'mjgarcia@correo.es', '91 123 45 67', '612 345 678', 'Calle Mayor, 10, 3º B', '08001']);
    const pt = parse('pt-br-excel.csv');
    expect(pt.delimiter).toBe(';');
    expect(pt.header[6]).toBe('CEP');
    expect(pt.rows[0].cells.slice(6, 7).concat(pt.rows[0].cells.slice(10, 14))).toEqual(['01310-100', 'R$ 1.234,56', '15/08/2024', 'Pix', 'Doador; Voluntário']);
    expect(pt.rows.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('reads tab-separated text, and Excel’s UTF-16 "Unicode Text"', () => {
    const tsv = parse('contacts.tsv');
    expect(tsv.delimiter).toBe('\t');
    expect(tsv.header).toEqual(['First Name', 'Last Name', 'Email', 'Phone', 'Zip', 'Tags', 'Member since', 'Dues', 'Twitter']);
    expect(tsv.rows[0].cells).toEqual(['Mary', "O'Brien", 'mary.obrien@example.org', '+1 (555) 010-2030', '00501', 'Board, Volunteer', '2021-06-01', '$1,250.00', '@maryob']);
    expect(tsv.rows[1].cells[8]).toBe('-');
    const unicode = parse('excel-unicode-text-utf16le.txt');
    expect(unicode.delimiter).toBe('\t');
    expect(unicode.rows.map((r) => r.cells)).toEqual([
      ['Zoë', 'Nguyễn', 'zoe.nguyen@example.com', 'Montréal', 'Aime les 🎉 et le café ☕'],
      ['Ólafur', 'Þórsson', 'olafur@example.is', 'Reykjavík', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'],
    ]);
  });

  it('copes with line breaks and doubled quotes in cells, blank lines, repeated and empty headers, trailing empty columns, short rows', () => {
    const file = parse('messy.csv');
    expect(file.delimiter).toBe(',');
    expect(file.header).toEqual(['Name', 'Email', 'Email (2)', '(column 4)', 'Notes', 'Phone']);
    expect(file.rows).toEqual([
      { line: 3, cells: ['Dupont, Marie', 'marie@example.fr', 'marie.pro@example.fr', 'x', 'Line one\nLine two\n"quoted"', '0612345678'] },
      { line: 6, cells: ['Bob Smith', 'bob@example.com', '', '', '', '+44 20 7946 0958'] },
      { line: 9, cells: ['Zoë Adams', 'zoe@example.com', '', '', 'She said "hi"', ''] },
      { line: 11, cells: ['Li Wei', 'li@example.com', '', '', '', ''] },
    ]);
    expect(file.problems).toEqual([]);
  });

  it('keeps the cells of a row longer than the header under "(column N)", and says so with the line', () => {
    const file = parse('extra-cells.csv');
    expect(file.header).toEqual(['email', 'first_name', 'last_name', '(column 4)']);
    expect(file.rows).toEqual([
      { line: 2, cells: ['a@example.com', 'Ann', 'Lee', ''] },
      { line: 3, cells: ['b@example.com', 'Ben', 'Ray', 'extra one'] },
      { line: 4, cells: ['c@example.com', 'Cy', '', ''] },
    ]);
    expect(file.problems).toEqual([
      {
        line: 3,
        key: 'import.extra_cells',
        params: { line: 3, count: 4, expected: 3, columns: '"(column 4)"' },
        message: 'line 3 has 4 cells but the header has 3: the extra cells are kept as "(column 4)"',
      },
    ]);
  });

  it('reads the exports of Mailchimp, Eventbrite, Google Forms and HubSpot', () => {
    const mailchimp = parse('mailchimp-audience.csv');
    expect(mailchimp.header).toHaveLength(23);
    expect(mailchimp.rows[0].cells[22]).toBe('"Donor","Volunteer"');
    expect(mailchimp.rows[0].cells[3]).toBe('123 Main St  Springfield  IL  62701  US');
    const eventbrite = parse('eventbrite-attendees.csv');
    expect(eventbrite.header[0]).toBe('Order #');
    expect(eventbrite.rows[0].cells[22]).toBe('Harbor Arts, Inc.');
    expect(eventbrite.rows[0].cells[18]).toBe('02118');
    const forms = parse('google-forms-fr.csv');
    expect(forms.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(forms.rows[0].cells[8]).toBe('Merci pour la soirée !\nÀ bientôt');
    const hubspot = parse('hubspot-contacts.csv');
    expect(hubspot.rows[1].cells.slice(0, 7)).toEqual(['51234567802', '', '', '', '', '', 'Acme Corp']);
  });

  it('names the line where an unclosed quote starts, after a cell that spans two lines', () => {
    const file = parse('broken-unclosed-quote.csv');
    expect(file.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(file.rows[0].cells[3]).toBe('Deux\r\nlignes');
    expect(file.rows[1].cells[3]).toBe('Arrivé en retard\r\nLuc;Petit;luc@example.fr;OK\r\n');
    expect(file.problems).toHaveLength(1);
    expect(file.problems[0]).toMatchObject({ line: 4, key: 'import.unclosed_quote', params: { line: 4 } });
    expect(file.problems[0].message).toContain('line 4 is never closed');
  });

  it('reports text after a closing quote with its line', () => {
    const file = parseDelimited('a,b\n1,2\n"3"x,4\n"5",6\n');
    expect(file.problems[0]).toMatchObject({ line: 3, key: 'import.bad_quote' });
  });
});

describe('parseDelimited, details', () => {
  it('counts lines the same with \\r\\n, \\n and old Mac \\r endings', () => {
    for (const nl of ['\r\n', '\n', '\r']) {
      const file = parseDelimited(['a;b', '1;2', '', '"x', 'y";3', '4;5'].join(nl) + nl);
      expect(file.rows.map((r) => [r.line, r.cells])).toEqual([
        [2, ['1', '2']],
        [4, [`x${nl}y`, '3']],
        [6, ['4', '5']],
      ]);
    }
  });

  it('uses the delimiter given, and drops a BOM left in the text', () => {
    const file = parseDelimited('\uFEFFa;b,c\n1;2,3\n', { delimiter: ',' });
    expect(file).toEqual({ delimiter: ',', header: ['a;b', 'c'], rows: [{ line: 2, cells: ['1;2', '3'] }], problems: [] });
  });

  it('gives an empty file no header and no rows', () => {
    expect(parseDelimited('')).toEqual({ delimiter: ',', header: [], rows: [], problems: [] });
    expect(parseDelimited('\r\n\r\n')).toEqual({ delimiter: ',', header: [], rows: [], problems: [] });
  });

  it('skips rows whose cells are all empty, as Excel writes blank rows', () => {
    expect(parseDelimited('a;b\n;\n 1;2\n;;\n').rows).toEqual([{ line: 3, cells: [' 1', '2'] }]);
  });

  it('names empty and repeated headers so that each can be told apart, whatever their case', () => {
    expect(nameColumns(['Email', 'email', 'Email (2)', '', ' Notes  du\njour '], 5)).toEqual(['Email', 'email (3)', 'Email (2)', '(column 4)', 'Notes du jour']);
    expect(nameColumns(['(column 2)', ''], 2)).toEqual(['(column 2)', '(column 2) (2)']);
  });
});

describe('detectDelimiter', () => {
  it('prefers the delimiter the rows agree on: decimal commas do not fool it', () => {
    expect(detectDelimiter('Nom;Montant;Ville\nDupont;12,50;Paris\nMartin;3;Lyon\nDurand;1 200,00;Nice\n')).toBe(';');
    expect(detectDelimiter('name,amount\n"Dupont; Marie",12.50\nBob,3\n')).toBe(',');
    expect(detectDelimiter('id|name|city\n1|Ann|Oslo\n2|Bo, Jr|Rome\n')).toBe('|');
    expect(detectDelimiter('Name\tEmail\nDupont, Marie\tm@example.fr\nBob\tb@example.com\n')).toBe('\t');
    expect(detectDelimiter('email\na@example.com\n')).toBe(',');
  });
});

/** Our own tiny CSV writer: quotes a cell when it holds a delimiter, a quote or a line break. */
function writeCsv(rows: string[][], delimiter: string, newline: string): string {
  const special = /[",;\t|\r\n]/;
  const cell = (c: string) => (special.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(cell).join(delimiter)).join(newline);
}

describe('lossless round trip', () => {
  const pieces = [
    ...['=', '+', '-', '@', '=SUM(A1:A3)', '+33 6 12 34 56 78', '-5', '@handle', '00123'],
    ...['"', '""', ';', ',', '\t', '|', '\n', '\r\n', '\r', ' ', '  ', '\u00a0', '\u202f'],
    ...['é', 'ç', 'Œ', '€', '😀', '👩‍👩‍👧', 'a', 'Zoë', 'x y', "O'Brien"],
  ];

  it('reads back exactly what was written, for random cells in every delimiter and line ending', () => {
    const next = random(2024);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    for (let round = 0; round < 400; round++) {
      const delimiter = pick([',', ';', '\t', '|']);
      const newline = pick(['\r\n', '\n']);
      const columns = 2 + Math.floor(next() * 5);
      const header = Array.from({ length: columns }, (_, i) => `Col ${i} ${pick(['é', '"q"', '=x', ';', 'a,b', '😀'])}`);
      const rows = Array.from({ length: 1 + Math.floor(next() * 6) }, () => Array.from({ length: columns }, () => Array.from({ length: Math.floor(next() * 5) }, () => pick(pieces)).join('')));
      for (const row of rows) if (row.every((c) => c.trim() === '')) row[0] = 'x' + row[0];
      const text = writeCsv([header, ...rows], delimiter, newline) + (next() < 0.5 ? newline : '');
      // Through bytes and back, as a file arrives: UTF-8, with or without a BOM.
      const bom = next() < 0.5 ? [0xef, 0xbb, 0xbf] : [];
      const bytes = new Uint8Array([...bom, ...Buffer.from(text, 'utf8')]);
      const parsed = parseDelimited(decodeBytes(bytes, detectEncoding(bytes)));
      const context = { round, text };
      expect({ ...context, delimiter: parsed.delimiter, header: parsed.header, rows: parsed.rows.map((r) => r.cells), problems: parsed.problems }).toEqual({
        ...context,
        delimiter,
        header,
        rows,
        problems: [],
      });
      // And each row starts on the physical line the writer put it on.
      const breaks = (cells: string[]) => cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g) ?? []).length, 0);
      let line = 2 + breaks(header);
      rows.forEach((row, i) => {
        expect(parsed.rows[i].line).toBe(line);
        line += 1 + breaks(row);
      });
    }
  });
});
