import type { Cell } from '../core/schema/columns';
import { dateStyleIndexes } from '../core/import/xlsx';
import { isoOfSerialDay } from '../core/dates';
import { ZipArchive, type StoredFile } from './zip-read';
import { STYLES } from './xlsx-fast-write';
import { SNAPSHOT_MIN_BYTES, snapshotKey, type Snapshots } from './snapshot';

/** What the workbook file holds, read fast: the zip's directory first (zip-read.ts), a sheet inflated
 *  and scanned in its bytes only when it is first used (`parse`), so a command reads the sheets it
 *  needs; big sheets come from their snapshot while unchanged (snapshot.ts). exceljs (which reads
 *  everything, slowly, into a heavy object model) is the fallback when this reader cannot read a file. */
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

/** `snapshots`: where the rows of big sheets are kept between commands (see snapshot.ts); `save` false
 *  reads them but writes none (the fold, which replaces the sheets it reads). */
export function readWorkbookFast(bytes: Uint8Array, snapshots?: { store: Snapshots; save: boolean } | null): FastWorkbook {
  // The zip's directory now; each sheet is inflated when it is first used.
  const archive = new ZipArchive(bytes);
  const sheetBytes = new Map<string, Uint8Array>();
  const inflate = (path: string) => {
    let found = sheetBytes.get(path);
    if (!found) sheetBytes.set(path, (found = unprefixedBytes(archive.read(path))));
    return found;
  };
  const text = (path: string) => unprefixed(decoder.decode(archive.read(path)));
  const rels = new Map<string, string>();
  const REL = /<Relationship\b([^>]*)\/?>/g;
  const relsXml = text('xl/_rels/workbook.xml.rels');
  for (let m = REL.exec(relsXml); m; m = REL.exec(relsXml))
    rels.set(
      attr(m[1], 'Id'),
      `xl/${attr(m[1], 'Target')
        .replace(/^\/?xl\//, '')
        .replace(/^\//, '')}`,
    );
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
  if (snapshots?.save) {
    const keys: string[] = [];
    for (const name of names) {
      const entry = archive.entries.get(paths.get(name)!);
      if (entry && entry.size >= SNAPSHOT_MIN_BYTES) keys.push(snapshotKey(name, entry.crc, entry.size, entry.compressedSize));
    }
    snapshots.store.keepOnly(keys);
  }
  return {
    names,
    stored: (name) => (isOurs() && archive.has(paths.get(name) ?? '') ? archive.stored(paths.get(name)!) : undefined),
    sharedTexts() {
      shared ??= sharedStrings(text('xl/sharedStrings.xml'));
      return Array.from({ length: shared.size }, (_, i) => shared!.get(i));
    },
    keywords: unescapeXml(/<cp:keywords>([\s\S]*?)<\/cp:keywords>/.exec(decoder.decode(archive.read('docProps/core.xml')))?.[1] ?? ''),
    parse(name) {
      const entry = archive.entries.get(paths.get(name) ?? '');
      const key = snapshots && entry && entry.size >= SNAPSHOT_MIN_BYTES ? snapshotKey(name, entry.crc, entry.size, entry.compressedSize) : null;
      const kept = key ? snapshots!.store.load(key) : undefined;
      if (kept) return kept;
      shared ??= sharedStrings(text('xl/sharedStrings.xml'));
      dates ??= dateStyleIndexes(text('xl/styles.xml'));
      const rows = parseSheet(bytesOf(name), shared, dates);
      sheetBytes.delete(paths.get(name)!); // parsed: its bytes are not needed any more
      if (key && snapshots!.save) snapshots!.store.save(key, rows);
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
        if (!found.has(column))
          found.set(
            column,
            formula
              .slice(1, -1)
              .split(',')
              .map((v) => v.replace(/""/g, '"')),
          );
      }
      return found;
    },
  };
}

/** Some programs (the .NET Open XML SDK among them) write every element with a namespace prefix
 *  (<x:row>): the prefix of the root element is taken away, so the XML reads as everyone else's. */
function unprefixed(xml: string): string {
  const prefix = /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*):/.exec(xml)?.[1];
  return prefix ? xml.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1') : xml;
}

function unprefixedBytes(bytes: Uint8Array): Uint8Array {
  const start = decoder.decode(bytes.subarray(0, 512));
  return /^\s*(?:<\?xml[^>]*\?>\s*)?<[A-Za-z_][\w.-]*:/.test(start) ? Buffer.from(unprefixed(decoder.decode(bytes)), 'utf8') : bytes;
}

/** The part of a sheet's XML before its rows (views, columns). */
function head(xml: string): string {
  const at = xml.indexOf('<sheetData');
  return at < 0 ? xml : xml.slice(0, at);
}

/** A sheet's rows, scanned in its bytes rather than decoded whole: each value is decoded on its own,
 *  so that no cell keeps the sheet's whole XML alive (a third of the memory), and nothing else is
 *  decoded at all. One pass: rows, cells and their values are found by their first bytes. */
function parseSheet(data: Uint8Array, shared: SharedStrings, dates: Set<number>): Cell[][] {
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const n = b.length;
  const rows: Cell[][] = [];
  let cells: Cell[] | null = null;
  let rowNumber = 0;
  // The cell being read: its column, type (t= as its letter; inlineStr 'i', str 1), style, and value.
  let column = -1;
  let type = 0;
  let style = -1;
  let text: string | null = null; // inline text so far (runs add up)
  let valueStart = -1;
  let valueEnd = -1;
  let i = b.indexOf('<sheetData');
  if (i < 0) return rows;
  for (;;) {
    while (i < n && b[i] !== 60 /* < */) i++;
    if (i >= n) break;
    const c1 = b[i + 1];
    if (c1 === 99 /* c */ && endsName(b[i + 2])) {
      // <c r="B12" s="1" t="s">: the attributes that matter, read in place.
      column = cells ? cells.length : 0;
      type = 0;
      style = -1;
      text = null;
      valueStart = valueEnd = -1;
      let j = i + 2;
      for (; j < n && b[j] !== 62; j++) {
        if (b[j] !== 61 /* = */ || b[j + 1] !== 34) continue;
        const name = b[j - 1];
        const from = j + 2;
        let to = from;
        while (to < n && b[to] !== 34) to++;
        if (b[j - 2] === 32 || b[j - 2] === 9 || b[j - 2] === 10 || b[j - 2] === 13) {
          if (name === 114 /* r */) column = columnAt(b, from, to);
          else if (name === 116 /* t */) type = to - from === 1 ? b[from] /* s, n, b, e, d */ : b[from] === 105 ? 105 /* inlineStr */ : 1; /* str */
          else if (name === 115 /* s */) style = numberAt(b, from, to);
        }
        j = to;
      }
      if (b[j - 1] === 47 /* <c/> */ && cells) cells[column] = '';
      i = j + 1;
      continue;
    }
    if (c1 === 118 /* v */ && endsName(b[i + 2])) {
      const open = tagEnd(b, i);
      if (b[open - 1] !== 47) {
        valueStart = open + 1;
        valueEnd = b.indexOf(60, valueStart);
      }
      i = open + 1;
      continue;
    }
    if (c1 === 116 /* t */ && endsName(b[i + 2])) {
      const open = tagEnd(b, i);
      if (b[open - 1] !== 47) {
        const end = b.indexOf(60, open + 1);
        text = (text ?? '') + decode(b, open + 1, end);
        i = end;
      } else i = open + 1;
      continue;
    }
    if (c1 === 47 /* </ */) {
      const c2 = b[i + 2];
      if (c2 === 99 /* </c> */ && b[i + 3] === 62) {
        if (cells) cells[column] = cellValue(b, type, style, text, valueStart, valueEnd, shared, dates);
      } else if (c2 === 114 && b[i + 3] === 111 /* </row> */) {
        if (cells) {
          for (let k = 0; k < cells.length; k++) if (cells[k] === undefined) cells[k] = '';
          rows[rowNumber - 1] = cells;
        }
        cells = null;
      } else if (c2 === 115 /* </sheetData> */) break;
      i = tagEnd(b, i) + 1;
      continue;
    }
    if (c1 === 114 && b[i + 2] === 111 && b[i + 3] === 119 && endsName(b[i + 4])) {
      // <row r="12">, or <row r="12"/> (an empty row).
      const open = tagEnd(b, i);
      rowNumber = rows.length + 1;
      for (let j = i + 4; j < open; j++) {
        if (b[j] === 114 && b[j + 1] === 61 && b[j + 2] === 34 && endsName(b[j - 1])) {
          let to = j + 3;
          while (to < open && b[to] !== 34) to++;
          rowNumber = numberAt(b, j + 3, to) || rowNumber;
          break;
        }
      }
      cells = b[open - 1] === 47 ? null : [];
      if (!cells) rows[rowNumber - 1] = [];
      i = open + 1;
      continue;
    }
    if (c1 === 114 && b[i + 2] === 80 && b[i + 3] === 104 /* <rPh>: a reading aid, not text */) {
      const end = b.indexOf('</rPh>', i);
      i = end < 0 ? n : end + 6;
      continue;
    }
    if (c1 === 102 /* <f> */ && endsName(b[i + 2])) {
      const open = tagEnd(b, i);
      i = b[open - 1] === 47 ? open + 1 : b.indexOf(60, open + 1);
      if (i < 0) break;
      continue;
    }
    i = tagEnd(b, i) + 1;
  }
  for (let k = 0; k < rows.length; k++) if (rows[k] === undefined) rows[k] = [];
  return rows;
}

/** After an element's name: a space, '>' or '/' (so that '<c' does not find '<col'). */
function endsName(byte: number): boolean {
  return byte === 32 || byte === 62 || byte === 47 || byte === 9 || byte === 10 || byte === 13;
}

/** Where the tag that starts at `i` ends (its '>'), quotes aside. */
function tagEnd(b: Buffer, i: number): number {
  let quoted = false;
  for (let j = i + 1; j < b.length; j++) {
    const c = b[j];
    if (c === 34) quoted = !quoted;
    else if (c === 62 && !quoted) return j;
  }
  return b.length;
}

/** "AB12" → 27 (the column, from 0). */
function columnAt(b: Buffer, from: number, to: number): number {
  let col = 0;
  for (let j = from; j < to; j++) {
    const c = b[j];
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col - 1;
}

function numberAt(b: Buffer, from: number, to: number): number {
  let v = 0;
  for (let j = from; j < to; j++) {
    const c = b[j];
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  return to > from ? v : NaN;
}

/** XML text → the value: ASCII read as it is, UTF-8 decoded; entities and Excel's escapes undone. */
function decode(b: Buffer, from: number, to: number): string {
  let ascii = true;
  for (let j = from; j < to; j++) {
    if (b[j] >= 128) {
      ascii = false;
      break;
    }
  }
  return unescapeXml(b.toString(ascii ? 'latin1' : 'utf8', from, to));
}

function cellValue(b: Buffer, type: number, style: number, text: string | null, start: number, end: number, shared: SharedStrings, dates: Set<number>): Cell {
  if (type === 105 /* inlineStr */) return text ?? '';
  if (start < 0) return '';
  if (type === 115 /* s */) {
    const index = numberAt(b, start, end);
    return shared.get(Number.isNaN(index) ? Number(b.toString('latin1', start, end)) : index);
  }
  if (type === 98 /* b */) return b[start] === 49;
  const raw = decode(b, start, end);
  if (type !== 0 && type !== 110 /* n */) return raw; // str, and anything unknown: as text
  const num = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(num)) return raw;
  if (dates.has(style)) return isoOfSerialDay(num);
  return num;
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
  for (let at = xml.indexOf('<si'); at >= 0;) {
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
