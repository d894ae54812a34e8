/** The builder's model: one list of condition rows joined by AND or by OR, each row possibly negated.
 *  It is the shape most segments have; a query with deeper nesting (`(a OR b) AND c`) is still shown
 *  and kept, but edited as text (rowsOf answers null). The text form and the tree stay the truth:
 *  rows → tree (treeOf) → text (printQuery), and text → tree (parseQuery) → rows (rowsOf). */
import { queryField } from '../src/core/query/tree';
import { relativeParts } from '../src/core/query/relative-dates';
import type { Condition, QueryField, QueryNode } from '../src/core/query/tree';

export type Join = 'and' | 'or';

export interface Row {
  not: boolean;
  condition: Condition;
  /** A date in a span from today, in one row: 'next' (from today until `condition.value` ahead:
   *  "membership ends within the next 30 days") or 'last' (from `condition.value` ago until today).
   *  The value is the span ('30d'); in the tree it is two conditions, `>=` and `<=`. */
  range?: RangeKind;
}

export const RANGE_KINDS = ['next', 'last'] as const;
export type RangeKind = (typeof RANGE_KINDS)[number];

export interface Rows {
  join: Join;
  rows: Row[];
}

/** The windows a counted field can have, as the builder offers them. */
export const WINDOW_KINDS = ['within', 'since', 'before'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** The rows of a tree, or null when it does not fit one flat list (it is then edited as text). */
export function rowsOf(tree: QueryNode): Rows | null {
  const row = rowOf(tree) ?? rangeRowOf(tree);
  if (row) return { join: 'and', rows: [row] };
  if (tree.kind === 'not' || tree.kind === 'condition') return null;
  const rows: Row[] = [];
  const children = tree.children;
  for (let i = 0; i < children.length; i++) {
    // Under AND, a span is its two conditions side by side; under OR, their own group.
    const pair = tree.kind === 'and' && children[i + 1] ? rangeOf(children[i], children[i + 1]) : null;
    if (pair) {
      rows.push({ not: false, ...pair });
      i++;
      continue;
    }
    const r = rowOf(children[i]) ?? rangeRowOf(children[i]);
    if (!r) return null;
    rows.push(r);
  }
  return { join: tree.kind, rows };
}

/** `(f>=today AND f<=+30d)`, perhaps under NOT, as one row. */
function rangeRowOf(node: QueryNode): Row | null {
  const not = node.kind === 'not';
  const group = not ? node.child : node;
  if (group.kind !== 'and' || group.children.length !== 2) return null;
  const pair = rangeOf(group.children[0], group.children[1]);
  return pair ? { not, ...pair } : null;
}

/** Two conditions that make a span from today on one date field, or null. */
function rangeOf(a: QueryNode, b: QueryNode): { condition: Condition; range: RangeKind } | null {
  if (a.kind !== 'condition' || b.kind !== 'condition' || a.field !== b.field || a.op !== '>=' || b.op !== '<=') return null;
  if (queryField(a.field)?.type !== 'date' || [a, b].some((c) => c.since !== undefined || c.within !== undefined || c.before !== undefined || c.over !== undefined)) return null;
  const from = relativeParts(a.value);
  const until = relativeParts(b.value);
  const span = (p: ReturnType<typeof relativeParts>) => (p && p !== 'today' ? `${p.count}${p.unit}` : '');
  if (from === 'today' && until && until !== 'today' && until.ahead) return { condition: { ...a, op: '>=', value: span(until) }, range: 'next' };
  if (until === 'today' && from && from !== 'today' && !from.ahead) return { condition: { ...a, op: '>=', value: span(from) }, range: 'last' };
  return null;
}

function rowOf(node: QueryNode): Row | null {
  const condition = node.kind === 'condition' ? node : node.kind === 'not' && node.child.kind === 'condition' ? node.child : null;
  // A row offers one window; `since:… before:…` together stay in the text.
  if (!condition || WINDOW_KINDS.filter((k) => condition[k] !== undefined).length > 1) return null;
  return { not: node.kind === 'not', condition };
}

/** The tree of the rows (rows without a field, an unfinished line, are left out). */
export function treeOf(model: Rows): QueryNode {
  const children: QueryNode[] = [];
  for (const r of model.rows.filter(finished)) {
    if (!r.range) {
      children.push(r.not ? { kind: 'not', child: r.condition } : r.condition);
      continue;
    }
    const c = r.condition;
    const pair: Condition[] =
      r.range === 'next'
        ? [
            { ...c, op: '>=', value: 'today' },
            { ...c, op: '<=', value: `+${c.value}` },
          ]
        : [
            { ...c, op: '>=', value: c.value },
            { ...c, op: '<=', value: 'today' },
          ];
    const group: QueryNode = { kind: 'and', children: pair };
    if (r.not) children.push({ kind: 'not', child: group });
    else if (model.join === 'and') children.push(...pair);
    else children.push(group);
  }
  return { kind: model.join, children };
}

/** A row the person has finished: a field, and a value where the field needs one (a row whose value
 *  is still to be typed is left out, rather than shown as a mistake). */
export function finished(row: Row): boolean {
  const c = row.condition;
  if (!c.field) return false;
  if (c.value.trim() !== '') return true;
  const type = queryField(c.field)?.type;
  // An empty text may be asked for on purpose (city = "": no city); nothing else is complete empty.
  return type === 'text' && (c.op === '=' || c.op === '!=');
}

/** A new row for `field`: its first comparison, and a value that reads naturally (a flag is true, an
 *  enum its first value). */
export function newCondition(field: QueryField): Condition {
  const value = field.type === 'flag' ? 'true' : (field.values?.[0] ?? '');
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
