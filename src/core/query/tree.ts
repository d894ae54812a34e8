import { Contacts, INTERACTION_TYPES, LIFECYCLE_STAGES, MEMBERSHIP_STATUSES, NEWSLETTER_STATUSES } from '../schema/tables';

/** The one filter model behind segments, search, the builder sidebar, trigger rules and the dashboard's
 *  clickable numbers: a tree of conditions joined by AND / OR / NOT. The text form (parse.ts, print.ts)
 *  and the builder are two views of this tree; the evaluator only ever sees the tree. */

/** ':' reads as "is / has / contains" depending on the field (tag:x has the tag, city:x contains x). */
export type Comparison = '=' | '!=' | '>' | '>=' | '<' | '<=' | ':';

/** One test on a contact. `value` is the value without its quotes or escapes ('major donor', not
 *  '"major donor"'); enum values are stored in their canonical spelling ('current'); numbers and dates
 *  as typed ('100', '2026-01-01', '30d'), resolved against today only when evaluated. */
export interface Condition {
  kind: 'condition';
  /** A name from QUERY_FIELDS, or 'custom.<column header>' for a column the organisation added. */
  field: string;
  op: Comparison;
  value: string;
  /** Windows, only on fields that count or add up dated records (QueryField.window): `since` and
   *  `within` both mean "from this date (ISO or relative) until today" (within:90d reads better for
   *  counts); `before` ends the window at a date. A condition has at most one of since / within. */
  since?: string;
  within?: string;
  before?: string;
  /** Gift size, only on donations.* fields (QueryField.over): only gifts of more than this amount
   *  count (`donations.count>=2 within:12m over:100`: gave more than 100 twice in 12 months). A number
   *  as typed. */
  over?: string;
}

export interface Not {
  kind: 'not';
  child: QueryNode;
}

export interface Group {
  kind: 'and' | 'or';
  children: QueryNode[];
}

export type QueryNode = Condition | Not | Group;

export type FieldType = 'text' | 'number' | 'date' | 'enum' | 'flag';

/** What the builder's dropdowns offer and what the parser checks a condition against. */
export interface QueryField {
  field: string;
  type: FieldType;
  /** The allowed values of an enum field. */
  values?: readonly string[];
  help: string;
  /** The comparisons the field accepts, in the order the builder offers them. */
  ops: readonly Comparison[];
  /** True when since: / within: / before: may narrow the records the field counts. */
  window: boolean;
  /** True when over: may keep only the gifts above an amount (the donations.* fields). */
  over?: boolean;
}

/** RFM group names, shared with the RFM scorer so that rfm.segment:at_risk always means the same group. */
export const RFM_SEGMENTS = ['champions', 'loyal', 'potential_loyalist', 'new', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'cannot_lose', 'hibernating', 'lost'] as const;

export const ALL_OPS: readonly Comparison[] = [':', '=', '!=', '>', '>=', '<', '<='];
const HAS: readonly Comparison[] = [':'];
const TEXT: readonly Comparison[] = [':', '=', '!='];
const ORDERED: readonly Comparison[] = ['=', '!=', '>', '>=', '<', '<='];
const OPS_BY_TYPE: Record<FieldType, readonly Comparison[]> = { text: TEXT, enum: TEXT, number: ORDERED, date: ORDERED, flag: HAS };

function field(name: string, type: FieldType, help: string, extra: Partial<QueryField> = {}): QueryField {
  return { field: name, type, help, ops: OPS_BY_TYPE[type], window: false, ...extra };
}

const counted = { window: true };
const gifts = { window: true, over: true };

const NAMED_FIELDS: QueryField[] = [
  field('tag', 'text', 'Has this tag (tag:volunteer, tag:"major donor")', { ops: HAS }),
  field('member', 'flag', 'Has a membership in force today (status new, current or grace)'),
  field('membership.status', 'enum', 'Status of the latest membership', { values: MEMBERSHIP_STATUSES }),
  field('membership.level', 'text', 'Level of the latest membership'),
  field('membership.join', 'date', 'Join date of the first membership'),
  field('membership.end', 'date', 'End date of the latest membership (membership.end<=+30d: ends within 30 days)'),
  field('donations.total', 'number', 'Sum of gifts, in the window if one is given; over:X counts only gifts of more than X', gifts),
  field('donations.count', 'number', 'Number of gifts, in the window if one is given (donations.count>=2 within:12m over:100: more than 100, twice in 12 months)', gifts),
  field('donations.largest', 'number', 'Largest single gift, in the window if one is given', gifts),
  field('donations.last', 'date', 'Date of the last gift (of more than X with over:X)', { over: true }),
  field('opens', 'number', 'Newsletter opens (interactions of type newsletter_open, and opens the newsletter sync brought back)', counted),
  field('clicks', 'number', 'Newsletter clicks (interactions of type newsletter_click, and clicks the newsletter sync brought back)', counted),
  field('campaign', 'text', 'Opened or clicked this newsletter campaign, by its name or id (campaign:"November letter"; campaign!=… for those who did not)', { ops: TEXT, window: true }),
  ...INTERACTION_TYPES.map((type) => field(`interactions.${type}`, 'number', `Number of interactions of type ${type}`, counted)),
  ...INTERACTION_TYPES.map((type) => field(`last.${type}`, 'date', `Date of the last interaction of type ${type}`)),
  field('relationship', 'text', 'Has an active relationship with this label (relationship:employee)', { ops: HAS }),
  field('rfm.segment', 'enum', 'RFM group of the donor (gifts of the last rfm_window_months months; see crm rfm)', { values: RFM_SEGMENTS }),
  field('rfm.score', 'number', 'RFM score of the donor, r + f + m from 3 to 15 (false for non-donors except with !=)'),
  field('engagement', 'number', 'Engagement score: clicks, replies, events, meetings, calls, forms and gifts of the last engagement_days days, recent ones more, opens little'),
  field('hot', 'flag', 'On the hot list: the top 10% of engaged contacts, with an engagement of at least hot_min_score'),
  field('segment', 'text', 'Is in this other segment (segment:"Board members")', { ops: HAS }),
  field('newsletter', 'enum', 'Newsletter status', { values: NEWSLETTER_STATUSES }),
  field('stage', 'enum', 'Lifecycle stage (the override when there is one)', { values: LIFECYCLE_STAGES }),
  field('city', 'text', 'City'),
  field('country', 'text', 'Country'),
  field('language', 'text', 'Preferred language'),
  field('owner', 'text', 'Staff member who owns the contact (email)'),
  field('email', 'text', 'Email address'),
  field('created', 'date', 'Date the contact was created'),
  field('birthday', 'date', 'The next birthday, stored with its year or without (birthday=today: it is today; birthday<=+7d: within a week)'),
];

/** Contacts columns that a named field already covers, under the name people read in the builder. */
export const FIELD_ALIASES: Readonly<Record<string, string>> = { newsletter_status: 'newsletter', lifecycle_stage: 'stage', created_at: 'created' };

function columnType(kind: string): FieldType {
  if (kind === 'enum') return 'enum';
  if (kind === 'boolean') return 'flag';
  if (kind === 'number' || kind === 'money') return 'number';
  if (kind === 'date' || kind === 'datetime') return 'date';
  return 'text';
}

const named = new Set(NAMED_FIELDS.map((f) => f.field));
const COLUMN_FIELDS: QueryField[] = Object.entries(Contacts.columns)
  .filter(([name]) => !named.has(name) && !(name in FIELD_ALIASES))
  .map(([name, column]) => field(name, columnType(column.kind), `Contacts column ${name}`, column.values ? { values: column.values } : {}));

/** Every field a query may name, named fields first, then the remaining Contacts columns. Custom columns
 *  ('custom.<name>') are not listed: they depend on the sheet, and accept any comparison and value. */
export const QUERY_FIELDS: readonly QueryField[] = [...NAMED_FIELDS, ...COLUMN_FIELDS];

const BY_NAME = new Map(QUERY_FIELDS.map((f) => [f.field, f]));

export const CUSTOM_PREFIX = 'custom.';

/** The field a condition names, custom columns included; undefined when there is none by that name.
 *  Names are matched as written: the parser has already lower-cased them and applied FIELD_ALIASES. */
export function queryField(name: string): QueryField | undefined {
  if (name.startsWith(CUSTOM_PREFIX) && name.length > CUSTOM_PREFIX.length) {
    return { field: name, type: 'text', help: `Custom column ${name.slice(CUSTOM_PREFIX.length)}`, ops: ALL_OPS, window: false };
  }
  return BY_NAME.get(name);
}

/** The tree the builder should keep and the printer prints: groups of one child become that child, and
 *  empty groups (an unfinished builder row) disappear, with a NOT around nothing. An empty query is the
 *  empty AND group, which selects every contact. Text → tree → text round trips hold for normalised trees. */
export function normalizeQuery(node: QueryNode): QueryNode {
  return normalized(node) ?? { kind: 'and', children: [] };
}

function normalized(node: QueryNode): QueryNode | null {
  if (node.kind === 'condition') return node;
  if (node.kind === 'not') {
    const child = normalized(node.child);
    return child ? { kind: 'not', child } : null;
  }
  const children = node.children.map(normalized).filter((c): c is QueryNode => c !== null);
  if (children.length === 0) return null;
  if (children.length === 1) return children[0];
  return { kind: node.kind, children };
}
