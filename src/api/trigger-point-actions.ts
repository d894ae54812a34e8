import * as z from 'zod/mini';
import { defineAction, Action } from './action';
import { runTriggerPoints, triggerLog } from '../services/trigger-points';

/** Trigger points: the rules of the TriggerPoints sheet, run by the nightly trigger, and their log. */
export const TRIGGER_POINT_ACTIONS = {
  /** Every active rule once: acts on the contacts that entered its segment since the last run. */
  runTriggerPoints: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'trigger_points.run',
    input: z.optional(z.strictObject({})),
    run: ({ workbook, caller, language }) => runTriggerPoints(workbook, caller!.email, language),
  }),

  triggerLog: defineAction({
    access: 'viewer',
    mutates: false,
    input: z.optional(
      z.strictObject({
        limit: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
        rule: z.optional(z.string().check(z.maxLength(200))),
      }),
    ),
    run: ({ workbook }, input) => triggerLog(workbook, input?.limit ?? 100, input?.rule),
  }),
} satisfies Record<string, Action<any, any>>;
