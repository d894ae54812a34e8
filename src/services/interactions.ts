import { Contacts, Interactions, Interaction } from '../core/schema/tables';
import type { Workbook } from '../store/workbook';
import type { InteractionView } from './views';
import { requireLiveContact } from './contacts';

export interface NewInteraction {
  contact_id: string;
  type: string;
  when?: string;
  direction?: string;
  subject?: string;
  details?: string;
  outcome?: string;
  follow_up_date?: string;
}

export function interactionView(i: Interaction): InteractionView {
  return {
    id: i.id,
    contact_id: i.contact_id,
    when: i.when,
    type: i.type,
    direction: i.direction,
    subject: i.subject,
    details: i.details,
    outcome: i.outcome,
    staff: i.staff,
    follow_up_date: i.follow_up_date,
    follow_up_done: i.follow_up_done,
  };
}

/** Logs a call, email, meeting, event or note: used during a phone call, so it costs as little as the
 *  sheet allows. The Interactions sheet is only appended to (its header comes from the cache), and the
 *  contact is checked on the row the card said it was on (`rowHint`): one small read instead of the
 *  whole Contacts table, which is read only when the contact has moved. */
export function logInteraction(workbook: Workbook, input: NewInteraction, staff: string, rowHint?: number): InteractionView {
  checkContact(workbook, input.contact_id, rowHint);
  const record = {
    ...input,
    when: input.when || workbook.clock.now().toISOString(),
    direction: input.direction ?? (input.type === 'note' ? 'internal' : ''),
    staff,
    follow_up_done: input.follow_up_date ? false : '',
  };
  const [logged] = workbook.table(Interactions).appendUnread([record]);
  return interactionView(logged);
}

function checkContact(workbook: Workbook, id: string, rowHint?: number): void {
  if (rowHint && rowHint >= 2) {
    const header = workbook.header(Contacts.name);
    const idColumn = header.indexOf('id');
    const deletedColumn = header.indexOf('deleted');
    const mergedColumn = header.indexOf('merged_into');
    if (idColumn >= 0) {
      const [row] = workbook.grid.readRows(Contacts.name, rowHint, 1);
      if (row && row[idColumn] === id) {
        const deleted = deletedColumn >= 0 && (row[deletedColumn] === true || String(row[deletedColumn]).toUpperCase() === 'TRUE');
        const merged = mergedColumn >= 0 && row[mergedColumn] !== '';
        if (!deleted && !merged) return;
      }
    }
  }
  requireLiveContact(workbook, id);
}

/** A contact's interactions, newest first. */
export function interactionsOf(workbook: Workbook, contactId: string): InteractionView[] {
  return workbook
    .table(Interactions)
    .where('contact_id', contactId)
    .map(interactionView)
    .sort((a, b) => (a.when < b.when ? 1 : a.when > b.when ? -1 : 0));
}

