/** A1 notation helpers. */

export interface GridRef {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  /** Notation to report from getA1Notation() for open-ended ranges such as B:B or 2:2. */
  notation?: string;
}

export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Notation(row: number, col: number, numRows: number, numCols: number): string {
  const start = columnLetters(col) + row;
  if (numRows === 1 && numCols === 1) return start;
  return start + ':' + columnLetters(col + numCols - 1) + (row + numRows - 1);
}

/** Splits "'My sheet'!A1:B2" into sheet name and range part. */
export function splitSheetName(a1: string): { sheet?: string; range: string } {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { range: a1 };
  let sheet = a1.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: a1.slice(bang + 1) };
}

const PART = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Parses A1, A1:C10, B:B, B2:B, 2:2 forms; returns null when the text is not a range. */
export function parseA1(text: string, maxRows: number, maxCols: number): GridRef | null {
  const pieces = text.trim().split(':');
  if (pieces.length > 2 || pieces.some((p) => p === '')) return null;
  const parts = pieces.map((p) => PART.exec(p));
  if (parts.some((p) => !p || (!p[1] && !p[2]))) return null;
  const cols = parts.map((p) => (p![1] ? columnNumber(p![1]) : undefined));
  const rows = parts.map((p) => (p![2] ? Number(p![2]) : undefined));
  if (rows.some((r) => r === 0)) return null;
  if (parts.length === 1) {
    if (cols[0] === undefined || rows[0] === undefined) return null;
    return { row: rows[0], col: cols[0], numRows: 1, numCols: 1 };
  }
  const [c1, c2] = cols;
  const [r1, r2] = rows;
  if ((c1 === undefined) !== (c2 === undefined)) return null; // "A1:5" is not valid
  if (c1 === undefined) {
    // whole rows: 2:2, 2:5
    const top = Math.min(r1!, r2!);
    const bottom = Math.max(r1!, r2!);
    return { row: top, col: 1, numRows: bottom - top + 1, numCols: maxCols, notation: `${top}:${bottom}` };
  }
  const left = Math.min(c1, c2!);
  const right = Math.max(c1, c2!);
  if (r1 === undefined || r2 === undefined) {
    // whole columns B:B, or open-ended B2:B
    const top = r1 ?? r2 ?? 1;
    const notation = r1 === undefined && r2 === undefined ? `${columnLetters(left)}:${columnLetters(right)}` : `${columnLetters(left)}${top}:${columnLetters(right)}`;
    return { row: top, col: left, numRows: Math.max(maxRows - top + 1, 0), numCols: right - left + 1, notation };
  }
  const top = Math.min(r1, r2);
  const bottom = Math.max(r1, r2);
  return { row: top, col: left, numRows: bottom - top + 1, numCols: right - left + 1 };
}
