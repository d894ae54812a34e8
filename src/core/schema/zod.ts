// zod/mini rather than zod: the same checks for a thirtieth of the bundle (every Apps Script call
// evaluates the whole bundle, so its size is paid on every click). Import it as a namespace in each
// file and never pass the namespace around, or the bundler keeps every locale.
import * as z from 'zod/mini';
import { columnProblem } from './columns';
import type { TableDef } from './tables';

/** The zod schema of a table's records, built from the one column list in tables.ts. Used where a
 *  record arrives from outside (API input, imports); `partial` accepts a subset of the columns.
 *  A value that breaks a column rule gives a 'custom' issue whose params hold the message key. */
export function recordSchema(table: TableDef, options: { partial?: boolean; omit?: string[] } = {}) {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const [name, column] of Object.entries(table.columns)) {
    if (options.omit?.includes(name)) continue;
    const rule = z.unknown().check(
      z.superRefine((v, ctx) => {
        const problem = columnProblem(column, v);
        // The message key travels with the issue; the answer translates it into the caller's language.
        if (problem) ctx.issues.push({ code: 'custom', message: problem.key, params: { ...problem.params, key: problem.key }, input: v });
      }),
    );
    shape[name] = options.partial ? z.optional(rule) : rule;
  }
  shape.custom = z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])));
  return z.strictObject(shape);
}
