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
  shape.custom = z.optional(customFields);
  return z.strictObject(shape);
}

/** Custom columns by name → text, number or true/false. Checked in place rather than with z.record,
 *  which copies into a plain object: a column called '__proto__' would be lost (or worse) in the copy.
 *  The value passed on is a copy without a prototype. */
const customFields = z.pipe(
  z.custom<Record<string, string | number | boolean>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean'),
    { message: 'custom fields must be text, numbers or true/false, by column name' },
  ),
  z.transform((v: Record<string, string | number | boolean>) => {
    const copy: Record<string, string | number | boolean> = Object.create(null);
    for (const key of Object.keys(v)) copy[key] = v[key];
    return copy;
  }),
);
