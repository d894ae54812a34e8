import type { Charts, ChartSpec, ChartType } from '../ports/charts';

type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

/** Native Sheets charts. The builder's asColumnChart()/asBarChart()… pick the type, which spares the
 *  bundle the Charts service (Charts.ChartType) and its extra scope. Each chart reads the sheet's own
 *  cells, so a person sees the numbers and the chart side by side and the chart follows the data. */
export class SheetCharts implements Charts {
  constructor(private readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  replaceCharts(sheetName: string, charts: ChartSpec[]): void {
    const sheet = this.spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error(`There is no sheet named "${sheetName}".`);
    for (const old of sheet.getCharts()) sheet.removeChart(old);
    for (const spec of charts) {
      const { row, column, rows, columns } = spec.range;
      const chart = typed(sheet.newChart(), spec.type)
        .addRange(sheet.getRange(row, column, rows, columns))
        .setNumHeaders(1)
        .setPosition(spec.anchor.row, spec.anchor.column, 0, 0)
        .setOption('title', spec.title)
        .setOption('legend', { position: spec.type === 'pie' ? 'right' : 'none' })
        .build();
      sheet.insertChart(chart);
    }
  }
}

function typed(builder: Builder, type: ChartType): Builder {
  switch (type) {
    case 'bar':
      return builder.asBarChart() as unknown as Builder;
    case 'line':
      return builder.asLineChart() as unknown as Builder;
    case 'pie':
      return builder.asPieChart() as unknown as Builder;
    default:
      return builder.asColumnChart() as unknown as Builder;
  }
}
