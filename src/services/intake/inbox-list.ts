/** The Inbox as admins see it: the latest deliveries first, with what became of each, and the ones
 *  that need them (failed) counted apart. A failed one can be queued again once its cause is fixed
 *  (Ko-fi's verification token set, a field added to a form). */
import { Inbox, InboxEntry } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';

export interface InboxItem {
  id: string;
  received_at: string;
  source: string;
  external_id: string;
  status: string;
  error: string;
  result: string;
  contact_id: string;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  counts: Record<string, number>;
}

const itemOf = (e: InboxEntry): InboxItem => ({
  id: e.id,
  received_at: String(e.received_at ?? ''),
  source: e.source,
  external_id: e.external_id,
  status: e.status,
  error: e.error,
  result: e.result,
  contact_id: e.contact_id,
});

export function inboxPage(workbook: Workbook, status: string, offset = 0, limit = 50): InboxPage {
  const all = workbook.table(Inbox).all();
  const counts: Record<string, number> = { queued: 0, applied: 0, ignored: 0, failed: 0 };
  for (const e of all) counts[e.status] = (counts[e.status] ?? 0) + 1;
  const chosen = all.filter((e) => !status || e.status === status).sort((a, b) => String(b.received_at).localeCompare(String(a.received_at)));
  return { items: chosen.slice(offset, offset + limit).map(itemOf), total: chosen.length, counts };
}

/** Queues a failed delivery again; it is applied at the next run. */
export function retryDelivery(workbook: Workbook, id: string): InboxItem {
  const entry = workbook.table(Inbox).require(id);
  if (entry.status !== 'failed') throw new UserError('invalid', 'error.inbox_not_failed', { id });
  return itemOf(workbook.table(Inbox).update(id, { status: 'queued', error: '' }));
}
