import { Contacts } from '../core/schema/tables';
import type { Selection } from '../ports';
import type { Workbook } from '../store/workbook';
import { UserError } from '../store/errors';
import { decode } from '../store/codec';

/** The contact on the row the person selected in the Contacts sheet ('' elsewhere): the sidebar polls
 *  it to open that contact's card. Costs one small read (the row), the header coming from the cache. */
export function activeContact(workbook: Workbook, selection: Selection): { id: string } {
  const at = selection.get();
  if (!at || at.sheet !== Contacts.name || at.row < 2) return { id: '' };
  const header = workbook.header(Contacts.name);
  const idColumn = header.indexOf('id');
  if (idColumn < 0) return { id: '' };
  const [row] = workbook.grid.readRows(Contacts.name, at.row, 1);
  const id = row ? String(row[idColumn] ?? '') : '';
  const deletedColumn = header.indexOf('deleted');
  const deleted = row && deletedColumn >= 0 && decode(Contacts.columns.deleted, row[deletedColumn] ?? '') === true;
  return { id: id.startsWith(`${Contacts.idPrefix}_`) && !deleted ? id : '' };
}

/** Selects a contact's row in the Contacts sheet. `rowHint` (from the search result) spares reading
 *  the table when the contact is still there. */
export function showContactInSheet(workbook: Workbook, selection: Selection, id: string, rowHint?: number): { row: number } {
  let row = 0;
  if (rowHint && rowHint >= 2) {
    const idColumn = workbook.header(Contacts.name).indexOf('id');
    const [cells] = workbook.grid.readRows(Contacts.name, rowHint, 1);
    if (idColumn >= 0 && cells && cells[idColumn] === id) row = rowHint;
  }
  if (!row) row = workbook.table(Contacts).rowOf(id) ?? 0;
  if (!row) throw new UserError('not_found', 'error.not_found', { table: Contacts.name, id });
  selection.select({ sheet: Contacts.name, row });
  return { row };
}
