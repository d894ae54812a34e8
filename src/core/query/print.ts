import { Condition, CUSTOM_PREFIX, normalizeQuery, QueryNode, queryField } from './tree';

/** The tree back to the text form, canonical, for the builder's text box, the Segments sheet and the
 *  command line: AND / OR / NOT in upper case, no spaces around comparisons, the fewest parentheses that
 *  keep the tree's shape (AND binds tighter than OR, so `a OR b AND c` needs none; a group nested in a
 *  group of the same kind keeps its parentheses so it parses back as the same tree), values quoted only
 *  when a bare word would read differently. The tree is normalised first (see normalizeQuery), and for a
 *  normalised tree parseQuery(printQuery(t)) deep-equals t; printing a parsed text twice gives the same
 *  text. The empty AND group prints as ''. */
export function printQuery(tree: QueryNode): string {
  const root = normalizeQuery(tree);
  if (root.kind !== 'condition' && root.kind !== 'not' && root.children.length === 0) return '';
  return printNode(root, 'top');
}

type Context = 'top' | 'and' | 'or' | 'not';

function printNode(node: QueryNode, context: Context): string {
  if (node.kind === 'condition') return printCondition(node);
  if (node.kind === 'not') return `NOT ${printNode(node.child, 'not')}`;
  const text = node.children.map((child) => printNode(child, node.kind)).join(node.kind === 'and' ? ' AND ' : ' OR ');
  const grouped = context === 'not' || context === node.kind || (context === 'and' && node.kind === 'or');
  return grouped ? `(${text})` : text;
}

/** One condition: `field op value` and its windows (then over:), or the flag's name alone. */
export function printCondition(c: Condition): string {
  let text = printField(c.field);
  if (!(queryField(c.field)?.type === 'flag' && c.op === ':' && c.value === 'true')) text += c.op + printValue(c.value);
  if (c.since !== undefined) text += ` since:${printValue(c.since)}`;
  if (c.within !== undefined) text += ` within:${printValue(c.within)}`;
  if (c.before !== undefined) text += ` before:${printValue(c.before)}`;
  if (c.over !== undefined) text += ` over:${printValue(c.over)}`;
  return text;
}

const BARE_CUSTOM_NAME = /^[\p{L}\p{N}_.-]+$/u;

function printField(field: string): string {
  if (!field.startsWith(CUSTOM_PREFIX)) return field;
  const name = field.slice(CUSTOM_PREFIX.length);
  return CUSTOM_PREFIX + (BARE_CUSTOM_NAME.test(name) ? name : quote(name));
}

/** A value as a bare word when the parser would read it back unchanged: not empty, no space, parenthesis
 *  or quote, and not starting with a character that would join the comparison ('>' then '=x'). */
export function printValue(value: string): string {
  return value === '' || /[\s()"]/.test(value) || /^[=<>!]/.test(value) ? quote(value) : value;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
