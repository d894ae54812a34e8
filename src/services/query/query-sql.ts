import type { Condition, QueryNode } from '../../core/query/tree';
import { Contacts, RelationshipTypes, Tags } from '../../core/schema/tables';
import { LIFECYCLE_STAGES } from '../../core/schema/tables';
import type { SqlValue } from '../../ports/database';
import type { Column } from '../../core/schema/columns';
import { foldedText, q } from '../../store/sql/sql-types';
import { SqlParams } from '../../store/sql/sql-params';
import { fold } from '../../core/text';
import { dateOf } from '../../core/dates';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { settingsOf } from '../today';
import { compareOrdered, compareText, namedSegment, orderedOp, overOf, unquote, wantedDate, wantedText, windowOf, type Op } from './query-compare';
import { decidingSql, IN_FORCE } from './membership-sql';
import { engagementSql, giftAmountSql, rfmSql } from './scores-sql';

/** The query language compiled to SQL, for a CRM whose contacts live in PostgreSQL: a segment's count,
 *  its members, a mail audience or a trigger point's contacts come from one statement the database
 *  runs with its indexes, instead of every table read into memory. The meaning of each condition is
 *  the engine's (query-engine.ts), through the comparisons both share (query-compare.ts); what a
 *  contact without the value gets (no gift, no membership, an empty cell) is worked out by the
 *  engine's own test, so that an empty value never reads differently in SQL. RFM and engagement are
 *  scores-sql.ts. */

/** The conditions on a live contact: not deleted, not merged (the engine's ContactFacts). The partial index
 *  contacts_live (migration 0007), contacts_name_key (0009) and contacts_sorted (0010) have these words: change them together. */
export const LIVE_CONTACT = `c."id" <> '' AND c."deleted" IS NOT TRUE AND (c."merged_into" IS NULL OR c."merged_into" = '')`;

class LeftToEngine extends Error {}

/** The contacts' date-and-time columns whose day the row keeps (migration 0006). */
const DAY_COLUMNS: Record<string, string> = { created_at: 'created_day', updated_at: 'updated_day', opt_out_at: 'opt_out_day', consent_at: 'consent_day' };

/** Conditions that select a list of contacts from a small table (see QueryCompiler.and). */
const LISTS = new Set(['tag', 'relationship', 'member', 'membership.status', 'membership.level', 'membership.end', 'campaign', 'segment']);

const SQL_OPS: Record<Op, string> = { ':': '=', '=': '=', '!=': '<>', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };
const bool = (b: boolean) => (b ? 'TRUE' : 'FALSE');

export interface CompiledQuery {
  where: string;
  params: SqlValue[];
  /** What `where` reads by name (none for one query on its own): declared before the statement with withParts. */
  parts: string[];
}

/** The parts compiled conditions share (each contact's deciding membership, a subquery several
 *  conditions repeat), as the start of a WITH clause with `more` after them: '' when there are none. Each is
 *  worked out once per statement (MATERIALIZED), however many conditions read it. */
export function withParts(parts: string[], ...more: string[]): string {
  const all = [...parts, ...more];
  return all.length ? `WITH ${all.join(',\n ')} ` : '';
}

/** The SQL condition on contacts `c` the tree means, or null when a field is left to the engine. */
export function compileQuery(workbook: Workbook, tree: QueryNode, today: string, seen: string[] = []): CompiledQuery | null {
  const compiler = new QueryCompiler(workbook, today);
  try {
    const where = compiler.node(tree, seen);
    return { where, params: compiler.params, parts: compiler.parts() };
  } catch (e) {
    if (e instanceof LeftToEngine) return null;
    throw e;
  }
}

/** Queries compiled together: each `where` tests the columns of a row `lv` (SELECT c."id",
 *  ...leaves, and `bits` FROM contacts c), after the parts (withParts). */
export interface SharedQueries {
  wheres: string[];
  params: SqlParams;
  parts: string[];
  leaves: string[];
  /** The parts that list contacts (one column, contact_id), in the order of their bit in `lv.bits`:
   *  a contact's bit k is set when it is in lists[k] (listBitsSql). */
  lists: string[];
}

/** Each contact in any of the lists with its bits (contact_id, bits), in one grouped pass over them:
 *  cheaper than testing every contact against each list in turn. */
export function listBitsSql(lists: string[]): string {
  const rows = lists.map((name, k) => `SELECT x."contact_id", (1::bigint << ${k}) AS bit FROM ${name} x`).join(' UNION ALL ');
  return `SELECT b."contact_id", bit_or(b.bit) AS bits FROM (${rows}) b GROUP BY b."contact_id"`;
}

/** Several queries compiled for one statement (the dashboard's numbers): one list of parameters, and
 *  the parts they share (the membership status) written once. Null when one is left to the engine. */
export function compileQueries(workbook: Workbook, trees: QueryNode[], today: string): SharedQueries | null {
  const params = new SqlParams();
  const compiler = new QueryCompiler(workbook, today, params, true);
  try {
    const wheres = trees.map((tree) => compiler.node(tree, []));
    return { wheres, params, parts: compiler.parts(), leaves: compiler.leaves(), lists: compiler.lists() };
  } catch (e) {
    if (e instanceof LeftToEngine) return null;
    throw e;
  }
}

class QueryCompiler {
  readonly params: SqlValue[];

  constructor(
    private readonly workbook: Workbook,
    private readonly today: string,
    private readonly sqlParams = new SqlParams(),
    private readonly sharing = false,
  ) {
    this.params = sqlParams.values;
  }

  private param(value: SqlValue): string {
    return this.sqlParams.add(value);
  }

  /** A list of texts as one parameter (any number of ids, any characters in them). */
  private list(values: string[]): string {
    return `(SELECT jsonb_array_elements_text(${this.param(JSON.stringify(values))}::jsonb))`;
  }

  node(node: QueryNode, seen: string[]): string {
    if (node.kind === 'condition') return this.leaf(this.condition(node, seen));
    if (node.kind === 'not') return `NOT (${this.node(node.child, seen)})`;
    if (node.children.length === 0) return bool(node.kind === 'and');
    if (node.kind === 'and' && !this.sharing) return this.and(node.children, seen);
    return node.children.map((child) => `(${this.node(child, seen)})`).join(node.kind === 'and' ? ' AND ' : ' OR ');
  }

  /** Conditions that must all hold. When one of them is a list of contacts (LISTS: a tag, being a
   *  member, a membership's status, level or end, a relationship, a campaign, a segment), gifts and interactions are counted for each contact the list
   *  lets through (an index lookup each) rather than for every contact in the database first: the
   *  planner starts from the list. Alone, they are counted for everyone at once, which is faster then. */
  private and(children: QueryNode[], seen: string[]): string {
    const listed = children.map((child) => (child.kind === 'condition' && LISTS.has(child.field) ? this.node(child, seen) : null));
    const driven = listed.some((sql) => sql !== null && sql.startsWith('c."id" IN ('));
    const was = this.oneByOne;
    this.oneByOne = was || driven;
    try {
      return children.map((child, k) => `(${listed[k] ?? this.node(child, seen)})`).join(' AND ');
    } finally {
      this.oneByOne = was;
    }
  }
  /** Whether gifts and interactions are tested for the contact `c` at hand (a correlated subquery). */
  private oneByOne = false;

  /** perContact for the contact `c` alone: `from` (FROM ... WHERE ...) reads its rows, `value` is worked
   *  out over them; a contact without rows gets `none`. */
  private ofContact(value: string, from: string, test: (v: string) => string, none: boolean): string {
    return `(SELECT CASE WHEN count(*) = 0 THEN ${bool(none)} ELSE ${test(value)} END ${from})`;
  }

  /** Contacts whose value from `rows` (a query giving contact_id and v) passes `test` (a condition on
   *  v, never null); `none` is what a contact without a row gets, as the engine decides it. */
  private perContact(rows: string, test: string, none: boolean): string {
    return none ? `c."id" NOT IN ${this.ids(`SELECT r."contact_id" FROM (${rows}) r WHERE NOT (${test})`)}` : `c."id" IN ${this.ids(`SELECT r."contact_id" FROM (${rows}) r WHERE ${test}`)}`;
  }

  /** has (or, with !=, has not) at least one of `rows`' contact ids. */
  private having(rows: string, op: Op): string {
    return `c."id" ${op === '!=' ? 'NOT IN' : 'IN'} ${this.ids(rows)}`;
  }

  /** A subquery of contact ids, in parentheses: in place for one query, a part worked out once when
   *  several queries share the statement (the dashboard's conditions repeat). */
  private ids(rows: string): string {
    if (!this.sharing) return `(${rows})`;
    const known = this.named.get(rows);
    if (known) return known;
    const name = `crm_q_${this.named.size + 1}`;
    this.shared.set(name, rows);
    this.named.set(rows, `(SELECT * FROM ${name})`);
    return this.named.get(rows)!;
  }
  private readonly named = new Map<string, string>();

  /** A condition on the contact `c`: in place for one query; when several queries share the statement,
   *  a column of the contacts' row (`lv.l1`) worked out once however many queries test it (a condition
   *  naming a segment is left as the combination of its own). */
  private leaf(sql: string): string {
    if (!this.sharing || /\blv\.(l\d|bits)/.test(sql)) return sql;
    // Being in (or out of) one of the lists: a bit of the contact's row (at most 63 lists).
    const inList = /^c\."id" (NOT )?IN \(SELECT \* FROM (crm_q_\d+)\)$/.exec(sql);
    if (inList && (this.listBits.has(inList[2]) || this.listBits.size < 63)) {
      if (!this.listBits.has(inList[2])) this.listBits.set(inList[2], this.listBits.size);
      const set = `(lv.bits & (1::bigint << ${this.listBits.get(inList[2])})) <> 0`;
      return inList[1] ? `NOT (${set})` : `(${set})`;
    }
    const known = this.leafNames.get(sql);
    if (known) return known;
    const name = `lv.l${this.leafNames.size + 1}`;
    this.leafNames.set(sql, name);
    return name;
  }
  private readonly leafNames = new Map<string, string>();
  private readonly listBits = new Map<string, number>();

  /** The shared conditions as columns of the contacts `c`: \`(condition) AS l1\`, .... */
  leaves(): string[] {
    return [...this.leafNames].map(([sql, name]) => `(${sql}) AS ${name.slice(3)}`);
  }

  /** The parts whose lists of contacts are bits of `lv.bits`, in bit order. */
  lists(): string[] {
    return [...this.listBits.keys()];
  }

  /** A text against the condition's value, both folded (accents, case and spaces aside); `folded`: the
   *  value is one of the CRM's own words already (a membership status), compared as it is. */
  private textTest(value: string, c: Condition, folded = false): string {
    const w = this.param(wantedText(c));
    const op = c.op === ':' ? '=' : c.op;
    const text = folded ? value : foldedText(value);
    return op === '=' || op === '!=' ? `${text} ${SQL_OPS[op]} ${w}` : `${text} COLLATE "C" ${SQL_OPS[op]} ${w}`;
  }

  /** A number against the condition's value; a value that is no number passes only != (as NaN). */
  private numberTest(value: string, c: Condition): string {
    const w = Number(c.value);
    if (!Number.isFinite(w)) return bool(compareOrdered(0, orderedOp(c.op), w));
    return `(${value})::float8 ${SQL_OPS[orderedOp(c.op)]} ${this.param(w)}`;
  }

  /** A day (a date, or ISO text) against the condition's date; no day passes only !=. */
  private dayTest(value: string, c: Condition, asText: boolean): string {
    const w = wantedDate(c, this.today);
    const compared = asText ? `${value} COLLATE "C" ${SQL_OPS[orderedOp(c.op)]} ${this.param(w)}` : `${value} ${SQL_OPS[orderedOp(c.op)]} ${this.param(w)}::date`;
    return `CASE WHEN ${value} IS NULL THEN ${bool(c.op === '!=')} ELSE ${compared} END`;
  }

  /** A window on a day column: from (included) .. until (excluded); a row without a day is before all. */
  private window(day: string, c: Condition, asText: boolean): string {
    const { from, until } = windowOf(c, this.today);
    const cast = asText ? ' COLLATE "C"' : '';
    const at = (d: string) => (asText ? this.param(d) : `${this.param(d)}::date`);
    const parts: string[] = [];
    if (from) parts.push(`${day}${cast} >= ${at(from)}`);
    if (until) parts.push(`(${day} IS NULL OR ${day}${cast} < ${at(until)})`);
    return parts.length ? parts.join(' AND ') : 'TRUE';
  }

  private condition(c: Condition, seen: string[]): string {
    const field = c.field;
    switch (field) {
      case 'tag':
        return this.tag(c);
      case 'relationship':
        return this.relationship(c);
      case 'member':
        // A membership in force decides over any other: members are the contacts whose deciding one is.
        return this.having(`SELECT d."contact_id" FROM ${this.deciding()} d WHERE d.status IN ${IN_FORCE}`, c.value !== 'false' ? '=' : '!=');
      case 'membership.status':
        return this.perContact(`SELECT d."contact_id", d.status AS v FROM ${this.deciding()} d`, this.textTest('r.v', c, true), compareText('', c.op, c.value));
      case 'membership.level':
        return this.perContact(`SELECT d."contact_id", d."level" AS v FROM ${this.deciding()} d`, this.textTest('r.v', c), compareText('', c.op, c.value));
      case 'membership.end':
        return this.perContact(`SELECT d."contact_id", d."end_date" AS v FROM ${this.deciding()} d`, this.dayTest('r.v', c, false), c.op === '!=');
      case 'membership.join':
        return this.perContact(
          `SELECT m."contact_id", min(coalesce(m."join_date", m."start_date")) AS v FROM memberships m WHERE m."contact_id" IS NOT NULL GROUP BY m."contact_id"`,
          this.dayTest('r.v', c, false),
          c.op === '!=',
        );
      case 'donations.total':
      case 'donations.count':
      case 'donations.largest':
        return this.gifts(c);
      case 'donations.last':
        return this.lastGift(c);
      case 'opens':
        return this.interactions(c, 'newsletter_open');
      case 'clicks':
        return this.interactions(c, 'newsletter_click');
      case 'campaign':
        return this.having(
          `SELECT a."contact_id" FROM campaign_activity a WHERE a."contact_id" IS NOT NULL AND (${foldedText('a."campaign"')} = $W OR ${foldedText('a."campaign_id"')} = $W) AND ${this.window('a."last_day"', c, false)}`.replace(
            /\$W/g,
            this.param(wantedText(c)),
          ),
          c.op,
        );
      case 'segment':
        return this.segment(c, seen);
      case 'newsletter':
        return this.column('newsletter_status', c);
      case 'created':
        return this.column('created_at', c);
      case 'stage': {
        const stages = LIFECYCLE_STAGES.map((s) => `'${s}'`).join(', ');
        const override = `lower(btrim(coalesce(c."lifecycle_override", '')))`;
        return this.textTest(`CASE WHEN ${override} IN (${stages}) THEN ${override} ELSE coalesce(c."lifecycle_stage", '') END`, c);
      }
      case 'rfm.segment':
        return this.perContact(`SELECT q."contact_id", q.segment AS v FROM (${this.rfm()}) q`, this.textTest('r.v', c), compareText('', c.op, c.value));
      case 'rfm.score':
        // Non-donors have no score: like a missing date, they pass only !=.
        return this.perContact(`SELECT q."contact_id", q.score AS v FROM (${this.rfm()}) q`, this.numberTest('r.v', c), c.op === '!=');
      case 'engagement':
        return this.perContact(`SELECT q."contact_id", q.score AS v FROM (${this.engagement()}) q`, this.numberTest('r.v', c), this.engineNumber(c, 0));
      case 'hot':
        return this.having(`SELECT q."contact_id" FROM (${this.engagement()}) q WHERE q.hot`, c.value !== 'false' ? '=' : '!=');
      case 'birthday':
        return this.dayTest(this.nextBirthday(), c, false);
      default:
        break;
    }
    if (field.startsWith('interactions.')) return this.interactions(c, field.slice('interactions.'.length));
    if (field.startsWith('last.')) return this.lastInteraction(c, field.slice('last.'.length));
    if (field.startsWith('custom.')) return this.textTest(`c."custom" ->> ${this.param(unquote(field.slice('custom.'.length)))}`, c);
    if (field in Contacts.columns) return this.column(field, c);
    throw new UserError('invalid', 'error.query_field', { field });
  }

  /** The next birthday (today or later) as a date, from the month and day the row keeps
   *  (`birthday_md`, migration 0004); 29 February is the 28th in other years; no date when the cell is
   *  not one (the engine's birthdays()). */
  private nextBirthday(): string {
    const year = Number(this.today.slice(0, 4));
    const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const on = (y: number) => `(${this.param(`${y}-`)} || CASE WHEN c."birthday_md" = '02-29' THEN '${leap(y) ? '02-29' : '02-28'}' ELSE c."birthday_md" END)`;
    return `(CASE WHEN ${on(year)} COLLATE "C" >= ${this.param(this.today)} THEN ${on(year)}::date ELSE ${on(year + 1)}::date END)`;
  }

  private rfm(): string {
    return rfmSql(settingsOf(this.workbook), this.today, (v) => this.param(v));
  }

  private engagement(): string {
    return engagementSql(settingsOf(this.workbook), this.today, (v) => this.param(v));
  }

  /** Parts conditions read by name, in the order they were first needed (a part reading another
   *  comes after it). */
  private readonly shared = new Map<string, string>();

  parts(): string[] {
    // A list of contacts names its one column, whatever its query calls it (contact_a of a relationship).
    return [...this.shared].map(([name, body]) => `${name}${this.named.has(body) ? ' ("contact_id")' : ''} AS MATERIALIZED (${body})`);
  }

  /** A part by name when the statement shares its parts (several queries in one), else written in
   *  place: one query's planner estimates a subquery's rows, not a named part's. */
  private share(name: string, body: () => string): string {
    if (!this.sharing) return `(${body()})`;
    if (!this.shared.has(name)) this.shared.set(name, body());
    return name;
  }

  /** Each contact's deciding membership today. */
  private deciding(): string {
    return this.share('crm_q_deciding', () => decidingSql(this.workbook.database!.sql, this.today, settingsOf(this.workbook).membership, (v) => this.param(v)));
  }

  /** A Contacts column compared by its kind in the schema; an empty cell as the engine reads it. */
  private column(name: string, c: Condition): string {
    const column: Column = Contacts.columns[name as keyof typeof Contacts.columns];
    const col = `c.${q(name)}`;
    const empty = (test: string) => `CASE WHEN ${col} IS NULL THEN ${bool(compareText('', c.op, c.value))} ELSE ${test} END`;
    switch (column.kind) {
      case 'boolean':
        return empty(`${col} = ${bool(!/^(false|0|no)$/i.test(c.value))}`);
      case 'number':
      case 'money':
        return empty(this.numberTest(col, c));
      case 'date':
        if (column.partial) throw new LeftToEngine();
        return this.dayTest(col, c, false);
      case 'datetime':
        // The day the row keeps (migration 0006) where there is one, else read from the text.
        return DAY_COLUMNS[name] ? this.dayTest(`c.${q(DAY_COLUMNS[name])}`, c, false) : this.dayTest(`crm_day(${col})`, c, true);
      default:
        return this.textTest(col, c);
    }
  }

  /** tag: has a tag of this name (with != has none). */
  private tag(c: Condition): string {
    const wanted = wantedText(c);
    if (wanted === '') throw new LeftToEngine();
    const ids = this.workbook
      .table(Tags)
      .all()
      .filter((t) => fold(t.name.trim()) === wanted)
      .map((t) => t.id);
    if (!ids.length) return bool(c.op === '!=');
    // The ids one by one (a tag rarely has namesakes): the planner then knows how many contacts have it.
    return this.having(`SELECT t."contact_id" FROM contact_tags t WHERE t."contact_id" IS NOT NULL AND t."tag_id" IN (${ids.map((id) => this.param(id)).join(', ')})`, c.op);
  }

  /** relationship: a relationship in force whose label, read from the contact's side, is this one. */
  private relationship(c: Condition): string {
    const wanted = wantedText(c);
    const types = this.workbook.rowsOf(RelationshipTypes);
    const fromA = types.filter((t) => fold(t.label_a_to_b) === wanted).map((t) => t.id);
    const fromB = types.filter((t) => fold(t.symmetric === true ? t.label_a_to_b : t.label_b_to_a) === wanted).map((t) => t.id);
    if (!fromA.length && !fromB.length) return bool(c.op === '!=');
    const inForce = `r."active" IS NOT FALSE AND (r."end_date" IS NULL OR r."end_date" >= ${this.param(dateOf(this.today))}::date)`;
    const side = (column: string, ids: string[]) => `SELECT r.${q(column)} FROM relationships r WHERE r.${q(column)} IS NOT NULL AND r."type_id" IN ${this.list(ids)} AND ${inForce}`;
    const rows = [fromA.length ? side('contact_a', fromA) : '', fromB.length ? side('contact_b', fromB) : ''].filter(Boolean).join(' UNION ALL ');
    return this.having(rows, c.op);
  }

  /** A gift's amount in the CRM's currency: 0 without a rate for its currency (never added across). */
  private amount(): string {
    return giftAmountSql(settingsOf(this.workbook), (v) => this.param(v));
  }

  /** The gifts that count (of the contact at hand when one by one): not refunded, of more than over:
   *  when it is given. */
  private giftRows(c: Condition): string {
    const over = overOf(c);
    const whose = this.oneByOne ? 'd."contact_id" = c."id"' : 'd."contact_id" IS NOT NULL';
    return `FROM donations d WHERE ${whose} AND d."refunded_at" IS NULL${over === -Infinity ? '' : ` AND ${this.amount()} > ${this.param(over)}`}`;
  }

  private gifts(c: Condition): string {
    const value = c.field === 'donations.total' ? `sum(${this.amount()})` : c.field === 'donations.count' ? 'count(*)' : `greatest(max(${this.amount()}), 0)`;
    const from = `${this.giftRows(c)} AND ${this.window('d."date"', c, false)}`;
    if (this.oneByOne) return this.ofContact(value, from, (v) => this.numberTest(v, c), this.engineNumber(c, 0));
    return this.perContact(`SELECT d."contact_id", ${value} AS v ${from} GROUP BY d."contact_id"`, this.numberTest('r.v', c), this.engineNumber(c, 0));
  }

  private lastGift(c: Condition): string {
    if (this.oneByOne) return this.ofContact('max(d."date")', this.giftRows(c), (v) => this.dayTest(v, c, false), c.op === '!=');
    const rows = `SELECT d."contact_id", max(d."date") AS v ${this.giftRows(c)} GROUP BY d."contact_id"`;
    return this.perContact(rows, this.dayTest('r.v', c, false), c.op === '!=');
  }

  /** What the engine's number test gives a contact with `value` (0: no gift, no interaction). */
  private engineNumber(c: Condition, value: number): boolean {
    return compareOrdered(value, orderedOp(c.op), Number(c.value));
  }

  /** Interactions of a type in the window; opens and clicks add what the newsletter sync brought back. */
  private interactions(c: Condition, type: string): string {
    const one = this.oneByOne;
    // Each source's number per contact that has some there (one by one: the contact's, if it has some).
    const per = (alias: string, n: string, where: string) => {
      const whose = one ? `${alias}."contact_id" = c."id"` : `${alias}."contact_id" IS NOT NULL`;
      return one ? `SELECT ${n} AS n ${where} AND ${whose} HAVING count(*) > 0` : `SELECT ${alias}."contact_id", ${n} AS n ${where} AND ${whose} GROUP BY ${alias}."contact_id"`;
    };
    const counted = [per('i', 'count(*)::float8', `FROM interactions i WHERE i."type" = ${this.param(type)} AND ${this.window('i."when_day"', c, false)}`)];
    if (type === 'newsletter_open' || type === 'newsletter_click') {
      const column = `a.${q(type === 'newsletter_open' ? 'opens' : 'clicks')}`;
      counted.push(
        per('a', `sum(CASE WHEN ${column} > 0 AND ${column} < 'Infinity'::float8 THEN floor(${column}) ELSE 0 END)`, `FROM campaign_activity a WHERE ${this.window('a."last_day"', c, false)}`),
      );
    }
    if (one) return this.ofContact('sum(u.n)', `FROM (${counted.join(' UNION ALL ')}) u`, (v) => this.numberTest(v, c), this.engineNumber(c, 0));
    const rows = counted.length === 1 ? counted[0].replace(' AS n ', ' AS v ') : `SELECT u."contact_id", sum(u.n) AS v FROM (${counted.join(' UNION ALL ')}) u GROUP BY u."contact_id"`;
    return this.perContact(rows, this.numberTest('r.v', c), this.engineNumber(c, 0));
  }

  private lastInteraction(c: Condition, type: string): string {
    const kind = `i."type" = ${this.param(type)}`;
    if (this.oneByOne) return this.ofContact('max(i."when_day")', `FROM interactions i WHERE i."contact_id" = c."id" AND ${kind}`, (v) => this.dayTest(v, c, false), c.op === '!=');
    const rows = `SELECT i."contact_id", max(i."when_day") AS v FROM interactions i WHERE i."contact_id" IS NOT NULL AND ${kind} GROUP BY i."contact_id"`;
    return this.perContact(rows, this.dayTest('r.v', c, false), c.op === '!=');
  }

  /** Is in another segment: a static one's list, a dynamic one's query (a cycle is refused). */
  private segment(c: Condition, seen: string[]): string {
    const { segment, tree } = namedSegment(this.workbook, unquote(c.value), seen);
    let members = 'FALSE';
    if (segment.kind === 'static') members = `c."id" IN (SELECT s."contact_id" FROM segment_members s WHERE s."contact_id" IS NOT NULL AND s."segment_id" = ${this.param(segment.id)})`;
    else if (tree) members = this.node(tree, [...seen, segment.id]);
    return c.op === '!=' ? `NOT (${members})` : members;
  }
}
