import type { Condition, QueryNode } from '../../core/query/tree';
import { parseQuery } from '../../core/query/parse';
import { queryErrorParams } from '../../core/query/messages';
import { Segments, type Segment } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import { resolveDate } from '../../core/query/relative-dates';
import { fold } from '../../core/text';
import { UserError } from '../../store/errors';

/** How a condition compares, shared by both ways of evaluating a query: the engine over the sheet's
 *  rows (query-engine.ts) and the SQL the database runs (query-sql.ts). What a condition means is
 *  decided here once, so that the two cannot drift apart. */

export type Op = Condition['op'];

/** A value without its quotes and escapes. */
export const unquote = (v: string): string => (/^".*"$/.test(v) ? v.slice(1, -1).replace(/\\"/g, '"') : v);

export function compareOrdered<T extends number | string>(a: T, op: Op, w: T): boolean {
  switch (op) {
    case '>':
      return a > w;
    case '>=':
      return a >= w;
    case '<':
      return a < w;
    case '<=':
      return a <= w;
    case '!=':
      return a !== w;
    default:
      return a === w;
  }
}

/** Text compared without accents, case or the spaces around it. */
export function compareText(actual: string, op: Op, wanted: string): boolean {
  const [a, w] = [fold(actual.trim()), fold(unquote(wanted).trim())];
  if (op === ':' || op === '=') return a === w;
  return op === '!=' ? a !== w : compareOrdered(a, op, w);
}

/** The condition's value as the text it compares with: folded, trimmed, unquoted. */
export const wantedText = (c: Condition): string => fold(unquote(c.value).trim());

/** The condition's date (ISO or relative, resolved against today), or a refusal naming the value. */
export function wantedDate(c: Condition, today: string): string {
  const wanted = resolveDate(unquote(c.value), today);
  if (!wanted) throw new UserError('invalid', 'error.query_date', { value: c.value });
  return wanted;
}

/** The days a window lets in, as ISO dates: from `since:` or `within:` (included) until `before:`
 *  (excluded); '' where the window is open. */
export function windowOf(c: Condition, today: string): { from: string; until: string } {
  const resolve = (text: string | undefined) => {
    if (!text) return '';
    const day = resolveDate(text, today);
    if (!day) throw new UserError('invalid', 'error.query_date', { value: text });
    return day;
  };
  return { from: resolve(c.since ?? c.within), until: resolve(c.before) };
}

/** over:'s amount (only gifts of more than it count), or -Infinity. */
export function overOf(c: Condition): number {
  if (c.over === undefined) return -Infinity;
  const amount = Number(c.over);
  if (String(c.over).trim() === '' || !Number.isFinite(amount)) throw new UserError('invalid', 'error.query_over', { value: c.over });
  return amount;
}

/** `op` as a comparison of ordered values (':' on a number or a date means '='). */
export const orderedOp = (op: Op): Op => (op === ':' ? '=' : op);

/** The segment `segment:NAME` names (case and accents aside) and, for a dynamic one, its query; refused
 *  when there is none by that name, or when it names itself through others (`seen`). */
export function namedSegment(workbook: Workbook, name: string, seen: string[]): { segment: Segment; tree: QueryNode | null } {
  const segment = workbook
    .table(Segments)
    .all()
    .find((s) => fold(s.name.trim()) === fold(name.trim()));
  if (!segment) throw new UserError('not_found', 'error.query_segment', { name });
  if (seen.includes(segment.id)) throw new UserError('invalid', 'error.query_cycle', { name });
  if (segment.kind === 'static' || !segment.query) return { segment, tree: null };
  const parsed = parseQuery(segment.query);
  if (!parsed.ok) throw new UserError('invalid', 'error.query', queryErrorParams(parsed.error, name));
  return { segment, tree: parsed.tree };
}
