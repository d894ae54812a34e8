/** Applies the Inbox's queued deliveries, oldest first, each on its own: read, applied and marked
 *  `applied` in one commit, or marked `failed` with its error and nothing else written. Runs from a
 *  one-off trigger a minute after a delivery (and in the nightly, in case a trigger was lost); locally,
 *  from the server a moment after a delivery. */
import type { Runtime } from '../../ports';
import { Inbox, InboxEntry } from '../../core/schema/tables';
import { readBody } from '../../core/intake/body';
import { IntakeProblem } from '../../core/intake/delivery';
import { isInboxSource, isMailerSource, readDelivery, SOURCE_NAMES } from '../../core/intake/sources';
import { readBrevoEvent, readMailchimpEvent } from '../../core/intake/mailer-events';
import { applyMailerEvent } from '../sync/webhook-events';
import { savedConnection } from '../sync/connection';
import { translate } from '../../core/i18n';
import { daysBetween, dateOf } from '../../core/dates';
import { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { markDataChanged } from '../../store/shared-reads';
import { LOCK_WAIT_MS } from '../../ports/lock';
import { searchIndexWatcher } from '../search/search-index';
import { userMessage } from '../../store/error-messages';
import { settingsOf, todayOf } from '../today';
import { applyRequest } from './apply-request';
import { koFiToken } from './intake-token';
import { checkWithPayPal } from './paypal-check';
import { crmLanguage } from './intake-language';
import { APPLY_AFTER_MS, APPLY_INTAKE_JOB } from './receive-delivery';

export interface InboxRun {
  applied: number;
  ignored: number;
  failed: number;
  /** Deliveries to try again at the next run (a refund whose gift has not arrived, PayPal unreachable). */
  waiting: number;
  /** Queued deliveries left for the next run (time ran out). */
  left: number;
}

/** A delivery that may succeed later (a refund before its order, PayPal not answering) is tried again
 *  at every run for this long, then reported as failed. */
const RETRY_DAYS = 7;

export function applyInbox(runtime: Runtime, options: { deadlineMs?: number } = {}): InboxRun {
  const started = runtime.clock.now().getTime();
  const language = crmLanguage(runtime);
  const queued = new Workbook(runtime, runtime.clock, 'intake')
    .table(Inbox)
    .where('status', 'queued')
    .sort((a, b) => String(a.received_at).localeCompare(String(b.received_at)));
  const run: InboxRun = { applied: 0, ignored: 0, failed: 0, waiting: 0, left: 0 };
  const waiting: string[] = [];
  for (let i = 0; i < queued.length; i++) {
    if (options.deadlineMs !== undefined && runtime.clock.now().getTime() - started > options.deadlineMs) {
      run.left = queued.length - i;
      runtime.scheduler.runSoon(APPLY_INTAKE_JOB, APPLY_AFTER_MS);
      break;
    }
    const outcome = applyOne(runtime, queued[i].id, language);
    if (outcome === 'waiting') waiting.push(queued[i].id);
    else run[outcome]++;
  }
  // A refund that came before its order: once the run applied the order, the refund finds its gift.
  for (const id of waiting) run[run.applied ? applyOne(runtime, id, language) : 'waiting']++;
  return run;
}

/** One delivery, under the lock, in its own commit. */
function applyOne(runtime: Runtime, id: string, language: string): 'applied' | 'ignored' | 'failed' | 'waiting' {
  if (!runtime.lock.tryAcquire(LOCK_WAIT_MS)) return 'waiting';
  try {
    const workbook = new Workbook(runtime, runtime.clock, 'intake', undefined, runtime.cache, searchIndexWatcher(runtime.properties));
    const entry = workbook.table(Inbox).get(id);
    // Applied meanwhile by another run, or retried by hand: nothing to do.
    if (!entry || entry.status !== 'queued') return 'ignored';
    try {
      const outcome = apply(runtime, workbook, entry, language);
      workbook.commit(`intake.apply:${entry.source}`);
      return outcome;
    } catch (problem) {
      const message = problemText(language, problem);
      // Nothing of the delivery is written: a fresh workbook records only the error.
      const record = new Workbook(runtime, runtime.clock, 'intake');
      const waiting = problem instanceof IntakeProblem && problem.retry && daysBetween(dateOf(String(entry.received_at)), todayOf(record)) < RETRY_DAYS;
      record.table(Inbox).update(id, waiting ? { error: message } : { status: 'failed', error: message, applied_at: record.clock.now().toISOString() });
      record.commit(`intake.apply:${entry.source}`);
      return waiting ? 'waiting' : 'failed';
    } finally {
      markDataChanged(runtime.properties);
    }
  } finally {
    runtime.lock.release();
  }
}

function apply(runtime: Runtime, workbook: Workbook, entry: InboxEntry, language: string): 'applied' | 'ignored' {
  const source = String(entry.source);
  if (!isInboxSource(source)) throw new IntakeProblem('intake.unknown_source', { source });
  const body = String(entry.body ?? '');
  const fields = readBody(body, String(entry.content_type ?? ''));
  const now = workbook.clock.now().toISOString();
  if (isMailerSource(source)) {
    const event = source === 'mailchimp' ? readMailchimpEvent(fields, now) : readBrevoEvent(fields, now);
    const outcome = applyMailerEvent(workbook, savedConnection(runtime), event);
    if (!outcome.done) {
      workbook.table(Inbox).update(entry.id, { status: 'ignored', applied_at: now, error: '', result: translate(language, 'intake.nothing_mailer', { event: event.what }) });
      return 'ignored';
    }
    // An open or a click lives on in the recipient's campaign row: its delivery is not kept (the cell
    // budget); what changed a contact stays in the Inbox as its record.
    if (outcome.done === 'open' || outcome.done === 'click') workbook.table(Inbox).remove([entry.id]);
    else workbook.table(Inbox).update(entry.id, { status: 'applied', applied_at: now, error: '', contact_id: outcome.contactId, result: `${SOURCE_NAMES[source]}: ${event.what} (${outcome.done})` });
    return 'applied';
  }
  // PayPal's message is PayPal's only once PayPal says so.
  if (source === 'paypal') checkWithPayPal(runtime, body, fields);
  const request = readDelivery(source, fields, { currency: settingsOf(workbook).currency, kofiToken: koFiToken(runtime.properties) });
  if (request.nothingToDo) {
    workbook.table(Inbox).update(entry.id, { status: 'ignored', applied_at: now, error: '', result: translate(language, request.nothingToDo) });
    return 'ignored';
  }
  const done = applyRequest(workbook, request, { sourceName: SOURCE_NAMES[source], deliveryKey: `${source}:${entry.external_id || entry.id}`, language });
  workbook.table(Inbox).update(entry.id, {
    status: 'applied',
    applied_at: now,
    error: '',
    contact_id: done.contactId,
    result: translate(language, 'intake.applied', { gifts: done.gifts, memberships: done.memberships, refunds: done.refunds }),
  });
  return 'applied';
}

function problemText(language: string, problem: unknown): string {
  if (problem instanceof IntakeProblem) return translate(language, problem.key, problem.params);
  if (problem instanceof UserError) return userMessage(language, problem);
  return translate(language, 'error.internal', { details: problem instanceof Error ? problem.message : String(problem) });
}
