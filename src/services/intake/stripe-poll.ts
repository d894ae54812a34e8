/** Stripe, asked from a trigger (every hour in Google; every few minutes by `crm serve`): the events
 *  since the last ask are queued in the Inbox, each once by its id, oldest first, and applied like any
 *  delivery. The restricted key (read access to events is enough) is kept in the document's
 *  properties, never in a sheet, and checked with Stripe when an admin sets it. */
import type { Runtime } from '../../ports';
import { HttpUnreachable } from '../../ports/http';
import { Inbox } from '../../core/schema/tables';
import { STRIPE_EVENT_TYPES } from '../../core/intake/stripe';
import { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { APPLY_AFTER_MS, APPLY_INTAKE_JOB, INTAKE_LOCK_MS } from './receive-delivery';

export const STRIPE_API = 'https://api.stripe.com/v1/events';
/** The top-level function of the hourly trigger. */
export const STRIPE_JOB = 'pollStripe';
const KEY = 'intake.stripe_key';
const CURSOR = 'intake.stripe_since';
/** Stripe's page size at most. */
const PAGE = 100;
/** Pages one run reads at most (10,000 events); the rest wait for the next run. */
const MAX_PAGES = 100;

interface StripeList {
  data: Record<string, unknown>[];
  has_more: boolean;
}

/** `sk_live_…1234` → `sk_live_…1234` with the middle hidden, for admins to recognise it. */
export function maskedKey(key: string): string {
  return key ? `${key.slice(0, key.indexOf('_', 3) + 1)}…${key.slice(-4)}` : '';
}

export function stripeKey(runtime: Runtime): string {
  return runtime.properties.get(KEY) ?? '';
}

function ask(runtime: Runtime, key: string, query: string): StripeList {
  let answer;
  try {
    answer = runtime.http.fetch({ method: 'GET', url: `${runtime.properties.get('intake.stripe_api') || STRIPE_API}?${query}`, headers: { Authorization: `Bearer ${key}` } });
  } catch (error) {
    if (error instanceof HttpUnreachable) throw new UserError('unreachable', 'error.stripe_unreachable', { details: error.reason.slice(0, 200) });
    throw error;
  }
  let body: { error?: { message?: string }; data?: unknown; has_more?: unknown } = {};
  try {
    body = JSON.parse(answer.body);
  } catch {
    // said below
  }
  if (answer.status === 401 || answer.status === 403) throw new UserError('refused', 'error.stripe_key_refused', { details: String(body.error?.message ?? answer.status).slice(0, 200) });
  if (answer.status !== 200 || !Array.isArray(body.data))
    throw new UserError('unreachable', 'error.stripe_unreachable', { details: `HTTP ${answer.status} ${String(body.error?.message ?? '').slice(0, 150)}` });
  return { data: body.data as Record<string, unknown>[], has_more: body.has_more === true };
}

const typesQuery = STRIPE_EVENT_TYPES.map((t) => `types[]=${encodeURIComponent(t)}`).join('&');

/** Sets (or, with '', removes) the key after one ask with it, so that a mistyped key is refused now,
 *  not at night. Events from now on are asked for. */
export function setStripeKey(runtime: Runtime, key: string, apiUrl?: string): { connected: boolean; key: string } {
  const trimmed = key.trim();
  // Where Stripe's API is asked: Stripe's own, or a stand-in (stripe-mock, a test double).
  if (apiUrl !== undefined) {
    if (apiUrl) runtime.properties.set('intake.stripe_api', apiUrl);
    else runtime.properties.delete('intake.stripe_api');
  }
  if (!trimmed) {
    runtime.properties.delete(KEY);
    runtime.properties.delete(CURSOR);
    runtime.scheduler.removeJob(STRIPE_JOB);
    return { connected: false, key: '' };
  }
  if (!/^(rk|sk)_(live|test)_[A-Za-z0-9]+$/.test(trimmed)) throw new UserError('invalid', 'error.stripe_key_form', { field: 'key' });
  ask(runtime, trimmed, `limit=1&${typesQuery}`);
  runtime.properties.set(KEY, trimmed);
  runtime.properties.set(CURSOR, String(Math.floor(runtime.clock.now().getTime() / 1000)));
  runtime.scheduler.ensureHourly(STRIPE_JOB);
  return { connected: true, key: maskedKey(trimmed) };
}

/** What the CRM reads of an event, kept in the Inbox (a whole charge carries much the CRM never reads). */
function compact(event: Record<string, unknown>): Record<string, unknown> {
  const data = (event.data ?? {}) as { object?: Record<string, unknown> };
  const charge = data.object ?? {};
  const keep = ['id', 'object', 'amount', 'amount_refunded', 'currency', 'created', 'billing_details', 'receipt_email', 'description', 'refunded', 'paid', 'status'];
  return { id: event.id, type: event.type, created: event.created, livemode: event.livemode, data: { object: Object.fromEntries(keep.filter((k) => k in charge).map((k) => [k, charge[k]])) } };
}

/** Queues the events Stripe has since the last ask. Answers how many were new. */
export function pollStripe(runtime: Runtime): { asked: boolean; queued: number; seen: number } {
  const key = stripeKey(runtime);
  if (!key) return { asked: false, queued: 0, seen: 0 };
  const since = Number(runtime.properties.get(CURSOR) || 0);
  // Newest first, page by page back to the cursor (events at the cursor's second come again: the
  // Inbox knows them by id).
  const events: Record<string, unknown>[] = [];
  let after = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const list = ask(runtime, key, `limit=${PAGE}&${typesQuery}&created[gte]=${since}${after ? `&starting_after=${encodeURIComponent(after)}` : ''}`);
    events.push(...list.data);
    if (!list.has_more || !list.data.length) break;
    after = String(list.data[list.data.length - 1].id ?? '');
  }
  if (!runtime.lock.tryAcquire(INTAKE_LOCK_MS)) throw new UserError('busy', 'error.busy');
  let queued = 0;
  try {
    const workbook = new Workbook(runtime, runtime.clock, 'intake:stripe');
    const inbox = workbook.table(Inbox);
    const known = new Set(inbox.where('source', 'stripe').map((e) => e.external_id));
    const now = workbook.clock.now().toISOString();
    const fresh = events.filter((e) => typeof e.id === 'string' && !known.has(e.id)).sort((a, b) => Number(a.created) - Number(b.created));
    inbox.insert(fresh.map((e) => ({ received_at: now, source: 'stripe', external_id: String(e.id), status: 'queued' as const, content_type: 'application/json', body: JSON.stringify(compact(e)) })));
    queued = fresh.length;
    workbook.commit('intake.stripe');
    const newest = Math.max(since, ...events.map((e) => Number(e.created) || 0));
    runtime.properties.set(CURSOR, String(newest));
  } finally {
    runtime.lock.release();
  }
  if (queued) runtime.scheduler.runSoon(APPLY_INTAKE_JOB, APPLY_AFTER_MS);
  return { asked: true, queued, seen: events.length };
}
