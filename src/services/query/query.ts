import { queryErrorParams } from '../../core/query/messages';
import type { QueryNode } from '../../core/query/tree';
import { parseQuery } from '../../core/query/parse';
import { displayName } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { membershipStatuses } from '../record/memberships';
import { factsFor, factsOf, hasEveryonesFacts } from './query-facts';
import { evaluatorOf } from './query-engine';
import { Contacts } from '../../core/schema/tables';
import { todayOf } from '../today';
import { compileQuery, LIVE_CONTACT, withParts, type CompiledQuery } from './query-sql';

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
  const compiled = compiledFor(workbook, parsed.tree, []);
  if (compiled) return pageInDatabase(workbook, compiled, offset, limit);
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
  const compiled = compiledFor(workbook, tree, seenSegments);
  if (compiled) {
    const { rows } = workbook.database!.sql.queryArrays(`${withParts(compiled.parts)}SELECT c."id" FROM contacts c WHERE ${LIVE_CONTACT} AND (${compiled.where}) ORDER BY c."_seq"`, compiled.params);
    return [...new Set(rows.map((r) => String(r[0])))];
  }
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

/** The query as SQL when the contacts live in a database and the database has every change of this
 *  execution (none pending); null when the engine works it out instead (see query-sql.ts), and when
 *  this execution has gathered everyone's facts already (the dashboard: memory answers faster). */
function compiledFor(workbook: Workbook, tree: QueryNode, seen: string[]): CompiledQuery | null {
  if (!workbook.answersInDatabase(Contacts.name) || hasEveryonesFacts(workbook)) return null;
  return compileQuery(workbook, tree, todayOf(workbook), seen);
}

/** One page of what the query selects, counted and paged by the database. */
function pageInDatabase(workbook: Workbook, compiled: CompiledQuery, offset: number, limit: number): QueryPage {
  // Selected once (MATERIALIZED: a LIMIT would otherwise tempt the planner to walk every contact in
  // order, testing each), then counted and paged.
  const n = compiled.params.length;
  const [row] = workbook.database!.sql.query(
    `${withParts(compiled.parts, `s AS MATERIALIZED (SELECT c."id", c."_seq" FROM contacts c WHERE ${LIVE_CONTACT} AND (${compiled.where}))`)}
     SELECT (SELECT count(*) FROM s) AS total, (SELECT json_agg(p."id" ORDER BY p."_seq")::text FROM (SELECT s."id", s."_seq" FROM s ORDER BY s."_seq" OFFSET $${n + 1} LIMIT $${n + 2}) p) AS ids`,
    [...compiled.params, offset, limit],
  );
  const total = Number(row.total);
  const ids: string[] = row.ids ? JSON.parse(String(row.ids)) : [];
  const contacts = workbook.table(Contacts);
  contacts.prefetch('id', ids);
  const statusOf = membershipStatuses(workbook, new Set(ids));
  const items = ids.map((id) => {
    const contact = contacts.require(id);
    return { id, name: displayName(contact), email: contact.email, membership_status: statusOf(id) };
  });
  return { total, offset, items };
}
