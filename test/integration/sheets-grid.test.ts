import { createAppsScriptFakes, AppsScriptFakes } from '../fakes';
import { SheetsGrid } from '../../src/gas/grid';
import { Workbook } from '../../src/store/workbook';
import { FixedClock } from '../../src/memory/services';
import { AuditLog, Contacts } from '../../src/core/schema/tables';
import { HOSTILE_TEXT } from '../support/hostile';

let fakes: AppsScriptFakes;
let restore: () => void;
let grid: SheetsGrid;

beforeEach(() => {
  fakes = createAppsScriptFakes();
  restore = fakes.install();
  grid = new SheetsGrid(fakes.spreadsheet as any, () => 'Europe/Paris');
});
afterEach(() => restore());

const header = ['id', 'name', 'note'];

describe('The Apps Script Grid over SpreadsheetApp', () => {
  it('stores every hostile string as typed, where a plain setValues would not', () => {
    grid.createSheet('T', header);
    const rows = HOSTILE_TEXT.map((text, i) => [`id${i}`, text, text]);
    grid.append('T', rows, 1);
    expect(grid.read('T').slice(1)).toEqual(rows);
    for (let r = 0; r < rows.length; r++) expect(fakes.spreadsheet.__cell('T', r + 2, 2).formula).toBe('');

    // The same strings written the naive way are turned into numbers, dates, booleans and formulas:
    // this is what the fake (like Sheets) does, and why the adapter formats text cells as text.
    const naive = fakes.spreadsheet.insertSheet('Naive');
    naive.getRange(1, 1, HOSTILE_TEXT.length, 1).setValues(HOSTILE_TEXT.map((t) => [t]));
    const back = naive
      .getRange(1, 1, HOSTILE_TEXT.length, 1)
      .getValues()
      .map((r: unknown[]) => r[0]);
    expect(back[0]).toBe(1000); // '01000' lost its zero
    expect(back[3]).toBe('#ERROR!'); // '=1+1' became a formula
    expect(back[9]).toBe(true); // 'TRUE' became a boolean
  });

  it('leaves the person on the sheet they were looking at when it makes a sheet, unless it rebuilds that one', () => {
    grid.createSheet('Contacts', header);
    fakes.spreadsheet.setActiveSheet(fakes.spreadsheet.getSheetByName('Contacts')!);
    // A derived sheet made or rebuilt behind the person's back (the search index, a view tab).
    grid.createSheet('SearchIndex', header);
    grid.deleteSheet('SearchIndex');
    grid.createSheet('SearchIndex', header);
    expect(fakes.spreadsheet.getActiveSheet().getName()).toBe('Contacts');
    // The Dashboard rebuilt while the person looks at it: they still look at it.
    grid.createSheet('Dashboard', header);
    fakes.spreadsheet.setActiveSheet(fakes.spreadsheet.getSheetByName('Dashboard')!);
    grid.deleteSheet('Dashboard');
    grid.createSheet('Dashboard', header);
    expect(fakes.spreadsheet.getActiveSheet().getName()).toBe('Dashboard');
    // Afterwards, other sheets made again leave them there.
    grid.createSheet('Other', header);
    expect(fakes.spreadsheet.getActiveSheet().getName()).toBe('Dashboard');
  });

  it('reads a whole table in one call and appends 1,000 rows in at most three', () => {
    grid.createSheet('T', header);
    grid.append('T', [['a', 'A', '']], 1);
    fakes.resetCounters();
    grid.read('T');
    expect(fakes.counters.calls).toBe(1); // the sheet handle is cached from createSheet
    fakes.resetCounters();
    grid.append(
      'T',
      Array.from({ length: 1000 }, (_, i) => [`id${i}`, `name ${i}`, '0012']),
      2,
    );
    expect(fakes.counters.calls).toBe(3); // insertRowsAfter, setNumberFormats, setValues
    fakes.resetCounters();
    grid.append(
      'T',
      Array.from({ length: 10 }, (_, i) => [`more${i}`, 'x', '']),
      1002,
    );
    expect(fakes.counters.calls).toBe(2); // spare rows were added by the previous append
    expect(grid.read('T').length).toBe(1 + 1 + 1000 + 10);
    expect(fakes.spreadsheet.__cell('T', 3, 2)).toMatchObject({ value: 'name 0' });
  });

  it('keeps the new sheet lean, with a frozen, bold, protected header', () => {
    grid.createSheet('Contacts', Object.keys(Contacts.columns));
    const sheet = fakes.spreadsheet.getSheetByName('Contacts')!;
    expect(sheet.getMaxRows()).toBe(2);
    expect(sheet.getMaxColumns()).toBe(Object.keys(Contacts.columns).length);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(grid.readHeader('Contacts')).toEqual(Object.keys(Contacts.columns));
    const protections = sheet.getProtections(fakes.globals.SpreadsheetApp.ProtectionType.RANGE);
    expect(protections.length).toBe(1);
    expect(protections[0].isWarningOnly()).toBe(true);
  });

  it('gives back dates typed by hand as ISO text in the spreadsheet time zone', () => {
    grid.createSheet('T', header);
    const sheet = fakes.spreadsheet.getSheetByName('T')!;
    sheet.getRange(2, 1, 1, 3).setValues([['x', '2024-01-31', '3/4/2024 10:30']]);
    expect(grid.read('T')[1]).toEqual(['x', '2024-01-31', '2024-03-04T10:30:00']);
  });

  it('deletes the last data rows even when Sheets refuses to delete every non-frozen row', () => {
    grid.createSheet('T', header);
    grid.append(
      'T',
      [
        ['a', '1', ''],
        ['b', '2', ''],
      ],
      1,
    );
    const sheet = fakes.spreadsheet.getSheetByName('T')!;
    sheet.deleteRows(4, sheet.getMaxRows() - 3); // no spare rows left
    grid.deleteRows('T', 2, 2);
    expect(grid.read('T')).toEqual([header]);
  });

  it('runs the store: update rows in place without touching custom columns', () => {
    grid.createSheet('Contacts', Object.keys(Contacts.columns));
    grid.createSheet(AuditLog.name, Object.keys(AuditLog.columns));
    const wb = new Workbook({ grid }, new FixedClock(), 'a@example.org');
    const [a, b] = wb.table(Contacts).insert([
      { kind: 'person', first_name: 'Ana' },
      { kind: 'person', first_name: 'Bea' },
    ]);
    wb.commit('test');
    const sheet = fakes.spreadsheet.getSheetByName('Contacts')!;
    const width = sheet.getMaxColumns();
    sheet.insertColumnsAfter(width, 1);
    sheet.getRange(1, width + 1).setValue('Score');
    sheet.getRange(2, width + 1).setFormula('=LEN(B2)');
    const wb2 = new Workbook({ grid }, new FixedClock(), 'a@example.org');
    fakes.resetCounters();
    wb2.table(Contacts).update(a.id, { city: 'Porto' });
    wb2.table(Contacts).update(b.id, { city: 'Braga' });
    wb2.table(Contacts).flush();
    expect(fakes.counters.byMethod.setValues).toBe(1); // two adjacent rows, one block
    expect(fakes.spreadsheet.__cell('Contacts', 2, width + 1).formula).toBe('=LEN(B2)');
  });
});

describe('Scattered updates', () => {
  it('cost one values call per run plus one format call (text only), and keep text as text', () => {
    grid.createSheet('T', ['id', 'city', 'amount']);
    grid.append(
      'T',
      Array.from({ length: 100 }, (_, i) => [`id${i}`, 'Lyon', i]),
      1,
    );
    fakes.resetCounters();
    grid.write('T', [
      { row: 5, column: 2, values: [['01000', 12]] },
      { row: 40, column: 2, values: [['=1+1', 13]] },
      {
        row: 77,
        column: 2,
        values: [
          ['TRUE', 14],
          ['1/2', 15],
        ],
      },
    ]);
    expect(fakes.counters.calls).toBe(1 + 3);
    const back = grid.read('T');
    expect([back[4][1], back[39][1], back[76][1], back[77][1]]).toEqual(['01000', '=1+1', 'TRUE', '1/2']);
    expect([back[4][2], back[77][2]]).toEqual([12, 15]);
  });
});

describe('Number formats the team chose', () => {
  it('are never overwritten: a currency on amounts survives updates and appends', () => {
    grid.createSheet('Gifts', ['id', 'amount', 'fund']);
    grid.append('Gifts', [['g1', 25, 'General']], 1);
    const sheet = fakes.spreadsheet.getSheetByName('Gifts')!;
    sheet.getRange(2, 2, 1, 1).setNumberFormat('#,##0.00 [$€-1]');
    grid.write('Gifts', [{ row: 2, column: 2, values: [[30, 'Renovation']] }]);
    grid.append('Gifts', [['g2', 40, 'General']], 2);
    expect(sheet.getRange(2, 2).getNumberFormat()).toBe('#,##0.00 [$€-1]');
    // The appended row copied the row above's format (Sheets does), and it was kept.
    expect(sheet.getRange(3, 2).getNumberFormat()).toBe('#,##0.00 [$€-1]');
    expect(sheet.getRange(2, 3).getNumberFormat()).toBe('@');
    expect(
      grid
        .read('Gifts')
        .slice(1)
        .map((r) => r[1]),
    ).toEqual([30, 40]);
  });
});
