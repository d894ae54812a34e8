import { Contacts, Relationships, RelationshipTypes, Relationship, RelationshipType } from '../../core/schema/tables';
import { findDuplicate, isInForce, labelFrom, otherEnd } from '../../core/relationships';
import { displayName } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import type { RelationshipTypeView, RelationshipView } from '../views';
import { requireLiveContact } from './contacts';
import { todayOf } from '../today';

export function relationshipTypes(workbook: Workbook, activeOnly = true): RelationshipTypeView[] {
  return workbook
    .rowsOf(RelationshipTypes)
    .filter((t) => !activeOnly || t.active !== false)
    .map((t) => ({ id: t.id, label_a_to_b: t.label_a_to_b, label_b_to_a: t.symmetric === true ? t.label_a_to_b : t.label_b_to_a, symmetric: t.symmetric === true, category: t.category }));
}

/** One relationship as `contactId` sees it: the label from their side and who is at the other end. */
export function relationshipView(workbook: Workbook, r: Relationship, contactId: string, types?: Map<string, RelationshipType>, today = todayOf(workbook)): RelationshipView {
  const type = (types ?? typeMap(workbook)).get(r.type_id);
  const other = workbook.table(Contacts).get(otherEnd(r, contactId));
  return {
    id: r.id,
    type_id: r.type_id,
    label: type ? labelFrom(r, type.symmetric === true ? { label_a_to_b: type.label_a_to_b, label_b_to_a: type.label_a_to_b } : type, contactId) : '',
    other_id: otherEnd(r, contactId),
    other_name: other ? displayName(other) : '',
    other_kind: other?.kind ?? '',
    start_date: r.start_date,
    end_date: r.end_date,
    active: isInForce(r, today),
    note: r.note,
  };
}

export function typeMap(workbook: Workbook): Map<string, RelationshipType> {
  return new Map(workbook.rowsOf(RelationshipTypes).map((t) => [t.id, t]));
}

/** Every relationship of a contact, from their side: one row of Relationships shows on both cards. */
export function relationshipsOf(workbook: Workbook, contactId: string): RelationshipView[] {
  const table = workbook.table(Relationships);
  // A relationship a merge ended between a contact and itself is found at both ends: show it once.
  const rows = [...new Map([...table.where('contact_a', contactId), ...table.where('contact_b', contactId)].map((r) => [r.id, r])).values()];
  const types = typeMap(workbook);
  const today = todayOf(workbook);
  // The people at the other ends, in one targeted read before each is looked at.
  workbook.table(Contacts).prefetch(
    'id',
    rows.map((r) => otherEnd(r, contactId)),
  );
  return rows
    .map((r) => relationshipView(workbook, r, contactId, types, today))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.label.localeCompare(b.label) || a.other_name.localeCompare(b.other_name));
}

export interface NewRelationship {
  contact_id: string;
  other_id: string;
  type_id: string;
  /** Which end the card's contact is: 'a' reads "contact <label_a_to_b> other". */
  side: 'a' | 'b';
  start_date?: string;
  note?: string;
}

/** Adds a relationship from either contact's card, stored once (a → b). Refused: a contact with
 *  itself, an inactive or unknown type, and one that already exists (same pair, same type, in force). */
export function addRelationship(workbook: Workbook, input: NewRelationship): RelationshipView {
  if (input.contact_id === input.other_id) throw new UserError('invalid', 'error.relationship_self');
  requireLiveContact(workbook, input.contact_id);
  requireLiveContact(workbook, input.other_id);
  const type = typeMap(workbook).get(input.type_id);
  if (!type || type.active === false) throw new UserError('not_found', 'error.relationship_type', { id: input.type_id });
  const [a, b] = input.side === 'b' ? [input.other_id, input.contact_id] : [input.contact_id, input.other_id];
  const table = workbook.table(Relationships);
  const today = todayOf(workbook);
  const existing = [...table.where('contact_a', a), ...table.where('contact_b', a)];
  const duplicate = findDuplicate(existing, a, b, input.type_id, today);
  if (duplicate) {
    const view = relationshipView(workbook, duplicate, input.contact_id, undefined, today);
    throw new UserError('duplicate', 'error.relationship_duplicate', { label: view.label, name: view.other_name });
  }
  const [created] = table.insert([{ contact_a: a, contact_b: b, type_id: input.type_id, start_date: input.start_date ?? '', active: true, note: input.note ?? '' }]);
  return relationshipView(workbook, created, input.contact_id, undefined, today);
}

/** Ends a relationship: it stays on both cards, marked ended on that date (today by default). */
export function endRelationship(workbook: Workbook, id: string, contactId: string, endDate?: string): RelationshipView {
  const table = workbook.table(Relationships);
  const r = table.require(id);
  if (r.contact_a !== contactId && r.contact_b !== contactId) throw new UserError('not_found', 'error.not_found', { table: Relationships.name, id });
  const today = todayOf(workbook);
  const end = endDate || today;
  if (r.start_date && end < r.start_date) throw new UserError('invalid', 'error.end_before_start', { start: r.start_date, end, field: 'end_date' });
  const updated = table.update(id, { end_date: end, active: false });
  return relationshipView(workbook, updated, contactId, undefined, today);
}
