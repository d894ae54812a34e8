/** What the sidebars receive from the contact-record actions: plain JSON (no Date, no undefined), the
 *  same in Google (google.script.run) and locally (POST /api/<name>). Dates are ISO text
 *  ('YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SS…' for moments); amounts are numbers, with their currency. */

export type MembersFilter = 'all' | 'members' | 'non_members';

export interface SearchInput {
  text?: string;
  members?: MembersFilter;
  /** A lifecycle stage (effective: the override when there is one, else the derived stage). */
  stage?: string;
  /** A tag id. */
  tag?: string;
  offset?: number;
  limit?: number;
}

export interface SearchHit {
  id: string;
  kind: string;
  name: string;
  email: string;
  /** As the user typed it. */
  phone: string;
  organisation: string;
  city: string;
  member: boolean;
  /** The status of the contact's best membership ('' when none): new, current, grace, pending, expired, cancelled. */
  membership_status: string;
  stage: string;
  tags: string[];
  /** The contact's row in the Contacts sheet (for "select it in the sheet"). */
  row: number;
}

export interface SearchPage {
  total: number;
  /** True when more than `total` contacts match: the database stops counting at a thousand
   *  (search-sql.ts COUNTED); the pages go on. */
  more?: boolean;
  offset: number;
  items: SearchHit[];
  /** True when the search index was stale and the sheets were scanned: the sidebar then has it
   *  rebuilt (refreshSearchIndex) so that the next keystrokes read one sheet again. */
  stale_index?: boolean;
}

export interface TagView {
  id: string;
  name: string;
  colour: string;
}

export interface MembershipView {
  id: string;
  level: string;
  join_date: string;
  start_date: string;
  end_date: string;
  /** The status in force: the manual override when there is one, else the dated rules. */
  status: string;
  /** What the dated rules alone say. */
  computed_status: string;
  status_override: string;
  amount: number | '';
  currency: string;
  frequency: string;
  paid: boolean | '';
  auto_renew: boolean | '';
}

export interface DonationView {
  id: string;
  date: string;
  amount: number | '';
  currency: string;
  fund: string;
  campaign: string;
  method: string;
  recurring: boolean | '';
  note: string;
  /** The day it was given back ('' when it was not): it counts in no total. */
  refunded_at: string;
}

export interface DonationSummary {
  /** Sum of the amounts in the CRM's currency alone (gifts in other currencies are in `totals`). */
  total: number;
  currency: string;
  /** One total per currency given in, the CRM's first: a donor who gives in reais shows reais. */
  totals: { currency: string; total: number; count: number }[];
  /** All of it in the CRM's currency at Settings' rates, when gifts came in several currencies and rates
   *  exist (shown as converted); `missing`: currencies with no rate, left out. */
  converted: { total: number; currency: string; missing: string[] } | null;
  count: number;
  last: DonationView | null;
  /** Newest first, at most 20. */
  recent: DonationView[];
}

export interface InteractionView {
  id: string;
  contact_id: string;
  when: string;
  type: string;
  direction: string;
  subject: string;
  details: string;
  outcome: string;
  staff: string;
  follow_up_date: string;
  follow_up_done: boolean | '';
}

export interface RelationshipView {
  id: string;
  type_id: string;
  /** The label read from this contact's side: 'parent of' on the parent's card, 'child of' on the child's. */
  label: string;
  other_id: string;
  other_name: string;
  other_kind: string;
  start_date: string;
  end_date: string;
  active: boolean;
  note: string;
}

export interface RelationshipTypeView {
  id: string;
  label_a_to_b: string;
  label_b_to_a: string;
  symmetric: boolean;
  category: string;
}

export interface ContactLink {
  id: string;
  name: string;
  /** How they are linked, from the card's side ('employer of', 'board member of', …). */
  label: string;
}

export interface ContactCard {
  /** An archive spreadsheet is linked (the card's "older, in the archive"); set by the action. */
  archive?: boolean;
  /** Every stored field of the contact, custom columns under `custom`. */
  contact: Record<string, unknown> & { id: string; custom?: Record<string, string | number | boolean> };
  name: string;
  row: number;
  member: boolean;
  /** The membership that decides the badge (in force, else the latest), or null. */
  membership: MembershipView | null;
  memberships: MembershipView[];
  /** Effective stage (override wins) and what the data alone says. */
  stage: string;
  derived_stage: string;
  donations: DonationSummary;
  /** Newest first. */
  interactions: InteractionView[];
  tags: TagView[];
  relationships: RelationshipView[];
  /** For a person: the organisation they work for (an active 'employee of', else organisation_id). */
  employer: ContactLink | null;
  /** For an organisation: its people (employees, board members, volunteers…). */
  people: ContactLink[];
  /** A person whose organisation is a contact but who has no employment relationship with it yet:
   *  the card offers to record it. */
  employment_offer: { organisation_id: string; organisation_name: string } | null;
  /** Static segments come with the segments issue; empty until then. */
  segments: { id: string; name: string }[];
}

/** Everything the card's pickers need, fetched once per sidebar session. */
export interface RecordOptions {
  tags: TagView[];
  relationship_types: RelationshipTypeView[];
  interaction_types: string[];
  directions: string[];
  lifecycle_stages: string[];
  membership_statuses: string[];
  frequencies: string[];
  currency: string;
  today: string;
}

export interface FollowUp {
  contact_id: string;
  name: string;
  /** 'next_contact': the contact's next contact date; 'interaction': an interaction's follow-up date. */
  reason: 'next_contact' | 'interaction';
  interaction_id: string;
  subject: string;
  due: string;
  /** Days past the due date: negative for one still ahead this week. */
  overdue_days: number;
  group: 'overdue' | 'today' | 'week';
  owner: string;
  mine: boolean;
}

export interface FollowUpList {
  today: string;
  /** How many there are in all, and in each group (the page holds `items` from `offset`). */
  total: number;
  counts: { overdue: number; today: number; week: number };
  offset: number;
  items: FollowUp[];
}

export interface StatusRefresh {
  memberships_changed: number;
  stages_changed: number;
}
