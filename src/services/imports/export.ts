import { TABLES, Contacts } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { searchContacts } from '../search/search';
import { findSegment } from '../segments/segment-lookup';
import { memberIds } from '../segments/segment-members';
import type { MembersFilter } from '../views';

export interface ExportedTable {
  name: string;
  rows: Cell[][];
}

/** A table as it is in the sheet (header, then every row, custom columns included), the contacts a
 *  search finds with its filters (the Contacts columns of each, in rank order), or the members of a
 *  segment (the Contacts columns of each, in sheet order; a dynamic segment evaluated now). */
export function exportRows(workbook: Workbook, what: { table?: string; search?: string; members?: MembersFilter; stage?: string; tag?: string; segment?: string }): ExportedTable {
  if (what.segment !== undefined) {
    const segment = findSegment(workbook, what.segment);
    const contacts = workbook.table(Contacts);
    const scan = contacts.scan();
    const rows = memberIds(workbook, segment).map((id) => scan.cells(contacts.rowOf(id)! - 2).slice());
    return { name: segment.name, rows: [workbook.header(Contacts.name), ...rows] };
  }
  if (what.search !== undefined) {
    // Every match of the search and its filters, in rank order: the page limit does not apply.
    const filters = { members: what.members, stage: what.stage, tag: what.tag };
    const hits = searchContacts(workbook, { text: what.search, ...filters, limit: Number.MAX_SAFE_INTEGER }, Number.MAX_SAFE_INTEGER).items;
    const scan = workbook.table(Contacts).scan();
    // Each hit's cells by its id (a contact in a database has no sheet row).
    const cId = scan.column('id');
    const at = new Map<string, number>();
    for (let i = scan.size - 1; i >= 0; i--) if (scan.live(i)) at.set(String(scan.cells(i)[cId] ?? ''), i);
    return { name: 'Contacts (search)', rows: [workbook.header(Contacts.name), ...hits.map((h) => scan.cells(at.get(h.id)!).slice())] };
  }
  const def = TABLES.find((t) => t.name.toLowerCase() === String(what.table ?? '').toLowerCase());
  if (!def) throw new UserError('not_found', 'error.export_table', { table: String(what.table ?? ''), tables: TABLES.map((t) => t.name).join(', ') });
  return { name: def.name, rows: workbook.cellsOf(def) };
}
