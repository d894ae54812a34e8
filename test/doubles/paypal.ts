/** A strict stand-in for PayPal's IPN check (https://developer.paypal.com/api/nvp-soap/ipn/IPNIntro/):
 *  a POST of `cmd=_notify-validate&` followed by the message exactly as PayPal sent it (same fields,
 *  same order, same encoding) is answered VERIFIED; anything else INVALID, as PayPal does. */
import { createServer, Server } from 'node:http';
import type { HttpRequest, HttpResponse } from '../../src/ports/http';

export class PayPalDouble {
  /** The messages this "PayPal" sent. */
  readonly sent = new Set<string>();
  /** Checks asked of it, as they came. */
  readonly checks: string[] = [];
  /** Set to make it answer like PayPal on a bad day. */
  down: 'no' | 'error' = 'no';

  send(message: string): string {
    this.sent.add(message.trim());
    return message.trim();
  }

  answer(method: string, contentType: string, body: string): { status: number; body: string } {
    this.checks.push(body);
    if (this.down === 'error') return { status: 503, body: 'Service Unavailable' };
    if (method !== 'POST' || !contentType.startsWith('application/x-www-form-urlencoded')) return { status: 200, body: 'INVALID' };
    const prefix = 'cmd=_notify-validate&';
    if (!body.startsWith(prefix)) return { status: 200, body: 'INVALID' };
    return { status: 200, body: this.sent.has(body.slice(prefix.length)) ? 'VERIFIED' : 'INVALID' };
  }

  /** As a service of MemoryHttp. */
  service = (request: HttpRequest): HttpResponse => {
    const type = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    const { status, body } = this.answer(request.method, type, request.body ?? '');
    return { status, body, headers: { 'content-type': 'text/html; charset=UTF-8' } };
  };

  /** On a loopback port, for the CRM's Node runtime in another process. */
  listen(): Promise<{ url: string; server: Server }> {
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const answer = this.answer(req.method ?? '', String(req.headers['content-type'] ?? ''), body);
        res.writeHead(answer.status, { 'Content-Type': 'text/html; charset=UTF-8' });
        res.end(answer.body);
      });
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/cgi-bin/webscr`, server })));
  }
}
