/** The column that matters for a segment's members: the date or the amount its query is about
 *  ("membership ends within 30 days" → each member's end date, soonest first; "gave in the last year"
 *  → the last gift, most recent first). Worked out for every member, so that the whole list sorts by
 *  it, from the tables the field needs only. */
import { Contacts, Donations, Interactions, Memberships } from '../../core/schema/tables';
import type { QueryNode } from '../../core/query/tree';
import { bestMembership } from '../../core/membership';
import { dateOf } from '../../core/dates';
import type { Workbook } from '../../store/workbook';
import { settingsOf, todayOf } from '../today';

export interface MemberColumn {
  /** The query's field ('membership.end', 'donations.last', a Contacts column…). */
  field: string;
  kind: 'date' | 'amount' | 'count';
  /** Soonest first (an end date, a next contact date) or most recent / largest first. */
  order: 'ascending' | 'descending';
}

const DONATION_FIELDS = ['donations.last', 'donations.total', 'donations.largest', 'donations.count'];
const ASCENDING = new Set(['membership.end', 'next_contact_date', 'birthday']);

/** The first field of the query that has a value worth a column (depth first, as written). */
export function memberColumnOf(tree: QueryNode | null): MemberColumn | null {
  if (!tree) return null;
  if (tree.kind === 'not') return memberColumnOf(tree.child);
  if (tree.kind !== 'condition') {
    for (const child of tree.children) {
      const found = memberColumnOf(child);
      if (found) return found;
    }
    return null;
  }
  const field = tree.field;
  const order = ASCENDING.has(field) ? 'ascending' : 'descending';
  if (field === 'membership.end' || field === 'membership.join' || field === 'donations.last' || field === 'created' || field === 'next_contact_date' || field.startsWith('last.'))
    return { field, kind: 'date', order };
  if (field === 'donations.total' || field === 'donations.largest') return { field, kind: 'amount', order };
  if (field === 'donations.count') return { field, kind: 'count', order };
  return null;
}

/** Each member's value ('' when it has none): dates as YYYY-MM-DD, amounts and counts as numbers. */
export function memberValues(workbook: Workbook, column: MemberColumn, ids: string[]): Map<string, string | number> {
  const wanted = new Set(ids);
  const values = new Map<string, string | number>();
  const field = column.field;
  if (field === 'membership.end' || field === 'membership.join') {
    const today = todayOf(workbook);
    const rules = settingsOf(workbook).membership;
    const byContact = new Map<string, ReturnType<typeof membershipsOf>>();
    for (const m of membershipsOf(workbook)) if (wanted.has(m.contact_id)) (byContact.get(m.contact_id) ?? byContact.set(m.contact_id, []).get(m.contact_id)!).push(m);
    for (const [id, list] of byContact) {
      if (field === 'membership.join')
        values.set(
          id,
          list
            .map((m) => m.join_date || m.start_date)
            .filter(Boolean)
            .sort()[0] ?? '',
        );
      else values.set(id, bestMembership(list, today, rules)?.end_date ?? '');
    }
  } else if (DONATION_FIELDS.includes(field)) {
    const currency = settingsOf(workbook).currency;
    for (const d of workbook.table(Donations).all()) {
      if (!wanted.has(d.contact_id) || typeof d.amount !== 'number' || d.refunded_at) continue;
      const now = values.get(d.contact_id);
      if (field === 'donations.last') values.set(d.contact_id, typeof now === 'string' && now > d.date ? now : d.date);
      else if (field === 'donations.count') values.set(d.contact_id, (Number(now) || 0) + 1);
      else if (d.currency && d.currency !== currency) continue;
      else if (field === 'donations.total') values.set(d.contact_id, (Number(now) || 0) + d.amount);
      else values.set(d.contact_id, Math.max(Number(now) || 0, d.amount));
    }
  } else if (field.startsWith('last.')) {
    const type = field.slice('last.'.length);
    for (const i of workbook.table(Interactions).where('type', type)) {
      if (!wanted.has(i.contact_id)) continue;
      const day = dateOf(i.when) ?? '';
      const now = values.get(i.contact_id);
      if (day && !(typeof now === 'string' && now >= day)) values.set(i.contact_id, day);
    }
  } else {
    const contacts = workbook.table(Contacts);
    for (const id of ids) {
      const c = contacts.get(id);
      const v = c ? (field === 'created' ? c.created_at : (c as unknown as Record<string, unknown>)[field]) : '';
      values.set(id, typeof v === 'string' ? (dateOf(v) ?? v) : '');
    }
  }
  return values;
}

/** The members in the column's order; those without a value last, in their first order. */
export function sortByColumn(ids: string[], column: MemberColumn, values: Map<string, string | number>): string[] {
  const sign = column.order === 'ascending' ? 1 : -1;
  const position = new Map(ids.map((id, k) => [id, k]));
  return [...ids].sort((a, b) => {
    const [x, y] = [values.get(a) ?? '', values.get(b) ?? ''];
    if (x === '' || y === '') return x === y ? position.get(a)! - position.get(b)! : x === '' ? 1 : -1;
    if (x !== y) return (x < y ? -1 : 1) * sign;
    return position.get(a)! - position.get(b)!;
  });
}

const membershipsOf = (workbook: Workbook) => workbook.table(Memberships).all();
