/** Serves a double's handler on a loopback port, for a CRM running in another process (the CLI, `crm
 *  serve`), counting the requests in flight as the real service would. */
import { createServer, Server } from 'node:http';
import type { HttpRequest, HttpResponse } from '../../src/ports/http';

export type Handler = (request: HttpRequest, sent?: { inFlight: number }) => HttpResponse;

export function listenLoopback(handler: Handler): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight++;
    const mine = inFlight;
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v ?? '');
      const url = `http://${req.headers.host}${req.url}`;
      let answer: HttpResponse;
      try {
        answer = handler({ method: (req.method ?? 'GET') as HttpRequest['method'], url, headers, ...(body ? { body } : {}) }, { inFlight: mine });
      } catch (error) {
        answer = { status: 500, body: String(error), headers: {} };
      }
      // Answered a moment later, as a real service is: requests sent together overlap.
      setTimeout(() => {
        inFlight--;
        res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
        res.end(answer.body);
      }, 5);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        server,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

/** The request's header, whatever its case. */
export function headerOf(request: HttpRequest, name: string): string {
  return Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  body: body === undefined ? '' : JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});
