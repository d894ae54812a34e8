import type * as Fflate from 'fflate';
import type { ParsedFile } from './delimited';
import { nameColumns } from './delimited';
import { isoOfSerialDay } from '../dates';

/** The first sheet of an .xlsx file as the import's rows, read in plain JS (fflate for the zip, a few
 *  regular expressions for the XML Excel writes), so that it works the same in Apps Script, in Node and
 *  in a browser. Text cells come back exactly as stored; numbers as Excel holds them (a leading zero
 *  Excel already dropped cannot come back); cells formatted as dates as YYYY-MM-DD (with the time
 *  when there is one); TRUE/FALSE for booleans. Formulas are never evaluated: their last value is
 *  read. `line` is the sheet's row number. */

export function isXlsx(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** fflate builds its tables when it loads (some 20 ms): loaded on the first .xlsx only, never by the
 *  other calls, which all evaluate the whole Apps Script bundle. esbuild keeps a require() lazy. */
let fflate: typeof Fflate | undefined;
declare const require: (name: string) => unknown;

export function readXlsx(bytes: Uint8Array): ParsedFile {
  const { unzipSync, strFromU8 } = (fflate ??= require('fflate') as typeof Fflate);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return { delimiter: '', header: [], rows: [], problems: [{ line: 1, message: 'not a readable .xlsx file', key: 'import.bad_xlsx', params: { message: 'not a zip file' } }] };
  }
  const text = (name: string) => (files[name] ? strFromU8(files[name]) : '');
  const sheetPath = firstSheetPath(text('xl/workbook.xml'), text('xl/_rels/workbook.xml.rels'));
  const sheet = text(sheetPath);
  if (!sheet) return { delimiter: '', header: [], rows: [], problems: [{ line: 1, message: 'the workbook has no sheet', key: 'import.bad_xlsx', params: { message: 'no sheet' } }] };
  const shared = sharedStrings(text('xl/sharedStrings.xml'));
  const dateStyles = dateStyleIndexes(text('xl/styles.xml'));

  const byRow: { line: number; cells: string[] }[] = [];
  const ROW = /<row\b([^>]*)>([\s\S]*?)<\/row>|<row\b([^>]*)\/>/g;
  for (let m = ROW.exec(sheet); m; m = ROW.exec(sheet)) {
    const attrs = m[1] ?? m[3] ?? '';
    const line = Number(attr(attrs, 'r')) || byRow.length + 1;
    const cells: string[] = [];
    const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    for (let c = CELL.exec(m[2] ?? ''); c; c = CELL.exec(m[2] ?? '')) {
      const ref = attr(c[1], 'r');
      const column = ref ? columnIndex(ref) : cells.length;
      cells[column] = cellText(c[1], c[2] ?? '', shared, dateStyles);
    }
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    byRow.push({ line, cells });
  }
  const nonEmpty = byRow.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!nonEmpty.length) return { delimiter: '', header: [], rows: [], problems: [] };
  const [head, ...rest] = nonEmpty;
  let width = 0;
  for (const r of nonEmpty) for (let i = r.cells.length - 1; i >= width; i--) if (r.cells[i].trim() !== '') width = i + 1;
  const header = nameColumns(head.cells.slice(0, width), width);
  return { delimiter: '', header, rows: rest.map((r) => ({ line: r.line, cells: Array.from({ length: width }, (_, i) => r.cells[i] ?? '') })), problems: [] };
}

function attr(attrs: string, name: string): string {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return m ? m[1] : '';
}

function unescapeXml(s: string): string {
  return s
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
      e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : e === 'amp' ? '&' : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
    );
}

/** The text of a <si> or <is>: every <t> run joined (rich text has several), phonetic runs left out. */
function runsText(xml: string): string {
  let out = '';
  const T = /<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g;
  const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  for (let m = T.exec(withoutPhonetic); m; m = T.exec(withoutPhonetic)) out += unescapeXml(m[1] ?? '');
  return out;
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const SI = /<si\b[^>]*>([\s\S]*?)<\/si>|<si\b[^>]*\/>/g;
  for (let m = SI.exec(xml); m; m = SI.exec(xml)) out.push(runsText(m[1] ?? ''));
  return out;
}

/** The sheet the workbook lists first (not always sheet1.xml). */
function firstSheetPath(workbook: string, rels: string): string {
  const sheet = /<sheet\b([^>]*)\/?>/.exec(workbook);
  const rid = sheet ? attr(sheet[1], 'r:id') : '';
  if (rid) {
    const REL = /<Relationship\b([^>]*)\/?>/g;
    for (let m = REL.exec(rels); m; m = REL.exec(rels)) {
      if (attr(m[1], 'Id') !== rid) continue;
      const target = attr(m[1], 'Target')
        .replace(/^\/?xl\//, '')
        .replace(/^\//, '');
      return `xl/${target}`;
    }
  }
  return 'xl/worksheets/sheet1.xml';
}

/** Style indexes (cellXfs) whose number format shows a date: the built-in ones and custom formats with
 *  day, month or year in them. */
export function dateStyleIndexes(styles: string): Set<number> {
  const custom = new Map<number, string>();
  const NUMFMT = /<numFmt\b([^>]*)\/?>/g;
  for (let m = NUMFMT.exec(styles); m; m = NUMFMT.exec(styles)) custom.set(Number(attr(m[1], 'numFmtId')), unescapeXml(attr(m[1], 'formatCode')));
  const isDate = (id: number) => (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || /[dmyhs]/i.test((custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, ''));
  const out = new Set<number>();
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const XF = /<xf\b([^>]*)\/?>/g;
  let index = 0;
  for (let m = XF.exec(xfs); m; m = XF.exec(xfs), index++) if (isDate(Number(attr(m[1], 'numFmtId')))) out.add(index);
  return out;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '').toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function cellText(attrs: string, inner: string, shared: string[], dateStyles: Set<number>): string {
  const type = attr(attrs, 't');
  if (type === 'inlineStr') return runsText(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
  const value = unescapeXml(/<v\b[^>]*>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? '');
  if (type === 's') return shared[Number(value)] ?? '';
  if (type === 'str' || type === 'e') return value;
  if (type === 'b') return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
  if (value !== '' && dateStyles.has(Number(attr(attrs, 's')))) return isoOfSerialDay(Number(value));
  return value;
}
