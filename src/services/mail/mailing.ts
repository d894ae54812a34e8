/** A mail merge: a mailing is made (its recipients queued, the others skipped with their reason), then
 *  sent within the day's quota, the rest the next day (the nightly run continues every mailing still
 *  sending). Each recipient is marked `sending` before their message goes and `sent` after, in two
 *  commits per batch: an execution cut off in between leaves `sending` rows, which the next run marks
 *  `interrupted` and never sends again. Each message sent is an `email` interaction on the contact. */
import type { Runtime } from '../../ports';
import { Contacts, Interactions, MailingRecipients, Mailings, Mailing } from '../../core/schema/tables';
import { dateOf } from '../../core/dates';
import { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { LOCK_WAIT_MS } from '../../ports/lock';
import { settingsOf, todayOf } from '../today';
import { countReasons, planAudience, skipReason, type Audience } from './audience';
import { requireTemplate } from './templates';
import { composeDocument, composeFor } from './compose';

export interface MailingInput extends Audience {
  template: string;
  kind: 'newsletter' | 'members';
  /** Defaults to the template's name and today's date; a mailing of that name still sending is added to. */
  name?: string;
}

export interface MailingReport {
  mailing: string;
  name: string;
  status: string;
  recipients: number;
  sent: number;
  queued: number;
  skipped: Record<string, number>;
  failed: number;
  interrupted: number;
}

/** Messages marked `sending` together (one commit before, one after). */
const BATCH = 20;

function findOrMakeMailing(workbook: Workbook, input: MailingInput, who: string): Mailing {
  const name = (input.name ?? '').trim() || `${input.template} ${todayOf(workbook)}`;
  const table = workbook.table(Mailings);
  const open = table.all().find((m) => m.name.toLowerCase() === name.toLowerCase() && m.status === 'sending');
  if (open) return open;
  return table.insert([
    {
      name,
      template: input.template,
      kind: input.kind,
      audience: input.segment ? `segment: ${input.segment}` : input.search ? `search: ${input.search.text ?? ''}` : `query: ${input.query ?? ''}`,
      status: 'sending',
      created_by: who,
    },
  ])[0];
}

/** Who would get it and who not, without writing anything (the sidebar's preview, `--dry-run`). */
export function previewMailing(
  workbook: Workbook,
  input: MailingInput,
): { recipients: number; skipped: Record<string, number>; sample: { id: string; email: string }[]; skipped_list: { id: string; email: string; reason: string }[] } {
  requireTemplate(workbook, input.template);
  const planned = planAudience(workbook, input, input.kind);
  return {
    recipients: planned.send.length,
    skipped: countReasons(planned.skipped),
    sample: planned.send.slice(0, 20).map((p) => ({ id: p.contact.id, email: p.email })),
    skipped_list: planned.skipped.slice(0, 200).map((s) => ({ id: s.contact.id, email: s.email, reason: s.reason })),
  };
}

/** Makes the mailing (or adds to the one of that name still sending): recipients queued, others
 *  recorded as skipped. */
export function createMailing(workbook: Workbook, input: MailingInput, who: string): Mailing {
  requireTemplate(workbook, input.template);
  const mailing = findOrMakeMailing(workbook, input, who);
  const planned = planAudience(workbook, input, input.kind, mailing.id);
  workbook
    .table(MailingRecipients)
    .insert([
      ...planned.send.map((p) => ({ mailing_id: mailing.id, contact_id: p.contact.id, email: p.email, status: 'queued' as const })),
      ...planned.skipped
        .filter((s) => s.reason !== 'already_in_mailing')
        .map((s) => ({ mailing_id: mailing.id, contact_id: s.contact.id, email: s.email, status: 'skipped' as const, reason: s.reason })),
    ]);
  return mailing;
}

/** Recipients the day still allows: the provider's quota and Settings' mail_daily_quota, less what
 *  was sent today. */
function allowance(runtime: Runtime, workbook: Workbook): number {
  const today = todayOf(workbook);
  const sentToday = workbook
    .table(MailingRecipients)
    .where('status', 'sent')
    .filter((r) => dateOf(String(r.sent_at)) === today).length;
  return Math.max(0, Math.min(runtime.mailer.remainingQuota(), settingsOf(workbook).mail.dailyQuota - sentToday));
}

/** Runs `work` on a fresh workbook under the lock and commits it. */
function inLock<T>(runtime: Runtime, who: string, action: string, work: (workbook: Workbook) => T): T {
  if (!runtime.lock.tryAcquire(LOCK_WAIT_MS)) throw new UserError('busy', 'error.busy');
  try {
    const workbook = new Workbook(runtime, runtime.clock, who);
    const result = work(workbook);
    workbook.commit(action);
    return result;
  } finally {
    runtime.lock.release();
  }
}

/** Stops a mailing still sending: who is still queued is skipped (`cancelled`), and nothing more of
 *  it goes, today or from the nightly run; what was sent stays sent. */
export function cancelMailing(workbook: Workbook, id: string): MailingReport {
  const mailings = workbook.table(Mailings);
  const mailing = mailings.require(id);
  if (mailing.status !== 'sending') throw new UserError('invalid', 'error.mailing_not_sending', { name: mailing.name });
  const recipients = workbook.table(MailingRecipients);
  for (const r of recipients.where('mailing_id', id)) if (r.status === 'queued') recipients.update(r.id, { status: 'skipped', reason: 'cancelled' });
  return mailingReport(workbook, mailings.update(id, { status: 'cancelled' }));
}

/** The mailing's counts as they stand. */
export function mailingReport(workbook: Workbook, mailing: Mailing): MailingReport {
  const rows = workbook.table(MailingRecipients).where('mailing_id', mailing.id);
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  return {
    mailing: mailing.id,
    name: mailing.name,
    status: mailing.status,
    recipients: rows.filter((r) => r.status !== 'skipped').length,
    sent: count('sent'),
    queued: count('queued'),
    skipped: countReasons(rows.filter((r) => r.status === 'skipped').map((r) => ({ reason: r.reason }))),
    failed: count('failed'),
    interrupted: count('interrupted'),
  };
}

/** Sends what the day allows of every mailing still sending (or of one), `limit` messages at most,
 *  until `deadline` (ms since the epoch). Each message: its contact read again (an opt-out since the
 *  mailing was made skips them), marked sending, sent, marked sent with an `email` interaction. */
export function sendMailings(runtime: Runtime, who: string, options: { mailingId?: string; limit?: number; deadline?: number } = {}): MailingReport[] {
  const touched = new Set<string>();
  // What an execution cut off left between its two marks: maybe sent; never sent again.
  inLock(runtime, who, 'mail.reconcile', (workbook) => {
    const table = workbook.table(MailingRecipients);
    for (const r of table.where('status', 'sending')) table.update(r.id, { status: 'interrupted', error: 'the sending execution stopped before it could say whether this message went' });
  });
  let left = options.limit ?? Infinity;
  for (;;) {
    if (options.deadline !== undefined && runtime.clock.now().getTime() > options.deadline) break;
    // Mark a batch as sending (one commit), within the day's allowance.
    const batch = inLock(runtime, who, 'mail.sending', (workbook) => {
      const room = Math.min(allowance(runtime, workbook), left, BATCH);
      if (room <= 0) return [];
      const open = new Set(
        workbook
          .table(Mailings)
          .where('status', 'sending')
          .map((m) => m.id),
      );
      const table = workbook.table(MailingRecipients);
      const chosen = table
        .where('status', 'queued')
        .filter((r) => open.has(r.mailing_id) && (!options.mailingId || r.mailing_id === options.mailingId))
        .slice(0, room);
      for (const r of chosen) table.update(r.id, { status: 'sending' });
      return chosen.map((r) => r.id);
    });
    if (!batch.length) break;
    // Send (outside the lock: the sidebar goes on meanwhile), then mark what happened (one commit).
    const outcomes = new Map<string, { status: 'sent' | 'failed' | 'skipped' | 'queued'; error?: string; reason?: string; subject?: string }>();
    const reading = new Workbook(runtime, runtime.clock, who);
    for (const id of batch) {
      const r = reading.table(MailingRecipients).get(id)!;
      const mailing = reading.table(Mailings).get(r.mailing_id)!;
      touched.add(mailing.id);
      const contact = reading.table(Contacts).get(r.contact_id);
      // A note to staff about a contact goes to the staff member whatever the contact said; any other
      // message is read against the contact's choices as they are now.
      const reason = !contact || contact.deleted === true || contact.merged_into ? 'no_email' : mailing.kind === 'staff' ? null : skipReason(contact, mailing.kind as 'newsletter' | 'members');
      if (!contact || reason) {
        outcomes.set(id, { status: 'skipped', reason: reason ?? 'no_email' });
        continue;
      }
      try {
        const mail = composeFor(runtime, reading, mailing.template, mailing.id, contact, r.email.trim(), r.gift_id);
        // A receipt goes along as a PDF, in the contact's language.
        if (mailing.receipt) mail.attachments = [composeDocument(reading, mailing.receipt, contact, r.gift_id)];
        runtime.mailer.send(mail);
        outcomes.set(id, { status: 'sent', subject: mail.subject });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // Past the provider's quota: the rest waits for tomorrow, nothing failed.
        if (/too many times|quota/i.test(message)) {
          outcomes.set(id, { status: 'queued' });
          break;
        }
        outcomes.set(id, { status: 'failed', error: message.slice(0, 300) });
      }
    }
    for (const id of batch) if (!outcomes.has(id)) outcomes.set(id, { status: 'queued' });
    inLock(runtime, who, 'mail.sent', (workbook) => {
      const table = workbook.table(MailingRecipients);
      const now = workbook.clock.now().toISOString();
      const logged = [];
      for (const [id, o] of outcomes) {
        const r = table.get(id)!;
        table.update(id, { status: o.status, reason: o.reason ?? '', error: o.error ?? '', sent_at: o.status === 'sent' ? now : '' });
        if (o.status === 'sent' && workbook.table(Mailings).get(r.mailing_id)?.kind !== 'staff') {
          const mailing = workbook.table(Mailings).get(r.mailing_id)!;
          logged.push({
            contact_id: r.contact_id,
            when: now,
            type: 'email' as const,
            direction: 'outbound' as const,
            subject: o.subject ?? '',
            details: mailing.name,
            staff: who.includes('@') ? who : '',
            external_id: `mailing:${r.mailing_id}:${r.contact_id}`,
          });
        }
      }
      if (logged.length) workbook.table(Interactions).insert(logged);
    });
    left -= [...outcomes.values()].filter((o) => o.status === 'sent').length;
    if ([...outcomes.values()].some((o) => o.status === 'queued')) break;
  }
  // A mailing with nobody left to send to is done.
  return inLock(runtime, who, 'mail.report', (workbook) => {
    const mailings = workbook.table(Mailings);
    const chosen = options.mailingId ? [mailings.require(options.mailingId)] : mailings.all().filter((m) => touched.has(m.id) || m.status === 'sending');
    return chosen.map((m) => {
      const report = mailingReport(workbook, m);
      if (m.status === 'sending' && report.queued === 0) mailings.update(m.id, { status: 'done' });
      return report;
    });
  });
}
