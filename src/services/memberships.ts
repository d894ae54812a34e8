import { Memberships, Membership } from '../core/schema/tables';
import { bestMembership, effectiveStatus, computedStatus, isMemberStatus, MembershipDates, MembershipRules, renewal, termMonths } from '../core/membership';
import type { Cell } from '../core/schema/columns';
import { decode } from '../store/codec';
import { addDays, addMonths } from '../core/dates';
import type { Workbook } from '../store/workbook';
import { UserError } from '../store/errors';
import type { MembershipView } from './views';
import { settingsOf, todayOf } from './today';
import { requireLiveContact } from './contacts';

export function membershipView(m: Membership, today: string, rules: MembershipRules): MembershipView {
  return {
    id: m.id,
    level: m.level,
    join_date: m.join_date,
    start_date: m.start_date,
    end_date: m.end_date,
    status: effectiveStatus(m, today, rules),
    computed_status: computedStatus(m, today, rules),
    status_override: m.status_override,
    amount: m.amount,
    currency: m.currency,
    frequency: m.frequency,
    paid: m.paid,
    auto_renew: m.auto_renew,
  };
}

/** Each contact's deciding membership status ('' when none), from the dated rules as of today. One
 *  pass over the raw contact_id column groups the rows; a contact's status is worked out when first
 *  asked for, so a search that shows 25 people judges 25, not 50,000. */
export function membershipStatuses(workbook: Workbook): (contactId: string) => string {
  const today = todayOf(workbook);
  const rules = settingsOf(workbook).membership;
  const scan = workbook.table(Memberships).scan();
  const [cContact, cJoin, cStart, cEnd, cPaid, cOverride] = ['contact_id', 'join_date', 'start_date', 'end_date', 'paid', 'status_override'].map((c) => scan.column(c));
  const text = (cells: readonly Cell[], c: number) => (c < 0 ? '' : String(cells[c] ?? ''));
  const rowsOf = new Map<string, number[]>();
  if (cContact >= 0)
    for (let i = 0; i < scan.size; i++) {
      if (!scan.live(i)) continue;
      const contact = String(scan.cells(i)[cContact]);
      const list = rowsOf.get(contact);
      if (list) list.push(i);
      else rowsOf.set(contact, [i]);
    }
  const known = new Map<string, string>();
  const dates = (i: number): MembershipDates => {
    const cells = scan.cells(i);
    const paid = cPaid < 0 ? '' : (decode(Memberships.columns.paid, cells[cPaid] ?? '') as boolean | '');
    return { join_date: text(cells, cJoin), start_date: text(cells, cStart), end_date: text(cells, cEnd), paid, status_override: text(cells, cOverride) };
  };
  return (contactId) => {
    let status = known.get(contactId);
    if (status === undefined) {
      const rows = rowsOf.get(contactId);
      const list = rows ? rows.map(dates) : [];
      const best = list.length === 1 ? list[0] : bestMembership(list, today, rules);
      known.set(contactId, (status = best ? effectiveStatus(best, today, rules) : ''));
    }
    return status;
  };
}

export { isMemberStatus };

export interface NewMembership {
  contact_id: string;
  level?: string;
  join_date?: string;
  start_date?: string;
  end_date?: string;
  amount?: number;
  currency?: string;
  frequency?: string;
  paid?: boolean;
  auto_renew?: boolean;
  payment_method?: string;
}

/** Records a membership. Without dates it starts today for one term; the status is the dated rules'. */
export function addMembership(workbook: Workbook, input: NewMembership): MembershipView {
  requireLiveContact(workbook, input.contact_id);
  const today = todayOf(workbook);
  const settings = settingsOf(workbook);
  const start = input.start_date || input.join_date || today;
  const draft = { join_date: input.join_date || start, start_date: start, end_date: input.end_date ?? '', paid: input.paid ?? true, frequency: input.frequency ?? 'yearly', status_override: '' };
  if (!input.end_date) {
    const term = termMonths(draft.frequency, settings.membership);
    draft.end_date = term === null ? '' : addDays(addMonths(start, term), -1);
  }
  if (draft.end_date && draft.end_date < draft.start_date) throw new UserError('invalid', 'error.end_before_start', { start: draft.start_date, end: draft.end_date });
  const [created] = workbook.table(Memberships).insert([
    {
      ...input,
      ...draft,
      currency: input.currency || settings.currency,
      status: computedStatus(draft, today, settings.membership),
    },
  ]);
  return membershipView(created, today, settings.membership);
}

/** Renews: one more term after the end date when the membership is in force (new, current, grace),
 *  otherwise a new term from today. A manual status is cleared: the dates speak again. */
export function renewMembership(workbook: Workbook, id: string): MembershipView {
  const table = workbook.table(Memberships);
  const m = table.require(id);
  requireLiveContact(workbook, m.contact_id);
  const today = todayOf(workbook);
  const rules = settingsOf(workbook).membership;
  const next = renewal(m, today, rules);
  const updated = table.update(id, {
    start_date: next.start_date,
    end_date: next.end_date,
    join_date: next.join_date,
    status_override: '',
    status: computedStatus({ ...m, ...next, status_override: '' }, today, rules),
  });
  return membershipView(updated, today, rules);
}

/** Sets or clears (with '') the manual status, which wins over the dated rules (e.g. cancelled). */
export function setMembershipStatus(workbook: Workbook, id: string, override: string): MembershipView {
  const table = workbook.table(Memberships);
  const m = table.require(id);
  requireLiveContact(workbook, m.contact_id);
  const today = todayOf(workbook);
  const rules = settingsOf(workbook).membership;
  const updated = table.update(id, { status_override: override, status: effectiveStatus({ ...m, status_override: override }, today, rules) });
  return membershipView(updated, today, rules);
}

export function membershipsOf(workbook: Workbook, contactId: string): Membership[] {
  return workbook.table(Memberships).where('contact_id', contactId);
}
