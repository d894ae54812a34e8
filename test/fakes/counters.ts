/** Call counters for the fake spreadsheet service. */
export interface Counters {
  /** Total number of counted service calls. */
  calls: number;
  /** Counted calls by method name (e.g. `getValues`, `RangeList.setNumberFormat`). */
  byMethod: Record<string, number>;
  cellsRead: number;
  cellsWritten: number;
  reset(): void;
}

export function createCounters(): Counters {
  const counters: Counters = {
    calls: 0,
    byMethod: {},
    cellsRead: 0,
    cellsWritten: 0,
    reset() {
      counters.calls = 0;
      counters.byMethod = {};
      counters.cellsRead = 0;
      counters.cellsWritten = 0;
    },
  };
  return counters;
}

export function countCall(counters: Counters, method: string, cellsRead = 0, cellsWritten = 0): void {
  counters.calls++;
  counters.byMethod[method] = (counters.byMethod[method] || 0) + 1;
  counters.cellsRead += cellsRead;
  counters.cellsWritten += cellsWritten;
}
