import { Memberships, Membership } from '../../core/schema/tables';
import { bestMembership, effectiveStatus, computedStatus, isMemberStatus, MembershipDates, MembershipRules, renewal, termMonths, overrideFromCells } from '../../core/membership';
import type { Cell } from '../../core/schema/columns';
import { decode } from '../../store/codec';
import { addDays, addMonths } from '../../core/dates';
import type { Workbook } from '../../store/workbook';
import type { Fields } from '../../store/table';
import { UserError } from '../../store/errors';
import type { MembershipView } from '../views';
import { settingsOf, todayOf } from '../today';
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
 *  asked for, so a search that shows 25 people judges 25, not 50,000 (ask once per contact: nothing is
 *  kept). `only`: the contacts that will be asked about, when known. */
export function membershipStatuses(workbook: Workbook, only?: Set<string>): (contactId: string) => string {
  const today = todayOf(workbook);
  const rules = settingsOf(workbook).membership;
  const table = workbook.table(Memberships);
  // A few contacts (one edited): their rows only (found, before the table is read).
  const scan = only ? table.scanFor('contact_id', [...only]) : table.scan();
  const [cContact, cJoin, cStart, cEnd, cPaid, cOverride, cStatus] = ['contact_id', 'join_date', 'start_date', 'end_date', 'paid', 'status_override', 'status'].map((c) => scan.column(c));
  const text = (cells: readonly Cell[], c: number) => (c < 0 ? '' : String(cells[c] ?? ''));
  // Rows by contact as linked lists (first row in a Map, the next ones in an array): no array per
  // contact, which on 50,000 memberships is garbage the collector would pay for.
  const first = new Map<string, number>();
  const next = new Int32Array(scan.size).fill(-1);
  if (cContact >= 0)
    for (let i = scan.size - 1; i >= 0; i--) {
      if (!scan.live(i)) continue;
      const contact = String(scan.cells(i)[cContact]);
      if (only && !only.has(contact)) continue;
      const head = first.get(contact);
      if (head !== undefined) next[i] = head;
      first.set(contact, i);
    }
  const dates = (i: number): MembershipDates => {
    const cells = scan.cells(i);
    const paid = cPaid < 0 ? '' : (decode(Memberships.columns.paid, cells[cPaid] ?? '') as boolean | '');
    return { join_date: text(cells, cJoin), start_date: text(cells, cStart), end_date: text(cells, cEnd), paid, status_override: overrideFromCells(text(cells, cOverride), text(cells, cStatus)) };
  };
  return (contactId) => {
    const head = first.get(contactId);
    if (head === undefined) return '';
    if (next[head] < 0) return effectiveStatus(dates(head), today, rules);
    const list: MembershipDates[] = [];
    for (let i = head; i >= 0; i = next[i]) list.push(dates(i));
    const best = bestMembership(list, today, rules);
    return best ? effectiveStatus(best, today, rules) : '';
  };
}

export { isMemberStatus };

/** A membership to record: its fields as the table types them, the contact always. */
export type NewMembership = Omit<Fields<Membership>, 'id' | 'status' | 'status_override' | 'created_at' | 'updated_at'> & { contact_id: string };

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
  if (draft.end_date && draft.end_date < draft.start_date) throw new UserError('invalid', 'error.end_before_start', { start: draft.start_date, end: draft.end_date, field: 'end_date' });
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
/** Renews for one more term (see renewal). `payment`: what was paid for it, recorded on the membership
 *  (amount, currency: the CRM's unless said; paid). */
export function renewMembership(workbook: Workbook, id: string, payment?: { amount: number; currency?: string }, fromEndDate?: string): MembershipView {
  const table = workbook.table(Memberships);
  const m = table.require(id);
  requireLiveContact(workbook, m.contact_id);
  const today = todayOf(workbook);
  const settings = settingsOf(workbook);
  const rules = settings.membership;
  // Renewed since the person looked (a second click of a double click): one term, not two.
  if (fromEndDate !== undefined && fromEndDate !== m.end_date) return membershipView(m, today, rules);
  const next = renewal(m, today, rules);
  const paid = payment ? { amount: payment.amount, currency: (payment.currency ?? '').trim().toUpperCase() || settings.currency, paid: true } : {};
  if (payment && !/^[A-Z]{3}$/.test(paid.currency!)) throw new UserError('invalid', 'error.gift_currency', { currency: payment.currency ?? '' });
  const updated = table.update(id, {
    start_date: next.start_date,
    end_date: next.end_date,
    join_date: next.join_date,
    status_override: '',
    ...paid,
    status: computedStatus({ ...m, ...next, ...paid, status_override: '' }, today, rules),
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
  // What the person chose now decides: the status cell (perhaps 'cancelled' typed by hand) is not read.
  const updated = table.update(id, { status_override: override, status: effectiveStatus({ ...m, status_override: override, status: '' }, today, rules) });
  return membershipView(updated, today, rules);
}

export function membershipsOf(workbook: Workbook, contactId: string): Membership[] {
  return workbook.table(Memberships).where('contact_id', contactId);
}
