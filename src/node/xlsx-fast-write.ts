import { constants, crc32 as zlibCrc32, deflateRawSync } from 'node:zlib';
import type { StoredFile } from './zip-read';
import type { Cell } from '../core/schema/columns';

/** One sheet as the workbook file keeps it. */
export interface SheetToWrite {
  name: string;
  rows: Cell[][];
  /** Frozen header rows (at least the header) and columns. */
  frozenRows: number;
  frozenColumns: number;
  /** Column widths in characters; a column without one gets a width from its header. */
  widths: (number | undefined)[];
  /** List dropdowns by column (1-based), on the rows below the header. */
  choices: Map<number, string[]>;
  /** The sheet as the file being replaced stores it (a file this writer wrote), copied as it is
   *  (nothing else is read) when the sheet has not changed since. */
  stored?: StoredFile;
}

/** The .xlsx file of these sheets, written straight as the XML Excel, LibreOffice and Google Sheets
 *  read, a sheet at a time into a zip deflated by Node's zlib: a fraction of exceljs's time and memory
 *  (which builds an object per cell). A sheet unchanged since the file being replaced was written is
 *  copied from it as stored, and the shared strings it points at (`shared`) are carried over. Texts
 *  are inline in their cells, except the few that need Excel's escape (see SharedStrings). Text cells
 *  carry Excel's text format (`@`), so a person editing the file in Excel keeps text as text; the
 *  header is bold; `keywords` goes in the document properties. */
export function writeWorkbookFast(sheets: Iterable<SheetToWrite>, keywords: string, shared: string[] = [], now = new Date()): Uint8Array {
  const zip = new ZipWriter(now);
  const strings = new SharedStrings(shared);
  const names: string[] = [];
  for (const sheet of sheets) {
    names.push(sheet.name);
    const path = `xl/worksheets/sheet${names.length}.xml`;
    if (sheet.stored) {
      zip.add(path, [sheet.stored.data], sheet.stored.crc, sheet.stored.size, sheet.stored.method);
      continue;
    }
    const part = new Part(zip, path);
    writeSheet(part, sheet, strings);
    part.end();
  }
  const add = (path: string, xml: string) => {
    const part = new Part(zip, path);
    part.write(xml);
    part.end();
  };
  if (strings.size) {
    const part = new Part(zip, 'xl/sharedStrings.xml');
    strings.write(part);
    part.end();
  }
  add('[Content_Types].xml', contentTypes(names.length, strings.size > 0));
  add('_rels/.rels', ROOT_RELS);
  add('docProps/app.xml', APP);
  add('docProps/core.xml', core(keywords, now));
  add('xl/workbook.xml', workbookXml(names));
  add('xl/_rels/workbook.xml.rels', workbookRels(names.length, strings.size > 0));
  add('xl/styles.xml', STYLES);
  return zip.finish();
}

/** Style indexes in STYLES' cellXfs. */
const TEXT = 1;
const HEADER_TEXT = 2;
const HEADER_OTHER = 3;

function writeSheet(part: Part, sheet: SheetToWrite, strings: SharedStrings): void {
  const header = sheet.rows[0] ?? [];
  const letters: string[] = [];
  const letter = (c: number) => (letters[c] ??= columnLetter(c));
  part.write(
    `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><sheetViews><sheetView workbookViewId="0">${pane(Math.max(1, sheet.frozenRows), sheet.frozenColumns)}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`,
  );
  if (header.length) {
    let cols = '<cols>';
    for (let c = 0; c < header.length; c++) {
      const width = sheet.widths[c] ?? Math.min(40, Math.max(10, String(header[c] ?? '').length + 2));
      cols += `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`;
    }
    part.write(`${cols}</cols>`);
  }
  part.write('<sheetData>');
  for (let r = 0; r < sheet.rows.length; r++) {
    const values = sheet.rows[r];
    if (!values || !values.some((v) => v !== '' && v !== undefined && v !== null)) continue;
    let row = `<row r="${r + 1}">`;
    for (let c = 0; c < values.length; c++) {
      const value = values[c];
      if (value === '' || value === undefined || value === null) continue;
      const ref = `${letter(c)}${r + 1}`;
      if (typeof value === 'number' && Number.isFinite(value)) row += `<c r="${ref}"${r === 0 ? ` s="${HEADER_OTHER}"` : ''}><v>${value}</v></c>`;
      else if (typeof value === 'boolean') row += `<c r="${ref}"${r === 0 ? ` s="${HEADER_OTHER}"` : ''} t="b"><v>${value ? 1 : 0}</v></c>`;
      else {
        const text = String(value);
        const style = r === 0 ? HEADER_TEXT : TEXT;
        // Escaped texts go in the shared strings, where every reader decodes Excel's escapes.
        row += needsEscape(text) ? `<c r="${ref}" s="${style}" t="s"><v>${strings.index(text)}</v></c>` : `<c r="${ref}" s="${style}" t="inlineStr"><is>${textElement(text)}</is></c>`;
      }
    }
    part.write(`${row}</row>`);
  }
  part.write('</sheetData>');
  if (sheet.choices.size) {
    const last = Math.max(sheet.rows.length, 1) + CHOICE_ROWS;
    let rules = '';
    for (const [column, values] of sheet.choices) {
      const list = `"${values.map((v) => v.replace(/"/g, '""')).join(',')}"`;
      const l = letter(column - 1);
      rules += `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${l}2:${l}${last}"><formula1>${escapeXml(list)}</formula1></dataValidation>`;
    }
    part.write(`<dataValidations count="${sheet.choices.size}">${rules}</dataValidations>`);
  }
  part.write('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
}

/** Rows a dropdown covers below the header: the rows there are, and room for a few hundred more. */
const CHOICE_ROWS = 500;

function pane(rows: number, columns: number): string {
  const topLeft = `${columnLetter(columns)}${rows + 1}`;
  const active = columns ? 'bottomRight' : 'bottomLeft';
  return `<pane${columns ? ` xSplit="${columns}"` : ''} ySplit="${rows}" topLeftCell="${topLeft}" activePane="${active}" state="frozen"/><selection pane="${active}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
}

/** A file of the zip, deflated (by Node's zlib, at its fastest level) as it is written, in chunks of
 *  about a megabyte: each chunk ends with a sync flush, so the chunks make one deflate stream. */
class Part {
  private buffer = '';
  private readonly compressed: Buffer[] = [];
  private crc = 0;
  private size = 0;

  constructor(
    private readonly zip: ZipWriter,
    private readonly path: string,
  ) {}

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length > 1 << 20) this.flush(false);
  }

  end(): void {
    this.flush(true);
    this.zip.add(this.path, this.compressed, this.crc, this.size);
  }

  private flush(final: boolean): void {
    const bytes = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    this.compressed.push(deflateRawSync(bytes, { level: 1, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }));
  }
}

/** A .zip archive in memory: each file's header, its deflated bytes, then the central directory.
 *  File names are UTF-8; no file or archive may pass 4 GB (no ZIP64). */
class ZipWriter {
  private readonly out: Uint8Array[] = [];
  private readonly directory: Buffer[] = [];
  private offset = 0;
  private readonly time: number;
  private readonly date: number;

  constructor(now: Date) {
    this.time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    this.date = ((Math.max(1980, now.getFullYear()) - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  }

  add(path: string, data: Uint8Array[], crc: number, size: number, method = 8): void {
    const name = Buffer.from(path, 'utf8');
    let compressed = 0;
    for (const chunk of data) compressed += chunk.length;
    if (size >= 0xffffffff || compressed >= 0xffffffff || this.offset >= 0xffffffff) throw new Error(`${path} is too big for the workbook file (4 GB)`);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    this.fields(header, 4, method, crc, compressed, size, name.length);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    this.fields(entry, 6, method, crc, compressed, size, name.length);
    entry.writeUInt32LE(this.offset, 42);
    this.directory.push(entry, name);
    this.out.push(header, name, ...data);
    this.offset += header.length + name.length + compressed;
  }

  /** version needed, flags (UTF-8 names), method, time, date, crc, sizes, name length. */
  private fields(b: Buffer, at: number, method: number, crc: number, compressed: number, size: number, nameLength: number): void {
    b.writeUInt16LE(20, at);
    b.writeUInt16LE(0x0800, at + 2);
    b.writeUInt16LE(method, at + 4);
    b.writeUInt16LE(this.time, at + 6);
    b.writeUInt16LE(this.date, at + 8);
    b.writeUInt32LE(crc >>> 0, at + 10);
    b.writeUInt32LE(compressed, at + 14);
    b.writeUInt32LE(size, at + 18);
    b.writeUInt16LE(nameLength, at + 22);
  }

  finish(): Uint8Array {
    let size = 0;
    for (const part of this.directory) size += part.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.directory.length / 2, 8);
    end.writeUInt16LE(this.directory.length / 2, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(this.offset, 16);
    return Buffer.concat([...this.out, ...this.directory, end]);
  }
}

/** CRC-32 as zip wants it: Node's own (Node 20.15 and later), or a table when Node is older. */
const crc32: (data: Uint8Array, value: number) => number = (zlibCrc32 as ((data: Uint8Array, value: number) => number) | undefined) ?? tableCrc32;

let table: Int32Array | null = null;
export function tableCrc32(data: Uint8Array, value: number): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** The workbook's table of shared texts. Only texts that need Excel's _xHHHH_ escape (control
 *  characters, carriage returns, lone surrogates, a literal "_x0041_") go there: every reader decodes
 *  the escape in shared strings, not all do in inline ones. A table carried over from the file being
 *  replaced (`carried`) keeps its indexes, which the copied sheets point at. */
class SharedStrings {
  private readonly indexes = new Map<string, number>();
  private readonly texts: string[];

  constructor(carried: string[]) {
    this.texts = carried.slice();
    carried.forEach((text, i) => this.indexes.has(text) || this.indexes.set(text, i));
  }

  get size(): number {
    return this.texts.length;
  }

  index(text: string): number {
    let found = this.indexes.get(text);
    if (found === undefined) {
      found = this.texts.length;
      this.indexes.set(text, found);
      this.texts.push(text);
    }
    return found;
  }

  write(part: Part): void {
    part.write(`${XML}<sst xmlns="${MAIN}" uniqueCount="${this.texts.length}">`);
    for (const text of this.texts) part.write(`<si>${textElement(escapeText(text))}</si>`);
    part.write('</sst>');
  }
}

/** A text as an XML <t> element, its spaces kept where XML would drop them. */
function textElement(text: string): string {
  const escaped = escapeXml(text);
  const c0 = text.charCodeAt(0);
  const cn = text.charCodeAt(text.length - 1);
  return c0 <= 32 || cn <= 32 || text.includes('\n') ? `<t xml:space="preserve">${escaped}</t>` : `<t>${escaped}</t>`;
}

/** Text in XML (element text and attribute values). */
function escapeXml(text: string): string {
  return /[&<>"]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : text;
}

/** XML cannot carry control characters, turns '\r\n' into '\n', and U+FFFE, U+FFFF and lone
 *  surrogates make a file that readers refuse. Excel's own escape carries them: _xHHHH_, which
 *  Excel, exceljs and our reader decode. A literal "_x0041_" in the text is escaped in turn (as
 *  "_x005F_x0041_") so that reading does not decode it into "A". */
const UNSAFE = /_(?=x[0-9A-Fa-f]{4}_)|[\0-\x08\x0B-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function needsEscape(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

function escapeText(text: string): string {
  return text.replace(UNSAFE, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** 0 → A, 25 → Z, 26 → AA. */
function columnLetter(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

function contentTypes(sheets: number, strings: boolean): string {
  const type = (kind: string) => `application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml`;
  let overrides = `<Override PartName="/xl/workbook.xml" ContentType="${type('sheet.main')}"/>`;
  for (let i = 1; i <= sheets; i++) overrides += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${type('worksheet')}"/>`;
  overrides +=
    (strings ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${type('sharedStrings')}"/>` : '') +
    `<Override PartName="/xl/styles.xml" ContentType="${type('styles')}"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>';
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`;
}

const ROOT_RELS =
  `${XML}<Relationships xmlns="${PKG_RELS}">` +
  `<Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${PKG_RELS}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${DOC_RELS}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const APP = `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Sheets CRM</Application></Properties>`;

function core(keywords: string, now: Date): string {
  const when = `${now.toISOString().slice(0, 19)}Z`;
  return (
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>Sheets CRM</dc:creator><cp:keywords>${escapeXml(keywords)}</cp:keywords>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

function workbookXml(names: string[]): string {
  const sheets = names.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return `${XML}<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`;
}

function workbookRels(sheets: number, strings: boolean): string {
  let rels = '';
  for (let i = 1; i <= sheets; i++) rels += `<Relationship Id="rId${i}" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  rels += `<Relationship Id="rId${sheets + 1}" Type="${DOC_RELS}/styles" Target="styles.xml"/>`;
  if (strings) rels += `<Relationship Id="rId${sheets + 2}" Type="${DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>`;
  return `${XML}<Relationships xmlns="${PKG_RELS}">${rels}</Relationships>`;
}

/** Four cell styles: the default, text (`@`, number format 49), the bold text header, a bold header. */
export const STYLES =
  `${XML}<styleSheet xmlns="${MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
