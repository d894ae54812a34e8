import { ContactTags, Contacts, Contact, Donations, Interactions, Memberships, Relationships, RelationshipTypes, SegmentMembers, Segments, Tags } from '../core/schema/tables';
import type { Condition, QueryNode } from '../core/query/tree';
import { parseQuery } from '../core/query/parse';
import { resolveDate } from '../core/query/relative-dates';
import { dateOf } from '../core/dates';
import { bestMembership, effectiveStatus, isMemberStatus } from '../core/membership';
import { effectiveStage } from '../core/lifecycle';
import { displayName, fold } from '../core/text';
import type { Workbook } from '../store/workbook';
import { UserError } from '../store/errors';
import { settingsOf, todayOf } from './today';

/** What a query can ask of one contact: its row and everything linked to it, gathered once per
 *  execution (one read per table), then looked at condition by condition. */
interface Facts {
  contact: Contact;
  tags: Set<string>;
  membershipStatus: string;
  membershipLevel: string;
  membershipEnd: string;
  gifts: { date: string; amount: number }[];
  interactions: { type: string; day: string }[];
  relationships: Set<string>;
}

export interface QueryPage {
  total: number;
  offset: number;
  items: { id: string; name: string; email: string; membership_status: string }[];
}

/** The contacts a query selects (live ones: not deleted, not merged), in sheet order, one page. A text
 *  that does not parse is refused with the position and what was expected there. */
export function queryContacts(workbook: Workbook, text: string, offset = 0, limit = 50): QueryPage {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new UserError('invalid', 'error.query', { position: parsed.error.position + 1, message: parsed.error.message });
  const ids = selectContacts(workbook, parsed.tree);
  const facts = gatherFacts(workbook);
  const items = ids.slice(offset, offset + limit).map((id) => {
    const f = facts.get(id)!;
    return { id, name: displayName(f.contact), email: f.contact.email, membership_status: f.membershipStatus };
  });
  return { total: ids.length, offset, items };
}

/** Per execution (one Workbook): the facts, and the members of segments already evaluated. */
const gathered = new WeakMap<Workbook, Map<string, Facts>>();
const segmentMembers = new WeakMap<Workbook, Map<string, Set<string>>>();

/** The facts of every live contact, or of one only (`only`: the contact card asks which segments one
 *  contact is in, and should not pay for everyone's). */
function gatherFacts(workbook: Workbook, only?: string): Map<string, Facts> {
  const known = gathered.get(workbook);
  if (known) return known;
  const today = todayOf(workbook);
  const rules = settingsOf(workbook).membership;
  const facts = new Map<string, Facts>();
  for (const c of workbook.table(Contacts).all()) {
    if (c.deleted === true || c.merged_into || (only !== undefined && c.id !== only)) continue;
    facts.set(c.id, { contact: c, tags: new Set(), membershipStatus: '', membershipLevel: '', membershipEnd: '', gifts: [], interactions: [], relationships: new Set() });
  }
  const tagNames = new Map(workbook.table(Tags).all().map((t) => [t.id, fold(t.name.trim())]));
  for (const ct of workbook.table(ContactTags).all()) facts.get(ct.contact_id)?.tags.add(tagNames.get(ct.tag_id) ?? '');
  const memberships = new Map<string, ReturnType<ReturnType<Workbook['table']>['all']>>();
  for (const m of workbook.table(Memberships).all()) if (facts.has(m.contact_id)) (memberships.get(m.contact_id) ?? memberships.set(m.contact_id, []).get(m.contact_id)!).push(m);
  for (const [id, list] of memberships) {
    const best = bestMembership(list as never[], today, rules) as unknown as { level: string; end_date: string } | null;
    if (!best) continue;
    const f = facts.get(id)!;
    f.membershipStatus = effectiveStatus(best as never, today, rules);
    f.membershipLevel = best.level;
    f.membershipEnd = dateOf(best.end_date);
  }
  for (const d of workbook.table(Donations).all()) facts.get(d.contact_id)?.gifts.push({ date: dateOf(d.date), amount: typeof d.amount === 'number' ? d.amount : 0 });
  const scan = workbook.table(Interactions).scan();
  const [cContact, cType, cWhen] = ['contact_id', 'type', 'when'].map((c) => scan.column(c));
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i) || cContact < 0) continue;
    const cells = scan.cells(i);
    facts.get(String(cells[cContact]))?.interactions.push({ type: String(cells[cType]), day: dateOf(String(cells[cWhen])) });
  }
  const types = new Map(workbook.rowsOf(RelationshipTypes).map((t) => [t.id, t]));
  for (const r of workbook.table(Relationships).all()) {
    if (r.active === false || (r.end_date && dateOf(r.end_date) < today)) continue;
    const type = types.get(r.type_id);
    if (!type) continue;
    facts.get(r.contact_a)?.relationships.add(fold(type.label_a_to_b));
    facts.get(r.contact_b)?.relationships.add(fold(type.symmetric === true ? type.label_a_to_b : type.label_b_to_a));
  }
  if (only === undefined) gathered.set(workbook, facts);
  return facts;
}

/** Whether one contact is selected by the tree, without gathering everyone's facts (unless they are
 *  gathered already in this execution). A deleted or merged contact matches nothing. */
export function matchesContact(workbook: Workbook, tree: QueryNode, contactId: string, seenSegments: string[] = []): boolean {
  const facts = gathered.get(workbook) ?? gatherFacts(workbook, contactId);
  const f = facts.get(contactId);
  return f ? matches(workbook, tree, f, todayOf(workbook), seenSegments) : false;
}

/** The ids of the live contacts the tree selects, in sheet order. */
export function selectContacts(workbook: Workbook, tree: QueryNode, seenSegments: string[] = []): string[] {
  const facts = gatherFacts(workbook);
  const today = todayOf(workbook);
  const out: string[] = [];
  for (const [id, f] of facts) if (matches(workbook, tree, f, today, seenSegments)) out.push(id);
  return out;
}

function matches(workbook: Workbook, node: QueryNode, f: Facts, today: string, seen: string[]): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((c) => matches(workbook, c, f, today, seen));
    case 'or':
      return node.children.some((c) => matches(workbook, c, f, today, seen));
    case 'not':
      return !matches(workbook, node.child, f, today, seen);
    default:
      return condition(workbook, node, f, today, seen);
  }
}

const unquote = (v: string) => (/^".*"$/.test(v) ? v.slice(1, -1).replace(/\\"/g, '"') : v);

function compareText(actual: string, op: Condition['op'], wanted: string): boolean {
  const [a, w] = [fold(actual.trim()), fold(unquote(wanted).trim())];
  switch (op) {
    case ':':
    case '=':
      return a === w;
    case '!=':
      return a !== w;
    default:
      return compareOrdered(a, op, w);
  }
}

function compareOrdered<T extends number | string>(a: T, op: Condition['op'], w: T): boolean {
  switch (op) {
    case '>':
      return a > w;
    case '>=':
      return a >= w;
    case '<':
      return a < w;
    case '<=':
      return a <= w;
    case '!=':
      return a !== w;
    default:
      return a === w;
  }
}

function compareNumber(actual: number, op: Condition['op'], wanted: string): boolean {
  return compareOrdered(actual, op === ':' ? '=' : op, Number(wanted));
}

function compareDate(actual: string, op: Condition['op'], wanted: string, today: string): boolean {
  const w = resolveDate(unquote(wanted), today);
  if (!w) throw new UserError('invalid', 'error.query_date', { value: wanted });
  if (!actual) return op === '!=';
  return compareOrdered(actual, op === ':' ? '=' : op, w);
}

/** The first day a window (since:/within:) lets in, or '' for no window. */
function windowStart(c: Condition, today: string): string {
  const text = c.since ?? c.within;
  if (!text) return '';
  const start = resolveDate(text, today);
  if (!start) throw new UserError('invalid', 'error.query_date', { value: text });
  return start;
}

function condition(workbook: Workbook, c: Condition, f: Facts, today: string, seen: string[]): boolean {
  const field = c.field;
  const from = windowStart(c, today);
  const until = c.before ? resolveDate(c.before, today) : '';
  if (until === null) throw new UserError('invalid', 'error.query_date', { value: c.before ?? '' });
  const inWindow = (day: string) => (!from || day >= from) && (!until || day < until);
  const gifts = () => f.gifts.filter((g) => inWindow(g.date));
  const countOf = (type: string) => f.interactions.filter((i) => i.type === type && inWindow(i.day)).length;
  const lastOf = (type: string) => f.interactions.filter((i) => i.type === type).reduce((last, i) => (i.day > last ? i.day : last), '');
  switch (field) {
    case 'tag':
      return c.op === '!=' ? !f.tags.has(fold(unquote(c.value).trim())) : f.tags.has(fold(unquote(c.value).trim()));
    case 'member':
      return isMemberStatus(f.membershipStatus) === (c.value !== 'false');
    case 'membership.status':
      return compareText(f.membershipStatus, c.op, c.value);
    case 'membership.level':
      return compareText(f.membershipLevel, c.op, c.value);
    case 'membership.end':
      // "Ends in the next 30 days": membership.end<=+30d AND membership.end>=today.
      return compareDate(f.membershipEnd, c.op, c.value, today);
    case 'donations.total':
      return compareNumber(gifts().reduce((t, g) => t + g.amount, 0), c.op, c.value);
    case 'donations.count':
      return compareNumber(gifts().length, c.op, c.value);
    case 'donations.largest':
      return compareNumber(gifts().reduce((m, g) => Math.max(m, g.amount), 0), c.op, c.value);
    case 'donations.last':
      return compareDate(f.gifts.reduce((last, g) => (g.date > last ? g.date : last), ''), c.op, c.value, today);
    case 'opens':
      return compareNumber(countOf('newsletter_open'), c.op, c.value);
    case 'clicks':
      return compareNumber(countOf('newsletter_click'), c.op, c.value);
    case 'relationship':
      return c.op === '!=' ? !f.relationships.has(fold(unquote(c.value).trim())) : f.relationships.has(fold(unquote(c.value).trim()));
    case 'segment':
      return inSegment(workbook, unquote(c.value), f.contact.id, seen) !== (c.op === '!=');
    case 'newsletter':
      return compareText(f.contact.newsletter_status, c.op, c.value);
    case 'stage':
      return compareText(effectiveStage(f.contact.lifecycle_override, f.contact.lifecycle_stage), c.op, c.value);
    case 'created':
      return compareDate(dateOf(f.contact.created_at), c.op, c.value, today);
    default:
      break;
  }
  if (field.startsWith('interactions.')) return compareNumber(countOf(field.slice('interactions.'.length)), c.op, c.value);
  if (field.startsWith('last.')) return compareDate(lastOf(field.slice('last.'.length)), c.op, c.value, today);
  if (field.startsWith('rfm.')) throw new UserError('invalid', 'error.query_rfm');
  if (field.startsWith('custom.')) return compareText(String(f.contact.custom?.[unquote(field.slice('custom.'.length))] ?? ''), c.op, c.value);
  if (field in Contacts.columns) {
    const value = (f.contact as Record<string, unknown>)[field];
    if (typeof value === 'number') return compareNumber(value, c.op, c.value);
    if (typeof value === 'boolean') return (value === true) === !/^(false|0|no)$/i.test(c.value);
    if (/_date$|_at$|^birthday$/.test(field)) return compareDate(dateOf(String(value ?? '')), c.op, c.value, today);
    return compareText(String(value ?? ''), c.op, c.value);
  }
  throw new UserError('invalid', 'error.query_field', { field });
}

/** Membership of another segment: a static one's list, or a dynamic one's query, evaluated (a segment
 *  that names itself, directly or not, is refused). */
function inSegment(workbook: Workbook, name: string, contactId: string, seen: string[]): boolean {
  const segment = workbook.table(Segments).all().find((s) => fold(s.name.trim()) === fold(name.trim()));
  if (!segment) throw new UserError('not_found', 'error.query_segment', { name });
  if (seen.includes(segment.id)) throw new UserError('invalid', 'error.query_cycle', { name });
  let cache = segmentMembers.get(workbook);
  if (!cache) segmentMembers.set(workbook, (cache = new Map()));
  let members = cache.get(segment.id);
  if (!members && segment.kind === 'static') {
    cache.set(segment.id, (members = new Set(workbook.table(SegmentMembers).all().filter((m) => m.segment_id === segment.id).map((m) => m.contact_id))));
  }
  if (!members) {
    if (!segment.query) return false;
    const parsed = parseQuery(segment.query);
    if (!parsed.ok) throw new UserError('invalid', 'error.query', { position: parsed.error.position + 1, message: `${name}: ${parsed.error.message}` });
    cache.set(segment.id, (members = new Set(selectContacts(workbook, parsed.tree, [...seen, segment.id]))));
  }
  return members.has(contactId);
}
