import * as z from 'zod/mini';
import { defineAction, Action } from './action';
import { runTriggerPoints, triggerLog } from '../services/points/trigger-points';
import { deleteTriggerPoint, listTriggerPoints, saveTriggerPoint } from '../services/points/trigger-point-rules';

const ruleId = () => z.string().check(z.minLength(1), z.maxLength(200));

/** Trigger points: the rules of the TriggerPoints sheet, run by the nightly trigger, and their log. */
export const TRIGGER_POINT_ACTIONS = {
  /** Every active rule once: acts on the contacts that entered its segment since the last run. */
  runTriggerPoints: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'trigger_points.run',
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook, caller, language }) => runTriggerPoints(workbook, caller!.email, language),
  }),

  triggerLog: defineAction({
    access: 'viewer',
    mutates: false,
    input: () =>
      z.optional(
        z.strictObject({
          limit: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
          rule: z.optional(z.string().check(z.maxLength(200))),
        }),
      ),
    run: ({ workbook }, input) => triggerLog(workbook, input?.limit ?? 100, input?.rule),
  }),

  /** The rules of the TriggerPoints sheet, each with what the run would report about its row. */
  listTriggerPoints: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook, language }) => listTriggerPoints(workbook, language),
  }),

  /** Adds a rule (no id) or changes one; the service checks each field and names it when refusing. */
  saveTriggerPoint: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'trigger_point.save',
    input: () =>
      z.strictObject({
        id: z.optional(ruleId()),
        name: z.string().check(z.maxLength(500)),
        segment: z.string().check(z.maxLength(500)),
        // Any text: an unknown action is refused by the service in the caller's language.
        action: z.string().check(z.maxLength(100)),
        argument: z.optional(z.string().check(z.maxLength(50000))),
        owner: z.optional(z.string().check(z.maxLength(320))),
        active: z.boolean(),
      }),
    run: ({ workbook, language }, input) => saveTriggerPoint(workbook, input, language),
  }),

  /** Deletes a rule; its log rows are kept as history. */
  deleteTriggerPoint: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'trigger_point.delete',
    input: () => z.strictObject({ id: ruleId() }),
    run: ({ workbook }, input) => deleteTriggerPoint(workbook, input.id),
  }),
} satisfies Record<string, Action<any, any>>;
