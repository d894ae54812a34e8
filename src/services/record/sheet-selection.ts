import { Contacts } from '../../core/schema/tables';
import type { Selection } from '../../ports';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';

/** The contact on the row the person selected in the Contacts sheet ('' elsewhere): the sidebar polls
 *  it to open that contact's card. Costs one small read (the row), the header coming from the cache. */
export function activeContact(workbook: Workbook, selection: Selection): { id: string } {
  const at = selection.get();
  if (!at || at.sheet !== Contacts.name || at.row < 2) return { id: '' };
  const contact = workbook.table(Contacts).onRow(at.row);
  return { id: contact && contact.id.startsWith(`${Contacts.idPrefix}_`) && contact.deleted !== true ? contact.id : '' };
}

/** Selects a contact's row in the Contacts sheet. `rowHint` (from the search result) spares reading
 *  the table when the contact is still there. */
export function showContactInSheet(workbook: Workbook, selection: Selection, id: string, rowHint?: number): { row: number } {
  const contacts = workbook.table(Contacts);
  contacts.atRow(id, rowHint);
  const row = contacts.rowOf(id) ?? 0;
  if (!row) throw new UserError('not_found', 'error.not_found', { table: Contacts.name, id });
  selection.select({ sheet: Contacts.name, row });
  return { row };
}
