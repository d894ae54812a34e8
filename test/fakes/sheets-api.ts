import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local fake of the Sheets API v4 endpoints the command line uses (spreadsheets.get,
 *  values.batchGet, values.batchUpdate, values.append, spreadsheets.batchUpdate for sheets, rows,
 *  dropdowns and protections), as strict as Google where Google is strict:
 *  - a bearer token is required (401 without, 403 for another one);
 *  - a values range past a sheet's grid is refused ("exceeds grid limits"), as Google does;
 *  - a cell holds at most 50,000 characters, a spreadsheet 10,000,000 cells;
 *  - `quota` requests per `windowMs` per token, then 429 RESOURCE_EXHAUSTED;
 *  - values written USER_ENTERED are parsed as Sheets parses typing (numbers, TRUE/FALSE, leading
 *    zeros lost), so that an adapter writing anything but RAW is caught; RAW keeps text as text;
 *  - reads leave out trailing empty rows and cells, as Google's do;
 *  - every row below the frozen ones cannot be deleted, as in Sheets;
 *  - a date a person typed (typeDate) is a number underneath: read as its serial number by default
 *    (dateTimeRenderOption SERIAL_NUMBER), as the text its format shows with FORMATTED_STRING. */

/** A cell a person typed a date, a time or a duration into. */
interface TypedDate {
  serial: number;
  shown: string;
}
type Value = string | number | boolean | TypedDate;

interface FakeSheet {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  rows: Value[][];
  validations: unknown[];
  protectedRanges: unknown[];
}

export interface SheetsFake {
  url: string;
  token: string;
  spreadsheetId: string;
  sheets: FakeSheet[];
  /** Every request, with its status. */
  log: { method: string; path: string; status: number }[];
  quota: { requests: number; windowMs: number };
  close(): Promise<void>;
  values(sheet: string): Value[][];
  /** A date typed by a person into a cell (1-based row and column): `serial` days since 1899-12-30,
   *  shown as `shown` in the cell's format and the spreadsheet's locale. */
  typeDate(sheet: string, row: number, column: number, serial: number, shown: string): void;
}

const MAX_CELLS = 10_000_000;
const MAX_CHARS = 50_000;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** `'Name'!A1:C10`, `Name!1:1`, `'Name'!A1`, `Name` → the sheet and 0-based bounds (end exclusive; undefined: open). */
export function parseRange(range: string): { sheet: string; r0: number; c0: number; r1?: number; c1?: number } {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))(?:!(.*))?$/.exec(range);
  if (!m) throw new Error(`Unable to parse range: ${range}`);
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const a1 = m[3];
  if (!a1) return { sheet, r0: 0, c0: 0 };
  const [from, to] = a1.split(':');
  const cell = (s: string) => {
    const p = /^([A-Za-z]*)(\d*)$/.exec(s);
    if (!p) throw new Error(`Unable to parse range: ${range}`);
    return { c: p[1] ? columnNumber(p[1]) : undefined, r: p[2] ? Number(p[2]) : undefined };
  };
  const a = cell(from);
  const b = to === undefined ? a : cell(to);
  return { sheet, r0: (a.r ?? 1) - 1, c0: (a.c ?? 1) - 1, r1: b.r, c1: b.c };
}

function userEntered(v: Value): Value {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (/^(true|false)$/i.test(t)) return t.toUpperCase() === 'TRUE';
  return v;
}

export async function startSheetsFake(options: { quota?: number; windowMs?: number } = {}): Promise<SheetsFake> {
  const spreadsheetId = 'sheet_1AbCdEf';
  const token = 'fake-access-token';
  let nextId = 1;
  const fake: Omit<SheetsFake, 'url' | 'close'> = {
    token,
    spreadsheetId,
    sheets: [{ sheetId: 0, title: 'Sheet1', rowCount: 1000, columnCount: 26, frozenRowCount: 0, rows: [], validations: [], protectedRanges: [] }],
    log: [],
    quota: { requests: options.quota ?? 1000, windowMs: options.windowMs ?? 60_000 },
    values: (sheet) => find(sheet).rows,
    typeDate: (sheet, row, column, serial, shown) => {
      const r = (find(sheet).rows[row - 1] ??= []);
      while (r.length < column - 1) r.push('');
      r[column - 1] = { serial, shown };
    },
  };
  const used: number[] = [];
  const cells = () => fake.sheets.reduce((n, s) => n + s.rowCount * s.columnCount, 0);
  const find = (title: string) => {
    const s = fake.sheets.find((x) => x.title === title);
    if (!s) throw Object.assign(new Error(`Unable to parse range: ${title}`), { status: 400 });
    return s;
  };
  const byId = (id: number) => {
    const s = fake.sheets.find((x) => x.sheetId === id);
    if (!s) throw Object.assign(new Error(`No grid with id: ${id}`), { status: 400 });
    return s;
  };
  const refuse = (status: number, message: string) => Object.assign(new Error(message), { status });

  const write = (range: string, values: Value[][], option: string) => {
    if (option !== 'RAW' && option !== 'USER_ENTERED') throw refuse(400, `Invalid valueInputOption: ${option}`);
    const { sheet, r0, c0 } = parseRange(range);
    const s = find(sheet);
    const width = values.reduce((w, r) => Math.max(w, r.length), 0);
    if (r0 + values.length > s.rowCount || c0 + width > s.columnCount) throw refuse(400, `Range (${range}) exceeds grid limits. Max rows: ${s.rowCount}, max columns: ${s.columnCount}`);
    values.forEach((row, k) =>
      row.forEach((v, c) => {
        if (typeof v === 'string' && v.length > MAX_CHARS) throw refuse(400, `Your input contains more than the maximum of ${MAX_CHARS} characters in a single cell.`);
        const r = (s.rows[r0 + k] ??= []);
        while (r.length < c0 + c) r.push('');
        r[c0 + c] = option === 'RAW' ? v : userEntered(v);
      }),
    );
  };

  const read = (range: string, dates: string): Value[][] => {
    const { sheet, r0, c0, r1, c1 } = parseRange(range);
    const s = find(sheet);
    const shown = (v: Value | undefined) => (v === undefined ? '' : typeof v === 'object' ? (dates === 'FORMATTED_STRING' ? v.shown : v.serial) : v);
    const out = s.rows.slice(r0, r1 ?? s.rows.length).map((r) => {
      const row = (r ?? []).slice(c0, c1 ?? r?.length ?? 0).map(shown);
      while (row.length && row[row.length - 1] === '') row.pop();
      return row;
    });
    while (out.length && out[out.length - 1].length === 0) out.pop();
    return out;
  };

  const request = (r: Record<string, any>) => {
    const [kind] = Object.keys(r);
    const body = r[kind];
    switch (kind) {
      case 'addSheet': {
        const p = body.properties ?? {};
        if (fake.sheets.some((s) => s.title === p.title)) throw refuse(400, `Invalid requests[0].addSheet: A sheet with the name "${p.title}" already exists. Please enter another name.`);
        const g = p.gridProperties ?? {};
        const s: FakeSheet = {
          sheetId: nextId++,
          title: p.title,
          rowCount: g.rowCount ?? 1000,
          columnCount: g.columnCount ?? 26,
          frozenRowCount: g.frozenRowCount ?? 0,
          rows: [],
          validations: [],
          protectedRanges: [],
        };
        if (cells() + s.rowCount * s.columnCount > MAX_CELLS) throw refuse(400, `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
        fake.sheets.push(s);
        return {
          addSheet: {
            properties: { sheetId: s.sheetId, title: s.title, index: fake.sheets.length - 1, gridProperties: { rowCount: s.rowCount, columnCount: s.columnCount, frozenRowCount: s.frozenRowCount } },
          },
        };
      }
      case 'deleteSheet':
        fake.sheets = fake.sheets.filter((s) => s !== byId(body.sheetId));
        return {};
      case 'appendDimension': {
        const s = byId(body.sheetId);
        const more = body.dimension === 'ROWS' ? body.length * s.columnCount : body.length * s.rowCount;
        if (cells() + more > MAX_CELLS) throw refuse(400, `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
        if (body.dimension === 'ROWS') s.rowCount += body.length;
        else s.columnCount += body.length;
        return {};
      }
      case 'deleteDimension': {
        const { sheetId, dimension, startIndex, endIndex } = body.range;
        const s = byId(sheetId);
        if (dimension !== 'ROWS') throw refuse(400, 'Only rows in this fake');
        // Google keeps at least one row below the frozen ones.
        if (s.rowCount - (endIndex - startIndex) <= s.frozenRowCount) throw refuse(400, 'Invalid requests[0].deleteDimension: Sorry, it is not possible to delete all non-frozen rows.');
        s.rows.splice(startIndex, endIndex - startIndex);
        s.rowCount -= endIndex - startIndex;
        return {};
      }
      case 'setDataValidation':
        byId(body.range.sheetId).validations.push(body);
        return {};
      case 'addProtectedRange':
        byId(body.protectedRange.range.sheetId).protectedRanges.push(body.protectedRange);
        return { addProtectedRange: { protectedRange: body.protectedRange } };
      default:
        throw refuse(400, `Invalid requests[0]: unknown request ${kind}`);
    }
  };

  const route = (method: string, path: string, query: URLSearchParams, body: any): unknown => {
    const m = /^\/v4\/spreadsheets\/([^/:]+)(.*)$/.exec(path);
    if (!m) throw refuse(404, 'Not found');
    if (m[1] !== spreadsheetId) throw refuse(404, 'Requested entity was not found.');
    const rest = decodeURIComponent(m[2]);
    if (method === 'GET' && rest === '')
      return {
        spreadsheetId,
        properties: { title: 'CRM' },
        sheets: fake.sheets.map((s, index) => ({
          properties: { sheetId: s.sheetId, title: s.title, index, gridProperties: { rowCount: s.rowCount, columnCount: s.columnCount, frozenRowCount: s.frozenRowCount } },
        })),
      };
    if (method === 'GET' && rest === '/values:batchGet') {
      if (query.get('valueRenderOption') !== 'UNFORMATTED_VALUE') throw refuse(400, 'The fake serves unformatted values only');
      const ranges = [...query.entries()].filter(([k]) => k === 'ranges' || /^ranges\[\d*\]$/.test(k)).map(([, v]) => v);
      const dates = query.get('dateTimeRenderOption') ?? 'SERIAL_NUMBER';
      if (dates !== 'SERIAL_NUMBER' && dates !== 'FORMATTED_STRING') throw refuse(400, `Invalid value at 'date_time_render_option' (${dates})`);
      return { spreadsheetId, valueRanges: ranges.map((range) => ({ range, majorDimension: 'ROWS', values: read(range, dates) })) };
    }
    if (method === 'POST' && rest === '/values:batchUpdate') {
      for (const d of body.data ?? []) write(d.range, d.values ?? [], body.valueInputOption);
      return { spreadsheetId, totalUpdatedCells: (body.data ?? []).reduce((n: number, d: any) => n + (d.values ?? []).reduce((k: number, r: Value[]) => k + r.length, 0), 0) };
    }
    const append = /^\/values\/(.+):append$/.exec(rest);
    if (method === 'POST' && append) {
      const { sheet } = parseRange(append[1]);
      const s = find(sheet);
      const values: Value[][] = body.values ?? [];
      let last = s.rows.length;
      while (last > 0 && !(s.rows[last - 1] ?? []).some((v) => v !== '' && v !== undefined)) last--;
      if (query.get('insertDataOption') === 'INSERT_ROWS' || last + values.length > s.rowCount) {
        const grow = Math.max(0, last + values.length - s.rowCount) || (query.get('insertDataOption') === 'INSERT_ROWS' ? values.length : 0);
        if (cells() + grow * s.columnCount > MAX_CELLS) throw refuse(400, `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
        s.rowCount += grow;
      }
      write(`'${sheet.replace(/'/g, "''")}'!A${last + 1}`, values, query.get('valueInputOption') ?? '');
      return { spreadsheetId, updates: { updatedRows: values.length } };
    }
    if (method === 'POST' && rest === ':batchUpdate') {
      // All or nothing, as Google applies a batch.
      const saved = JSON.stringify(fake.sheets);
      try {
        return { spreadsheetId, replies: (body.requests ?? []).map(request) };
      } catch (error) {
        fake.sheets = JSON.parse(saved);
        throw error;
      }
    }
    throw refuse(404, `No such endpoint: ${method} ${rest}`);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        fake.log.push({ method: req.method ?? '', path: url.pathname, status });
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, message: string, reason: string) => send(status, { error: { code: status, message, status: reason } });
      const auth = String(req.headers.authorization ?? '');
      if (!auth.startsWith('Bearer ')) return error(401, 'Request is missing required authentication credential.', 'UNAUTHENTICATED');
      if (auth !== `Bearer ${token}`) return error(403, 'The caller does not have permission', 'PERMISSION_DENIED');
      const now = Date.now();
      while (used.length && used[0] <= now - fake.quota.windowMs) used.shift();
      if (used.length >= fake.quota.requests)
        return error(429, "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute per user' of service 'sheets.googleapis.com'.", 'RESOURCE_EXHAUSTED');
      used.push(now);
      try {
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        send(200, route(req.method ?? 'GET', url.pathname, url.searchParams, body));
      } catch (e) {
        const status = (e as { status?: number }).status ?? 400;
        error(status, (e as Error).message, status === 404 ? 'NOT_FOUND' : 'INVALID_ARGUMENT');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake as SheetsFake, {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
