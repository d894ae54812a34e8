/** A membership corrected or deleted from the card (audited, undoable). Its stored status follows
 *  the new dates by the CRM's rules; a manual status stays until someone clears it. */
import { Memberships } from '../../core/schema/tables';
import { computedStatus } from '../../core/membership';
import { isIsoDate } from '../../core/dates';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { requireLiveContact } from './contacts';
import { checkedCurrency } from '../gifts/record-gift';
import { membershipView } from './memberships';
import { settingsOf, todayOf } from '../today';
import type { MembershipView } from '../views';

export interface MembershipPatch {
  level?: string;
  join_date?: string;
  start_date?: string;
  end_date?: string;
  amount?: number | '';
  currency?: string;
  frequency?: string;
  paid?: boolean;
  auto_renew?: boolean;
  payment_method?: string;
}

const DATES = ['join_date', 'start_date', 'end_date'] as const;

export function editMembership(workbook: Workbook, id: string, patch: MembershipPatch): MembershipView {
  const table = workbook.table(Memberships);
  const current = table.require(id);
  requireLiveContact(workbook, current.contact_id);
  const settings = settingsOf(workbook);
  const today = todayOf(workbook);
  const changes: Record<string, unknown> = { ...patch };
  for (const key of DATES) {
    const typed = patch[key];
    if (typed === undefined) continue;
    changes[key] = typed.trim();
    if (changes[key] && !isIsoDate(changes[key] as string)) throw new UserError('invalid', 'error.membership_date', { date: typed, field: key });
  }
  if (patch.start_date !== undefined && !changes.start_date) throw new UserError('invalid', 'error.membership_date', { date: '', field: 'start_date' });
  if (patch.currency !== undefined) changes.currency = checkedCurrency(patch.currency, settings.currency);
  for (const key of ['level', 'frequency', 'payment_method'] as const) if (patch[key] !== undefined) changes[key] = patch[key]!.trim();
  const next = { ...current, ...changes } as typeof current;
  if (next.end_date && next.start_date && next.end_date < next.start_date) throw new UserError('invalid', 'error.end_before_start', { start: next.start_date, end: next.end_date, field: 'end_date' });
  changes.status = computedStatus(next, today, settings.membership);
  return membershipView(table.update(id, changes), today, settings.membership);
}

export function deleteMembership(workbook: Workbook, id: string): { id: string; contact_id: string } {
  const table = workbook.table(Memberships);
  const current = table.require(id);
  requireLiveContact(workbook, current.contact_id);
  table.remove([id]);
  return { id, contact_id: current.contact_id };
}
