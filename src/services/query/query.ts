import { queryErrorParams } from '../../core/query/messages';
import type { QueryNode } from '../../core/query/tree';
import { parseQuery } from '../../core/query/parse';
import { displayName } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { membershipStatuses } from '../record/memberships';
import { factsFor, factsOf } from './query-facts';
import { evaluatorOf } from './query-engine';

/** The query language over the CRM: what a query selects, for segments, `crm search --query`, the
 *  dashboard's numbers and trigger points. The engine is query-engine.ts, its facts query-facts.ts. */

export interface QueryPage {
  total: number;
  offset: number;
  items: { id: string; name: string; email: string; membership_status: string }[];
}

/** The contacts a query selects (live ones: not deleted, not merged), in sheet order, one page. A text
 *  that does not parse is refused with the position and what was expected there. */
export function queryContacts(workbook: Workbook, text: string, offset = 0, limit = 50): QueryPage {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new UserError('invalid', 'error.query', queryErrorParams(parsed.error));
  const ids = selectContacts(workbook, parsed.tree);
  const facts = factsOf(workbook);
  const page = ids.slice(offset, offset + limit);
  const statusOf = facts.hasMemberships ? (id: string) => facts.memberships.status[facts.index.get(id)!] : membershipStatuses(workbook, new Set(page));
  const items = page.map((id) => {
    const contact = facts.contacts.record(facts.rows[facts.index.get(id)!]);
    return { id, name: displayName(contact), email: contact.email, membership_status: statusOf(id) };
  });
  return { total: ids.length, offset, items };
}

/** The ids of the live contacts the tree selects, in sheet order. */
export function selectContacts(workbook: Workbook, tree: QueryNode, seenSegments: string[] = []): string[] {
  const facts = factsOf(workbook);
  const selected = evaluatorOf(workbook, facts).select(tree, seenSegments);
  const out: string[] = [];
  for (let c = 0; c < selected.length; c++) if (selected[c]) out.push(facts.ids[c]);
  return out;
}

/** Whether one contact is selected by the tree, without gathering everyone's facts (unless they are
 *  gathered already in this execution). A deleted or merged contact matches nothing. */
export function matchesContact(workbook: Workbook, tree: QueryNode, contactId: string, seenSegments: string[] = []): boolean {
  const facts = factsFor(workbook, contactId);
  const c = facts.index.get(contactId);
  return c === undefined ? false : evaluatorOf(workbook, facts).test(tree, c, seenSegments);
}
