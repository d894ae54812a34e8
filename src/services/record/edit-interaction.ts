/** A call, email, meeting, event or note changed or deleted from the card (audited, undoable). */
import { Interactions } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { requireLiveContact } from './contacts';
import { interactionView, saysSomething } from './interactions';
import type { InteractionView } from '../views';

export interface InteractionPatch {
  type?: string;
  when?: string;
  direction?: string;
  subject?: string;
  details?: string;
  outcome?: string;
  follow_up_date?: string;
  follow_up_done?: boolean;
}

export function editInteraction(workbook: Workbook, id: string, patch: InteractionPatch): InteractionView {
  const table = workbook.table(Interactions);
  const current = table.require(id);
  requireLiveContact(workbook, current.contact_id);
  const next = { ...current, ...patch };
  if (!saysSomething(next)) throw new UserError('invalid', 'error.interaction_empty', { field: 'subject' });
  const changes: Omit<InteractionPatch, 'follow_up_done'> & { follow_up_done?: boolean | '' } = { ...patch };
  // A follow-up date set on an entry that had none starts undone; one cleared leaves nothing to do.
  if (patch.follow_up_date !== undefined && patch.follow_up_done === undefined) {
    if (!patch.follow_up_date) changes.follow_up_done = '';
    else if (patch.follow_up_date !== current.follow_up_date) changes.follow_up_done = false;
  }
  return interactionView(table.update(id, changes));
}

export function deleteInteraction(workbook: Workbook, id: string): { id: string; contact_id: string } {
  const table = workbook.table(Interactions);
  const current = table.require(id);
  requireLiveContact(workbook, current.contact_id);
  table.remove([id]);
  return { id, contact_id: current.contact_id };
}
