/** A strict stand-in for Stripe's List events (https://docs.stripe.com/api/events/list): GET only,
 *  `Authorization: Bearer KEY` with a key it knows (else 401, as Stripe answers), `limit` 1–100,
 *  `types[]`, `created[gte]`, `starting_after` an event it has (else 400 "No such event"), newest first,
 *  `has_more`. */
import { createServer, Server } from 'node:http';
import type { HttpRequest, HttpResponse } from '../../src/ports/http';

export interface StripeEvent {
  id: string;
  type: string;
  created: number;
  data: { object: Record<string, unknown> };
  [k: string]: unknown;
}

export class StripeDouble {
  readonly events: StripeEvent[] = [];
  readonly asked: string[] = [];
  constructor(readonly key = 'rk_test_51Example000000000000000000') {}

  /** A charge paid now (or at `created`), as Stripe records it. */
  charge(id: string, fields: { amount: number; currency: string; email: string; name?: string; created?: number; description?: string }): StripeEvent {
    const created = fields.created ?? Math.floor(Date.now() / 1000);
    const event: StripeEvent = {
      id: `evt_${id}`,
      object: 'event',
      api_version: '2024-06-20',
      type: 'charge.succeeded',
      created,
      livemode: false,
      pending_webhooks: 1,
      data: {
        object: {
          id: `ch_${id}`,
          object: 'charge',
          amount: fields.amount,
          amount_captured: fields.amount,
          amount_refunded: 0,
          balance_transaction: `txn_${id}`,
          billing_details: {
            address: { city: 'Lisboa', country: 'PT', line1: 'Rua Augusta 1', line2: null, postal_code: '1100-048', state: null },
            email: fields.email,
            name: fields.name ?? null,
            phone: null,
          },
          captured: true,
          created,
          currency: fields.currency,
          description: fields.description ?? null,
          metadata: {},
          paid: true,
          payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242' } },
          receipt_email: null,
          refunded: false,
          status: 'succeeded',
        },
      },
    };
    this.events.push(event);
    return event;
  }

  refund(id: string, created = Math.floor(Date.now() / 1000)): StripeEvent {
    const paid = this.events.find((e) => e.id === `evt_${id}`)!;
    const event: StripeEvent = {
      id: `evt_${id}_refund`,
      object: 'event',
      type: 'charge.refunded',
      created,
      livemode: false,
      data: { object: { ...paid.data.object, amount_refunded: paid.data.object.amount, refunded: true } },
    };
    this.events.push(event);
    return event;
  }

  answer(method: string, url: string, authorization: string): { status: number; body: string } {
    this.asked.push(url);
    const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });
    if (authorization !== `Bearer ${this.key}`)
      return json(401, { error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${authorization.replace(/^Bearer /, '').slice(0, 12)}****` } });
    if (method !== 'GET') return json(405, { error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } });
    const query = new URL(url).searchParams;
    const limit = Number(query.get('limit') ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return json(400, { error: { type: 'invalid_request_error', message: 'Invalid integer: limit', param: 'limit' } });
    const types = query.getAll('types[]');
    const since = Number(query.get('created[gte]') ?? 0);
    let list = this.events.filter((e) => (!types.length || types.includes(e.type)) && e.created >= since).sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
    const after = query.get('starting_after');
    if (after) {
      const at = list.findIndex((e) => e.id === after);
      if (at < 0) return json(400, { error: { type: 'invalid_request_error', message: `No such event: '${after}'`, param: 'starting_after' } });
      list = list.slice(at + 1);
    }
    return json(200, { object: 'list', url: '/v1/events', has_more: list.length > limit, data: list.slice(0, limit) });
  }

  service = (request: HttpRequest): HttpResponse => {
    const auth = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
    const { status, body } = this.answer(request.method, request.url, auth);
    return { status, body, headers: { 'content-type': 'application/json' } };
  };

  listen(): Promise<{ url: string; server: Server }> {
    const server = createServer((req, res) => {
      const { status, body } = this.answer(req.method ?? '', `http://127.0.0.1${req.url}`, String(req.headers.authorization ?? ''));
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body);
      req.resume();
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/events`, server })));
  }
}
