import type { Cell } from '../core/schema/columns';
import { dateStyleIndexes } from '../core/import/xlsx';
import { ZipArchive, type StoredFile } from './zip-read';
import { STYLES } from './xlsx-fast-write';

/** What the workbook file holds, read fast: fflate for the zip, a few regular expressions for the XML
 *  Excel, LibreOffice and exceljs write. A sheet's XML is only parsed when the sheet is first used
 *  (`parse`), so a command reads the sheets it needs. exceljs (which reads everything, slowly, into a
 *  heavy object model) is kept for writing, and as the fallback when this reader cannot read a file. */
export interface FastWorkbook {
  /** Sheet names in the workbook's order. */
  names: string[];
  /** The rows of a sheet, typed as the Grid port wants them (strings, numbers, booleans; dates as ISO). */
  parse(name: string): Cell[][];
  frozenRows(name: string): number;
  frozenColumns(name: string): number;
  widths(name: string): (number | undefined)[];
  /** List dropdowns by column (1-based). */
  choices(name: string): Map<number, string[]>;
  keywords: string;
  /** A sheet's part as stored in the file, to copy into the next save while the sheet is unchanged;
   *  undefined unless this CRM wrote the file (a sheet's cells point at the file's styles, which must
   *  be ours). */
  stored(name: string): StoredFile | undefined;
  /** The shared strings table, decoded, in order (copied sheets point into it). */
  sharedTexts(): string[];
}

const decoder = new TextDecoder();

export function readWorkbookFast(bytes: Uint8Array): FastWorkbook {
  // The zip's directory now; each sheet is inflated when it is first used.
  const archive = new ZipArchive(bytes);
  const sheetBytes = new Map<string, Uint8Array>();
  const inflate = (path: string) => {
    let found = sheetBytes.get(path);
    if (!found) sheetBytes.set(path, (found = archive.read(path)));
    return found;
  };
  const text = (path: string) => decoder.decode(archive.read(path));
  const rels = new Map<string, string>();
  const REL = /<Relationship\b([^>]*)\/?>/g;
  const relsXml = text('xl/_rels/workbook.xml.rels');
  for (let m = REL.exec(relsXml); m; m = REL.exec(relsXml)) rels.set(attr(m[1], 'Id'), `xl/${attr(m[1], 'Target').replace(/^\/?xl\//, '').replace(/^\//, '')}`);
  const names: string[] = [];
  const paths = new Map<string, string>();
  const SHEET = /<sheet\b([^>]*)\/?>/g;
  const workbook = text('xl/workbook.xml');
  for (let m = SHEET.exec(workbook); m; m = SHEET.exec(workbook)) {
    const name = unescapeXml(attr(m[1], 'name'));
    const path = rels.get(attr(m[1], 'r:id'));
    if (!path) throw new Error(`sheet "${name}" is missing from the file`);
    names.push(name);
    paths.set(name, path);
  }
  let shared: SharedStrings | null = null;
  let dates: Set<number> | null = null;
  // Views and columns come before a sheet's rows, dropdowns after them: reading either end of the XML
  // spares decoding a sheet nobody uses.
  const END = 65536;
  const bytesOf = (name: string) => {
    const path = paths.get(name)!;
    if (!archive.has(path)) throw new Error(`sheet "${name}" is missing from the file`);
    return inflate(path);
  };
  const headOf = (name: string) => head(decoder.decode(bytesOf(name).subarray(0, END)));
  const tailOf = (name: string) => decoder.decode(bytesOf(name).subarray(Math.max(0, bytesOf(name).length - END)));
  let ours: boolean | null = null;
  const isOurs = () => (ours ??= text('xl/styles.xml') === STYLES);
  return {
    names,
    stored: (name) => (isOurs() && archive.has(paths.get(name) ?? '') ? archive.stored(paths.get(name)!) : undefined),
    sharedTexts() {
      shared ??= sharedStrings(text('xl/sharedStrings.xml'));
      return Array.from({ length: shared.size }, (_, i) => shared!.get(i));
    },
    keywords: unescapeXml(/<cp:keywords>([\s\S]*?)<\/cp:keywords>/.exec(text('docProps/core.xml'))?.[1] ?? ''),
    parse(name) {
      shared ??= sharedStrings(text('xl/sharedStrings.xml'));
      dates ??= dateStyleIndexes(text('xl/styles.xml'));
      const rows = parseSheet(decoder.decode(bytesOf(name)), shared, dates);
      sheetBytes.delete(paths.get(name)!); // parsed: its bytes are not needed any more
      return rows;
    },
    frozenRows: (name) => Number(attr(/<pane\b([^>]*)\/?>/.exec(headOf(name))?.[1] ?? '', 'ySplit')) || 0,
    frozenColumns: (name) => Number(attr(/<pane\b([^>]*)\/?>/.exec(headOf(name))?.[1] ?? '', 'xSplit')) || 0,
    widths(name) {
      const out: (number | undefined)[] = [];
      const cols = /<cols>([\s\S]*?)<\/cols>/.exec(headOf(name))?.[1] ?? '';
      const COL = /<col\b([^>]*)\/?>/g;
      for (let m = COL.exec(cols); m; m = COL.exec(cols)) {
        const width = Number(attr(m[1], 'width'));
        for (let c = Number(attr(m[1], 'min')); c <= Number(attr(m[1], 'max')) && c < 16384; c++) out[c - 1] = width || undefined;
      }
      return out;
    },
    choices(name) {
      const found = new Map<number, string[]>();
      const xml = tailOf(name);
      const at = xml.lastIndexOf('<dataValidations');
      if (at < 0) return found;
      const DV = /<dataValidation\b([^>]*)>([\s\S]*?)<\/dataValidation>/g;
      const tail = xml.slice(at);
      for (let m = DV.exec(tail); m; m = DV.exec(tail)) {
        if (attr(m[1], 'type') !== 'list') continue;
        const formula = unescapeXml(/<formula1>([\s\S]*?)<\/formula1>/.exec(m[2])?.[1] ?? '');
        const ref = /^([A-Z]+)\d+/.exec(attr(m[1], 'sqref'));
        if (!ref || !/^".*"$/.test(formula)) continue;
        const column = columnIndex(ref[1]) + 1;
        if (!found.has(column)) found.set(column, formula.slice(1, -1).split(',').map((v) => v.replace(/""/g, '"')));
      }
      return found;
    },
  };
}

/** The part of a sheet's XML before its rows (views, columns). */
function head(xml: string): string {
  const at = xml.indexOf('<sheetData');
  return at < 0 ? xml : xml.slice(0, at);
}

function parseSheet(xml: string, shared: SharedStrings, dates: Set<number>): Cell[][] {
  const rows: Cell[][] = [];
  const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  for (let m = ROW.exec(xml); m; m = ROW.exec(xml)) {
    const r = Number(attr(m[1], 'r')) || rows.length + 1;
    const cells: Cell[] = [];
    const inner = m[2] ?? '';
    CELL.lastIndex = 0;
    for (let c = CELL.exec(inner); c; c = CELL.exec(inner)) {
      const ref = attr(c[1], 'r');
      const column = ref ? columnIndex(ref) : cells.length;
      cells[column] = cellValue(c[1], c[2] ?? '', shared, dates);
    }
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
    rows[r - 1] = cells;
  }
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return rows;
}

function cellValue(attrs: string, inner: string, shared: SharedStrings, dates: Set<number>): Cell {
  const type = attr(attrs, 't');
  if (type === 'inlineStr') return runsText(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
  const raw = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  if (raw === undefined) return '';
  if (type === 's') return shared.get(Number(raw));
  if (type === 'str' || type === 'e') return unescapeXml(raw);
  if (type === 'b') return raw === '1';
  const n = Number(raw);
  if (!Number.isFinite(n)) return unescapeXml(raw);
  if (dates.has(Number(attr(attrs, 's')))) return excelDate(n);
  return n;
}

function attr(attrs: string, name: string): string {
  const at = attrs.indexOf(` ${name}="`);
  if (at < 0) return '';
  const start = at + name.length + 3;
  return attrs.slice(start, attrs.indexOf('"', start));
}

const ENTITY = /&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g;
const entity = (_: string, e: string) =>
  e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : e === 'amp' ? '&' : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));

/** XML entities, then Excel's _xHHHH_ escapes (a scan, not a regular expression with a callback: the
 *  search index packs thousands of them into each of its big cells). */
function unescapeXml(s: string): string {
  if (s.indexOf('&') >= 0) s = s.replace(ENTITY, entity);
  let at = s.indexOf('_x');
  if (at < 0) return s;
  let out = '';
  let from = 0;
  while (at >= 0) {
    if (at + 6 < s.length && s.charCodeAt(at + 6) === 95 /* _ */ && isHex4(s, at + 2)) {
      out += s.slice(from, at) + String.fromCharCode(parseInt(s.slice(at + 2, at + 6), 16));
      from = at + 7;
      at = s.indexOf('_x', from);
    } else at = s.indexOf('_x', at + 1);
  }
  return out + s.slice(from);
}

function isHex4(s: string, at: number): boolean {
  for (let i = at; i < at + 4; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function runsText(xml: string): string {
  if (!xml.includes('<r>') && !xml.includes('<r ')) {
    const m = /<t\b[^>]*>([\s\S]*?)<\/t>/.exec(xml);
    return m ? unescapeXml(m[1]) : '';
  }
  let out = '';
  const T = /<t\b[^>]*>([\s\S]*?)<\/t>/g;
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  for (let m = T.exec(plain); m; m = T.exec(plain)) out += unescapeXml(m[1]);
  return out;
}

/** The shared strings table, each string cut out and unescaped only when a cell asks for it: the
 *  table holds every text of every sheet (notes, the search index), most of which a command never reads. */
interface SharedStrings {
  size: number;
  get(index: number): string;
}

function sharedStrings(xml: string): SharedStrings {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = xml.indexOf('<si'); at >= 0; ) {
    const close = xml.indexOf('>', at);
    if (xml.charCodeAt(close - 1) === 47 /* / : <si/> */) {
      starts.push(close + 1);
      ends.push(close + 1);
      at = xml.indexOf('<si', close);
      continue;
    }
    const end = xml.indexOf('</si>', close);
    if (end < 0) break;
    starts.push(close + 1);
    ends.push(end);
    at = xml.indexOf('<si', end);
  }
  const cache: (string | undefined)[] = new Array(starts.length);
  return {
    size: starts.length,
    get(index) {
      if (!(index >= 0 && index < starts.length)) return '';
      return (cache[index] ??= runsText(xml.slice(starts[index], ends[index])));
    },
  };
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/** Excel's day number → 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SS' (rounded to the second). */
function excelDate(serial: number): string {
  const ms = Math.round(((serial - 25569) * 86400000) / 1000) * 1000;
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}
