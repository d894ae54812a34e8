/** A gift corrected or deleted from the card (audited, undoable): a wrong amount or date is fixed
 *  where it is, never by adding a second gift. */
import { Donations } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import { requireLiveContact } from '../record/contacts';
import { settingsOf } from '../today';
import type { DonationView } from '../views';
import { giftView, checkedCurrency, checkedDate, type NewGift } from './record-gift';

/** What may be corrected: any of what was recorded, the contact aside. */
export type GiftPatch = Partial<Omit<NewGift, 'contact_id'>>;

export function editGift(workbook: Workbook, id: string, patch: GiftPatch): DonationView {
  const table = workbook.table(Donations);
  const current = table.require(id);
  requireLiveContact(workbook, current.contact_id);
  const changes: Record<string, unknown> = {};
  if (patch.amount !== undefined) changes.amount = patch.amount;
  if (patch.currency !== undefined) changes.currency = checkedCurrency(patch.currency, settingsOf(workbook).currency);
  if (patch.date !== undefined) changes.date = checkedDate(patch.date, current.date);
  for (const key of ['fund', 'campaign', 'method'] as const) if (patch[key] !== undefined) changes[key] = patch[key]!.trim();
  if (patch.recurring !== undefined) changes.recurring = patch.recurring;
  if (patch.note !== undefined) changes.note = patch.note.replace(/\s+$/, '');
  return giftView(table.update(id, changes));
}

export function deleteGift(workbook: Workbook, id: string): { id: string; contact_id: string } {
  const table = workbook.table(Donations);
  const current = table.require(id);
  requireLiveContact(workbook, current.contact_id);
  table.remove([id]);
  return { id, contact_id: current.contact_id };
}
