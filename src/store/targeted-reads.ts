/** Targeted reads (Table.lookup): how many lookups a table makes before reading itself whole, and how
 *  the rows the spreadsheet found are read. Under the cost model of the README (a call about 80 ms, a
 *  MB read 0.25 s), reading 200 rows too many costs less than one more call, and a table read whole at
 *  10,000 contacts costs a few seconds: past the limits below the whole read is the cheaper one. */

/** Lookups (find calls) on one table in one execution before it is read whole instead. */
export const LOOKUPS_BEFORE_LOAD = 6;
/** Reads (runs of nearby rows) one lookup may need before the table is read whole instead. */
export const RUNS_BEFORE_LOAD = 12;
/** Rows between two found rows that are read with them rather than in a call of their own. */
export const GAP_READ_THROUGH = 200;

/** Sheet rows (1-based) as runs to read, a call each: rows closer than GAP_READ_THROUGH share a run. */
export function runsOf(rows: number[]): { row: number; count: number }[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: { row: number; count: number }[] = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last && row - (last.row + last.count - 1) <= GAP_READ_THROUGH + 1) last.count = row - last.row + 1;
    else runs.push({ row, count: 1 });
  }
  return runs;
}

/** Up to this many contacts (the one edited, not a page of results), their linked rows are looked up
 *  rather than the table read whole. */
export const FEW_CONTACTS = 5;
