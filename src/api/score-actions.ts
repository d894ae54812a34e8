import * as z from 'zod/mini';
import { defineAction, type Action } from './action';
import { RFM_SEGMENTS } from '../core/query/tree';
import { refreshScores, SCORES_AUDIT } from '../services/dashboard/scores';
import { sidebarHotList, sidebarRfmReport } from '../services/dashboard/scores-kept';

/** RFM and engagement scores: worked out as of today whenever asked, and copied into the Scores sheet
 *  every night (refreshScores, in NIGHTLY_ACTIONS) for people who filter in plain Sheets. */
export const SCORE_ACTIONS = {
  /** Rewrites the Scores sheet: one row per donor or engaged contact. */
  refreshScores: defineAction({
    access: 'editor',
    mutates: true,
    audit: SCORES_AUDIT,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook }) => refreshScores(workbook),
  }),

  /** The RFM groups with their counts, and the donors (of one group, or all), best first; from the
   *  night's Scores table where the dashboard opens on the figures kept, unless `fresh`. */
  rfmScores: defineAction({
    access: 'viewer',
    mutates: false,
    input: () =>
      z.optional(
        z.strictObject({
          segment: z.optional(z.enum(RFM_SEGMENTS)),
          offset: z.optional(z.int().check(z.minimum(0))),
          limit: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
          fresh: z.optional(z.boolean()),
        }),
      ),
    run: ({ workbook }, input) => sidebarRfmReport(workbook, input?.segment, input?.offset ?? 0, input?.limit ?? 100, input?.fresh === true),
  }),

  /** The hot list: the most engaged contacts of the last engagement_days days (from the night's Scores
   *  table as above, unless `fresh`). */
  hotList: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({ limit: z.optional(z.int().check(z.minimum(1), z.maximum(1000))), fresh: z.optional(z.boolean()) })),
    run: ({ workbook }, input) => sidebarHotList(workbook, input?.limit ?? 50, input?.fresh === true),
  }),
} satisfies Record<string, Action<any, any>>;
