import type { ActionName } from './actions';

/** What the daily trigger runs, in this order, one action (and one execution's worth of reads) each, so
 *  that one failing step does not stop the others: deliveries still in the Inbox first (in case the
 *  trigger that applies them a minute after each was lost), statuses and stages first (scores and segments read
 *  them), then scores, segments (and their view tabs), trigger points (they act on segment entries),
 *  the Dashboard sheet, mailings still sending (what yesterday's quota left), and the search index last (every step before may have written contacts). Locally, `crm serve` runs the same list at start and every day. */
export const NIGHTLY_ACTIONS: ActionName[] = [
  'applyInbox',
  'refreshStatuses',
  'refreshScores',
  'refreshSegments',
  'runTriggerPoints',
  'archiveOldRows',
  'refreshDashboard',
  'continueMailings',
  'refreshSearchIndex',
];
