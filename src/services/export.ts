import { TABLES, Contacts } from '../core/schema/tables';
import type { Cell } from '../core/schema/columns';
import type { Workbook } from '../store/workbook';
import { UserError } from '../store/errors';
import { searchContacts } from './search';

export interface ExportedTable {
  name: string;
  rows: Cell[][];
}

/** A table as it is in the sheet (header, then every row, custom columns included), or the contacts a
 *  search finds (the Contacts columns of each, in rank order). */
export function exportRows(workbook: Workbook, what: { table?: string; search?: string }): ExportedTable {
  if (what.search !== undefined) {
    // Every match, in rank order: the search's own page limit does not apply to an export.
    const hits = searchContacts(workbook, { text: what.search, limit: Number.MAX_SAFE_INTEGER }, Number.MAX_SAFE_INTEGER).items;
    const scan = workbook.table(Contacts).scan();
    return { name: 'Contacts (search)', rows: [workbook.header(Contacts.name), ...hits.map((h) => scan.cells(h.row - 2).slice())] };
  }
  const def = TABLES.find((t) => t.name.toLowerCase() === String(what.table ?? '').toLowerCase());
  if (!def) throw new UserError('not_found', 'error.export_table', { table: String(what.table ?? ''), tables: TABLES.map((t) => t.name).join(', ') });
  return { name: def.name, rows: workbook.grid.read(def.name) };
}
