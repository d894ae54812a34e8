/** Embedded charts: Sheet.newChart() → EmbeddedChartBuilder → build() → EmbeddedChart, then
 *  Sheet.insertChart / getCharts / removeChart / updateChart. Written from Google's reference
 *  (EmbeddedChartBuilder, EmbeddedChart, ContainerInfo). A chart keeps its ranges by reference, so a
 *  test can read the cells it draws. */
import { FakeContext, gasError } from './context';
import { ssCall } from './grid';
import type { Range } from './range';
import type { Sheet } from './sheet';

/** What Charts.ChartType's names are in Apps Script; the as…Chart() methods set them. */
export type FakeChartType = 'AREA' | 'BAR' | 'COLUMN' | 'COMBO' | 'HISTOGRAM' | 'LINE' | 'PIE' | 'SCATTER' | 'TABLE';

export interface ChartState {
  id: string;
  type: FakeChartType;
  ranges: Range[];
  options: Record<string, unknown>;
  numHeaders: number;
  position: { row: number; column: number; offsetX: number; offsetY: number };
}

let nextChartId = 1;

export class EmbeddedChart {
  constructor(
    private readonly ctx: FakeContext,
    readonly _state: ChartState,
  ) {}
  getChartId(): number {
    return Number(this._state.id.replace(/\D/g, ''));
  }
  getId(): string {
    return this._state.id;
  }
  getRanges(): Range[] {
    return [...this._state.ranges];
  }
  getOptions(): { get(option: string): unknown } {
    const options = { ...this._state.options };
    return { get: (option: string) => options[option] ?? null };
  }
  getContainerInfo(): { getAnchorRow(): number; getAnchorColumn(): number; getOffsetX(): number; getOffsetY(): number } {
    const p = { ...this._state.position };
    return { getAnchorRow: () => p.row, getAnchorColumn: () => p.column, getOffsetX: () => p.offsetX, getOffsetY: () => p.offsetY };
  }
  modify(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this.ctx, this._sheet, { ...this._state, ranges: [...this._state.ranges], options: { ...this._state.options } });
  }
  /** The sheet that made it (set by the builder). */
  _sheet!: Sheet;
}

/** One builder class stands for EmbeddedChartBuilder and its typed variants (EmbeddedColumnChartBuilder…):
 *  the methods the CRM uses are the same on all of them. */
export class EmbeddedChartBuilder {
  private readonly state: ChartState;
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: Sheet,
    state?: ChartState,
  ) {
    this.state = state ?? { id: '', type: 'COLUMN', ranges: [], options: {}, numHeaders: -1, position: { row: 1, column: 1, offsetX: 0, offsetY: 0 } };
  }
  private as(type: FakeChartType): EmbeddedChartBuilder {
    this.state.type = type;
    return this;
  }
  asAreaChart() {
    return this.as('AREA');
  }
  asBarChart() {
    return this.as('BAR');
  }
  asColumnChart() {
    return this.as('COLUMN');
  }
  asComboChart() {
    return this.as('COMBO');
  }
  asHistogramChart() {
    return this.as('HISTOGRAM');
  }
  asLineChart() {
    return this.as('LINE');
  }
  asPieChart() {
    return this.as('PIE');
  }
  asScatterChart() {
    return this.as('SCATTER');
  }
  asTableChart() {
    return this.as('TABLE');
  }
  setChartType(type: unknown) {
    const name = String(type);
    if (!['AREA', 'BAR', 'COLUMN', 'COMBO', 'HISTOGRAM', 'LINE', 'PIE', 'SCATTER', 'TABLE'].includes(name)) throw gasError(this.ctx, `Invalid argument: type`);
    return this.as(name as FakeChartType);
  }
  getChartType(): FakeChartType {
    return this.state.type;
  }
  addRange(range: Range): EmbeddedChartBuilder {
    if (!range || typeof range.getNumRows !== 'function')
      throw gasError(this.ctx, `The parameters (${typeof range}) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange.`);
    this.state.ranges.push(range);
    return this;
  }
  clearRanges(): EmbeddedChartBuilder {
    this.state.ranges = [];
    return this;
  }
  getRanges(): Range[] {
    return [...this.state.ranges];
  }
  setNumHeaders(headers: number): EmbeddedChartBuilder {
    this.state.numHeaders = Number(headers);
    return this;
  }
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    if (typeof option !== 'string') throw gasError(this.ctx, `The parameters (${typeof option}) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setOption.`);
    this.state.options[option] = value;
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    for (const n of [anchorRowPos, anchorColPos, offsetX, offsetY])
      if (!Number.isInteger(n)) throw gasError(this.ctx, `The parameters don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setPosition.`);
    this.state.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  build(): EmbeddedChart {
    const chart = new EmbeddedChart(this.ctx, { ...this.state, id: this.state.id || `u${nextChartId++}`, ranges: [...this.state.ranges], options: { ...this.state.options } });
    chart._sheet = this.sheet;
    return chart;
  }
}

/** The charts of one sheet, behind Sheet's chart methods. */
export class SheetCharts {
  private charts: ChartState[] = [];
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: Sheet,
  ) {}

  newChart(): EmbeddedChartBuilder {
    ssCall(this.ctx, 'Sheet', 'newChart', false);
    return new EmbeddedChartBuilder(this.ctx, this.sheet);
  }
  getCharts(): EmbeddedChart[] {
    ssCall(this.ctx, 'Sheet', 'getCharts', true);
    return this.charts.map((state) => this.wrap(state));
  }
  insertChart(chart: EmbeddedChart): void {
    ssCall(this.ctx, 'Sheet', 'insertChart', true);
    const state = this.stateOf(chart, 'insertChart');
    if (this.charts.some((c) => c.id === state.id)) throw gasError(this.ctx, 'This chart is already on the sheet.');
    this.checkAnchor(state);
    this.charts.push({ ...state, ranges: [...state.ranges], options: { ...state.options } });
  }
  updateChart(chart: EmbeddedChart): void {
    ssCall(this.ctx, 'Sheet', 'updateChart', true);
    const state = this.stateOf(chart, 'updateChart');
    const i = this.charts.findIndex((c) => c.id === state.id);
    if (i < 0) throw gasError(this.ctx, 'The chart is not on this sheet.');
    this.checkAnchor(state);
    this.charts[i] = { ...state, ranges: [...state.ranges], options: { ...state.options } };
  }
  removeChart(chart: EmbeddedChart): void {
    ssCall(this.ctx, 'Sheet', 'removeChart', true);
    const state = this.stateOf(chart, 'removeChart');
    const before = this.charts.length;
    this.charts = this.charts.filter((c) => c.id !== state.id);
    if (this.charts.length === before) throw gasError(this.ctx, 'The chart is not on this sheet.');
  }
  /** Test helper: the charts as they are, uncounted. */
  _states(): ChartState[] {
    return this.charts.map((c) => ({ ...c, ranges: [...c.ranges], options: { ...c.options } }));
  }

  private wrap(state: ChartState): EmbeddedChart {
    const chart = new EmbeddedChart(this.ctx, { ...state, ranges: [...state.ranges], options: { ...state.options } });
    chart._sheet = this.sheet;
    return chart;
  }
  private stateOf(chart: EmbeddedChart, method: string): ChartState {
    if (!(chart instanceof EmbeddedChart)) throw gasError(this.ctx, `The parameters (${typeof chart}) don't match the method signature for SpreadsheetApp.Sheet.${method}.`);
    return chart._state;
  }
  /** A chart sits on a cell of the sheet: its anchor must be inside the grid. */
  private checkAnchor(state: ChartState): void {
    const { row, column } = state.position;
    if (row < 1 || column < 1 || row > this.sheet._maxRows() || column > this.sheet._maxCols()) throw gasError(this.ctx, 'The coordinates of the chart are outside the sheet.');
  }
}
