import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Excel from 'exceljs';
import { AuditLog, Contacts } from '../../src/core/schema/tables';
import { FixedClock } from '../../src/memory/services';
import { writeFileAtomic } from '../../src/node/atomic-file';
import { toCell, XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { tableCrc32 } from '../../src/node/xlsx-fast-write';
import { crc32 } from 'node:zlib';
import { Workbook } from '../../src/store/workbook';
import { HOSTILE_TEXT } from '../support/hostile';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
  path = join(dir, 'crm.xlsx');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const note = Array.from({ length: 200 }, (_, i) => `Line ${i}: appelé, rappeler la semaine prochaine — ${'x'.repeat(35)}`)
  .join('\n')
  .slice(0, 10000);

/** Text a spreadsheet likes to "help" with, plus what XML and exceljs mangle on their own. */
const TEXTS = [
  ...HOSTILE_TEXT,
  '01000',
  '+33 6 12 34 56 78',
  '=1+1',
  '=HYPERLINK("http://x")',
  '+1',
  '-abc',
  '@handle',
  'TRUE',
  '2024-01-31',
  '1/2',
  note,
  '👩🏽‍💻 Zoë',
  'مريم الحسن',
  '<img src=x onerror=alert(1)>',
  '  padded  ',
  ' ',
  'windows\r\nline\rbreaks',
  'tab\tinside',
  '_x0041_ and _x00e9_ look like Excel escapes',
  'bell\u0007 and vertical tab\u000B',
  'non-characters \uFFFE\uFFFF',
  'lone surrogate \uD83D here',
  '&amp; "quotes" \'single\'',
];

function sheetXml(file: string, n: number): string {
  return execFileSync('unzip', ['-p', file, `xl/worksheets/sheet${n}.xml`], { maxBuffer: 1 << 30 }).toString('utf8');
}

describe('XlsxWorkbook round trip', () => {
  it('gives back every value exactly as written through the Grid', async () => {
    const grid = await XlsxWorkbook.open(path);
    expect(grid.sheetNames()).toEqual([]);
    grid.createSheet('Values', ['id', 'value']);
    grid.append(
      'Values',
      TEXTS.map((t, i) => [`v${i}`, t]),
      1,
    );
    const n = TEXTS.length + 1;
    grid.append(
      'Values',
      [
        ['n1', 12.5],
        ['n2', 0],
        ['n3', -3],
        ['b1', true],
        ['b2', false],
        ['gone', 'deleted soon'],
        ['empty', ''],
      ],
      n,
    );
    grid.deleteRows('Values', n + 6, 1);
    grid.addColumns('Values', 2, ['extra']);
    grid.write('Values', [{ row: 2, column: 3, values: [['=SUM(A1:A2)'], ['0042']] }]);
    grid.createSheet('Second', ['a', 'b']);
    grid.append('Second', [['x', 1]]);
    const expected = grid.read('Values');
    await grid.save();

    const back = await XlsxWorkbook.open(path);
    expect(back.sheetNames()).toEqual(['Values', 'Second']);
    expect(back.read('Values')).toEqual(expected);
    expect(back.read('Second')).toEqual([
      ['a', 'b'],
      ['x', 1],
    ]);
    const column = back.read('Values').map((r) => r[1]);
    for (const text of TEXTS) expect(column).toContain(text);
    expect(column.slice(-6)).toEqual([12.5, 0, -3, true, false, '']);
    expect(column).not.toContain('deleted soon');

    // Saving what was read changes nothing.
    await back.save();
    expect((await XlsxWorkbook.open(path)).read('Values')).toEqual(expected);
  });

  it('writes a file another reader (exceljs) reads back the same: texts, numbers, widths, frozen panes, dropdowns', async () => {
    const grid = await XlsxWorkbook.open(path);
    grid.createSheet('Values', ['id', 'value', 'role']);
    grid.append(
      'Values',
      TEXTS.map((t, i) => [`v${i}`, t, i % 2 ? 'admin' : 'viewer']),
      1,
    );
    grid.append('Values', [
      ['n1', 12.5],
      ['n2', -3],
      ['b1', true],
    ]);
    grid.setChoices('Values', 3, ['admin', 'éditeur', 'viewer "read only"']);
    grid.createSheet('Ünïcode & <sheet>', ['a']);
    const expected = grid.read('Values');
    await grid.save();

    const file = new Excel.Workbook();
    await file.xlsx.readFile(path);
    expect(file.worksheets.map((s) => s.name)).toEqual(['Values', 'Ünïcode & <sheet>']);
    const sheet = file.getWorksheet('Values')!;
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, r) => (rows[r - 1] = expected[0].map((_, c) => toCell(row.getCell(c + 1).value))));
    expect(rows).toEqual(expected);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(10);
    const rule = (sheet as unknown as { dataValidations: { model: Record<string, Excel.DataValidation> } }).dataValidations.model;
    expect(Object.values(rule)[0]).toMatchObject({ type: 'list', formulae: ['"admin,éditeur,viewer ""read only"""'] });
    expect((await XlsxWorkbook.open(path)).choicesOf('Values').get(3)).toEqual(['admin', 'éditeur', 'viewer "read only"']);
  });

  it('copies the sheets nobody changed as they are, and rewrites the changed one', async () => {
    const grid = await XlsxWorkbook.open(path);
    grid.createSheet('Big', ['id', 'text']);
    grid.append(
      'Big',
      Array.from({ length: 2000 }, (_, i) => [`b${i}`, TEXTS[i % TEXTS.length]]),
    );
    grid.createSheet('Small', ['id']);
    await grid.save();
    const bigBefore = sheetXml(path, 1);

    const again = await XlsxWorkbook.open(path);
    again.append('Small', [['s1']]);
    again.setChoices('Small', 1, ['s1', 's2']);
    const before = again.read('Big');
    await again.save();
    expect(sheetXml(path, 1)).toBe(bigBefore);
    const back = await XlsxWorkbook.open(path);
    expect(back.read('Big')).toEqual(before);
    expect(back.read('Small')).toEqual([['id'], ['s1']]);
    expect(back.choicesOf('Small').get(1)).toEqual(['s1', 's2']);
    // Saved again (a second fold): still whole.
    back.append('Small', [['s2']]);
    await back.save();
    expect((await XlsxWorkbook.open(path)).read('Big')).toEqual(before);
    const file = new Excel.Workbook();
    await file.xlsx.readFile(path);
    expect(file.getWorksheet('Big')!.getCell('B3').value).toBe(TEXTS[1]);

    // A file someone else wrote (Excel, exceljs) is written anew in our format, every sheet.
    const excel = new Excel.Workbook();
    excel.addWorksheet('Theirs').addRow(['id', 'name']);
    await excel.xlsx.writeFile(path);
    const theirs = await XlsxWorkbook.open(path);
    theirs.createSheet('Ours', ['x']);
    await theirs.save();
    expect(sheetXml(path, 1)).toContain('<t>name</t>');
  });

  it("computes zip checksums the same way without Node's own CRC-32", () => {
    const bytes = new TextEncoder().encode(TEXTS.join('|'));
    expect(tableCrc32(bytes, 0)).toBe(crc32(bytes));
    expect(tableCrc32(bytes.subarray(100), tableCrc32(bytes.subarray(0, 100), 0))).toBe(crc32(bytes));
  });

  it('writes text as text cells that Excel will not read as formulas, bold and frozen header', async () => {
    const grid = await XlsxWorkbook.open(path);
    grid.createSheet('Contacts', ['id', 'phone']);
    grid.append(
      'Contacts',
      [
        ['c1', '=1+1'],
        ['c2', '+33 6 12 34 56 78'],
        ['c3', 7],
      ],
      1,
    );
    await grid.save();

    const xml = sheetXml(path, 1);
    expect(xml).not.toContain('<f>');
    expect(xml).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    expect(xml).toContain('<t>=1+1</t>');

    const file = new Excel.Workbook();
    await file.xlsx.readFile(path);
    const sheet = file.getWorksheet('Contacts')!;
    expect(sheet.getCell('B2').type).toBe(Excel.ValueType.String);
    expect(sheet.getCell('B2').value).toBe('=1+1');
    expect(sheet.getCell('B2').numFmt).toBe('@');
    expect(sheet.getCell('B4').value).toBe(7);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('reads a workbook made elsewhere: dates as ISO text, formulas as their cached result', async () => {
    const file = new Excel.Workbook();
    const sheet = file.addWorksheet('Made in Excel', { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
    sheet.getColumn(2).width = 33;
    sheet.addRow(['kind', 'value', 'other']);
    sheet.addRow(['date', new Date(Date.UTC(2024, 0, 31))]);
    sheet.addRow(['datetime', new Date(Date.UTC(2024, 0, 31, 13, 45, 12))]);
    sheet.addRow(['formula', { formula: 'B5*2', result: 42 }]);
    sheet.addRow(['formula text', { formula: 'UPPER("a")', result: 'A' }]);
    sheet.addRow(['no result', { formula: 'NOW()' }]);
    sheet.addRow(['rich', { richText: [{ text: 'Zo', font: { bold: true } }, { text: 'ë' }] }]);
    sheet.addRow(['link', { text: 'our site', hyperlink: 'https://example.org' }]);
    sheet.addRow(['error', { error: '#N/A' }]);
    sheet.addRow(['merged', 'once']);
    sheet.mergeCells('B10:C10');
    await file.xlsx.writeFile(path);

    const grid = await XlsxWorkbook.open(path);
    const values = Object.fromEntries(grid.read('Made in Excel').map((r) => [r[0], r[1]]));
    expect(values).toMatchObject({
      date: '2024-01-31',
      datetime: '2024-01-31T13:45:12',
      formula: 42,
      'formula text': 'A',
      'no result': '',
      rich: 'Zoë',
      link: 'our site',
      error: '#N/A',
      merged: 'once',
    });
    expect(grid.read('Made in Excel')[9]).toEqual(['merged', 'once', '']); // the merged C10 does not repeat B10

    // Saving keeps what the person arranged: frozen rows and columns, column widths.
    await grid.save();
    const again = new Excel.Workbook();
    await again.xlsx.readFile(path);
    const saved = again.getWorksheet('Made in Excel')!;
    expect(saved.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, xSplit: 1 });
    expect(saved.getColumn(2).width).toBe(33);
  });

  it('keeps custom and reordered columns through the store', async () => {
    const grid = await XlsxWorkbook.open(path);
    const header = [...Object.keys(Contacts.columns).reverse(), 'Favourite colour'];
    grid.createSheet('Contacts', header);
    grid.createSheet(AuditLog.name, Object.keys(AuditLog.columns));
    const workbook = new Workbook({ grid }, new FixedClock(), 'admin@example.org');
    workbook.table(Contacts).insert([{ kind: 'person', first_name: 'Zoé', postal_code: '01000', custom: { 'Favourite colour': 'vert' } }]);
    workbook.commit('test.insert');
    await grid.save();

    const back = await XlsxWorkbook.open(path);
    expect(back.read('Contacts')[0]).toEqual(header);
    const [contact] = new Workbook({ grid: back }, new FixedClock(), 'admin@example.org').table(Contacts).all();
    expect(contact).toMatchObject({ first_name: 'Zoé', postal_code: '01000', custom: { 'Favourite colour': 'vert' } });
  });
});

describe('XlsxWorkbook saving', () => {
  it('leaves no temporary file behind', async () => {
    const grid = await XlsxWorkbook.open(path);
    grid.createSheet('Contacts', ['id']);
    await grid.save();
    await grid.save();
    expect(readdirSync(dir)).toEqual(['crm.xlsx']);
  });

  it('leaves the workbook untouched when writing fails half-way', async () => {
    const first = await XlsxWorkbook.open(path);
    first.createSheet('Contacts', ['id', 'name']);
    first.append('Contacts', [['c1', 'Hélène']]);
    await first.save();
    const before = readFileSync(path);

    const failing = await XlsxWorkbook.open(path, {
      writeBytes: async (file, data) => {
        await file.write(data.subarray(0, 100));
        throw new Error('disk full');
      },
    });
    failing.write('Contacts', [{ row: 2, column: 2, values: [['changed']] }]);
    await expect(failing.save()).rejects.toThrow('disk full');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['crm.xlsx']);
    expect((await XlsxWorkbook.open(path)).read('Contacts')).toEqual([
      ['id', 'name'],
      ['c1', 'Hélène'],
    ]);
    expect(failing.modifiedOnDisk()).toBe(false);
  });

  it('writeFileAtomic keeps the old file when the write fails, and its permissions when it succeeds', async () => {
    writeFileSync(path, 'old', { mode: 0o640 });
    await expect(writeFileAtomic(path, Buffer.from('new'), async () => Promise.reject(new Error('EIO')))).rejects.toThrow('EIO');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['crm.xlsx']);
    await writeFileAtomic(path, Buffer.from('new'));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('tells when someone else changed the file', async () => {
    const grid = await XlsxWorkbook.open(path);
    expect(grid.modifiedOnDisk()).toBe(false);
    grid.createSheet('Contacts', ['id']);
    await grid.save();
    expect(grid.modifiedOnDisk()).toBe(false);

    const cli = await XlsxWorkbook.open(path);
    cli.append('Contacts', [['c1']]);
    await cli.save();
    expect(grid.modifiedOnDisk()).toBe(true);
    expect(cli.modifiedOnDisk()).toBe(false);
  });

  it('refuses sheet names Excel would refuse or cut', async () => {
    const grid = await XlsxWorkbook.open(path);
    grid.createSheet('Contacts', ['id']);
    expect(() => grid.createSheet('contacts', ['id'])).toThrow('already exists');
    expect(() => grid.createSheet('Dons 2024/2025', ['id'])).toThrow('sheet name');
    expect(() => grid.createSheet('x'.repeat(32), ['id'])).toThrow('sheet name');
  });
});
