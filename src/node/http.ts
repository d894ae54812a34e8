import { spawnSync } from 'node:child_process';
import { HttpUnreachable, type Http, type HttpRequest, type HttpResponse } from '../ports/http';

/** Node's fetch is asynchronous and the CRM's services are not (as in Apps Script): each request runs
 *  in a short-lived child process that the caller waits for. A few tens of milliseconds a request,
 *  which the CRM's few outside calls per execution afford. */
const FETCH_ONCE = `
let input = '';
process.stdin.on('data', (c) => (input += c)).on('end', async () => {
  const r = JSON.parse(input);
  try {
    const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body, redirect: 'follow', signal: AbortSignal.timeout(r.timeoutMs) });
    const headers = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    process.stdout.write(JSON.stringify({ status: res.status, body: await res.text(), headers }));
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: String((e && e.cause && e.cause.code) || (e && e.message) || e) }));
  }
});`;

/** Apps Script's UrlFetchApp gives up after about 60 seconds; so do we. */
const TIMEOUT_MS = 60000;

export class NodeHttp implements Http {
  fetch(request: HttpRequest): HttpResponse {
    const run = spawnSync(process.execPath, ['-e', FETCH_ONCE], {
      input: JSON.stringify({ ...request, timeoutMs: TIMEOUT_MS }),
      encoding: 'utf8',
      timeout: TIMEOUT_MS + 5000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) throw new HttpUnreachable(request.url, run.error.message);
    let answer: { status?: number; body?: string; headers?: Record<string, string>; error?: string };
    try {
      answer = JSON.parse(run.stdout);
    } catch {
      throw new HttpUnreachable(request.url, run.stderr.trim().slice(0, 300) || 'no answer');
    }
    if (answer.error !== undefined || answer.status === undefined) throw new HttpUnreachable(request.url, answer.error ?? 'no answer');
    return { status: answer.status, body: answer.body ?? '', headers: answer.headers ?? {} };
  }
}
