import * as z from 'zod/mini';
import { defineAction } from './action';
import { webAddress } from './web-address';
import { chooseNewsletterList, connectedList, connectNewsletter, disconnectNewsletter, newsletterLists, newsletterView, runSync, SYNC_CONTINUE_JOB, savedConnection } from '../services/sync';
import { PLATFORMS } from '../services/sync/platforms/platform';
import type { Connection } from '../services/sync/connection';
import { readFieldLinks } from '../services/sync/field-links';

export { SYNC_JOB, SYNC_CONTINUE_JOB } from '../services/sync';

/** A sync's share of an execution where the platform limits it (Apps Script's 6 minutes). */
export const SYNC_BUDGET_MS = 4.5 * 60 * 1000;

const explicit = () => ({
  /** The CLI names its platform, key (from the environment) and list; the sidebar uses the saved ones. */
  platform: z.optional(z.enum(PLATFORMS)),
  key: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  list: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  segment: z.optional(z.string().check(z.maxLength(200))),
  api_url: z.optional(webAddress()),
  /** Extra fields, `crm = PLATFORM`, separated by new lines or `;`. */
  fields: z.optional(z.string().check(z.maxLength(5000))),
});

function connectionOf(
  runtime: Parameters<typeof connectedList>[0],
  input: { platform?: Connection['platform']; key?: string; list?: string; segment?: string; api_url?: string; fields?: string },
): Connection {
  if (input.platform && input.key && input.list)
    return {
      platform: input.platform,
      key: input.key,
      list: input.list,
      ...(input.segment ? { segment: input.segment } : {}),
      ...(input.api_url ? { apiUrl: input.api_url } : {}),
      ...(input.fields ? { fields: readFieldLinks(input.platform, input.fields.split(/[;\n]/)) } : {}),
    };
  return connectedList(runtime);
}

/** The newsletter platform connection, for admins: connect, choose the list, preview, sync now. */
export const SYNC_ACTIONS = {
  newsletterSettings: defineAction({
    access: 'admin',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ runtime }) => ({ connection: newsletterView(runtime), platforms: [...PLATFORMS] }),
  }),

  /** The connected platform's audiences or lists, to choose from. */
  newsletterLists: defineAction({
    access: 'admin',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ runtime }) => ({ lists: newsletterLists(runtime) }),
  }),

  connectNewsletter: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'sync.connect',
    input: () => z.strictObject({ platform: z.enum(PLATFORMS), key: z.string().check(z.minLength(1), z.maxLength(200)), api_url: z.optional(webAddress()) }),
    run: ({ runtime, workbook }, input) => {
      const answer = connectNewsletter(runtime, input);
      workbook.auditOutside('newsletter connection', { platform: input.platform, key: newsletterView(runtime)?.key ?? '' });
      return answer;
    },
  }),

  chooseNewsletterList: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'sync.choose_list',
    input: () =>
      z.strictObject({
        list: z.string().check(z.minLength(1), z.maxLength(100)),
        segment: z.optional(z.string().check(z.maxLength(200))),
        label_segments: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(30))),
        fields: z.optional(z.string().check(z.maxLength(5000))),
        brevo_template: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(1_000_000_000)))),
        brevo_redirect: z.optional(z.union([z.literal(''), webAddress()])),
      }),
    run: ({ runtime, workbook }, input) => {
      const view = chooseNewsletterList(runtime, workbook, input);
      workbook.auditOutside('newsletter list', {
        list: view.list,
        list_name: view.list_name,
        segment: view.segment,
        label_segments: view.label_segments,
        fields: view.fields,
        brevo_template: view.brevo_template,
      });
      return view;
    },
  }),

  disconnectNewsletter: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'sync.disconnect',
    input: () => z.optional(z.strictObject({})),
    run: ({ runtime, workbook }) => {
      workbook.auditOutside('newsletter connection', { connected: false });
      return disconnectNewsletter(runtime);
    },
  }),

  /** What a sync would do, on both sides, with nothing written. */
  previewSync: defineAction({
    access: 'admin',
    mutates: false,
    input: () => z.optional(z.strictObject(explicit())),
    run: ({ runtime, caller }, input) => runSync(runtime, connectionOf(runtime, input ?? {}), { dryRun: true, actor: caller?.email ?? 'sync' }),
  }),

  /** Syncs now (the hourly trigger does it too). Each page takes the lock and commits on its own. */
  syncNewsletter: defineAction({
    access: 'admin',
    mutates: true,
    locksItself: true,
    input: () => z.optional(z.strictObject(explicit())),
    run: ({ runtime, caller }, input) => {
      const outcome = runSync(runtime, connectionOf(runtime, input ?? {}), { actor: caller?.email ?? 'sync', budgetMs: runtime.executionBudgetMs ?? SYNC_BUDGET_MS });
      if (!outcome.finished) runtime.scheduler.runSoon(SYNC_CONTINUE_JOB, 60_000);
      return outcome;
    },
  }),
};

/** The hourly trigger's work (and the one-off trigger's after a run cut off): the saved list, if any. */
export function syncSavedList(runtime: Parameters<typeof connectedList>[0]): { synced: boolean; finished?: boolean } {
  const c = savedConnection(runtime);
  if (!c?.list) return { synced: false };
  const outcome = runSync(runtime, c, { actor: 'sync', budgetMs: runtime.executionBudgetMs ?? SYNC_BUDGET_MS });
  if (!outcome.finished) runtime.scheduler.runSoon(SYNC_CONTINUE_JOB, 60_000);
  return { synced: true, finished: outcome.finished };
}
