import { readFileSync } from 'node:fs';
import { SyncWorker, WorkerError } from './sync-worker';

/** Google's Sheets API v4 for the command line, reached through `@googleapis/sheets` (its client
 *  signs in with a service account, a person's OAuth refresh token or an access token) in a worker
 *  thread that each call waits on (SyncWorker), so that the CRM's synchronous services run on a
 *  real spreadsheet as they do in Apps Script.
 *
 *  - Values are written `RAW` (never parsed into numbers, dates or formulas) and read unformatted
 *    (a date a person typed: sheets-grid.ts).
 *  - A refusal for quota (429: 60 requests a minute per person) or a server error (5xx) is retried
 *    with exponential backoff, the server's Retry-After first, up to 8 times.
 *  - Credentials: the JSON file named by CRM_GOOGLE_CREDENTIALS (or GOOGLE_APPLICATION_CREDENTIALS); the
 *    API's address may be changed with CRM_SHEETS_API_URL (a proxy, the tests' fake). */

export interface SheetProperties {
  sheetId: number;
  title: string;
  index: number;
  gridProperties: { rowCount: number; columnCount: number; frozenRowCount?: number };
}

export type ApiCell = string | number | boolean;

/** A refusal of the API, with its HTTP status and Google's message. */
export class SheetsApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const ANSWER_WAIT_MS = 10 * 60 * 1000;

const WORKER = `
const { sheets, auth } = require(workerData.lib);
const { credentials, rootUrl, backoffMs } = workerData;
function client() {
  if (credentials.access_token) {
    const oauth = new auth.OAuth2();
    oauth.setCredentials({ access_token: credentials.access_token });
    return oauth;
  }
  if (credentials.type === 'service_account') return new auth.GoogleAuth({ credentials, scopes: ['https://www.googleapis.com/auth/spreadsheets'] });
  return auth.fromJSON(credentials);
}
const api = sheets({ version: 'v4', auth: client(), ...(rootUrl ? { rootUrl } : {}) });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const statusOf = (error) => Number(error && ((error.response && error.response.status) || error.status)) || Number(error && error.code) || 0;
async function withRetries(work) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const status = statusOf(error);
      if (!(status === 429 || status >= 500) || attempt >= 7) throw error;
      const headers = error.response && error.response.headers;
      const said = headers ? (typeof headers.get === 'function' ? headers.get('retry-after') : headers['retry-after']) : null;
      const after = said === null || said === undefined || said === '' ? NaN : Number(said);
      await sleep(Number.isFinite(after) && after >= 0 ? after * 1000 : backoffMs * 2 ** attempt + Math.floor(Math.random() * backoffMs));
    }
  }
}
port.on('message', async (m) => {
  try {
    const id = m.spreadsheetId;
    let data;
    if (m.op === 'get') data = (await withRetries(() => api.spreadsheets.get({ spreadsheetId: id, fields: 'properties.title,sheets.properties' }))).data;
    else if (m.op === 'batchGet') data = (await withRetries(() => api.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: m.ranges, valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: m.serial ? 'SERIAL_NUMBER' : 'FORMATTED_STRING', majorDimension: 'ROWS' }))).data;
    else if (m.op === 'update') data = (await withRetries(() => api.spreadsheets.values.batchUpdate({ spreadsheetId: id, requestBody: { valueInputOption: 'RAW', data: m.data } }))).data;
    else if (m.op === 'append') data = (await withRetries(() => api.spreadsheets.values.append({ spreadsheetId: id, range: m.range, valueInputOption: 'RAW', insertDataOption: 'INSERT_ROWS', requestBody: { values: m.values } }))).data;
    else data = (await withRetries(() => api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: m.requests } }))).data;
    answer({ ok: true, data });
  } catch (error) {
    const status = statusOf(error);
    answer({ ok: false, message: String(error && error.message || error), code: String(status) });
  }
});
`;

/** The credentials file's JSON, or a refusal naming what is wrong with it. */
export function googleCredentials(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const path = env.CRM_GOOGLE_CREDENTIALS || env.GOOGLE_APPLICATION_CREDENTIALS;
  if (!path)
    throw new Error(
      '--spreadsheet needs Google credentials: set CRM_GOOGLE_CREDENTIALS to a service account key file (shared with the spreadsheet as an editor) or an OAuth file with a refresh token',
    );
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`The credentials file ${path} cannot be read`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`The credentials file ${path} is not JSON`);
  }
  const c = json as Record<string, unknown>;
  if (!c || typeof c !== 'object' || !(typeof c.access_token === 'string' || c.type === 'service_account' || c.type === 'authorized_user')) {
    throw new Error(`The credentials file ${path} is neither a service account key, an OAuth authorized user (with a refresh token) nor an access token`);
  }
  return c;
}

/** One spreadsheet through the API, each call waited for. */
export class SheetsApi {
  private readonly worker: SyncWorker;
  /** Requests sent, by kind (the bench and the tests count them). */
  readonly sent = { get: 0, batchGet: 0, update: 0, append: 0, batchUpdate: 0 };

  constructor(
    readonly spreadsheetId: string,
    credentials: Record<string, unknown>,
    options: { rootUrl?: string; backoffMs?: number } = {},
  ) {
    this.worker = new SyncWorker(WORKER, {
      lib: require.resolve('@googleapis/sheets'),
      credentials,
      rootUrl: options.rootUrl ?? process.env.CRM_SHEETS_API_URL ?? '',
      backoffMs: options.backoffMs ?? Number(process.env.CRM_SHEETS_BACKOFF_MS ?? 1000),
    });
  }

  sheets(): SheetProperties[] {
    const data = this.ask('get', {}) as { sheets?: { properties: SheetProperties }[] };
    return (data.sheets ?? []).map((s) => s.properties);
  }

  /** Unformatted values; dates, times and durations as the text their format shows, or with `serial`
   *  as their serial number (days since 1899-12-30, the spreadsheet's wall time). */
  batchGet(ranges: string[], serial = false): ApiCell[][][] {
    if (!ranges.length) return [];
    const data = this.ask('batchGet', { ranges, serial }) as { valueRanges?: { values?: ApiCell[][] }[] };
    return ranges.map((_, k) => data.valueRanges?.[k]?.values ?? []);
  }

  update(data: { range: string; values: ApiCell[][] }[]): void {
    if (data.length) this.ask('update', { data });
  }

  append(range: string, values: ApiCell[][]): void {
    if (values.length) this.ask('append', { range, values });
  }

  batchUpdate(requests: Record<string, unknown>[]): { replies?: Record<string, unknown>[] } {
    return requests.length ? (this.ask('batchUpdate', { requests }) as { replies?: Record<string, unknown>[] }) : {};
  }

  close(): void {
    this.worker.close();
  }

  private ask(op: keyof SheetsApi['sent'], message: Record<string, unknown>): unknown {
    this.sent[op]++;
    try {
      return this.worker.call({ op, spreadsheetId: this.spreadsheetId, ...message }, ANSWER_WAIT_MS).data;
    } catch (error) {
      if (!(error instanceof WorkerError)) throw error;
      const status = Number(error.code) || 0;
      if (status === 404) throw new SheetsApiError(`The spreadsheet ${this.spreadsheetId} was not found (or the credentials have no access to it)`, 404);
      if (status === 401 || status === 403) throw new SheetsApiError(`Google refused the credentials for the spreadsheet ${this.spreadsheetId}: ${error.message}`, status);
      throw new SheetsApiError(`The Sheets API refused: ${error.message}`, status);
    }
  }
}
