import { Contacts, Interactions } from '../core/schema/tables';
import { daysBetween, dateOf } from '../core/dates';
import { displayName } from '../core/text';
import type { Workbook } from '../store/workbook';
import { UserError } from '../store/errors';
import type { FollowUp, FollowUpList } from './views';
import { requireLiveContact } from './contacts';
import { todayOf } from './today';

/** "To recontact": contacts whose next contact date, or an open follow-up of one of their
 *  interactions, is today or past. The caller's own first (they own the contact, or logged the
 *  interaction), then the most overdue. `scope: 'mine'` keeps only the caller's own. */
export function followUps(workbook: Workbook, me: string, scope: 'mine' | 'all'): FollowUpList {
  const today = todayOf(workbook);
  const contacts = workbook.table(Contacts);
  const items: FollowUp[] = [];
  const live = (id: string) => {
    const c = contacts.get(id);
    return c && c.deleted !== true && !c.merged_into ? c : undefined;
  };
  for (const c of contacts.all()) {
    const due = dateOf(c.next_contact_date);
    if (!due || due > today || c.deleted === true || c.merged_into) continue;
    items.push(item(c.id, displayName(c), 'next_contact', '', '', due, today, c.owner, me));
  }
  for (const i of workbook.table(Interactions).all()) {
    const due = dateOf(i.follow_up_date);
    if (!due || due > today || i.follow_up_done === true) continue;
    const c = live(i.contact_id);
    if (!c) continue;
    items.push(item(c.id, displayName(c), 'interaction', i.id, i.subject, due, today, i.staff || c.owner, me));
  }
  const chosen = scope === 'mine' ? items.filter((f) => f.mine) : items;
  chosen.sort((a, b) => Number(b.mine) - Number(a.mine) || b.overdue_days - a.overdue_days || a.name.localeCompare(b.name));
  return { today, items: chosen };
}

function item(contactId: string, name: string, reason: FollowUp['reason'], interactionId: string, subject: string, due: string, today: string, owner: string, me: string): FollowUp {
  return { contact_id: contactId, name, reason, interaction_id: interactionId, subject, due, overdue_days: daysBetween(due, today), owner, mine: !!owner && owner.trim().toLowerCase() === me };
}

/** Done: an interaction's follow-up is ticked; a next contact date is cleared. */
export function completeFollowUp(workbook: Workbook, contactId: string, interactionId?: string): { done: true } {
  if (interactionId) {
    const i = followUpOf(workbook, contactId, interactionId);
    workbook.table(Interactions).update(i.id, { follow_up_done: true });
  } else {
    requireLiveContact(workbook, contactId);
    workbook.table(Contacts).update(contactId, { next_contact_date: '' });
  }
  return { done: true };
}

/** Snooze: the same follow-up, due on another day (after today). */
export function snoozeFollowUp(workbook: Workbook, contactId: string, until: string, interactionId?: string): { due: string } {
  const today = todayOf(workbook);
  if (until <= today) throw new UserError('invalid', 'error.snooze_past', { date: until, today });
  if (interactionId) {
    const i = followUpOf(workbook, contactId, interactionId);
    workbook.table(Interactions).update(i.id, { follow_up_date: until, follow_up_done: false });
  } else {
    requireLiveContact(workbook, contactId);
    workbook.table(Contacts).update(contactId, { next_contact_date: until });
  }
  return { due: until };
}

function followUpOf(workbook: Workbook, contactId: string, interactionId: string) {
  requireLiveContact(workbook, contactId);
  const i = workbook.table(Interactions).require(interactionId);
  if (i.contact_id !== contactId) throw new UserError('not_found', 'error.not_found', { table: Interactions.name, id: interactionId });
  if (!i.follow_up_date) throw new UserError('invalid', 'error.no_follow_up', { id: interactionId });
  return i;
}
