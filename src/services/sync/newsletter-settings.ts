/** The Newsletter tab's settings: connecting a platform (the key checked with a ping, kept in
 *  document properties, shown masked), choosing the list and the segment, and what the last run did. */
import type { Runtime } from '../../ports';
import { UserError } from '../../store/errors';
import type { Workbook } from '../../store/workbook';
import { findSegment } from '../segments/segment-lookup';
import { type Connection, maskedApiKey, platformName, platformOf, saveConnection, savedConnection, stateKey } from './connection';
import type { PlatformList } from './platforms/platform';
import { MAX_EXTRA_FIELDS, readFieldLinks } from './field-links';
import { requestsToday, SYNC_JOB, syncProgress, type SyncOutcome, type SyncProgress } from './sync-run';

export interface NewsletterView {
  platform: string;
  key: string;
  list: string;
  list_name: string;
  segment: string;
  label_segments: string[];
  /** The extra fields, one `crm = PLATFORM` a line. */
  fields: string;
  /** The most extra fields the platform takes. */
  max_fields: number;
  /** Brevo's double opt-in: the template's id ('' when none) and where its link leads. */
  brevo_template: string;
  brevo_redirect: string;
  /** The last finished run, if any. */
  last: SyncOutcome | null;
  /** A run stopped at its time budget, continuing from the next trigger. */
  resuming: boolean;
  /** How far the run under way (or stopped) has come. */
  progress: SyncProgress | null;
  /** Requests the sync made today (UrlFetch's daily quota). */
  requests_today: number;
}

export function newsletterView(runtime: Runtime): NewsletterView | null {
  const c = savedConnection(runtime);
  if (!c) return null;
  let last: SyncOutcome | null = null;
  if (c.list)
    try {
      last = JSON.parse(runtime.properties.get(stateKey(c, 'last')) ?? 'null') as SyncOutcome | null;
    } catch {
      last = null;
    }
  const progress = c.list ? syncProgress(runtime, c) : null;
  return {
    platform: c.platform,
    key: maskedApiKey(c.key),
    list: c.list,
    list_name: c.listName ?? '',
    segment: c.segment ?? '',
    label_segments: c.labelSegments ?? [],
    fields: (c.fields ?? []).map((f) => `${f.crm} = ${f.platform}`).join('\n'),
    max_fields: MAX_EXTRA_FIELDS[c.platform],
    brevo_template: c.brevoConfirmation ? String(c.brevoConfirmation.templateId) : '',
    brevo_redirect: c.brevoConfirmation?.redirectUrl ?? '',
    last,
    resuming: progress !== null && !progress.working,
    progress,
    requests_today: requestsToday(runtime),
  };
}

/** Checks the key with the platform and keeps it; answers its lists to choose from. */
export function connectNewsletter(runtime: Runtime, input: { platform: string; key: string; api_url?: string }): { lists: PlatformList[] } {
  const platform = platformName(input.platform);
  const key = input.key.trim();
  const connection: Connection = { platform, key, list: '', ...(input.api_url ? { apiUrl: input.api_url } : {}) };
  const client = platformOf(runtime, connection);
  client.ping();
  const lists = client.lists();
  saveConnection(runtime, connection);
  return { lists };
}

/** The list (and, optionally, the segment whose consented contacts are added) to keep in sync every hour. */
export function chooseNewsletterList(
  runtime: Runtime,
  workbook: Workbook,
  input: { list: string; segment?: string; label_segments?: string[]; fields?: string; brevo_template?: number | null; brevo_redirect?: string },
): NewsletterView {
  const c = savedConnection(runtime);
  if (!c) throw new UserError('invalid', 'sync.error.not_connected');
  const fields = input.fields === undefined ? (c.fields ?? []) : readFieldLinks(c.platform, input.fields.split('\n'));
  const lists = platformOf(runtime, c).lists();
  const list = lists.find((l) => l.id === input.list.trim());
  if (!list) throw new UserError('not_found', 'sync.error.no_list', { list: input.list, field: 'list' });
  const segment = input.segment?.trim() ? findSegment(workbook, input.segment.trim()).name : '';
  const labelSegments = [...new Set((input.label_segments ?? c.labelSegments ?? []).filter((n) => n.trim()).map((n) => findSegment(workbook, n.trim()).name))];
  saveConnection(runtime, { ...c, list: list.id, listName: list.name, segment: segment || undefined, labelSegments, fields, brevoConfirmation: confirmationOf(c, input) });
  runtime.scheduler.ensureHourly(SYNC_JOB);
  return newsletterView(runtime)!;
}

/** Brevo's double opt-in as chosen: a template id with the page its link leads to, or none (null). */
function confirmationOf(c: Connection, input: { brevo_template?: number | null; brevo_redirect?: string }): Connection['brevoConfirmation'] {
  if (c.platform !== 'brevo' || input.brevo_template === undefined) return c.brevoConfirmation;
  if (input.brevo_template === null) return undefined;
  if (!input.brevo_redirect) throw new UserError('invalid', 'sync.error.brevo_redirect', { field: 'brevo_redirect' });
  return { templateId: input.brevo_template, redirectUrl: input.brevo_redirect };
}

export function newsletterLists(runtime: Runtime): PlatformList[] {
  const c = savedConnection(runtime);
  if (!c) throw new UserError('invalid', 'sync.error.not_connected');
  return platformOf(runtime, c).lists();
}

export function disconnectNewsletter(runtime: Runtime): { connected: false } {
  saveConnection(runtime, null);
  runtime.scheduler.removeJob(SYNC_JOB);
  return { connected: false };
}

export function connectedList(runtime: Runtime): Connection {
  const c = savedConnection(runtime);
  if (!c) throw new UserError('invalid', 'sync.error.not_connected');
  if (!c.list) throw new UserError('invalid', 'sync.error.no_list_chosen');
  return c;
}
