import { queryErrorParams } from '../../core/query/messages';
import { Segments, Segment } from '../../core/schema/tables';
import type { QueryNode } from '../../core/query/tree';
import { parseQuery } from '../../core/query/parse';
import { fold } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';

/** Segment names compare as people read them: accents, case and surrounding spaces aside. */
export const sameName = (a: string, b: string) => fold(a.trim()) === fold(b.trim());

/** A segment by its id or, for people typing at the CLI, by its name. */
export function findSegment(workbook: Workbook, idOrName: string): Segment {
  const table = workbook.table(Segments);
  const found = table.get(idOrName) ?? table.all().find((s) => sameName(s.name, idOrName));
  if (!found) throw new UserError('not_found', 'error.query_segment', { name: idOrName });
  return found;
}

/** The tree of a segment's query text, or the parser's complaint with its 1-based position (and the
 *  segment's name when it is another segment's query that fails). */
export function parseSegmentQuery(text: string, segmentName?: string): QueryNode {
  const parsed = parseQuery(text);
  if (!parsed.ok) {
    throw new UserError('invalid', 'error.query', queryErrorParams(parsed.error, segmentName));
  }
  return parsed.tree;
}

/** The segment names a query refers to (segment:"X"). */
export function segmentsNamedIn(node: QueryNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.flatMap(segmentsNamedIn);
    case 'not':
      return segmentsNamedIn(node.child);
    default:
      return node.field === 'segment' ? [node.value.replace(/^"(.*)"$/s, '$1')] : [];
  }
}
