import { Contacts, Interactions, Interaction } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import type { InteractionView } from '../views';
import { requireLiveContact } from './contacts';

export type NewInteraction = {
  contact_id: string;
  type: string;
  when?: string;
  direction?: string;
  subject?: string;
  details?: string;
  outcome?: string;
  follow_up_date?: string;
};

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

/** The types people log by hand, which must say what happened. */
const SAID_BY_PEOPLE = new Set(['call', 'email', 'meeting', 'event', 'note']);

/** Whether an entry says something: what a person logs by hand must (an open or a click need not). */
export function saysSomething(entry: { type: string; subject?: string; details?: string; outcome?: string }): boolean {
  return !SAID_BY_PEOPLE.has(entry.type) || [entry.subject, entry.details, entry.outcome].some((v) => String(v ?? '').trim() !== '');
}

/** Logs a call, email, meeting, event or note: used during a phone call, so it costs as little as the
 *  sheet allows. The Interactions sheet is only appended to (its header comes from the cache), and the
 *  contact is checked on the row the card said it was on (`rowHint`): one small read instead of the
 *  whole Contacts table, which is read only when the contact has moved. */
export function logInteraction(workbook: Workbook, input: NewInteraction, staff: string, rowHint?: number): InteractionView {
  if (!saysSomething(input)) throw new UserError('invalid', 'error.interaction_empty', { field: 'subject' });
  checkContact(workbook, input.contact_id, rowHint);
  const record = {
    ...input,
    when: input.when || workbook.clock.now().toISOString(),
    direction: input.direction ?? (input.type === 'note' ? 'internal' : ''),
    staff,
    follow_up_done: input.follow_up_date ? false : ('' as const),
  };
  const [logged] = workbook.table(Interactions).appendUnread([record]);
  return interactionView(logged);
}

/** The contact, looked for on the row the card said (decoded as the store decodes: `x`, `oui` or TRUE
 *  in `deleted` all mean deleted); a merged contact takes no new history either. */
function checkContact(workbook: Workbook, id: string, rowHint?: number): void {
  const contact = workbook.table(Contacts).atRow(id, rowHint);
  if (contact && contact.deleted !== true && contact.merged_into) throw new UserError('invalid', 'error.contact_merged', { id, into: contact.merged_into });
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
