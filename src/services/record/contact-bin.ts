/** The bin: contacts deleted from the card stay in Contacts, marked deleted, with all their history;
 *  an admin sees them here and restores one in a click (audited). */
import { Contacts } from '../../core/schema/tables';
import { decode } from '../../store/codec';
import { displayName } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';

export interface BinEntry {
  id: string;
  name: string;
  email: string;
  /** When the contact was last changed, which for a deleted one is when it was deleted (ISO). */
  deleted_at: string;
}

export interface BinPage {
  total: number;
  items: BinEntry[];
}

/** Deleted contacts, the most recently deleted first. Merged contacts are not here: a merge has its own
 *  way back. */
export function deletedContacts(workbook: Workbook, offset = 0, limit = 50): BinPage {
  const scan = workbook.table(Contacts).scan();
  const cDeleted = scan.column('deleted');
  const cMerged = scan.column('merged_into');
  const found: BinEntry[] = [];
  if (cDeleted < 0) return { total: 0, items: [] };
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    if (decode(Contacts.columns.deleted, cells[cDeleted] ?? '') !== true || (cMerged >= 0 && cells[cMerged] !== '')) continue;
    const c = scan.record(i);
    found.push({ id: c.id, name: displayName(c), email: c.email, deleted_at: c.updated_at });
  }
  found.sort((a, b) => (a.deleted_at < b.deleted_at ? 1 : a.deleted_at > b.deleted_at ? -1 : 0));
  return { total: found.length, items: found.slice(offset, offset + limit) };
}

export function restoreContact(workbook: Workbook, id: string): { id: string } {
  const contact = workbook.table(Contacts).get(id);
  if (!contact) throw new UserError('not_found', 'error.not_found', { table: Contacts.name, id });
  if (contact.merged_into) throw new UserError('merged', 'error.contact_merged', { id, into: contact.merged_into });
  if (contact.deleted !== true) throw new UserError('invalid', 'error.contact_not_deleted', { id });
  workbook.table(Contacts).update(id, { deleted: false });
  return { id };
}
