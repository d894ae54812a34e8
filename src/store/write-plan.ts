/** Where changed cells are: a rectangle of data rows (0-based) and columns (0-based). */
export interface ChangedArea {
  firstRow: number; // 0-based data row
  rowCount: number;
  firstColumn: number; // 0-based column
  columnCount: number;
}

/** Turns the changed cells of a table into rectangular blocks, one Grid write each.
 *
 *  Within a row, changed columns are joined into one span when only CRM columns lie between them:
 *  rewriting an unchanged CRM cell with the value we read costs nothing. A custom column that did not
 *  change is never inside a span, because people put formulas there and a write would replace the
 *  formula by its value. Consecutive rows whose spans are the same become one block. */
export function changedAreas(dirtyRows: [number, Set<number>][], width: number, customColumns: Set<number>): ChangedArea[] {
  const rows = dirtyRows
    .map(([row, columns]) => ({
      row,
      spans: spansOf(
        [...columns].sort((a, b) => a - b),
        customColumns,
      ),
    }))
    .sort((a, b) => a.row - b.row);
  const blocks: ChangedArea[] = [];
  for (let k = 0; k < rows.length;) {
    const key = rows[k].spans.join('|');
    let n = 1;
    while (k + n < rows.length && rows[k + n].row === rows[k].row + n && rows[k + n].spans.join('|') === key) n++;
    for (const [a, b] of rows[k].spans) {
      if (b >= width) throw new Error(`Column ${b + 1} is outside the table`);
      blocks.push({ firstRow: rows[k].row, rowCount: n, firstColumn: a, columnCount: b - a + 1 });
    }
    k += n;
  }
  return blocks;
}

function spansOf(columns: number[], customColumns: Set<number>): [number, number][] {
  const spans: [number, number][] = [];
  for (const c of columns) {
    const last = spans[spans.length - 1];
    if (last && onlyCrmColumnsBetween(last[1], c, customColumns)) last[1] = c;
    else spans.push([c, c]);
  }
  return spans;
}

function onlyCrmColumnsBetween(a: number, b: number, customColumns: Set<number>): boolean {
  for (let c = a + 1; c < b; c++) if (customColumns.has(c)) return false;
  return true;
}

/** Past this many blocks, a table's scattered updates are written in a few tall blocks instead. */
export const SCATTERED_AFTER = 8;

/** Scattered updates (the nightly refresh changes a status here and there on thousands of rows) as
 *  one tall block per column span, from the first changed row to the last: one Grid write instead of
 *  one per row, which on Google is the difference between minutes and a second. The rows between
 *  are rewritten with the values read, like the unchanged CRM cells inside a span (the caller checks
 *  first that no row between was moved). A span that holds a custom column is never stretched over
 *  rows where that column did not change: people put formulas there. */
export function scatteredAreas(areas: ChangedArea[], customColumns: Set<number>): { areas: ChangedArea[]; stretched: boolean } {
  if (areas.length <= SCATTERED_AFTER) return { areas, stretched: false };
  const bySpan = new Map<string, ChangedArea>();
  const kept: ChangedArea[] = [];
  for (const area of areas) {
    let custom = false;
    for (let c = area.firstColumn; c < area.firstColumn + area.columnCount; c++) if (customColumns.has(c)) custom = true;
    if (custom) {
      kept.push(area);
      continue;
    }
    const key = `${area.firstColumn}:${area.columnCount}`;
    const tall = bySpan.get(key);
    if (!tall) bySpan.set(key, { ...area });
    else {
      const last = Math.max(tall.firstRow + tall.rowCount, area.firstRow + area.rowCount);
      tall.firstRow = Math.min(tall.firstRow, area.firstRow);
      tall.rowCount = last - tall.firstRow;
    }
  }
  return { areas: [...bySpan.values(), ...kept], stretched: bySpan.size > 0 };
}
