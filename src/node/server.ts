import type { Cell } from '../core/schema/columns';
import { phonePage, sidebarFile } from '../core/i18n/sidebar-file';
import { ownLanguage } from '../services/access';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { setAssetReader } from '../core/assets';
import { basename, join } from 'node:path';
import { translate } from '../core/i18n';
import type { LocalCrm } from './local-crm';
import type { DatabaseCrm } from './database-crm';

/** What `crm serve` serves: a workbook or a database (a Google spreadsheet has Google's own sidebar). */
type Crm = LocalCrm | DatabaseCrm;
import localPage from './local-page.html';
import { RequestGuard, SECURITY_HEADERS } from './request-guard';
import { receiveDelivery } from '../services/intake/receive-delivery';
import { crmLanguage, unsubscribe, unsubscribeAnswer } from '../services/mail';

/** Rows of one sheet sent to the local page at most: the grid is a preview, the sidebar is the tool. */
const PREVIEW_ROWS = 500;
// An import sends its file as base64 in one request: the API takes up to 40 MB of it.
const MAX_BODY = 45 * 1024 * 1024;
/** A delivery to the intake is read up to this (Google takes 50 MB; the intake keeps 45,000 characters). */
const MAX_DELIVERY = 12 * 1024 * 1024;

/** The local runtime's web server. Every request must come from this machine's own page and carry the
 *  run's key (see request-guard.ts):
 *    GET  /?key=KEY      the local page: the workbook's sheets as read-only tabs, the sidebar beside them
 *    GET  /sidebar       dist/Sidebar.html (Sidebar_fr.html… by ?lang= or the person's language), byte for
 *                        byte what is shipped to Google
 *    POST /api/<action>  what google.script.run.<action>(input) does in Google, answered as JSON
 *    GET  /local/sheets  the sheets, for the local page;  GET /local/version  changes when the file does,
 *                        and says which row is selected
 *    POST /local/select  {sheet, row}: a row clicked in the local page (what selecting a row in Sheets is) */
export function startServer(crm: Crm, options: { port: number; distDir: string; key: string; host?: string }): Promise<Server> {
  // The sidebar's parts (sidebarPart) are project files in Google: here, the same files in dist/.
  setAssetReader((name) => readFileSync(join(options.distDir, `${name}.html`), 'utf8'));
  const guard = new RequestGuard(options.key, options.port);
  const server = createServer((req, res) => {
    handle(crm, options.distDir, guard, req, res).catch((error) =>
      send(res, 500, 'application/json', JSON.stringify({ ok: false, error: { code: 'internal', message: String(error?.message ?? error) } })),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const address = server.address();
      if (typeof address === 'object' && address) guard.listeningOn(address.port);
      resolve(server);
    });
  });
}

async function handle(crm: Crm, distDir: string, guard: RequestGuard, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const refusal = guard.check(req, url);
  if (refusal) {
    // Nothing of the request is read or acted on: say why, in the browser's language.
    const lang = String(req.headers['accept-language'] ?? '') || crm.runtime.identity.locale();
    const message = translate(lang, refusal.key);
    req.resume();
    if (req.method === 'GET' && !url.pathname.startsWith('/local/')) return send(res, refusal.status, 'text/plain; charset=utf-8', message);
    return send(res, refusal.status, 'application/json', JSON.stringify({ ok: false, error: { code: refusal.code, message } }));
  }
  if (req.method === 'GET' && url.pathname === '/') {
    const lang = url.searchParams.get('lang') ?? crm.runtime.identity.locale();
    // The page's title says what is served: a workbook, or a database.
    const named = (key: string) => (key === 'local.title' && crm.runtime.database ? 'local.title_database' : key);
    const page = localPage.replace(/\{\{(\w+(?:\.\w+)*)\}\}/g, (_, key: string) => escapeHtml(translate(lang, named(key), { file: basename(crm.path) })));
    return send(res, 200, 'text/html; charset=utf-8', page);
  }
  if (req.method === 'GET' && url.pathname === '/sidebar') {
    // The sidebar of the language asked for (`?lang=`), else the person's own choice, else English.
    const language = url.searchParams.get('lang') || ownLanguage(crm.runtime.userProperties) || crm.runtime.identity.locale();
    return send(res, 200, 'text/html; charset=utf-8', readFileSync(join(distDir, `${sidebarFile(language)}.html`)));
  }
  if (req.method === 'GET' && url.pathname === '/local/version') {
    return send(res, 200, 'application/json', JSON.stringify({ version: crm.version, selection: crm.runtime.selection.get() }));
  }
  if (req.method === 'POST' && url.pathname === '/local/select') {
    let position: { sheet?: unknown; row?: unknown };
    try {
      position = JSON.parse(await readBody(req));
    } catch {
      position = {};
    }
    const { sheet, row } = position;
    if (typeof sheet !== 'string' || !crm.runtime.grid.sheets.has(sheet) || !Number.isInteger(row) || (row as number) < 1) {
      return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'Expected {sheet: an existing sheet name, row: a row number from 1}' } }));
    }
    crm.runtime.selection.select({ sheet, row: row as number });
    return send(res, 200, 'application/json', JSON.stringify({ ok: true }));
  }
  if (req.method === 'GET' && url.pathname === '/local/sheets') {
    return send(res, 200, 'application/json', JSON.stringify(sheetsPreview(crm)));
  }
  if (url.pathname === '/exec') return webApp(crm, distDir, req, res, url);
  const action = /^\/api\/([A-Za-z]{1,80})$/.exec(url.pathname);
  if (req.method === 'POST' && action) {
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.trim() ? JSON.parse(body) : undefined;
    } catch (error) {
      return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid_input', message: `The request body is not valid JSON: ${(error as Error).message}` } }));
    }
    // The language the page speaks (as google.script.run passes it as a second argument in Google).
    const language = String(req.headers['x-crm-language'] ?? '').slice(0, 10);
    const answer = await crm.call(action[1], input, language || undefined);
    return send(res, 200, 'application/json', JSON.stringify(answer));
  }
  send(res, 404, 'text/plain; charset=utf-8', 'Not found');
}

/** What the web app answers in Google, at the same address: GET /exec is the staff page, POST
 *  /exec?source=NAME&token=TOKEN a delivery, queued then applied a moment later. */
async function webApp(crm: Crm, distDir: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const token = url.searchParams.get('unsubscribe');
  if (token) {
    req.resume();
    // GET: the opt-out and a page that says so; POST (a mail program's one-click): the opt-out.
    if (req.method === 'GET') return send(res, 200, 'text/html; charset=utf-8', await crm.intake((runtime) => unsubscribeAnswer(runtime, token, crmLanguage(runtime))));
    const outcome = await crm.intake((runtime) => unsubscribe(runtime, token));
    return send(res, outcome.done ? 200 : 400, 'application/json', JSON.stringify({ ok: outcome.done }));
  }
  // Mailchimp checks a webhook's address with a GET before it posts to it.
  if (req.method === 'GET' && url.searchParams.has('source')) return send(res, 200, 'text/plain; charset=utf-8', 'ok');
  if (req.method === 'GET') {
    const language = url.searchParams.get('lang') || ownLanguage(crm.runtime.userProperties) || crm.runtime.identity.locale();
    return send(res, 200, 'text/html; charset=utf-8', phonePage(readFileSync(join(distDir, `${sidebarFile(language)}.html`), 'utf8')));
  }
  // A body too large is still queued (its beginning, with the error), never lost unanswered.
  const body = await readDelivery(req, MAX_DELIVERY);
  const delivery = {
    source: url.searchParams.get('source') ?? '',
    token: url.searchParams.get('token') ?? '',
    body: body.text,
    size: body.size,
    contentType: String(req.headers['content-type'] ?? ''),
  };
  const answer = await crm.intake((runtime) => receiveDelivery(runtime, delivery));
  send(res, 200, 'application/json', JSON.stringify(answer));
}

function sheetsPreview(crm: Crm) {
  const grid = crm.runtime.grid;
  return {
    file: basename(crm.path),
    version: crm.version,
    sheets: [...grid.sheets.keys()].map((name) => {
      const rows = grid.read(name);
      return { name, total: Math.max(0, rows.length - 1), rows: rows.slice(0, PREVIEW_ROWS + 1), charts: chartData(crm, name, rows) };
    }),
  };
}

/** The Dashboard's charts as the local page draws them (bars: a label and a number per row), from the
 *  specs the Node charts adapter keeps beside the workbook: the .xlsx holds no native charts. */
function chartData(crm: Crm, sheet: string, rows: Cell[][]) {
  return crm.runtime.charts.chartsOf(sheet).map((chart) => {
    const { row, column, rows: height } = chart.range;
    const body = rows.slice(row, row - 1 + height);
    return { title: chart.title, bars: body.map((r) => ({ label: String(r[column - 1] ?? ''), value: Number(r[column]) || 0 })) };
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('the request is larger than 45 MB'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A delivery's body: its first `keep` bytes, and how many it had (the rest is read and dropped, so
 *  that the sender gets its answer). */
function readDelivery(req: IncomingMessage, keep: number): Promise<{ text: string; size: number }> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      if (size < keep) chunks.push(chunk.subarray(0, keep - size));
      size += chunk.length;
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), size }));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
