/** A rectangle of a sheet, 1-based, as Sheets counts: `rows` × `columns` cells from (row, column). */
export interface SheetArea {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export type ChartType = 'column' | 'bar' | 'line' | 'pie';

/** One native chart over a range of the same sheet. The range's first row is its header (series
 *  names), its first column the categories (months, funnel steps, groups). */
export interface ChartSpec {
  title: string;
  type: ChartType;
  range: SheetArea;
  /** The cell the chart's top-left corner sits on. */
  anchor: { row: number; column: number };
}

/** Charts drawn over a sheet by the add-on (the Dashboard sheet). In Google: native Sheets charts
 *  (EmbeddedChart). In tests: the specs, kept in memory. Locally: the specs, kept beside the workbook
 *  for the local page to draw, since the .xlsx writer we use cannot hold native charts. */
export interface Charts {
  /** Removes every chart of `sheet` and inserts these, so a refresh never piles up copies. */
  replaceCharts(sheet: string, charts: ChartSpec[]): void;
}
