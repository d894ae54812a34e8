/** The builder's model: one list of condition rows joined by AND or by OR, each row possibly negated.
 *  It is the shape most segments have; a query with deeper nesting (`(a OR b) AND c`) is still shown
 *  and kept, but edited as text (rowsOf answers null). The text form and the tree stay the truth:
 *  rows → tree (treeOf) → text (printQuery), and text → tree (parseQuery) → rows (rowsOf). */
import { queryField } from '../src/core/query/tree';
import type { Condition, QueryField, QueryNode } from '../src/core/query/tree';

export type Join = 'and' | 'or';

export interface Row {
  not: boolean;
  condition: Condition;
}

export interface Rows {
  join: Join;
  rows: Row[];
}

/** The windows a counted field can have, as the builder offers them. */
export const WINDOW_KINDS = ['within', 'since', 'before'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** The rows of a tree, or null when it does not fit one flat list (it is then edited as text). */
export function rowsOf(tree: QueryNode): Rows | null {
  const row = rowOf(tree);
  if (row) return { join: 'and', rows: [row] };
  if (tree.kind === 'not' || tree.kind === 'condition') return null;
  const rows: Row[] = [];
  for (const child of tree.children) {
    const r = rowOf(child);
    if (!r) return null;
    rows.push(r);
  }
  return { join: tree.kind, rows };
}

function rowOf(node: QueryNode): Row | null {
  const condition = node.kind === 'condition' ? node : node.kind === 'not' && node.child.kind === 'condition' ? node.child : null;
  // A row offers one window; `since:… before:…` together stay in the text.
  if (!condition || WINDOW_KINDS.filter((k) => condition[k] !== undefined).length > 1) return null;
  return { not: node.kind === 'not', condition };
}

/** The tree of the rows (rows without a field, an unfinished line, are left out). */
export function treeOf(model: Rows): QueryNode {
  const children: QueryNode[] = model.rows
    .filter((r) => r.condition.field)
    .map((r) => (r.not ? { kind: 'not', child: r.condition } : r.condition));
  return { kind: model.join, children };
}

/** A new row for `field`: its first comparison, and a value that reads naturally (a flag is true, an
 *  enum its first value). */
export function newCondition(field: QueryField): Condition {
  const value = field.type === 'flag' ? 'true' : field.values?.[0] ?? '';
  return { kind: 'condition', field: field.field, op: field.ops[0], value };
}

/** The row after choosing another field: the value is kept when it still fits, windows only when the
 *  new field counts dated records. */
export function withField(condition: Condition, name: string): Condition {
  const field = queryField(name);
  if (!field) return { ...condition, field: name };
  const fresh = newCondition(field);
  const keepsValue = field.type !== 'flag' && !field.values && condition.value !== '' && queryField(condition.field)?.type === field.type;
  const next: Condition = { ...fresh, value: keepsValue ? condition.value : fresh.value };
  if (field.ops.includes(condition.op)) next.op = condition.op;
  if (field.window) {
    for (const kind of WINDOW_KINDS) if (condition[kind] !== undefined) next[kind] = condition[kind];
  }
  return next;
}

/** The window a row has ('' for none) and its value. */
export function windowOf(condition: Condition): { kind: WindowKind | ''; value: string } {
  for (const kind of WINDOW_KINDS) if (condition[kind] !== undefined) return { kind, value: condition[kind] ?? '' };
  return { kind: '', value: '' };
}

/** The row with its window replaced (kind '' removes it). */
export function withWindow(condition: Condition, kind: WindowKind | '', value: string): Condition {
  const next: Condition = { ...condition };
  for (const k of WINDOW_KINDS) delete next[k];
  if (kind) next[kind] = value;
  return next;
}
