import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import { createAppsScriptFakes } from './index';

const gas = require('gas-local');

const SCRIPT = `
function onOpen(e) {
  SpreadsheetApp.getUi().createMenu('CRM').addItem('Open', 'openSidebar').addToUi();
}
function writeDate() {
  var sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
  sheet.getRange('A1').setValue(new Date(Date.UTC(2024, 0, 31, 12)));
  sheet.getRange('A2:B2').setValues([[new Date(0), 'x']]);
}
function readBack() {
  var v = SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('A1:A2').getValues();
  return { isDate: v[0][0] instanceof Date, time: v[0][0].getTime(), isArray: Array.isArray(v) };
}
function catchError() {
  try {
    SpreadsheetApp.getActive().getSheets()[0].getRange(5000, 1);
    return 'no error';
  } catch (e) {
    return { instance: e instanceof Error, message: e.message };
  }
}
`;

describe('fakes as the global object of a gas-local context', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-fakes-'));
    fs.writeFileSync(path.join(dir, 'Code.js'), SCRIPT);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('script-realm values are accepted and values handed back belong to the script realm', () => {
    const fakes = createAppsScriptFakes();
    const ctx = gas.require(dir, fakes.globals);
    fakes.setRealm(vm.runInContext('({ Date: Date, Error: Error })', ctx));

    ctx.onOpen({ authMode: 'NONE' });
    expect(fakes.ui.menus).toEqual([{ title: 'CRM', items: [{ caption: 'Open', functionName: 'openSidebar' }] }]);

    ctx.writeDate();
    const cell = fakes.spreadsheet.__cell('Sheet1', 1, 1);
    expect(Object.prototype.toString.call(cell.value)).toBe('[object Date]');
    expect(cell.value.getTime()).toBe(Date.UTC(2024, 0, 31, 12));
    expect(cell.format).toBe('M/d/yyyy H:mm:ss');

    expect(ctx.readBack()).toEqual({ isDate: true, time: Date.UTC(2024, 0, 31, 12), isArray: true });
    expect(ctx.catchError()).toEqual({ instance: true, message: 'Exception: Those rows are out of bounds.' });
  });

  test('without setRealm, dates handed back are host-realm Dates (instanceof fails in the script)', () => {
    const fakes = createAppsScriptFakes();
    const ctx = gas.require(dir, fakes.globals);
    ctx.writeDate();
    expect(ctx.readBack().isDate).toBe(false);
  });
});
