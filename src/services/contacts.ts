import { Contacts, Memberships, Contact } from '../core/schema/tables';
import { displayName, fold } from '../core/text';
import { isMemberStatus } from '../core/membership';
import type { Workbook } from '../store/workbook';

export interface ContactRow {
  id: string;
  kind: string;
  name: string;
  email: string;
  organisation: string;
  city: string;
  member: boolean;
}

export interface ContactPage {
  total: number;
  offset: number;
  items: ContactRow[];
}

export interface ListOptions {
  text?: string;
  members?: 'all' | 'members' | 'non_members';
  offset?: number;
  limit?: number;
}

/** Contacts who hold a membership that counts (new, current or grace). */
export function memberIds(workbook: Workbook): Set<string> {
  const ids = new Set<string>();
  for (const m of workbook.table(Memberships).all()) if (isMemberStatus(m.status)) ids.add(m.contact_id);
  return ids;
}

/** The contact list of the sidebar: live contacts (not deleted, not merged), filtered by text over
 *  names, organisation, email, phone, city and custom columns, accent- and case-insensitive,
 *  sorted by name, one page at a time. The full search of the contact record builds on this. */
export function listContacts(workbook: Workbook, options: ListOptions = {}): ContactPage {
  const members = memberIds(workbook);
  const words = fold(options.text ?? '').split(/\s+/).filter(Boolean);
  const matching: { row: ContactRow; key: string }[] = [];
  for (const c of workbook.table(Contacts).all()) {
    if (c.deleted === true || c.merged_into) continue;
    const member = members.has(c.id);
    if (options.members === 'members' && !member) continue;
    if (options.members === 'non_members' && member) continue;
    if (words.length) {
      const haystack = fold(searchableText(c));
      if (!words.every((w) => haystack.includes(w))) continue;
    }
    const name = displayName(c);
    matching.push({ row: { id: c.id, kind: c.kind, name, email: c.email, organisation: c.organisation_name, city: c.city, member }, key: fold(c.kind === 'organisation' ? name : `${c.last_name} ${c.first_name}`) });
  }
  matching.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const offset = Math.max(0, options.offset ?? 0);
  const limit = Math.min(200, Math.max(1, options.limit ?? 50));
  return { total: matching.length, offset, items: matching.slice(offset, offset + limit).map((m) => m.row) };
}

function searchableText(c: Contact): string {
  const custom = c.custom ? Object.values(c.custom).join(' ') : '';
  return [c.first_name, c.last_name, c.organisation_name, c.email, c.email_2, c.phone, c.mobile, c.city, c.postal_code, custom].join(' ');
}

export type ContactInput = Partial<Omit<Contact, 'id' | 'created_at' | 'updated_at'>>;

export function createContact(workbook: Workbook, input: ContactInput): Contact {
  const [created] = workbook.table(Contacts).insert([{ kind: 'person', newsletter_status: 'never', ...input }]);
  return created;
}

export function updateContact(workbook: Workbook, id: string, patch: ContactInput): Contact {
  return workbook.table(Contacts).update(id, patch);
}

export function getContact(workbook: Workbook, id: string): Contact & { member: boolean } {
  const contact = workbook.table(Contacts).require(id);
  return { ...contact, member: memberIds(workbook).has(id) };
}
