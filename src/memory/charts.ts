import type { Charts, ChartSpec } from '../ports/charts';

/** The charts of each sheet, as specs: tests read them. */
export class MemoryCharts implements Charts {
  readonly sheets = new Map<string, ChartSpec[]>();
  calls = 0;

  replaceCharts(sheet: string, charts: ChartSpec[]): void {
    this.calls++;
    this.sheets.set(
      sheet,
      charts.map((c) => JSON.parse(JSON.stringify(c)) as ChartSpec),
    );
  }

  chartsOf(sheet: string): ChartSpec[] {
    return this.sheets.get(sheet) ?? [];
  }
}
