import { Contacts, SegmentMembers } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import type { Condition, QueryNode } from '../../core/query/tree';
import { RFM_SEGMENTS } from '../../core/query/tree';
import { dateOf } from '../../core/dates';
import { dayNumber, NO_DAY } from '../../core/day-numbers';
import { TYPE_CODES } from '../../core/engagement';
import { isMemberStatus } from '../../core/membership';
import { effectiveStage } from '../../core/lifecycle';
import { decode } from '../../store/codec';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { ContactFacts, Links } from './query-facts';
import { scoreColumns } from '../dashboard/scores';
import { compareOrdered, compareText, namedSegment, orderedOp, overOf, unquote, wantedDate, wantedText, windowOf } from './query-compare';

/** The query engine: a tree (core/query) evaluated over the facts of query-facts.ts. Each condition is
 *  worked out once per execution for every contact at a time, into one byte per contact, by one pass
 *  over the rows it needs (a gift total is one pass over the Donations columns, whatever the number of
 *  contacts); AND / OR / NOT then combine those bytes. Nothing is allocated per contact, and only the
 *  tables the query names are looked at. Values are compared as the text form promises: text without
 *  accents or case, numbers as numbers, dates (ISO or relative, resolved against today) as days. */

const evaluators = new WeakMap<ContactFacts, Evaluator>();

/** The evaluator of these facts (its worked-out conditions are kept for the execution). */
export function evaluatorOf(workbook: Workbook, facts: ContactFacts): Evaluator {
  let found = evaluators.get(facts);
  if (!found) evaluators.set(facts, (found = new Evaluator(workbook, facts)));
  return found;
}

const AFTER_ALL = 2147483647;

/** One result per distinct value: a column holds few distinct values (a status, a city) over many rows. */
function remembered<K>(test: (value: K) => boolean): (value: K) => boolean {
  const memo = new Map<K, boolean>();
  return (value) => {
    let result = memo.get(value);
    if (result === undefined) memo.set(value, (result = test(value)));
    return result;
  };
}

export class Evaluator {
  private readonly conditions = new Map<string, Uint8Array>();
  private readonly segments = new Map<string, Uint8Array>();
  private readonly n: number;
  private readonly today: string;

  constructor(
    private readonly workbook: Workbook,
    private readonly facts: ContactFacts,
  ) {
    this.n = facts.size;
    this.today = facts.today;
  }

  /** One byte per contact: 1 when the tree selects it. The result may be shared: never change it. */
  select(node: QueryNode, seen: string[]): Uint8Array {
    if (node.kind === 'condition') return this.condition(node, seen);
    const n = this.n;
    if (node.kind === 'not') {
      const child = this.select(node.child, seen);
      const out = new Uint8Array(n);
      for (let c = 0; c < n; c++) out[c] = child[c] ^ 1;
      return out;
    }
    const and = node.kind === 'and';
    const out = new Uint8Array(n).fill(and ? 1 : 0);
    let left = and ? n : 0; // contacts still selected
    for (const child of node.children) {
      // Like && and ||: once no contact can change, the other children are not even looked at.
      if (and ? left === 0 : left === n) break;
      const r = this.select(child, seen);
      left = 0;
      if (and) for (let c = 0; c < n; c++) left += out[c] &= r[c];
      else for (let c = 0; c < n; c++) left += out[c] |= r[c];
    }
    return out;
  }

  /** The tree for one contact, condition by condition (each worked out for everyone on first use). */
  test(node: QueryNode, c: number, seen: string[]): boolean {
    switch (node.kind) {
      case 'and':
        return node.children.every((child) => this.test(child, c, seen));
      case 'or':
        return node.children.some((child) => this.test(child, c, seen));
      case 'not':
        return !this.test(node.child, c, seen);
      default:
        return this.condition(node, seen)[c] === 1;
    }
  }

  private condition(c: Condition, seen: string[]): Uint8Array {
    const key = JSON.stringify([c.field, c.op, c.value, c.since, c.within, c.before, c.over]);
    let result = this.conditions.get(key);
    if (!result) {
      result = new Uint8Array(this.n);
      this.compute(c, seen, result);
      this.conditions.set(key, result);
    }
    return result;
  }

  private compute(c: Condition, seen: string[], out: Uint8Array): void {
    const { facts, n } = this;
    const field = c.field;
    const each = (test: (contact: number) => boolean) => {
      for (let k = 0; k < n; k++) out[k] = test(k) ? 1 : 0;
    };
    const texts = (values: readonly string[]) => {
      const test = remembered((v: string) => compareText(v, c.op, c.value));
      each((k) => test(values[k]));
    };
    switch (field) {
      case 'tag':
        return this.linked(facts.tags, c, out);
      case 'relationship':
        return this.linked(facts.relationships, c, out);
      case 'member': {
        const statuses = facts.memberships.status;
        return each((k) => isMemberStatus(statuses[k]) === (c.value !== 'false'));
      }
      case 'membership.status':
        return texts(facts.memberships.status);
      case 'membership.level':
        return texts(facts.memberships.level);
      case 'membership.end': {
        // "Ends in the next 30 days": membership.end<=+30d AND membership.end>=today.
        const test = this.dateTest(c);
        const end = facts.memberships.end;
        return each((k) => test(end[k]));
      }
      case 'membership.join': {
        const test = this.dateTest(c);
        const join = facts.memberships.join;
        return each((k) => test(join[k]));
      }
      case 'donations.total':
      case 'donations.count':
      case 'donations.largest':
        return this.gifts(c, out);
      case 'donations.last':
        return this.lastGift(c, out);
      case 'opens':
        return this.interactions(c, 'newsletter_open', out);
      case 'clicks':
        return this.interactions(c, 'newsletter_click', out);
      case 'campaign':
        return this.campaigns(c, out);
      case 'segment': {
        const members = this.segment(unquote(c.value), seen);
        const not = c.op === '!=' ? 1 : 0;
        for (let k = 0; k < n; k++) out[k] = members[k] ^ not;
        return;
      }
      case 'newsletter':
        return this.column('newsletter_status', c, out);
      case 'created':
        return this.column('created_at', c, out);
      case 'birthday':
        return this.birthdays(c, out);
      case 'stage': {
        const scan = facts.contacts;
        const [cStage, cOverride] = [scan.column('lifecycle_stage'), scan.column('lifecycle_override')];
        const text = (cells: readonly Cell[], col: number) => (col < 0 ? '' : String(decode(Contacts.columns.lifecycle_stage, cells[col] ?? '')));
        const test = remembered((v: string) => compareText(v, c.op, c.value));
        return each((k) => {
          const cells = scan.cells(facts.rows[k]);
          return test(effectiveStage(text(cells, cOverride), text(cells, cStage)));
        });
      }
      case 'rfm.segment':
      case 'rfm.score':
      case 'engagement':
      case 'hot':
        return this.scores(c, out);
      default:
        break;
    }
    if (field.startsWith('interactions.')) return this.interactions(c, field.slice('interactions.'.length), out);
    if (field.startsWith('last.')) return this.lastInteraction(c, field.slice('last.'.length), out);
    if (field.startsWith('custom.')) {
      const at = facts.contacts.customNames().indexOf(unquote(field.slice('custom.'.length)));
      const col = at < 0 ? -1 : facts.contacts.customColumns()[at];
      const test = remembered((v: Cell) => compareText(String(v ?? ''), c.op, c.value));
      return each((k) => test(col < 0 ? '' : facts.contacts.cells(facts.rows[k])[col]));
    }
    if (field in Contacts.columns) return this.column(field, c, out);
    throw new UserError('invalid', 'error.query_field', { field });
  }

  /** A Contacts column, decoded as the record would have it, then compared by its kind. */
  private column(name: string, c: Condition, out: Uint8Array): void {
    const { facts } = this;
    const column = Contacts.columns[name as keyof typeof Contacts.columns];
    const col = facts.contacts.column(name);
    // Compared by the column's kind in the schema, not by what its name looks like.
    const isDate = column.kind === 'date' || column.kind === 'datetime';
    const dateTest = isDate ? this.dateTest(c) : null;
    const test = remembered((cell: Cell) => {
      const value = decode(column, cell);
      if (typeof value === 'number') return compareOrdered(value, c.op === ':' ? '=' : c.op, Number(c.value));
      if (typeof value === 'boolean') return (value === true) === !/^(false|0|no)$/i.test(c.value);
      if (dateTest) return dateTest(dayNumber(dateOf(String(value ?? ''))));
      return compareText(String(value ?? ''), c.op, c.value);
    });
    for (let k = 0; k < this.n; k++) out[k] = test(col < 0 ? '' : (facts.contacts.cells(facts.rows[k])[col] ?? '')) ? 1 : 0;
  }

  /** birthday: each contact's next birthday (today or later), from a birthday stored with its year
   *  or without ('--07-14'); 29 February is the 28th in other years. */
  private birthdays(c: Condition, out: Uint8Array): void {
    const { facts } = this;
    const col = facts.contacts.column('birthday');
    const test = this.dateTest(c);
    const year = Number(this.today.slice(0, 4));
    const passes = remembered((cell: Cell) => {
      const m = /^(?:\d{4}|-)-(\d{2})-(\d{2})/.exec(String(decode(Contacts.columns.birthday, cell) ?? ''));
      if (!m) return test(NO_DAY);
      const on = (y: number) => {
        const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
        const day = m[1] === '02' && m[2] === '29' && !leap ? '28' : m[2];
        return `${y}-${m[1]}-${day}`;
      };
      const thisYear = on(year);
      return test(dayNumber(thisYear >= this.today ? thisYear : on(year + 1)));
    });
    for (let k = 0; k < this.n; k++) out[k] = (col < 0 ? test(NO_DAY) : passes(facts.contacts.cells(facts.rows[k])[col] ?? '')) ? 1 : 0;
  }

  /** tag: and relationship: (has one, or with != has none). */
  private linked(links: Links, c: Condition, out: Uint8Array): void {
    const wanted = wantedText(c);
    const has = new Uint8Array(this.n);
    for (let k = 0; k < links.contact.length; k++) if (links.label[k] === wanted) has[links.contact[k]] = 1;
    const not = c.op === '!=' ? 1 : 0;
    for (let k = 0; k < this.n; k++) out[k] = has[k] ^ not;
  }

  /** A day against the condition's date: a contact without one passes only `!=`. */
  private dateTest(c: Condition): (day: number) => boolean {
    const w = dayNumber(wantedDate(c, this.today));
    const op = orderedOp(c.op);
    return (day) => (day === NO_DAY ? c.op === '!=' : compareOrdered(day, op, w));
  }

  private numberTest(c: Condition): (value: number) => boolean {
    const w = Number(c.value);
    const op = orderedOp(c.op);
    return (value) => compareOrdered(value, op, w);
  }

  /** The days a window lets in: [from, until), from since: or within:, until before:. */
  private window(c: Condition): [number, number] {
    const { from, until } = windowOf(c, this.today);
    return [from ? dayNumber(from) : NO_DAY, until ? dayNumber(until) : AFTER_ALL];
  }

  private gifts(c: Condition, out: Uint8Array): void {
    const g = this.facts.gifts;
    const [from, until] = this.window(c);
    const over = overOf(c);
    const acc = new Float64Array(this.n);
    const kind = c.field;
    for (let k = 0; k < g.contact.length; k++) {
      const who = g.contact[k];
      const day = g.day[k];
      const amount = g.amount[k];
      if (who < 0 || day < from || day >= until || !(amount > over)) continue;
      if (kind === 'donations.total') acc[who] += amount;
      else if (kind === 'donations.count') acc[who]++;
      else if (amount > acc[who]) acc[who] = amount;
    }
    const test = this.numberTest(c);
    for (let k = 0; k < this.n; k++) out[k] = test(acc[k]) ? 1 : 0;
  }

  /** donations.last: the last gift (of more than over:), whatever the window. */
  private lastGift(c: Condition, out: Uint8Array): void {
    const g = this.facts.gifts;
    const over = overOf(c);
    const last = new Int32Array(this.n).fill(NO_DAY);
    for (let k = 0; k < g.contact.length; k++) {
      const who = g.contact[k];
      if (who >= 0 && g.amount[k] > over && g.day[k] > last[who]) last[who] = g.day[k];
    }
    const test = this.dateTest(c);
    for (let k = 0; k < this.n; k++) out[k] = test(last[k]) ? 1 : 0;
  }

  private interactions(c: Condition, type: string, out: Uint8Array): void {
    const rows = this.facts.interactions;
    const code = TYPE_CODES.get(type) ?? -1;
    const [from, until] = this.window(c);
    const count = new Int32Array(this.n);
    for (let k = 0; k < rows.contact.length; k++) {
      if (rows.type[k] !== code) continue;
      const who = rows.contact[k];
      const day = rows.day[k];
      if (who >= 0 && day >= from && day < until) count[who]++;
    }
    // Opens and clicks the newsletter sync brought back, one row per campaign, dated by the last one.
    if (type === 'newsletter_open' || type === 'newsletter_click') {
      const a = this.facts.activity;
      const counts = type === 'newsletter_open' ? a.opens : a.clicks;
      for (let k = 0; k < a.contact.length; k++) {
        const who = a.contact[k];
        if (who >= 0 && a.day[k] >= from && a.day[k] < until) count[who] += counts[k];
      }
    }
    const test = this.numberTest(c);
    for (let k = 0; k < this.n; k++) out[k] = test(count[k]) ? 1 : 0;
  }

  /** campaign: opened or clicked a campaign of this name or id (in the window, by its last open or
   *  click); with != those who did not. */
  private campaigns(c: Condition, out: Uint8Array): void {
    const a = this.facts.activity;
    const wanted = wantedText(c);
    const [from, until] = this.window(c);
    const has = new Uint8Array(this.n);
    for (let k = 0; k < a.contact.length; k++) {
      const who = a.contact[k];
      if (who < 0 || a.day[k] < from || a.day[k] >= until) continue;
      if (a.campaign[k] === wanted || a.campaignId[k] === wanted) has[who] = 1;
    }
    const not = c.op === '!=' ? 1 : 0;
    for (let k = 0; k < this.n; k++) out[k] = has[k] ^ not;
  }

  private lastInteraction(c: Condition, type: string, out: Uint8Array): void {
    const rows = this.facts.interactions;
    const code = TYPE_CODES.get(type) ?? -1;
    const last = new Int32Array(this.n).fill(NO_DAY);
    for (let k = 0; k < rows.contact.length; k++) {
      const who = rows.contact[k];
      if (who >= 0 && rows.type[k] === code && rows.day[k] > last[who]) last[who] = rows.day[k];
    }
    const test = this.dateTest(c);
    for (let k = 0; k < this.n; k++) out[k] = test(last[k]) ? 1 : 0;
  }

  /** rfm.segment, rfm.score, engagement, hot: the scores of scores.ts, which rank each contact among
   *  all the others (so one contact's facts are not enough: these always come from everyone's). */
  private scores(c: Condition, out: Uint8Array): void {
    const s = scoreColumns(this.workbook);
    const everyone = s.facts;
    const at = everyone === this.facts ? (k: number) => k : (k: number) => everyone.index.get(this.facts.ids[k]) ?? -1;
    let test: (k: number) => boolean;
    switch (c.field) {
      case 'rfm.segment': {
        const named = remembered((code: number) => compareText(code ? RFM_SEGMENTS[code - 1] : '', c.op, c.value));
        test = (k) => named(s.rfm.segment[k]);
        break;
      }
      case 'rfm.score': {
        // Non-donors have no score: like a missing date, they pass only !=.
        const numbers = this.numberTest(c);
        test = (k) => (s.rfm.isDonor[k] ? numbers(s.rfm.r[k] + s.rfm.f[k] + s.rfm.m[k]) : c.op === '!=');
        break;
      }
      case 'engagement': {
        const numbers = this.numberTest(c);
        test = (k) => numbers(s.engagement.score[k]);
        break;
      }
      default:
        test = (k) => (s.engagement.hot[k] === 1) === (c.value !== 'false');
    }
    for (let k = 0; k < this.n; k++) {
      const j = at(k);
      out[k] = j >= 0 && test(j) ? 1 : 0;
    }
  }

  /** Membership of another segment: a static one's list, or a dynamic one's query, evaluated over the
   *  same contacts (a segment that names itself, directly or not, is refused). */
  private segment(name: string, seen: string[]): Uint8Array {
    const { segment, tree } = namedSegment(this.workbook, name, seen);
    const known = this.segments.get(segment.id);
    if (known) return known;
    let members: Uint8Array = new Uint8Array(this.n);
    if (segment.kind === 'static') {
      const table = this.workbook.table(SegmentMembers);
      for (const m of this.facts.only === undefined ? table.all() : table.where('contact_id', this.facts.only)) {
        if (m.segment_id !== segment.id) continue;
        const k = this.facts.index.get(m.contact_id);
        if (k !== undefined) members[k] = 1;
      }
    } else if (tree) {
      members = this.select(tree, [...seen, segment.id]);
    }
    this.segments.set(segment.id, members);
    return members;
  }
}
