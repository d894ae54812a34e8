/** Whatever the cells hold, the workbook gives it back after any number of saves, whichever sheets were
 *  copied as stored and whichever were written anew: random texts (every kind of character Excel's XML
 *  cannot hold as it is), numbers and booleans, over several rounds of random changes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Excel from 'exceljs';
import type { Cell } from '../../src/core/schema/columns';
import { toCell, XlsxWorkbook } from '../../src/node/xlsx-workbook';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'xlsx-random-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
  const PIECES = [
    'a',
    'Zoë',
    ' ',
    '  ',
    '\n',
    '\r\n',
    '\t',
    '&',
    '<',
    '>',
    '"',
    "'",
    '=',
    '+',
    '-',
    '@',
    '_x0041_',
    '_x',
    '\u0000',
    '\u0007',
    '\u000B',
    '\u001F',
    '\u007F',
    '\uFFFE',
    '\uFFFF',
    '\uD83D',
    '\uDE00',
    '😀',
    'مريم',
    '中文',
    '0',
    '007',
    '1e5',
    'TRUE',
    '2024-01-31',
    ']]>',
    '<?xml',
    '&amp;',
    '\u00A0',
    '\u2028',
  ];
  const text = () => Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(PIECES)).join('');
  const cell = (): Cell => {
    const r = next();
    if (r < 0.6) return text();
    if (r < 0.75) return pick([0, -1, 1.5, 1e21, -3.25e-7, 42, Number.MAX_SAFE_INTEGER, 0.1 + 0.2]);
    if (r < 0.85) return next() < 0.5;
    return '';
  };
  return { next, pick, cell };
}

describe('the .xlsx workbook, randomly', () => {
  it.each([1, 2, 3, 4, 5])('keeps every cell through rounds of random changes and saves (seed %i)', async (seed) => {
    const path = join(dir, 'crm.xlsx');
    const r = random(seed);
    let grid = await XlsxWorkbook.open(path);
    const names = ['Contacts', 'Interactions', 'Notes & <more>', 'Empty'];
    for (const name of names) {
      grid.createSheet(name, ['id', 'a', 'b', 'c']);
      if (name !== 'Empty')
        grid.append(
          name,
          Array.from({ length: 30 }, (_, i) => [`${name}-${i}`, r.cell(), r.cell(), r.cell()]),
        );
    }
    await grid.save();
    for (let round = 0; round < 6; round++) {
      grid = await XlsxWorkbook.open(path);
      // Some sheets change, others are left as they are (and copied as stored).
      for (const name of names) {
        if (r.next() < 0.5) continue;
        const op = r.next();
        if (op < 0.5) grid.write(name, [{ row: 2 + Math.floor(r.next() * 20), column: 2, values: [[r.cell(), r.cell()]] }]);
        else if (op < 0.8) grid.append(name, [[`${name}-new-${round}`, r.cell(), r.cell(), r.cell()]]);
        else if (grid.read(name).length > 2) grid.deleteRows(name, 2, 1);
      }
      const expected = new Map(names.map((name) => [name, grid.read(name)]));
      await grid.save();
      const back = await XlsxWorkbook.open(path);
      expect(back.sheetNames()).toEqual(names);
      for (const name of names) expect(back.read(name)).toEqual(expected.get(name));
      // Another reader (exceljs) sees the same values.
      const file = new Excel.Workbook();
      await file.xlsx.readFile(path);
      for (const name of names) {
        const rows = expected.get(name)!;
        const sheet = file.getWorksheet(name)!;
        const seen = rows.map((row, i) => row.map((_, c) => toCell(sheet.getRow(i + 1).getCell(c + 1).value)));
        expect(seen).toEqual(rows);
      }
    }
  });
});
