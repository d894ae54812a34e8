import type { Cell } from './schema/columns';

/** Cells → CSV text that Excel, LibreOffice and Sheets open as it was: every field quoted when it holds
 *  the delimiter, a quote or a line break; a text that a spreadsheet would run as a formula (starting
 *  with = + - @, a tab or a carriage return) is prefixed with an apostrophe, so that opening an
 *  export never runs what a contact typed (OWASP's CSV injection advice). Numbers that are numbers
 *  stay numbers; booleans are TRUE/FALSE. `escapeFormulas: false` is for handing cells to our own
 *  import (an .xlsx file read by the CLI), where nothing is ever evaluated. */
export function toCsv(rows: Cell[][], delimiter = ',', options: { escapeFormulas?: boolean } = {}): string {
  const escape = options.escapeFormulas !== false;
  return rows.map((row) => row.map((cell) => field(cell, delimiter, escape)).join(delimiter)).join('\r\n') + '\r\n';
}

/** A text a spreadsheet would run, or one that already looks escaped ("'=x" typed by a person): both get
 *  one more apostrophe, so that `unescapeFormula` gives back exactly what was typed. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

function field(cell: Cell, delimiter: string, escapeFormulas: boolean): string {
  let text = typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell ?? '');
  if (escapeFormulas && typeof cell === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The reverse of the formula escape, for importing a CSV the CRM (or any OWASP-minded tool) exported:
 *  "'+33 6 12…" → "+33 6 12…", "''=x" → "'=x". A leading apostrophe before anything else ("'tis") is
 *  the person's own and stays. */
export function unescapeFormula(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
