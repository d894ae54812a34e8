import { dateOf } from './dates';

/** A relationship is one row with two ends, read from either side, as in CiviCRM: 'Ana parent of Ben' is
 *  the same row as 'Ben child of Ana'. contact_a reads the type's label_a_to_b about contact_b; contact_b
 *  reads label_b_to_a about contact_a. Symmetric types simply have the same label both ways. */

export interface RelationshipEnds {
  contact_a: string;
  contact_b: string;
  type_id: string;
  active: boolean | '';
  end_date: string;
}

/** Which end of the relationship the contact is, or null when it is not part of it. */
export function sideOf(rel: RelationshipEnds, contactId: string): 'a' | 'b' | null {
  if (!contactId) return null;
  if (rel.contact_a === contactId) return 'a';
  if (rel.contact_b === contactId) return 'b';
  return null;
}

/** The label as seen from the contact's card: a's card reads label_a_to_b, b's card label_b_to_a; '' for a stranger. */
export function labelFrom(rel: RelationshipEnds, type: { label_a_to_b: string; label_b_to_a: string }, contactId: string): string {
  const side = sideOf(rel, contactId);
  if (side === 'a') return type.label_a_to_b;
  if (side === 'b') return type.label_b_to_a;
  return '';
}

/** The contact at the other end, '' when the contact is not part of the relationship. */
export function otherEnd(rel: RelationshipEnds, contactId: string): string {
  const side = sideOf(rel, contactId);
  if (side === 'a') return rel.contact_b;
  if (side === 'b') return rel.contact_a;
  return '';
}

/** Not switched off and not ended before today (ending today still counts). A blank `active` means active;
 *  an end date that cannot be read does not end it (better a relationship shown than one silently lost). */
export function isInForce(rel: RelationshipEnds, today: string): boolean {
  if (rel.active === false) return false;
  const end = dateOf(rel.end_date);
  return end === '' || end >= today;
}

/** Same pair of contacts (in either order) and same type, still in force: adding it again would duplicate it. */
export function findDuplicate<T extends RelationshipEnds>(existing: T[], a: string, b: string, typeId: string, today: string): T | undefined {
  return existing.find((r) => r.type_id === typeId && ((r.contact_a === a && r.contact_b === b) || (r.contact_a === b && r.contact_b === a)) && isInForce(r, today));
}
