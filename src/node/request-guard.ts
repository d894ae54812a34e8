import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Why a request to the local server is refused: a message key (local.*) and the HTTP status. */
export interface Refusal {
  status: number;
  code: string;
  key: string;
}

/** A key for one run of `crm serve`: 128 bits, URL-safe. */
export function newKey(): string {
  return randomBytes(16).toString('base64url');
}

/** Equal strings in constant time (hashed first, so lengths do not leak either). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Who may talk to the local server: only the page it served, in this browser, at this address.
 *  - Host must name this machine at our port: a page on another site that rebinds its own name to
 *    127.0.0.1 (DNS rebinding) sends its own Host, and is refused.
 *  - The key (printed by `crm serve`, in the page's address) must come with every request: in the
 *    X-CRM-Key header for calls, or as ?key= for the pages themselves. A page of another origin cannot
 *    read ours, so it cannot learn the key; a custom header cannot cross origins without a CORS
 *    preflight, which we never answer.
 *  - Writes must be JSON (a plain form or a text/plain fetch is refused) and, when the browser says
 *    where it comes from (Origin, Sec-Fetch-Site), from our own origin. */
export class RequestGuard {
  constructor(
    readonly key: string,
    private port: number,
  ) {}

  listeningOn(port: number): void {
    this.port = port;
  }

  /** The origins of our own page. */
  origins(): string[] {
    return [`http://localhost:${this.port}`, `http://127.0.0.1:${this.port}`, `http://[::1]:${this.port}`];
  }

  check(req: IncomingMessage, url: URL): Refusal | null {
    const host = String(req.headers.host ?? '').toLowerCase();
    if (!this.origins().some((o) => o === `http://${host}`)) return { status: 421, code: 'bad_host', key: 'local.bad_host' };
    // The web app's intake: other services post here from anywhere, authenticated by the intake token
    // in the address, which the intake checks (as in Google, where a web app reads no headers).
    if (req.method === 'POST' && url.pathname === '/exec') return null;
    // An unsubscribe link, opened by whoever got the message: its signed token is its authority.
    if (url.pathname === '/exec' && url.searchParams.has('unsubscribe') && (req.method === 'GET' || req.method === 'POST')) return null;
    const site = header(req, 'sec-fetch-site');
    // A link to the printed address, clicked in another site's page (notes, a chat), opens the CRM in
    // its own tab: a top-level GET changes nothing. Anything else from elsewhere is refused.
    const opened = req.method === 'GET' && header(req, 'sec-fetch-dest') === 'document' && header(req, 'sec-fetch-mode') === 'navigate';
    if (site && site !== 'same-origin' && site !== 'none' && !opened) return { status: 403, code: 'bad_origin', key: 'local.bad_origin' };
    const origin = header(req, 'origin');
    if (origin && !this.origins().includes(origin.toLowerCase())) return { status: 403, code: 'bad_origin', key: 'local.bad_origin' };
    if (req.method === 'GET' || req.method === 'HEAD') {
      const given = header(req, 'x-crm-key') || url.searchParams.get('key') || '';
      return sameSecret(given, this.key) ? null : { status: 401, code: 'bad_key', key: 'local.bad_key' };
    }
    if (req.method !== 'POST') return { status: 405, code: 'bad_method', key: 'local.bad_method' };
    // A write never takes the key from the address: a form of another site could put it there.
    if (!sameSecret(header(req, 'x-crm-key'), this.key)) return { status: 401, code: 'bad_key', key: 'local.bad_key' };
    const type = header(req, 'content-type').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return { status: 415, code: 'not_json', key: 'local.not_json' };
    return null;
  }
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** Sent with every answer: no other site may frame our pages, run scripts from elsewhere in them, send
 *  their forms anywhere, or see the key in a Referer. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'none'; base-uri 'none'; object-src 'none'",
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};
