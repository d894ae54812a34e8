import { Contacts, Interactions } from '../../core/schema/tables';
import { addDays, daysBetween, dateOf } from '../../core/dates';
import { displayName } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import type { FollowUp, FollowUpList } from '../views';
import { requireLiveContact } from './contacts';
import { todayOf } from '../today';

/** How far ahead "this week" looks, in days after today. */
export const WEEK_AHEAD = 7;

/** "To recontact": contacts whose next contact date, or an open follow-up of one of their
 *  interactions, is past (overdue), today, or within the week ahead, in those three groups. In each
 *  group the caller's own first (they own the contact, or logged the interaction), then the most
 *  overdue (or the soonest). `scope: 'mine'` keeps only the caller's own. One page of `limit` from
 *  `offset`, with the size of each group. */
export function followUps(workbook: Workbook, me: string, scope: 'mine' | 'all', offset = 0, limit = 50): FollowUpList {
  const today = todayOf(workbook);
  const horizon = addDays(today, WEEK_AHEAD);
  const contacts = workbook.table(Contacts);
  const items: FollowUp[] = [];
  const live = (id: string) => {
    const c = contacts.get(id);
    return c && c.deleted !== true && !c.merged_into ? c : undefined;
  };
  for (const c of contacts.all()) {
    const due = dateOf(c.next_contact_date);
    if (!due || due > horizon || c.deleted === true || c.merged_into) continue;
    items.push(item(c.id, displayName(c), 'next_contact', '', '', due, today, c.owner, me));
  }
  for (const i of workbook.table(Interactions).all()) {
    const due = dateOf(i.follow_up_date);
    if (!due || due > horizon || i.follow_up_done === true) continue;
    const c = live(i.contact_id);
    if (!c) continue;
    items.push(item(c.id, displayName(c), 'interaction', i.id, i.subject, due, today, i.staff || c.owner, me));
  }
  const chosen = scope === 'mine' ? items.filter((f) => f.mine) : items;
  const rank = { overdue: 0, today: 1, week: 2 } as const;
  chosen.sort((a, b) => rank[a.group] - rank[b.group] || Number(b.mine) - Number(a.mine) || b.overdue_days - a.overdue_days || a.name.localeCompare(b.name));
  const counts = { overdue: 0, today: 0, week: 0 };
  for (const f of chosen) counts[f.group]++;
  return { today, total: chosen.length, counts, offset, items: chosen.slice(offset, offset + limit) };
}

function item(contactId: string, name: string, reason: FollowUp['reason'], interactionId: string, subject: string, due: string, today: string, owner: string, me: string): FollowUp {
  const late = daysBetween(due, today);
  return {
    contact_id: contactId,
    name,
    reason,
    interaction_id: interactionId,
    subject,
    due,
    overdue_days: late,
    group: late > 0 ? 'overdue' : late === 0 ? 'today' : 'week',
    owner,
    mine: !!owner && owner.trim().toLowerCase() === me,
  };
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
