import type { Contact } from '../../core/schema/tables';
import { canonicalFirstName, normaliseName } from '../../core/dedupe/normalise';
import { jaroWinkler } from '../../core/dedupe/similarity';

/** Whether an imported row is a contact we already have, on strong evidence only: the same external
 *  id, or the same email address with a compatible name. A family sharing one address is not one
 *  person, so "same email, different first name" is not a match. */

export interface Identity {
  external_id: string;
  email: string;
  first_name: string;
  last_name: string;
  organisation_name: string;
  kind: string;
}

const email = (text: string) => text.trim().toLowerCase();

/** Names that may belong to one person: equal after folding and nicknames, or a typo apart; an empty
 *  side is compatible only when the other name part agrees. */
export function compatibleNames(a: Identity, b: Identity): boolean {
  if (a.kind === 'organisation' || b.kind === 'organisation') {
    const [x, y] = [normaliseName(a.organisation_name), normaliseName(b.organisation_name)];
    return !x || !y || x === y || jaroWinkler(x, y) >= 0.92;
  }
  const [f1, f2] = [canonicalFirstName(a.first_name), canonicalFirstName(b.first_name)];
  const [l1, l2] = [normaliseName(a.last_name), normaliseName(b.last_name)];
  const firstOk = !f1 || !f2 || f1 === f2 || jaroWinkler(f1, f2) >= 0.9;
  const lastOk = !l1 || !l2 || l1 === l2 || jaroWinkler(l1, l2) >= 0.9;
  if (!f1 && !f2 && !l1 && !l2) return true; // an address and nothing else: the address decides
  // At least one name part must be present on both sides and agree.
  const someAgreement = (f1 && f2 && firstOk) || (l1 && l2 && lastOk) || (!f1 && !f2 && !l1) || (!l1 && !l2 && !f1);
  return firstOk && lastOk && !!someAgreement;
}

/** An index of the contacts already in the CRM, by external id and by email (both addresses). */
export class ContactIndex {
  private readonly byExternal = new Map<string, Contact[]>();
  private readonly byEmail = new Map<string, Contact[]>();

  constructor(contacts: Iterable<Contact>) {
    for (const c of contacts) this.add(c);
  }

  add(c: Contact): void {
    if (c.deleted === true || c.merged_into) return;
    if (c.external_id) push(this.byExternal, c.external_id.trim(), c);
    for (const e of [c.email, c.email_2]) if (e) push(this.byEmail, email(e), c);
  }

  /** The one contact this row is, or null (no match, or more than one candidate: we do not guess). */
  match(row: Identity): Contact | null {
    if (row.external_id) {
      const found = this.byExternal.get(row.external_id.trim()) ?? [];
      if (found.length === 1) return found[0];
      if (found.length > 1) return null;
    }
    if (!row.email) return null;
    const candidates = (this.byEmail.get(email(row.email)) ?? []).filter((c) => compatibleNames(row, c));
    return candidates.length === 1 ? candidates[0] : null;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
