/** One sync of the CRM with a newsletter list, in three steps that each keep a cursor so that an
 *  execution cut off (Apps Script's 6 minutes) resumes where it stopped:
 *   1. pull: the platform's members changed since the last sync, a page at a time, each page committed;
 *   2. push: the CRM's opt-outs, new consented contacts and changes, sent in the platform's batches;
 *   3. activity: opens and clicks of the list's recent campaigns, one row per engaged recipient.
 *  A preview (dryRun) reads the same pages and plans the same push on a workbook it never commits,
 *  and asks the platform to change nothing. */
import type { Runtime } from '../../ports';
import { addDays } from '../../core/dates';
import { Workbook } from '../../store/workbook';
import { Contacts } from '../../core/schema/tables';
import { UserError } from '../../store/errors';
import { platformOf, stateKey, type Connection } from './connection';
import { emailKey, MemberLinks } from './member-links';
import { planPush } from './push';
import { pullMembers } from './pull';
import type { Campaign, NewsletterPlatform } from './platforms/platform';
import { emptyReport, type SyncReport } from './report';
import { SyncBook } from './sync-book';
import { labelsOf, segmentTest } from './plan-inputs';
import { sendPlan } from './send-plan';

/** The hourly trigger's function, and the one-off trigger's that goes on with a run cut off. */
export const SYNC_JOB = 'hourlyNewsletterSync';
export const SYNC_CONTINUE_JOB = 'continueNewsletterSync';
/** Campaigns sent this many days back still gather opens and clicks. */
export const ACTIVITY_DAYS = 30;

interface RunState {
  startedAt: string;
  since: string;
  phase: 'pull' | 'push' | 'activity';
  offset: number;
  campaign: number;
  campaigns: Campaign[];
  /** Events after this time are asked for, for the campaign being read. */
  campaignSince: string;
  /** Members the platform has to read in all (its first page says). */
  total: number;
  /** Until when (ms) an execution is working on this run: another one leaves it alone meanwhile. */
  leaseUntil: number;
  report: SyncReport;
}

/** How far a run has come, for the tab while it works. */
export interface SyncProgress {
  phase: RunState['phase'];
  done: number;
  total: number;
  campaign: number;
  campaigns: number;
  working: boolean;
}

export interface SyncOutcome {
  report: SyncReport;
  /** False when the run stopped at its time budget: the next run goes on from there. */
  finished: boolean;
  preview: boolean;
  calls: number;
  startedAt: string;
  endedAt: string;
}

export interface SyncOptions {
  dryRun?: boolean;
  /** Stop (and keep the cursor) after this long; no limit when absent (the CLI). */
  budgetMs?: number;
  /** Who runs it, for the audit ('sync' for the hourly trigger). */
  actor: string;
  /** Another platform (a test's), else the connection's. */
  platform?: NewsletterPlatform;
}

function loadState(runtime: Runtime, connection: Connection): RunState | null {
  const raw = runtime.properties.get(stateKey(connection, 'run'));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as RunState;
  } catch {
    return null;
  }
}

/** Kept in one property (9 KB at most in Google): the lists are cut to fit. */
function saveState(runtime: Runtime, connection: Connection, state: RunState | null): void {
  if (!state) return runtime.properties.delete(stateKey(connection, 'run'));
  let kept = 15;
  let text = '';
  do {
    const small = {
      ...state,
      campaigns: state.campaigns.map((c) => ({ ...c, name: c.name.slice(0, 80) })),
      report: { ...state.report, conflicts: state.report.conflicts.slice(0, kept), errors: state.report.errors.slice(0, kept) },
    };
    text = JSON.stringify(small);
    kept = Math.floor(kept / 2);
  } while (text.length > 8000 && kept > 0);
  runtime.properties.set(stateKey(connection, 'run'), text);
}

export function syncProgress(runtime: Runtime, connection: Connection): SyncProgress | null {
  const state = loadState(runtime, connection);
  if (!state) return null;
  return {
    phase: state.phase,
    done: state.phase === 'pull' ? state.offset : state.total,
    total: state.total,
    campaign: state.campaign,
    campaigns: state.campaigns.length,
    working: state.leaseUntil > runtime.clock.now().getTime(),
  };
}

/** An execution's hold on a run: its budget and a minute more (a run without a budget: half an hour,
 *  renewed with each page). */
const LEASE_MARGIN_MS = 60 * 1000;
const UNBOUNDED_LEASE_MS = 30 * 60 * 1000;

const requestsKey = (runtime: Runtime) => `sync.requests.${runtime.clock.now().toISOString().slice(0, 10)}`;

/** UrlFetch calls count against a daily quota (20,000 on a free account, 100,000 on Workspace): the
 *  sync's are counted per day (UTC, as Google's quota day is not the spreadsheet's), for the tab. */
function countRequests(runtime: Runtime, calls: number): void {
  if (!calls) return;
  const key = requestsKey(runtime);
  runtime.properties.set(key, String((Number(runtime.properties.get(key)) || 0) + calls));
}

export function requestsToday(runtime: Runtime): number {
  return Number(runtime.properties.get(requestsKey(runtime))) || 0;
}

export function runSync(runtime: Runtime, connection: Connection, options: SyncOptions): SyncOutcome {
  const platform = options.platform ?? platformOf(runtime, connection);
  const started = runtime.clock.now();
  const deadline = options.budgetMs === undefined ? Infinity : started.getTime() + options.budgetMs;
  const outOfTime = () => runtime.clock.now().getTime() >= deadline;
  const action = `sync.${connection.platform}`;
  if (options.dryRun) return preview(runtime, connection, platform, options.actor);

  const before = loadState(runtime, connection);
  if (before && before.leaseUntil > started.getTime()) throw new UserError('busy', 'sync.error.running');
  const state: RunState = before ?? {
    startedAt: started.toISOString(),
    since: runtime.properties.get(stateKey(connection, 'cursor')) ?? '',
    phase: 'pull',
    offset: 0,
    campaign: 0,
    campaigns: [],
    campaignSince: '',
    total: 0,
    leaseUntil: 0,
    report: emptyReport(),
  };
  const report = state.report;
  const book = new SyncBook(runtime, connection, options.actor, platform.fields);
  // Saved after each page: the tab shows how far it has come, and an execution Google stops outright
  // (past its 6 minutes) is gone on from its last page, once its hold has run out.
  const progress = () => {
    state.leaseUntil = runtime.clock.now().getTime() + (deadline === Infinity ? UNBOUNDED_LEASE_MS : deadline - runtime.clock.now().getTime() + LEASE_MARGIN_MS);
    saveState(runtime, connection, state);
  };
  const stop = (): SyncOutcome => {
    countRequests(runtime, platform.calls);
    state.leaseUntil = 0;
    saveState(runtime, connection, state);
    return { report, finished: false, preview: false, calls: platform.calls, startedAt: state.startedAt, endedAt: runtime.clock.now().toISOString() };
  };
  progress();
  try {
    return syncFrom(state);
  } catch (error) {
    // A refusal or a failure leaves the run where it stopped, free for the next execution.
    state.leaseUntil = 0;
    saveState(runtime, connection, state);
    countRequests(runtime, platform.calls);
    throw error;
  }

  function syncFrom(state: RunState): SyncOutcome {
    while (state.phase === 'pull') {
      const page = platform.members(connection.list, state.since, state.offset);
      if (state.offset === 0 || !state.total) state.total = page.total;
      book.run(action, (workbook, links) => pullMembers(workbook, links, platform, page.items, report));
      if (page.next === null) {
        state.phase = 'push';
        state.offset = 0;
      } else state.offset = page.next;
      if (outOfTime()) return stop();
      progress();
    }

    if (state.phase === 'push') {
      const plan = book.run(action, (workbook, links) => planPush(links, platform, segmentTest(workbook, connection), report, labelsOf(workbook, connection)));
      sendPlan(book, connection, platform, plan, report);
      state.phase = 'activity';
      const since = addDays(started.toISOString().slice(0, 10), -ACTIVITY_DAYS);
      state.campaigns = platform.engagement ? platform.campaigns(connection.list, `${since}T00:00:00+00:00`).slice(0, 30) : [];
      report.activity.campaigns = state.campaigns.length;
      state.campaign = 0;
      state.offset = 0;
      if (outOfTime()) return stop();
      progress();
    }

    while (state.phase === 'activity' && state.campaign < state.campaigns.length && platform.engagement) {
      const campaign = state.campaigns[state.campaign];
      if (state.offset === 0) state.campaignSince = book.run(action, (_w, _l, activity) => activity().lastOf(connection.platform, campaign.id));
      const page = platform.engagement(campaign, state.campaignSince, state.offset);
      book.run(action, (_workbook, links, activity) => activity().add((email) => links.contactFor(email), connection.platform, campaign, page.items, report));
      if (page.next === null) {
        state.campaign++;
        state.offset = 0;
      } else state.offset = page.next;
      if (outOfTime() && state.campaign < state.campaigns.length) return stop();
      progress();
    }

    runtime.properties.set(stateKey(connection, 'cursor'), state.startedAt);
    saveState(runtime, connection, null);
    countRequests(runtime, platform.calls);
    const outcome: SyncOutcome = { report, finished: true, preview: false, calls: platform.calls, startedAt: state.startedAt, endedAt: runtime.clock.now().toISOString() };
    runtime.properties.set(stateKey(connection, 'last'), JSON.stringify({ ...outcome, report: { ...report, conflicts: report.conflicts.slice(0, 15), errors: report.errors.slice(0, 15) } }));
    return outcome;
  }
}

/** What a sync would do, without writing anything on either side. */
function preview(runtime: Runtime, connection: Connection, platform: NewsletterPlatform, actor: string): SyncOutcome {
  const startedAt = runtime.clock.now().toISOString();
  const report = emptyReport();
  const workbook = new Workbook(runtime, runtime.clock, actor);
  const links = new MemberLinks(workbook, connection);
  // A preview writes nothing, not even a header: a custom column an extra field would make is left
  // out of it (the sync makes the column and fills it).
  const custom = new Set(workbook.table(Contacts).customColumns());
  const target = { name: platform.name, fields: platform.fields.filter((f) => !f.startsWith('custom.') || custom.has(f.slice(7))) };
  const since = runtime.properties.get(stateKey(connection, 'cursor')) ?? '';
  for (let offset: number | null = 0; offset !== null;) {
    const page = platform.members(connection.list, since, offset);
    pullMembers(workbook, links, target, page.items, report);
    offset = page.next;
  }
  const plan = planPush(links, target, segmentTest(workbook, connection), report);
  report.created_in_mailer = plan.add.length;
  report.updated_in_mailer = plan.change.length;
  report.unsubscribed_in_mailer = new Set(plan.unsubscribe.map((u) => emailKey(u.email))).size;
  return { report, finished: true, preview: true, calls: platform.calls, startedAt, endedAt: runtime.clock.now().toISOString() };
}
