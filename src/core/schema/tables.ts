import { col, Column } from './columns';
import { resubscribeProblem, type ConsentProblem } from '../consent';

/** Every table of the CRM, in one place. Column order here is the order Set up writes; people may
 *  reorder columns and add their own afterwards: the store maps by header name. */
export interface TableDef {
  name: string;
  /** Ids look like `con_01JD5K7Q3M8XZ2PA` : a prefix a person can recognise, then a sortable part. */
  idPrefix: string;
  columns: Record<string, Column>;
  /** A rule every change of a record must keep, whoever makes it (the store refuses the change). */
  guard?: (current: Record<string, unknown>, next: Record<string, unknown>) => ConsentProblem | null;
}

/** Columns without a prototype: a header people typed ('constructor', 'toString', '__proto__') is never
 *  mistaken for one of ours by `name in columns`. */
const table = <C extends Record<string, Column>>(name: string, idPrefix: string, columns: C, guard?: TableDef['guard']) => ({
  name,
  idPrefix,
  columns: Object.assign(Object.create(null), columns) as C,
  ...(guard ? { guard } : {}),
});

export const CONTACT_KINDS = ['person', 'organisation'] as const;
export const LIFECYCLE_STAGES = ['subscriber', 'lead', 'engaged', 'donor', 'member', 'lapsed', 'other'] as const;
export const NEWSLETTER_STATUSES = ['subscribed', 'unsubscribed', 'pending', 'cleaned', 'never'] as const;
export const INTERACTION_TYPES = ['call', 'email', 'meeting', 'event', 'note', 'newsletter_open', 'newsletter_click', 'form', 'unsubscribe', 'letter', 'sms', 'other'] as const;
export const DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export const MEMBERSHIP_STATUSES = ['pending', 'new', 'current', 'grace', 'expired', 'cancelled'] as const;
export const FREQUENCIES = ['one_off', 'monthly', 'quarterly', 'yearly', 'lifetime'] as const;

const stamps = { created_at: col.datetime(), updated_at: col.datetime() };

export const Contacts = table(
  'Contacts',
  'con',
  {
    id: col.id(),
    kind: col.enumOf(CONTACT_KINDS, true),
    first_name: col.text(),
    last_name: col.text(),
    organisation_name: col.text(),
    organisation_id: col.ref('Contacts', false),
    job_title: col.text(),
    email: col.email(),
    email_2: col.email(),
    phone: col.text(),
    mobile: col.text(),
    street: col.text(),
    postal_code: col.text(),
    city: col.text(),
    region: col.text(),
    country: col.text(),
    birthday: col.birthday(),
    language: col.text(),
    lifecycle_stage: col.enumOf(LIFECYCLE_STAGES),
    lifecycle_override: col.enumOf(LIFECYCLE_STAGES),
    newsletter_status: col.enumOf(NEWSLETTER_STATUSES),
    email_opt_out: col.boolean(),
    opt_out_source: col.text(),
    opt_out_at: col.datetime(),
    consent_source: col.text(),
    consent_at: col.datetime(),
    source: col.text(),
    owner: col.email(),
    next_contact_date: col.date(),
    notes: col.longtext(),
    merged_into: col.ref('Contacts', false),
    deleted: col.boolean(),
    /** An id the contact has in another system (a donation platform, a vendor's file): the strongest
     *  evidence an imported row is this contact. */
    external_id: col.text(),
    /** The import that created or last changed the contact (Imports.id). */
    import_batch: col.text(),
    ...stamps,
  },
  // An unsubscribe always wins (core/consent.ts).
  resubscribeProblem,
);

export const Memberships = table('Memberships', 'mem', {
  id: col.id(),
  contact_id: col.ref('Contacts'),
  level: col.text(),
  join_date: col.date(),
  start_date: col.date(),
  end_date: col.date(),
  amount: col.amount(),
  currency: col.text(),
  frequency: col.enumOf(FREQUENCIES),
  auto_renew: col.boolean(),
  payment_method: col.text(),
  paid: col.boolean(),
  external_id: col.text(),
  status: col.enumOf(MEMBERSHIP_STATUSES),
  status_override: col.enumOf(MEMBERSHIP_STATUSES),
  import_batch: col.text(),
  ...stamps,
});

export const Donations = table('Donations', 'don', {
  id: col.id(),
  contact_id: col.ref('Contacts'),
  date: col.date(),
  amount: col.amount(true),
  currency: col.text(),
  fund: col.text(),
  campaign: col.text(),
  method: col.text(),
  recurring: col.boolean(),
  external_id: col.text(),
  /** The day the gift was given back (a refund from a donation platform): it no longer counts in any
   *  total, and stays on the card, struck through. */
  refunded_at: col.date(),
  note: col.longtext(),
  import_batch: col.text(),
  ...stamps,
});

export const Interactions = table('Interactions', 'int', {
  id: col.id(),
  contact_id: col.ref('Contacts'),
  when: col.datetime(),
  type: col.enumOf(INTERACTION_TYPES, true),
  direction: col.enumOf(DIRECTIONS),
  subject: col.text(),
  details: col.longtext(),
  outcome: col.text(),
  staff: col.email(),
  follow_up_date: col.date(),
  follow_up_done: col.boolean(),
  external_id: col.text(),
  import_batch: col.text(),
  ...stamps,
});

export const Tags = table('Tags', 'tag', {
  id: col.id(),
  name: col.text(true),
  colour: col.text(),
  description: col.text(),
  ...stamps,
});

export const ContactTags = table('ContactTags', 'ctg', {
  id: col.id(),
  contact_id: col.ref('Contacts'),
  tag_id: col.ref('Tags'),
  added_at: col.datetime(),
  added_by: col.email(),
  import_batch: col.text(),
});

export const RelationshipTypes = table('RelationshipTypes', 'rty', {
  id: col.id(),
  label_a_to_b: col.text(true),
  label_b_to_a: col.text(true),
  symmetric: col.boolean(),
  category: col.text(),
  active: col.boolean(),
});

export const Relationships = table('Relationships', 'rel', {
  id: col.id(),
  contact_a: col.ref('Contacts'),
  contact_b: col.ref('Contacts'),
  type_id: col.ref('RelationshipTypes'),
  start_date: col.date(),
  end_date: col.date(),
  active: col.boolean(),
  note: col.text(),
  ...stamps,
});

export const Segments = table('Segments', 'seg', {
  id: col.id(),
  name: col.text(true),
  kind: col.enumOf(['static', 'dynamic'] as const, true),
  query: col.longtext(),
  description: col.text(),
  count: col.number(),
  refreshed_at: col.datetime(),
  /** The Contacts columns of the segment's view tab, comma-separated; blank: no view tab. */
  view_columns: col.text(),
  /** The name of the view tab the add-on writes (replaced on every refresh, never edited by hand). */
  view_sheet: col.text(),
  owner: col.email(),
  ...stamps,
});

/** The contacts of a static segment: a fixed list, added from a search or a selection in the sheet. */
export const SegmentMembers = table('SegmentMembers', 'sgm', {
  id: col.id(),
  segment_id: col.ref('Segments'),
  contact_id: col.ref('Contacts'),
  added_at: col.datetime(),
  added_by: col.email(),
});

/** RFM and engagement per contact, rewritten whole by the nightly trigger so that plain Sheets filters
 *  can use them. The sidebar and queries compute them as of today themselves. */
export const Scores = table('Scores', 'scr', {
  id: col.id(),
  contact_id: col.ref('Contacts'),
  name: col.text(),
  recency_days: col.number(),
  frequency: col.number(),
  monetary: col.money(),
  r: col.number(),
  f: col.number(),
  m: col.number(),
  rfm_score: col.number(),
  rfm_segment: col.text(),
  engagement: col.number(),
  hot: col.boolean(),
  scored_at: col.datetime(),
});

/** Trigger points: "when a contact enters segment S, do A". One action per row; several rows may name
 *  the same segment. Email actions come with the mailer. */
export const TRIGGER_ACTIONS = ['add_tag', 'remove_tag', 'follow_up', 'note', 'send_email', 'send_email_to_owner'] as const;
export const TriggerPoints = table('TriggerPoints', 'trp', {
  id: col.id(),
  name: col.text(true),
  segment: col.text(true),
  action: col.enumOf(TRIGGER_ACTIONS, true),
  /** The tag's name, the note's text, or the follow-up's delay in days, as the action needs. */
  argument: col.text(),
  /** Who the follow-up or note is for; blank: the contact's owner. */
  owner: col.email(),
  active: col.boolean(),
  ...stamps,
});

/** Every firing of a trigger point: at most one open entry per rule and contact, closed (left_at)
 *  when the contact leaves the segment, so that the rule fires again on the next entry only. */
export const TriggerLog = table('TriggerLog', 'trl', {
  id: col.id(),
  rule_id: col.ref('TriggerPoints'),
  contact_id: col.ref('Contacts'),
  entered_at: col.datetime(),
  left_at: col.datetime(),
  outcome: col.text(),
});

export const Staff = table('Staff', 'stf', {
  id: col.id(),
  email: col.email(),
  name: col.text(),
  role: col.enumOf(ROLES, true),
  active: col.boolean(),
  language: col.text(),
  ...stamps,
});

export const AuditLog = table('AuditLog', 'aud', {
  id: col.id(),
  when: col.datetime(),
  who: col.text(),
  action: col.text(true),
  table: col.text(),
  record_id: col.longtext(),
  before: col.longtext(),
  after: col.longtext(),
});

export const IMPORT_MODES = ['skip', 'update', 'fill', 'none'] as const;
export const IMPORT_STATUSES = ['previewed', 'uploading', 'running', 'done', 'undone', 'failed'] as const;

/** One import of a file: who ran it, when, how, what it did. Rows it created or changed carry its id
 *  in their import_batch column, which is what makes an import undoable. */
export const Imports = table('Imports', 'imp', {
  id: col.id(),
  file_name: col.text(true),
  mode: col.enumOf(IMPORT_MODES, true),
  status: col.enumOf(IMPORT_STATUSES, true),
  who: col.email(),
  started_at: col.datetime(),
  finished_at: col.datetime(),
  encoding: col.text(),
  delimiter: col.text(),
  rows: col.number(),
  created: col.number(),
  updated: col.number(),
  skipped: col.number(),
  duplicates_in_file: col.number(),
  errors: col.number(),
  mapping: col.longtext(),
  date_order: col.text(),
  /** Rows to apply (valid, duplicates inside the file left out), and how many are applied so far. */
  total: col.number(),
  cursor: col.number(),
  /** How many tag links, memberships, gifts and notes the chunks written so far added (JSON by table). */
  linked: col.text(),
  undone_at: col.datetime(),
  note: col.longtext(),
  /** Cells that could not be read in rows that were imported (kept as typed in custom columns). */
  warnings: col.number(),
  /** While the file goes up in parts (status uploading): parts expected and received, cells staged (JSON). */
  upload: col.text(),
});

/** The file of an import too big for one execution, kept as base64 parts until its last chunk is in. */
export const ImportFiles = table('ImportFiles', 'ifl', {
  id: col.id(),
  batch: col.ref('Imports'),
  part: col.number(),
  data: col.longtext(),
});

/** Pairs a person said are not the same contact: never proposed as duplicates again. */
export const NotDuplicates = table('NotDuplicates', 'ndp', {
  id: col.id(),
  contact_a: col.ref('Contacts'),
  contact_b: col.ref('Contacts'),
  marked_by: col.email(),
  marked_at: col.datetime(),
});

/** One merge: the contact kept, the ones folded into it. What it changed is in the audit log under
 *  `merge <id>`, which is what undo reads back. */
export const Merges = table('Merges', 'mrg', {
  id: col.id(),
  survivor: col.ref('Contacts'),
  merged: col.longtext(),
  who: col.email(),
  when: col.datetime(),
  status: col.enumOf(['done', 'undone'] as const, true),
  undone_at: col.datetime(),
});

export const Settings = table('Settings', 'set', {
  id: col.id(),
  key: col.text(true),
  value: col.text(),
  description: col.text(),
});

/** Set up creates the tables in this order (the tabs appear in it). */
export const INBOX_STATUSES = ['queued', 'applied', 'ignored', 'failed'] as const;

/** Deliveries from other services (donation platforms, website forms), kept as they came the moment
 *  they arrive, then applied by a trigger: `queued` → `applied`, `ignored` (nothing to record) or
 *  `failed` (with its error, for an admin; nothing of it was written). */
export const Inbox = table('Inbox', 'inb', {
  id: col.id(),
  received_at: col.datetime(),
  source: col.text(true),
  /** The sender's own id of the delivery: the same one twice is received once. */
  external_id: col.text(),
  status: col.enumOf(INBOX_STATUSES, true),
  content_type: col.text(),
  body: col.longtext(),
  error: col.longtext(),
  applied_at: col.datetime(),
  contact_id: col.ref('Contacts', false),
  result: col.text(),
  ...stamps,
});

/** Email templates: one row per template and language (the same name in several languages is one
 *  template: each contact gets theirs, else the CRM's). */
export const Templates = table('Templates', 'tpl', {
  id: col.id(),
  name: col.text(true),
  language: col.text(),
  subject: col.text(true),
  body: col.longtext(),
  description: col.text(),
  ...stamps,
});

/** newsletter: needs consent; members: a notice to members (no consent needed, opt-outs skipped);
 *  staff: notes to the staff member who owns a contact (a trigger point's send_email_to_owner). */
export const MAILING_KINDS = ['newsletter', 'members', 'staff'] as const;
export const MAILING_STATUSES = ['sending', 'done', 'cancelled'] as const;
export const RECIPIENT_STATUSES = ['queued', 'sending', 'sent', 'skipped', 'failed', 'interrupted'] as const;

/** A mail merge: a template sent to a segment's members (or a query's contacts), over as many days as
 *  the account's daily quota needs. A newsletter needs consent; a members' mailing does not. */
export const Mailings = table('Mailings', 'mlg', {
  id: col.id(),
  name: col.text(true),
  template: col.text(true),
  /** A template sent along as a PDF document (a receipt), or empty. */
  receipt: col.text(),
  kind: col.enumOf(MAILING_KINDS, true),
  audience: col.text(),
  status: col.enumOf(MAILING_STATUSES, true),
  created_by: col.email(),
  ...stamps,
});

/** Each recipient of a mailing and what became of their message: `queued` → `sending` (marked before
 *  it goes) → `sent`; `skipped` (why in `reason`), `failed` (why in `error`), `interrupted` (an
 *  execution stopped between the two marks: maybe sent, never sent again). */
export const MailingRecipients = table('MailingRecipients', 'mlr', {
  id: col.id(),
  mailing_id: col.ref('Mailings'),
  contact_id: col.ref('Contacts'),
  email: col.email(),
  status: col.enumOf(RECIPIENT_STATUSES, true),
  reason: col.text(),
  sent_at: col.datetime(),
  error: col.text(),
  /** The gift a thank-you is about (one message per gift), or empty. */
  gift_id: col.text(),
});

/** Each member of a connected newsletter list (Mailchimp audience, Brevo list) as the last sync left it
 *  on both sides: which contact it is, its id and address there, its status there, and the shared
 *  fields' values at that sync (`fields`, JSON), which tell which side changed a field since. */
export const NewsletterMembers = table('NewsletterMembers', 'nlm', {
  id: col.id(),
  contact_id: col.ref('Contacts', false),
  platform: col.text(true),
  list_id: col.text(true),
  remote_id: col.text(),
  /** The address as the platform has it (text: a platform's odd address is kept, never refused). */
  email: col.text(),
  status: col.text(),
  fields: col.longtext(),
  /** The CRM tags and segments sent as the platform's tags (Mailchimp) or lists (Brevo), one a line. */
  tags: col.longtext(),
  changed_at: col.datetime(),
  synced_at: col.datetime(),
});

/** One row per engaged recipient per campaign (never one per open: the cell budget), with the counts,
 *  first and last times and the links clicked. */
export const CampaignActivity = table('CampaignActivity', 'cpa', {
  id: col.id(),
  contact_id: col.ref('Contacts', false),
  platform: col.text(true),
  campaign_id: col.text(true),
  campaign: col.text(),
  sent_at: col.datetime(),
  email: col.text(),
  opens: col.number(),
  clicks: col.number(),
  first_at: col.datetime(),
  last_at: col.datetime(),
  links: col.longtext(),
});

export const TABLES = [
  Contacts,
  Memberships,
  Donations,
  Interactions,
  Tags,
  ContactTags,
  Relationships,
  RelationshipTypes,
  Segments,
  SegmentMembers,
  Scores,
  TriggerPoints,
  TriggerLog,
  Imports,
  ImportFiles,
  NotDuplicates,
  Merges,
  Inbox,
  Templates,
  Mailings,
  MailingRecipients,
  NewsletterMembers,
  CampaignActivity,
  Staff,
  Settings,
  AuditLog,
] as const;

export type AnyTable = (typeof TABLES)[number];
export type TableName = AnyTable['name'];

export function tableDef(name: string): TableDef {
  const found = TABLES.find((t) => t.name === name);
  if (!found) throw new Error(`Unknown table "${name}"`);
  return found;
}

type KindValue<C extends Column> = C extends { kind: 'number' | 'money' } ? number | '' : C extends { kind: 'boolean' } ? boolean | '' : string;

/** A record of a table: its known columns, plus the custom columns people added (kept, never dropped). */
export type RecordOf<T extends { columns: Record<string, Column> }> = { [K in keyof T['columns']]: KindValue<T['columns'][K]> } & { custom?: Record<string, string | number | boolean> };

export type Contact = RecordOf<typeof Contacts>;
export type Membership = RecordOf<typeof Memberships>;
export type Donation = RecordOf<typeof Donations>;
export type Interaction = RecordOf<typeof Interactions>;
export type InboxEntry = RecordOf<typeof Inbox>;
export type Template = RecordOf<typeof Templates>;
export type Mailing = RecordOf<typeof Mailings>;
export type MailingRecipient = RecordOf<typeof MailingRecipients>;
export type NewsletterMember = RecordOf<typeof NewsletterMembers>;
export type CampaignActivityRow = RecordOf<typeof CampaignActivity>;
export type Tag = RecordOf<typeof Tags>;
export type ContactTag = RecordOf<typeof ContactTags>;
export type Relationship = RecordOf<typeof Relationships>;
export type RelationshipType = RecordOf<typeof RelationshipTypes>;
export type Segment = RecordOf<typeof Segments>;
export type SegmentMember = RecordOf<typeof SegmentMembers>;
export type Score = RecordOf<typeof Scores>;
export type TriggerPoint = RecordOf<typeof TriggerPoints>;
export type TriggerLogEntry = RecordOf<typeof TriggerLog>;
export type StaffMember = RecordOf<typeof Staff>;
export type AuditEntry = RecordOf<typeof AuditLog>;
export type Setting = RecordOf<typeof Settings>;
export type ImportBatch = RecordOf<typeof Imports>;
export type Merge = RecordOf<typeof Merges>;
