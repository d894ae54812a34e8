import type { Cell } from '../core/schema/columns';
import type { Block } from '../ports/grid';

/** Apps Script's default number format: "automatic", numbers shown as typed. */
export const AUTOMATIC = '0.###############';
export const PLAIN_TEXT = '@';
/** No format is set: a number cell keeps the format the team gave it (a currency on amounts, a date
 *  format), since only text needs one ('@', so that Sheets stores it as typed). */
export const KEEP = '';

/** The number format a column of a block needs: plain text when it holds text (so Sheets stores it as
 *  typed), none (KEEP) when it holds numbers or booleans, whose cells keep the format people chose.
 *  Empty cells follow their column, so that an empty amount keeps its format for the person who
 *  types one in later; a column with nothing but empty cells is text, the safe default. A column
 *  mixing text and numbers (only custom columns can) is decided cell by cell. */
export function columnFormats(values: Cell[][]): (string | null)[] {
  const width = values[0]?.length ?? 0;
  const formats: (string | null)[] = [];
  for (let c = 0; c < width; c++) {
    let text = false;
    let other = false;
    for (const row of values) {
      const v = row[c];
      if (v === '') continue;
      if (typeof v === 'string') text = true;
      else other = true;
    }
    formats.push(text && other ? null : other ? KEEP : PLAIN_TEXT);
  }
  return formats;
}

export function cellFormat(columnFormat: string | null, cell: Cell): string {
  return columnFormat ?? (typeof cell === 'string' ? PLAIN_TEXT : KEEP);
}

/** The same formats for a whole block, as setNumberFormats takes them. */
export function blockFormats(values: Cell[][]): string[][] {
  const formats = columnFormats(values);
  return values.map((row) => row.map((cell, c) => cellFormat(formats[c], cell)));
}

/** Formats for blocks as A1 ranges grouped by format, for one RangeList call per format (KEEP left out). */
export function rangesByFormat(blocks: Block[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (format: string, a1: string) => {
    if (format === KEEP) return;
    const list = out.get(format);
    if (list) list.push(a1);
    else out.set(format, [a1]);
  };
  for (const { row, column, values } of blocks) {
    const formats = columnFormats(values);
    const lastRow = row + values.length - 1;
    for (let c = 0; c < formats.length;) {
      const format = formats[c];
      if (format === null) {
        values.forEach((r, i) => add(cellFormat(null, r[c]), a1(row + i, column + c, row + i, column + c)));
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < formats.length && formats[end + 1] === format) end++;
      add(format, a1(row, column + c, lastRow, column + end));
      c = end + 1;
    }
  }
  return out;
}

function a1(r1: number, c1: number, r2: number, c2: number): string {
  const start = `${letters(c1)}${r1}`;
  return r1 === r2 && c1 === c2 ? start : `${start}:${letters(c2)}${r2}`;
}

function letters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
