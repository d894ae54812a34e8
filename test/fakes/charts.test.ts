import { createAppsScriptFakes } from './index';

function setup() {
  const fakes = createAppsScriptFakes();
  const sheet = fakes.globals.SpreadsheetApp.getActiveSpreadsheet().insertSheet('Numbers');
  sheet.getRange(1, 1, 3, 2).setValues([
    ['Month', 'Total'],
    ['2026-10', 10],
    ['2026-11', 20],
  ]);
  fakes.resetCounters();
  return { fakes, sheet };
}

describe('Embedded charts', () => {
  test('a built chart is on the sheet only once inserted, with its type, ranges, options and position', () => {
    const { fakes, sheet } = setup();
    const chart = sheet
      .newChart()
      .asColumnChart()
      .addRange(sheet.getRange(1, 1, 3, 2))
      .setNumHeaders(1)
      .setPosition(2, 4, 0, 0)
      .setOption('title', 'Gifts')
      .build();
    expect(sheet.getCharts()).toEqual([]);
    sheet.insertChart(chart);
    const [onSheet] = sheet.getCharts();
    expect(onSheet.getOptions().get('title')).toBe('Gifts');
    expect(onSheet.getRanges()[0].getValues()).toEqual([
      ['Month', 'Total'],
      ['2026-10', 10],
      ['2026-11', 20],
    ]);
    expect([onSheet.getContainerInfo().getAnchorRow(), onSheet.getContainerInfo().getAnchorColumn()]).toEqual([2, 4]);
    expect(sheet._charts._states()[0]).toMatchObject({ type: 'COLUMN', numHeaders: 1 });
    expect(fakes.counters.byMethod).toMatchObject({ insertChart: 1, getCharts: 2 });
    expect(() => sheet.insertChart(chart)).toThrow(/already on the sheet/);
  });

  test('removeChart takes a chart off, once; a chart cannot sit outside the sheet', () => {
    const { sheet } = setup();
    sheet.insertChart(sheet.newChart().asPieChart().addRange(sheet.getRange('A1:B3')).setPosition(1, 1, 0, 0).build());
    const [chart] = sheet.getCharts();
    sheet.removeChart(chart);
    expect(sheet.getCharts()).toEqual([]);
    expect(() => sheet.removeChart(chart)).toThrow(/not on this sheet/);
    const outside = sheet.newChart().asBarChart().addRange(sheet.getRange('A1:B3')).setPosition(1001, 1, 0, 0).build();
    expect(() => sheet.insertChart(outside)).toThrow(/outside the sheet/);
  });

  test('modify() rebuilds a chart that updateChart puts back in place', () => {
    const { sheet } = setup();
    sheet.insertChart(sheet.newChart().asLineChart().addRange(sheet.getRange('A1:B3')).setPosition(1, 1, 0, 0).build());
    sheet.updateChart(sheet.getCharts()[0].modify().setOption('title', 'Renamed').build());
    expect(sheet.getCharts().map((c: any) => c.getOptions().get('title'))).toEqual(['Renamed']);
  });

  test('charts go with their sheet', () => {
    const { fakes, sheet } = setup();
    sheet.insertChart(sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:B3')).setPosition(1, 1, 0, 0).build());
    fakes.spreadsheet.deleteSheet(sheet);
    expect(fakes.spreadsheet.insertSheet('Numbers').getCharts()).toEqual([]);
  });
});
