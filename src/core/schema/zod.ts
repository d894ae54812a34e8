// zod/mini rather than zod: the same checks for a thirtieth of the bundle (every Apps Script call
// evaluates the whole bundle, so its size is paid on every click). Import it as a namespace in each
// file and never pass the namespace around, or the bundler keeps every locale.
import * as z from 'zod/mini';
import { columnProblem } from './columns';
import type { RecordOf, TableDef } from './tables';

type ColumnName<T extends TableDef> = Extract<keyof T['columns'], string>;

/** What a checked record holds: the fields asked for, each optional ('' clears one) unless `R`
 *  requires it, with its column's type; custom columns by header. */
export type RecordInput<T extends TableDef, O extends string, R extends string> = {
  [K in Exclude<ColumnName<T>, O | R>]?: RecordOf<T>[K] | '';
} & { [K in Exclude<R, O> & ColumnName<T>]: Exclude<RecordOf<T>[K], ''> } & { custom?: Record<string, string | number | boolean> };

/** The zod schema of a table's records, built from the one column list in tables.ts. Used where a
 *  record arrives from outside (API input, imports); `partial` accepts a subset of the columns.
 *  A value that breaks a column rule gives a 'custom' issue whose params hold the message key. */
export function recordSchema<T extends TableDef, O extends ColumnName<T> = never, R extends ColumnName<T> = never>(
  table: T,
  options: { omit?: O[]; require?: R[] } = {},
): z.ZodMiniType<RecordInput<T, O, R>> {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const [name, column] of Object.entries(table.columns)) {
    if ((options.omit as string[] | undefined)?.includes(name)) continue;
    const required = (options.require as string[] | undefined)?.includes(name);
    const rule = z.unknown().check(
      z.superRefine((v, ctx) => {
        // A required field says so when it is missing or empty, in the caller's language.
        const problem = required && (v === undefined || v === '') ? { key: 'problem.required', params: {} } : columnProblem(column, v);
        // The message key travels with the issue; the answer translates it into the caller's language.
        if (problem) ctx.issues.push({ code: 'custom', message: problem.key, params: { ...problem.params, key: problem.key }, input: v });
      }),
    );
    shape[name] = required ? rule : z.optional(rule);
  }
  shape.custom = z.optional(customFields);
  // Each value is checked against its column above (columnProblem), which is what the type says.
  return z.strictObject(shape) as unknown as z.ZodMiniType<RecordInput<T, O, R>>;
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
