import type { Charts, ChartSpec } from '../ports/charts';
import type { KeyValue } from '../ports/key-value';

const KEY_PREFIX = 'charts:';

/** The local runtime's charts. The local .xlsx holds no native charts (its writer writes data, see
 *  xlsx-fast-write.ts), so a sheet's chart specs are kept in the workbook's properties file (PATH.properties.json, beside the
 *  workbook) under `charts:<sheet>`: the local page reads them (`chartsOf`) to draw the Dashboard's
 *  charts over the sheet's own cells, and the .xlsx stays plain data that Excel opens as it is. */
export class PropertyCharts implements Charts {
  constructor(private readonly properties: KeyValue) {}

  replaceCharts(sheet: string, charts: ChartSpec[]): void {
    if (charts.length) this.properties.set(KEY_PREFIX + sheet, JSON.stringify(charts));
    else this.properties.delete(KEY_PREFIX + sheet);
  }

  chartsOf(sheet: string): ChartSpec[] {
    const text = this.properties.get(KEY_PREFIX + sheet);
    if (!text) return [];
    try {
      const specs = JSON.parse(text);
      return Array.isArray(specs) ? (specs as ChartSpec[]) : [];
    } catch {
      // Someone edited the file by hand: no charts rather than a broken page.
      return [];
    }
  }
}
