/** A delivery arriving at the web app (doPost in Google, POST /exec locally): checked, then queued in
 *  the Inbox at once, whatever it holds, so that nothing a sender delivered with the right token is
 *  ever lost (Google answers every web app request with a redirect: a sender cannot be asked to retry).
 *  Applying it is later work (apply-inbox.ts), from a trigger. */
import type { Runtime } from '../../ports';
import { Inbox } from '../../core/schema/tables';
import { constantTimeEqual } from '../../core/intake/token';
import { MAX_BODY_CHARS, readBody } from '../../core/intake/body';
import { IntakeProblem } from '../../core/intake/delivery';
import { deliveryId, isIntakeSource } from '../../core/intake/sources';
import { translate } from '../../core/i18n';
import { Workbook } from '../../store/workbook';
import { expectedIntakeToken } from './intake-token';
import { crmLanguage } from './intake-language';

export interface Delivery {
  source: string;
  token: string;
  body: string;
  contentType: string;
  /** The body's size as it arrived, when `body` holds only its beginning (the local server stops
   *  keeping a body past a few megabytes). */
  size?: number;
}

export type ReceiveAnswer = { ok: true; id: string; duplicate: boolean; message: string } | { ok: false; error: { code: string; message: string } };

/** The job that applies the Inbox (a top-level function in Google). */
export const APPLY_INTAKE_JOB = 'applyIntake';
/** How soon a queued delivery is applied in Google (a one-off trigger). */
export const APPLY_AFTER_MS = 60 * 1000;
/** How long a delivery waits for the lock (another execution writing): long, since it cannot be retried. */
export const INTAKE_LOCK_MS = 30 * 1000;
/** What of a delivery too large to keep is kept, for an admin to see what it was. */
const KEPT_OF_TOO_LARGE = 2000;

export function receiveDelivery(runtime: Runtime, delivery: Delivery): ReceiveAnswer {
  const language = crmLanguage(runtime);
  const refuse = (code: string, key: string, params: Record<string, string | number> = {}): ReceiveAnswer => ({ ok: false, error: { code, message: translate(language, key, params) } });
  // Without the right token nothing is written: the Inbox is not a place anyone may fill.
  if (!constantTimeEqual(String(delivery.token ?? ''), expectedIntakeToken(runtime.properties))) return refuse('forbidden', 'intake.forbidden');
  const source = String(delivery.source ?? '')
    .trim()
    .toLowerCase();
  const body = String(delivery.body ?? '');
  let status: 'queued' | 'failed' = 'queued';
  let error = '';
  let externalId = '';
  let kept = body;
  try {
    if (!isIntakeSource(source)) throw new IntakeProblem('intake.unknown_source', { source: source.slice(0, 40) });
    const length = Math.max(body.length, delivery.size ?? 0);
    if (length > MAX_BODY_CHARS) {
      kept = body.slice(0, KEPT_OF_TOO_LARGE);
      throw new IntakeProblem('intake.too_large', { length, max: MAX_BODY_CHARS });
    }
    externalId = deliveryId(source, readBody(body, delivery.contentType ?? ''));
  } catch (problem) {
    if (!(problem instanceof IntakeProblem)) throw problem;
    // Kept with its error for an admin: a broken delivery is not lost either.
    status = 'failed';
    error = translate(language, problem.key, problem.params);
  }
  if (!runtime.lock.tryAcquire(INTAKE_LOCK_MS)) return refuse('busy', 'error.busy');
  try {
    const workbook = new Workbook(runtime, runtime.clock, `intake:${source || 'unknown'}`);
    const inbox = workbook.table(Inbox);
    if (externalId) {
      const before = inbox.where('external_id', externalId).find((row) => row.source === source);
      if (before) return { ok: true, id: before.id, duplicate: true, message: translate(language, 'intake.duplicate') };
    }
    const [row] = inbox.insert([
      {
        received_at: workbook.clock.now().toISOString(),
        source: source.slice(0, 40) || '—',
        external_id: externalId,
        status,
        content_type: String(delivery.contentType ?? '').slice(0, 200),
        body: kept,
        error,
      },
    ]);
    workbook.commit('intake.receive');
    if (status === 'queued') runtime.scheduler.runSoon(APPLY_INTAKE_JOB, APPLY_AFTER_MS);
    if (status === 'failed') return refuse('invalid', 'intake.stored_failed', { error });
    return { ok: true, id: row.id, duplicate: false, message: translate(language, 'intake.received') };
  } finally {
    runtime.lock.release();
  }
}
