/** One newsletter platform (Mailchimp, Brevo; a third is one more file here), reached over the Http
 *  port (UrlFetchApp in Google, fetch in Node, a strict emulator in tests). The sync engine speaks only
 *  this interface: what a member is, and the few things it asks of a platform. */

/** The fields a platform and the CRM share, by the CRM's names: the standard ones, `address` (street,
 *  postal code, city, region and country as one value, a line each), and the extra ones an admin maps
 *  (a Contacts column, or `custom.NAME` for a column people added) to a field of the platform. */
export const SYNCED_FIELDS = ['first_name', 'last_name', 'phone', 'birthday', 'language'] as const;
export type SyncedField = string;
export type SyncedValues = Record<string, string>;

/** An extra field: the CRM's (a Contacts column or custom.NAME) and the platform's (a Mailchimp merge
 *  tag such as CITY, a Brevo attribute). */
export interface FieldLink {
  crm: string;
  platform: string;
}

/** A member's standing on the platform: `unsubscribed` and `cleaned` (bounced, spam, GDPR-deleted)
 *  are final for the sync; `pending` waits for the person's confirmation (double opt-in); `archived`
 *  (removed by the platform's admin, not by the person) is left alone on both sides. */
export type PlatformStatus = 'subscribed' | 'pending' | 'unsubscribed' | 'cleaned' | 'transactional' | 'archived';

export interface PlatformMember {
  /** The platform's own id of this person, which stays when their address changes. */
  remoteId: string;
  email: string;
  status: PlatformStatus;
  /** Why an address left, in the platform's words ('abuse', 'hard_bounce', …), for the opt-out's source. */
  reason?: string;
  fields: SyncedValues;
  /** When the platform last changed this member (ISO). */
  changedAt: string;
  /** When the person said yes on the platform (ISO), if it says. */
  optedInAt?: string;
}

/** A member the CRM adds (only with consent: subscribed with a recorded source, or pending). */
export interface NewMember {
  email: string;
  status: 'subscribed' | 'pending';
  fields: SyncedValues;
}

/** A change to a member the platform has: new values, a new address. Never a status. */
export interface MemberChange {
  email: string;
  newEmail?: string;
  fields: SyncedValues;
}

/** What became of one member asked about: done, or the platform's refusal in its words. */
export interface MemberResult {
  email: string;
  ok: boolean;
  error?: string;
  /** The member as the platform now has it (a new member's id). */
  remoteId?: string;
  /** The platform refused because the person had their data erased there (a GDPR deletion): the
   *  address may never be added again, and the CRM records the opt-out. */
  erased?: boolean;
  /** The platform no longer has the member (archived or deleted there): left alone from now on. */
  gone?: boolean;
}

/** Members to add to and remove from one label: a Mailchimp tag, a Brevo list. */
export interface LabelChange {
  label: string;
  add: string[];
  remove: string[];
}

export interface PlatformList {
  id: string;
  name: string;
  members: number;
}

export interface Campaign {
  id: string;
  name: string;
  sentAt: string;
}

/** One recipient's engagement with one campaign, gathered (never one row per open). */
export interface Engagement {
  email: string;
  opens: number;
  clicks: number;
  firstAt: string;
  lastAt: string;
  links: string[];
}

export interface Page<T> {
  items: T[];
  /** Where the next page starts, or null after the last. */
  next: number | null;
  total: number;
}

export interface NewsletterPlatform {
  readonly name: PlatformName;
  /** The CRM fields this connection carries, in the CRM's names. */
  readonly fields: readonly string[];
  /** Checks the key (a UserError names what is wrong). */
  ping(): void;
  lists(): PlatformList[];
  /** Members changed since `since` (ISO; '' for all), from `offset`. */
  members(list: string, since: string, offset: number): Page<PlatformMember>;
  add(list: string, members: NewMember[]): MemberResult[];
  change(list: string, changes: MemberChange[]): MemberResult[];
  unsubscribe(list: string, emails: string[]): MemberResult[];
  /** The CRM's tags and chosen segments, as the platform's own labels (made when missing). Answers the
   *  labels it could not change, with the platform's words. */
  label(list: string, changes: LabelChange[]): { label: string; error: string }[];
  /** Campaigns sent to the list since `since` (ISO). */
  campaigns(list: string, since: string): Campaign[];
  /** Who engaged with a campaign since `since`, from `offset`, gathered per recipient; absent where
   *  the platform tells it only by webhook (Brevo). */
  engagement?(campaign: Campaign, since: string, offset: number): Page<Engagement>;
  /** Requests this platform answered for the engine so far (counted against UrlFetch's daily quota). */
  readonly calls: number;
}

export const PLATFORMS = ['mailchimp', 'brevo'] as const;
export type PlatformName = (typeof PLATFORMS)[number];

/** The CRM fields a platform carries: Mailchimp's default merge fields, language and address; Brevo's
 *  names; then the extra ones mapped. */
export function platformFields(name: PlatformName, extras: readonly FieldLink[] = []): string[] {
  return [...(name === 'mailchimp' ? [...SYNCED_FIELDS, 'address'] : ['first_name', 'last_name']), ...extras.map((e) => e.crm)];
}

/** What pull and push need of a platform: its name and the fields it carries. */
export interface SyncTarget {
  name: PlatformName;
  fields: readonly string[];
}
export const PLATFORM_LABELS: Record<PlatformName, string> = { mailchimp: 'Mailchimp', brevo: 'Brevo' };
