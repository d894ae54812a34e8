// The browser build: the main file's require('stream') would break the Apps Script bundle.
import Papa from 'papaparse/papaparse.min.js';
import { fold } from '../text';
import { importMessage, type ImportMessageKey } from './messages';

/** What the parser could not read cleanly, with the physical line of the file it concerns. `message`
 *  is English; `key` and `params` let the sidebar say it in the person's language. */
export interface ParseProblem {
  line: number;
  message: string;
  key: ImportMessageKey;
  params: Record<string, string | number>;
}

export interface ParsedRow {
  /** The 1-based physical line of the file where the row starts. */
  line: number;
  cells: string[];
}

export interface ParsedFile {
  delimiter: string;
  header: string[];
  rows: ParsedRow[];
  problems: ParseProblem[];
}

/** The delimiters people's files use: Excel writes ';' where the decimal mark is a comma (France, Spain,
 *  Portugal, Brazil), ',' elsewhere; tab from copy-paste and "Text (tab delimited)"; '|' from old systems. */
export const DELIMITERS: readonly string[] = [',', ';', '\t', '|'];

/** Rows looked at to choose the delimiter, and how much text they may span. */
const SAMPLE_ROWS = 50;
const SAMPLE_CHARS = 65536;

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

function problem(line: number, key: ImportMessageKey, params: Record<string, string | number>): ParseProblem {
  return { line, key, params, message: importMessage(key, params) };
}

/** Line breaks in text[from, to): '\r\n', '\n' and a lone '\r' each count once. */
function breaksBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** How well a delimiter reads the first rows of a file: parsed for real (quotes included). */
interface Fit {
  /** Quote errors: a wrong delimiter leaves quotes in the middle of fields. */
  errors: number;
  /** Share of rows with as many fields as the header. */
  agreement: number;
  /** Rows read: a wrong delimiter makes quoted line breaks swallow rows. */
  rows: number;
  fields: number;
}

function fit(sample: string, delimiter: string): Fit | null {
  const counts: number[] = [];
  let errors = 0;
  Papa.parse<string[]>(sample, {
    delimiter,
    preview: SAMPLE_ROWS,
    step: (r) => {
      errors += r.errors.length;
      if (!isBlank(r.data)) counts.push(r.data.length);
    },
  });
  if (counts.length === 0 || counts[0] < 2) return null;
  return { errors, agreement: counts.filter((c) => c === counts[0]).length / counts.length, rows: counts.length, fields: counts[0] };
}

const better = (a: Fit, b: Fit) =>
  (a.errors === 0) !== (b.errors === 0) ? a.errors === 0 : a.agreement !== b.agreement ? a.agreement > b.agreement : a.rows !== b.rows ? a.rows > b.rows : a.fields > b.fields;

/** The delimiter that reads the first rows best: without quote errors, rows agreeing with the header's
 *  field count, more rows, then more columns. A French file's decimal commas vary from row to row, its
 *  ';' do not. A file with one column has no delimiter to find: ','. */
export function detectDelimiter(text: string): string {
  let sample = text.slice(0, SAMPLE_CHARS);
  if (text.length > SAMPLE_CHARS) sample = sample.slice(0, Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r')) + 1) || sample;
  let best = ',';
  let bestFit: Fit | null = null;
  for (const delimiter of DELIMITERS) {
    const f = fit(sample, delimiter);
    if (f && (!bestFit || better(f, bestFit))) [best, bestFit] = [delimiter, f];
  }
  return best;
}

/** Header names as a person can tell them apart: trimmed, an empty one called '(column 5)', a repeated
 *  one 'Email (2)'. Names are compared case- and accent-blind, as the header mapping reads them. */
export function nameColumns(raw: string[], width: number): string[] {
  const names = Array.from({ length: width }, (_, i) => (raw[i] ?? '').replace(/\s+/g, ' ').trim());
  const used = new Set<string>();
  const claimed = names.map((name) => {
    if (name === '' || used.has(fold(name))) return false;
    used.add(fold(name));
    return true;
  });
  return names.map((name, i) => {
    if (claimed[i]) return name;
    const base = name || `(column ${i + 1})`;
    let candidate = base;
    for (let n = 2; used.has(fold(candidate)); n++) candidate = `${base} (${n})`;
    used.add(fold(candidate));
    return candidate;
  });
}

/** Parses CSV/TSV text as people really have it: delimiter detected among , ; TAB | (or given); quoted
 *  fields with line breaks and doubled quotes; blank lines skipped; a header row that is empty or
 *  duplicated gets names ('(column 5)', 'Email (2)'); trailing empty columns (header and cells empty
 *  everywhere) dropped; rows shorter than the header padded with '', longer ones reported in problems
 *  (the extra cells kept under '(column N)' names). `line` is the 1-based physical line of the file
 *  where the row starts (so a quoted field with 2 line breaks moves later rows by 2). Every cell stays
 *  the exact text (no trimming, no type conversion: '00123', '+33 6…', '=SUM(A1)' are kept as they
 *  are). Papaparse's own errors (unclosed quotes…) become problems with the line. */
export function parseDelimited(text: string, options: { delimiter?: string } = {}): ParsedFile {
  // A BOM is never content; dropping it here keeps Papaparse's offsets equal to ours.
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter || detectDelimiter(input);
  const records: ParsedRow[] = [];
  const problems: ParseProblem[] = [];
  let rowStart = 0;
  let line = 1;
  Papa.parse<string[]>(input, {
    delimiter,
    quoteChar: '"',
    step: (result) => {
      for (const e of result.errors) {
        const at = typeof e.index === 'number' ? Math.max(rowStart, Math.min(e.index, input.length)) : rowStart;
        const errorLine = line + breaksBetween(input, rowStart, at);
        if (e.code === 'MissingQuotes') problems.push(problem(errorLine, 'import.unclosed_quote', { line: errorLine }));
        else if (e.code === 'InvalidQuotes') problems.push(problem(errorLine, 'import.bad_quote', { line: errorLine }));
      }
      if (!isBlank(result.data)) records.push({ line, cells: result.data });
      const next = result.meta.cursor;
      line += breaksBetween(input, rowStart, next);
      rowStart = next;
    },
  });
  return shape(records, problems, delimiter);
}

/** Header, widths and names once every row is known. */
function shape(records: ParsedRow[], problems: ParseProblem[], delimiter: string): ParsedFile {
  if (records.length === 0) return { delimiter, header: [], rows: [], problems };
  const [headerRow, ...dataRows] = records;
  let width = headerRow.cells.length;
  for (const r of dataRows) width = Math.max(width, r.cells.length);
  const emptyAt = (i: number) => (headerRow.cells[i] ?? '').trim() === '' && dataRows.every((r) => (r.cells[i] ?? '').trim() === '');
  while (width > 0 && emptyAt(width - 1)) width--;
  const header = nameColumns(headerRow.cells, width);
  const expected = headerRow.cells.length;
  const rows = dataRows.map((r) => {
    const extra: number[] = [];
    for (let i = expected; i < Math.min(r.cells.length, width); i++) if (r.cells[i].trim() !== '') extra.push(i);
    if (extra.length) {
      const params = { line: r.line, count: extra[extra.length - 1] + 1, expected, columns: extra.map((i) => `"${header[i]}"`).join(', ') };
      problems.push(problem(r.line, 'import.extra_cells', params));
    }
    const cells = r.cells.length >= width ? r.cells.slice(0, width) : r.cells.concat(Array(width - r.cells.length).fill(''));
    return { line: r.line, cells };
  });
  problems.sort((a, b) => a.line - b.line);
  return { delimiter, header, rows, problems };
}
