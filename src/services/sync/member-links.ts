/** The NewsletterMembers rows of one list, found by the platform's id, by address and by contact, and
 *  the live contacts found by address: built once per workbook, kept up to date as the sync writes. */
import { Contacts, NewsletterMembers, type Contact, type NewsletterMember } from '../../core/schema/tables';
import type { Stored } from '../../store/table';
import type { Workbook } from '../../store/workbook';
import { normaliseEmail, phoneKey } from '../../core/dedupe/normalise';
import { dedupeRulesOf } from '../dedupe/dedupe-settings';
import { settingsOf } from '../today';
import type { Connection } from './connection';

export type Link = NewsletterMember & Stored;
export const emailKey = (email: string): string => email.trim().toLowerCase();

export class MemberLinks {
  private readonly byRemote = new Map<string, Link>();
  private readonly byEmail = new Map<string, Link>();
  private readonly byContact = new Map<string, Link>();
  /** Live contacts by address (email, then email_2); an address two contacts share maps to both. */
  readonly contactsByEmail = new Map<string, string[]>();
  readonly contacts = new Map<string, Contact & Stored>();

  constructor(
    private readonly workbook: Workbook,
    private readonly connection: Pick<Connection, 'platform' | 'list'>,
  ) {
    for (const link of workbook.table(NewsletterMembers).all()) if (link.platform === connection.platform && link.list_id === connection.list) this.index(link);
    for (const c of workbook.table(Contacts).all()) this.addContact(c);
  }

  addContact(c: Contact & Stored): void {
    if (c.deleted === true || c.merged_into) return;
    this.contacts.set(c.id, c);
    this.read(c);
    for (const address of [c.email, c.email_2]) {
      const key = emailKey(String(address ?? ''));
      if (!key) continue;
      const list = this.contactsByEmail.get(key) ?? [];
      if (!list.includes(c.id)) list.push(c.id);
      this.contactsByEmail.set(key, list);
    }
  }

  /** The contact an address names: one that has it as its first email, else as its second (the
   *  oldest when several do: the push lists such a shared address as a conflict), or null. */
  contactFor(email: string): (Contact & Stored) | null {
    const ids = this.contactsByEmail.get(emailKey(email)) ?? [];
    const first = ids.filter((id) => emailKey(String(this.contacts.get(id)?.email ?? '')) === emailKey(email));
    const chosen = first.length ? first : ids;
    return chosen.length ? (this.contacts.get(chosen[0]) ?? null) : null;
  }

  /** A subscriber the CRM knows by no address: the de-duplication rules' reading of an email (the
   *  Gmail rule of `dedupe_rules`: dots and +tags) or of a phone, when exactly one contact answers. */
  lookalike(email: string, phone: string): (Contact & Stored) | null {
    const rules = (this.rules ??= { defaultCountry: settingsOf(this.workbook).defaultCountry, gmailDots: dedupeRulesOf(this.workbook).rules.gmailDots });
    if (!this.byReading) {
      this.byReading = new Map();
      for (const c of this.contacts.values()) this.read(c);
    }
    const one = (key: string) => {
      const ids = this.byReading!.get(key) ?? [];
      return ids.length === 1 ? (this.contacts.get(ids[0]) ?? null) : null;
    };
    const byEmail = normaliseEmail(email, rules);
    const byPhone = phone.trim() ? phoneKey(phone, rules.defaultCountry) : '';
    return (byEmail ? one(`e:${byEmail}`) : null) ?? (byPhone ? one(`p:${byPhone}`) : null);
  }

  private rules?: { defaultCountry: string; gmailDots: boolean };
  private byReading?: Map<string, string[]>;

  /** Indexes a contact by the rules' reading of its emails and phones (once the index exists). */
  private read(c: Contact & Stored): void {
    const [index, rules] = [this.byReading, this.rules];
    if (!index || !rules) return;
    const add = (key: string) => {
      if (key.length < 3) return;
      const list = index.get(key) ?? [];
      if (!list.includes(c.id)) list.push(c.id);
      index.set(key, list);
    };
    for (const e of [c.email, c.email_2]) add(`e:${normaliseEmail(String(e ?? ''), rules)}`);
    for (const p of [c.phone, c.mobile]) add(`p:${phoneKey(String(p ?? ''), rules.defaultCountry)}`);
  }

  /** A contact that was merged leads to the one it was merged into. */
  live(contactId: string): (Contact & Stored) | null {
    let id = contactId;
    for (let hops = 0; id && hops < 10; hops++) {
      const found = this.contacts.get(id);
      if (found) return found;
      const gone = this.workbook.table(Contacts).get(id);
      if (!gone?.merged_into) return null;
      id = gone.merged_into;
    }
    return null;
  }

  private index(link: Link): void {
    if (link.remote_id) this.byRemote.set(link.remote_id, link);
    if (link.email) this.byEmail.set(emailKey(link.email), link);
    if (link.contact_id) this.byContact.set(link.contact_id, link);
  }

  find(remoteId: string, email: string): Link | null {
    return (remoteId && this.byRemote.get(remoteId)) || this.byEmail.get(emailKey(email)) || null;
  }

  ofContact(contactId: string): Link | null {
    return this.byContact.get(contactId) ?? null;
  }

  /** Records (or updates) what the sync left for this member. */
  save(found: Link | null, values: Partial<NewsletterMember>): Link {
    const table = this.workbook.table(NewsletterMembers);
    const now = this.workbook.clock.now().toISOString();
    let link: Link;
    if (found) {
      const patch = Object.fromEntries(Object.entries(values).filter(([k, v]) => String((found as Record<string, unknown>)[k] ?? '') !== String(v ?? '')));
      if (!Object.keys(patch).length) return found;
      if (found.email && values.email !== undefined && emailKey(found.email) !== emailKey(values.email)) this.byEmail.delete(emailKey(found.email));
      link = table.update(found.id, { ...patch, synced_at: now });
    } else link = table.insert([{ platform: this.connection.platform, list_id: this.connection.list, ...values, synced_at: now }])[0];
    this.index(link);
    return link;
  }
}
