import { createAppsScriptFakes } from './index';

function setup(options = {}) {
  const fakes = createAppsScriptFakes(options);
  const ss = fakes.globals.SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.insertSheet('Members');
  fakes.resetCounters();
  return { fakes, ss, sheet };
}

describe('Spreadsheet', () => {
  test('starts with Sheet1; insertSheet adds 1000x26 sheets and refuses duplicates', () => {
    const { ss, sheet } = setup();
    expect(ss.getSheets().map((s: any) => s.getName())).toEqual(['Sheet1', 'Members']);
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    expect(() => ss.insertSheet('Members')).toThrow('Exception: A sheet with the name "Members" already exists. Please enter another name.');
    expect(ss.getActiveSheet()).toBe(sheet);
  });

  test('getSheetByName returns null when absent; deleteSheet removes; the last sheet cannot be removed', () => {
    const { ss, sheet } = setup();
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(ss.getSheetByName('Members')).toBe(sheet);
    ss.deleteSheet(sheet);
    expect(ss.getSheetByName('Members')).toBeNull();
    expect(() => ss.deleteSheet(ss.getSheets()[0])).toThrow(/remove all the sheets/);
  });

  test('locale, time zone, toast', () => {
    const { fakes, ss } = setup({ locale: 'fr_FR', timeZone: 'America/New_York' });
    expect(ss.getSpreadsheetLocale()).toBe('fr_FR');
    expect(ss.getSpreadsheetTimeZone()).toBe('America/New_York');
    ss.toast('Saved', 'CRM');
    expect(fakes.ui.toasts).toEqual([{ message: 'Saved', title: 'CRM', timeoutSeconds: undefined }]);
  });
});

describe('Range addressing', () => {
  test('A1 forms', () => {
    const { sheet } = setup();
    const r = (a1: string) => {
      const x = sheet.getRange(a1);
      return [x.getRow(), x.getColumn(), x.getNumRows(), x.getNumColumns(), x.getA1Notation()];
    };
    expect(r('A1')).toEqual([1, 1, 1, 1, 'A1']);
    expect(r('$B$2')).toEqual([2, 2, 1, 1, 'B2']);
    expect(r('A1:C10')).toEqual([1, 1, 10, 3, 'A1:C10']);
    expect(r('B:B')).toEqual([1, 2, 1000, 1, 'B:B']);
    expect(r('2:2')).toEqual([2, 1, 1, 26, '2:2']);
    expect(r('Z1000')).toEqual([1000, 26, 1, 1, 'Z1000']);
    expect(() => sheet.getRange('nonsense!')).toThrow('Range not found');
    expect(sheet.getRange(2, 3, 4, 5).getA1Notation()).toBe('C2:G5');
  });

  test('outside the grid throws like Apps Script', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1001, 1)).toThrow('Exception: Those rows are out of bounds.');
    expect(() => sheet.getRange(999, 1, 3, 1)).toThrow('Exception: Those rows are out of bounds.');
    expect(() => sheet.getRange(1, 27)).toThrow('Exception: Those columns are out of bounds.');
    expect(() => sheet.getRange('AA1')).toThrow('Exception: Those columns are out of bounds.');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    sheet.insertRowsAfter(1000, 5);
    expect(sheet.getRange(1005, 1).getRow()).toBe(1005);
  });
});

describe('values', () => {
  test('getValues pads the range with empty strings and returns fresh arrays', () => {
    const { sheet } = setup();
    sheet.getRange('B2').setValue('x');
    const range = sheet.getRange(1, 1, 3, 3);
    const v = range.getValues();
    expect(v).toEqual([
      ['', '', ''],
      ['', 'x', ''],
      ['', '', ''],
    ]);
    v[1][1] = 'changed';
    expect(range.getValues()[1][1]).toBe('x');
  });

  test('setValues checks the dimensions exactly', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() =>
      sheet.getRange(1, 1, 2, 2).setValues([
        [1, 2],
        [3, 4, 5],
      ]),
    ).toThrow('Exception: The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.');
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([1, 2] as any)).toThrow(/don't match the method signature/);
    expect(sheet.getLastRow()).toBe(0);
  });

  test('typed input in automatic cells, text kept in @ cells', () => {
    const { fakes, sheet } = setup();
    sheet.getRange('B:B').setNumberFormat('@');
    const inputs = ['00123', '+33 6 12 34 56 78', '=1+1', '-abc', '@handle', 'TRUE', '1/2/2024', '01000', "'007"];
    sheet.getRange(1, 1, inputs.length, 2).setValues(inputs.map((s) => [s, s]));
    const values = sheet.getRange(1, 1, inputs.length, 2).getValues();
    const auto = values.map((row: any[]) => row[0]);
    expect(auto.slice(0, 6)).toEqual([123, '#ERROR!', '#ERROR!', '#ERROR!', '@handle', true]);
    expect(Object.prototype.toString.call(auto[6])).toBe('[object Date]');
    expect(auto.slice(7)).toEqual([1000, '007']);
    expect(values.map((row: any[]) => row[1])).toEqual([...inputs.slice(0, 8), '007']);
    expect(sheet.getRange(1, 1, 3, 2).getFormulas()).toEqual([
      ['', ''],
      ['=+33 6 12 34 56 78', ''],
      ['=1+1', ''],
    ]);
    expect(fakes.spreadsheet.__cell('Members', 3, 1)).toEqual({ value: '#ERROR!', format: '0.###############', formula: '=1+1' });
    expect(fakes.spreadsheet.__cell('Members', 1, 2)).toEqual({ value: '00123', format: '@', formula: '' });
  });

  test('non-string values are stored as they are, whatever the format', () => {
    const { sheet } = setup();
    const d = new Date('2024-03-04T05:06:07Z');
    sheet.getRange('A1:D1').setNumberFormat('@');
    sheet.getRange('A1:D2').setValues([
      [42, true, d, null],
      [42, false, d, undefined],
    ]);
    const v = sheet.getRange('A1:D2').getValues();
    expect(v[0].slice(0, 2)).toEqual([42, true]);
    expect(v[1].slice(0, 2)).toEqual([42, false]);
    expect(v[0][2].getTime()).toBe(d.getTime());
    expect(v[1][2].getTime()).toBe(d.getTime());
    expect([v[0][3], v[1][3]]).toEqual(['', '']);
  });

  test('number formats: default, set, and display values', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:C1');
    expect(r.getNumberFormats()).toEqual([['0.###############', '0.###############', '0.###############']]);
    r.setNumberFormats([['0.00', 'yyyy-mm-dd', '@']]);
    r.setValues([[3.14159, '2024-01-31', 7]]);
    expect(r.getNumberFormats()).toEqual([['0.00', 'yyyy-mm-dd', '@']]);
    expect(r.getDisplayValues()).toEqual([['3.14', '2024-01-31', '7']]);
    sheet.getRange('D1').setValues([['12%']]);
    expect(sheet.getRange('D1').getNumberFormat()).toBe('0%');
    expect(sheet.getRange('D1').getDisplayValue()).toBe('12%');
  });

  test('values follow the number format: serial numbers in date cells read back as Dates and back', () => {
    const { sheet } = setup({ timeZone: 'Europe/Paris' });
    const cell = sheet.getRange('A1');
    cell.setNumberFormat('yyyy-mm-dd').setValue(45322);
    const v = cell.getValue();
    expect(Object.prototype.toString.call(v)).toBe('[object Date]');
    expect(v.toISOString()).toBe('2024-01-30T23:00:00.000Z');
    cell.setNumberFormat('0.00');
    expect(cell.getValue()).toBe(45322);
    expect(cell.getDisplayValue()).toBe('45322.00');
  });

  test('more than 50,000 characters in a cell is refused', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1').setValue('x'.repeat(50001))).toThrow('Exception: Your input contains more than the maximum of 50000 characters in a single cell.');
    sheet.getRange('A1').setValue('x'.repeat(50000));
    expect(sheet.getRange('A1').getValue()).toHaveLength(50000);
  });

  test('getDataRange, clearContent keeps formats, appendRow grows a full sheet', () => {
    const { fakes, sheet } = setup();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C4').setValue('x');
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C4');
    sheet.getRange('C4').setNumberFormat('@').clearContent();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getRange('C4').getNumberFormat()).toBe('@');

    sheet.deleteRows(3, 997);
    expect(sheet.getMaxRows()).toBe(3);
    sheet.getRange(1, 1, 3, 1).setValues([['a'], ['b'], ['c']]);
    sheet.appendRow(['d', '00123']);
    expect(sheet.getMaxRows()).toBe(4);
    expect(fakes.spreadsheet.__dump('Members')).toEqual([
      ['a', ''],
      ['b', ''],
      ['c', ''],
      ['d', 123],
    ]);
  });

  test('inserted rows inherit the formats of the row they are inserted after', () => {
    const { sheet } = setup();
    sheet.getRange('B:B').setNumberFormat('@');
    sheet.insertRowsAfter(1000, 2);
    sheet.getRange(1002, 2).setValue('00123');
    expect(sheet.getRange(1002, 2).getValue()).toBe('00123');
    sheet.insertColumnsAfter(26, 1);
    expect(sheet.getMaxColumns()).toBe(27);
    sheet.insertColumnsAfter(2, 1); // the new column C inherits B's plain-text format
    expect(sheet.getMaxColumns()).toBe(28);
    expect(sheet.getRange('B1:D1').getNumberFormats()).toEqual([['@', '@', '0.###############']]);
    sheet.getRange('C1').setValue('007');
    expect(sheet.getRange('C1').getValue()).toBe('007');
  });

  test('deleting rows and columns outside the grid throws', () => {
    const { sheet } = setup();
    expect(() => sheet.deleteRows(999, 5)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.deleteColumns(26, 2)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.deleteRows(1, 1000)).toThrow('not possible to delete all non-frozen rows');
  });
});

describe('RangeList, protection, ui', () => {
  test('RangeList.setNumberFormat formats every range', () => {
    const { fakes, sheet } = setup();
    const list = sheet.getRangeList(['A1:A2', 'C3']);
    expect(list.getRanges().map((r: any) => r.getA1Notation())).toEqual(['A1:A2', 'C3']);
    list.setNumberFormat('@');
    expect(fakes.counters.byMethod['RangeList.setNumberFormat']).toBe(1);
    expect(
      sheet
        .getRange('A1:C3')
        .getNumberFormats()
        .map((r: string[]) => r.map((f) => (f === '@' ? '@' : '-'))),
    ).toEqual([
      ['@', '-', '-'],
      ['@', '-', '-'],
      ['-', '-', '@'],
    ]);
  });

  test('protections: warning-only lets everyone edit; editor lists are enforced for others', () => {
    const { fakes, ss, sheet } = setup();
    const p = sheet.protect().setDescription('CRM data').setWarningOnly(true);
    expect(sheet.protect()).toBe(p);
    expect(sheet.getProtections(fakes.globals.SpreadsheetApp.ProtectionType.SHEET)).toEqual([p]);
    fakes.setUser('volunteer@example.org');
    sheet.getRange('A1').setValue('ok');
    p.setWarningOnly(false);
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u: any) => u.getEmail())).toEqual(['owner@example.org']);
    expect(p.canEdit()).toBe(false);
    expect(() => sheet.getRange('A1').setValue('no')).toThrow(/protected cell or object/);
    fakes.setUser('owner@example.org');
    sheet.getRange('A1').setValue('owner');
    expect(ss.getProtections('SHEET')[0].getDescription()).toBe('CRM data');
    p.remove();
    expect(sheet.getProtections('SHEET')).toEqual([]);
  });

  test('menus and sidebars are recorded as plain data', () => {
    const { fakes } = setup();
    const ui = fakes.globals.SpreadsheetApp.getUi();
    ui.createAddonMenu().addItem('Open', 'openSidebar').addSeparator().addSubMenu(ui.createMenu('More').addItem('Setup', 'setup')).addToUi();
    expect(fakes.ui.menus).toEqual([
      {
        title: 'Add-on',
        addon: true,
        items: [{ caption: 'Open', functionName: 'openSidebar' }, { separator: true }, { submenu: { title: 'More', items: [{ caption: 'Setup', functionName: 'setup' }] } }],
      },
    ]);
    ui.showSidebar(fakes.globals.HtmlService.createHtmlOutput('<p>hi</p>').setTitle('CRM'));
    expect(fakes.ui.shown[0]).toMatchObject({ kind: 'sidebar', title: 'CRM', content: '<p>hi</p>' });
    expect(ui.alert('Sure?')).toBe('OK');
  });
});

describe('counters', () => {
  test('counts service calls and cells, not lazy handle getters', () => {
    const { fakes, ss, sheet } = setup();
    const r = sheet.getRange(1, 1, 2, 3);
    r.getRow();
    r.getNumRows();
    r.getA1Notation();
    sheet.getName();
    sheet.getDataRange();
    sheet.getParent();
    expect(fakes.counters.calls).toBe(0);

    r.setValues([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    r.getValues();
    sheet.getRange('A1').getValue();
    sheet.getLastRow();
    ss.getSheetByName('Members');
    fakes.globals.SpreadsheetApp.flush();
    expect(fakes.counters.calls).toBe(6);
    expect(fakes.counters.byMethod).toEqual({ setValues: 1, getValues: 1, getValue: 1, getLastRow: 1, getSheetByName: 1, flush: 1 });
    expect(fakes.counters.cellsWritten).toBe(6);
    expect(fakes.counters.cellsRead).toBe(7);

    fakes.counters.reset();
    expect(fakes.counters).toMatchObject({ calls: 0, byMethod: {}, cellsRead: 0, cellsWritten: 0 });
  });
});
