import { spawnSync } from 'node:child_process';
import { HttpUnreachable, type Http, type HttpRequest, type HttpResponse } from '../ports/http';

/** Node's fetch is asynchronous and the CRM's services are not (as in Apps Script): each request runs
 *  in a short-lived child process that the caller waits for. A few tens of milliseconds a request,
 *  which the CRM's few outside calls per execution afford. */
const FETCH_ALL = `
let input = '';
process.stdin.on('data', (c) => (input += c)).on('end', async () => {
  const list = JSON.parse(input);
  const answers = await Promise.all(list.map(async (r) => {
    try {
      const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body, redirect: 'follow', signal: AbortSignal.timeout(r.timeoutMs) });
      const headers = {};
      res.headers.forEach((v, k) => (headers[k] = v));
      return { status: res.status, body: await res.text(), headers };
    } catch (e) {
      return { error: String((e && e.cause && e.cause.code) || (e && e.message) || e) };
    }
  }));
  process.stdout.write(JSON.stringify(answers));
});`;

/** Apps Script's UrlFetchApp gives up after about 60 seconds; so do we. */
const TIMEOUT_MS = 60000;

export class NodeHttp implements Http {
  fetch(request: HttpRequest): HttpResponse {
    return this.fetchAll([request])[0];
  }

  /** All at once in one child process (as UrlFetchApp.fetchAll sends them together). */
  fetchAll(requests: HttpRequest[]): HttpResponse[] {
    if (!requests.length) return [];
    const first = requests[0].url;
    const run = spawnSync(process.execPath, ['-e', FETCH_ALL], {
      input: JSON.stringify(requests.map((r) => ({ ...r, timeoutMs: TIMEOUT_MS }))),
      encoding: 'utf8',
      timeout: TIMEOUT_MS + 5000,
      maxBuffer: 256 * 1024 * 1024,
    });
    if (run.error) throw new HttpUnreachable(first, run.error.message);
    let answers: { status?: number; body?: string; headers?: Record<string, string>; error?: string }[];
    try {
      answers = JSON.parse(run.stdout);
    } catch {
      throw new HttpUnreachable(first, run.stderr.trim().slice(0, 300) || 'no answer');
    }
    return answers.map((answer, k) => {
      if (answer.error !== undefined || answer.status === undefined) throw new HttpUnreachable(requests[k].url, answer.error ?? 'no answer');
      return { status: answer.status, body: answer.body ?? '', headers: answer.headers ?? {} };
    });
  }
}
