import { CampaignActivity, ContactTags, Contacts, Contact, Donations, Interactions, Memberships, Relationships, RelationshipTypes, Tags } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import { bestMembership, effectiveStatus, MembershipDates, overrideFromCells } from '../../core/membership';
import { dateOf } from '../../core/dates';
import { dayNumber, NO_DAY } from '../../core/day-numbers';
import { TYPE_CODES, UNKNOWN_TYPE, InteractionColumns, type ActivityColumns } from '../../core/engagement';
import type { GiftColumns } from '../../core/rfm';
import { fold } from '../../core/text';
import { currencyOf, inCrmCurrency } from '../../core/money';
import { decode } from '../../store/codec';
import type { Stored, TableScan } from '../../store/table';
import type { RecordOf, TableDef } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import { settingsOf, todayOf } from '../today';

/** What the query engine and the scores know of the live contacts (not deleted, not merged), gathered
 *  from raw cells (Table.scan) so that 100,000 contacts and 500,000 interactions are read without
 *  decoding a record. Each table is looked at only when a query (or the scores) first needs it, and
 *  once per execution: the linked rows become typed columns whose `contact` is the contact's position
 *  in `ids` (-1 for rows of anyone else). */
export class ContactFacts {
  /** Live contacts' ids, in sheet order. */
  readonly ids: string[] = [];
  /** Each contact's position in the Contacts table (for its cells). */
  readonly rows: number[] = [];
  readonly index = new Map<string, number>();
  readonly contacts: TableScan<Contact>;
  private giftColumns?: GiftColumns;
  private interactionColumns?: InteractionColumns;
  private activityColumns?: ActivityColumns & { campaign: string[]; campaignId: string[] };
  private membershipFacts?: MembershipFacts;
  private tagLinks?: Links;
  private relationshipLinks?: Links;

  /** `only`: one contact's facts (the contact card asks which segments one contact is in). */
  constructor(
    private readonly workbook: Workbook,
    readonly today: string,
    readonly only?: string,
  ) {
    const scan = (this.contacts = this.scanOf(Contacts, 'id'));
    const [cId, cDeleted, cMerged] = ['id', 'deleted', 'merged_into'].map((c) => scan.column(c));
    if (cId < 0) return;
    for (let i = 0; i < scan.size; i++) {
      if (!scan.live(i)) continue;
      const cells = scan.cells(i);
      const id = String(cells[cId] ?? '');
      if (!id || (only !== undefined && id !== only) || this.index.has(id)) continue;
      if (cDeleted >= 0 && cells[cDeleted] !== '' && decode(Contacts.columns.deleted, cells[cDeleted]) === true) continue;
      if (cMerged >= 0 && String(cells[cMerged] ?? '') !== '') continue;
      this.index.set(id, this.ids.length);
      this.ids.push(id);
      this.rows.push(i);
    }
  }

  /** A table's rows: all of them, or for one contact only its rows (a targeted read before the table
   *  is read whole). */
  private scanOf<T extends TableDef>(def: T, column: string): TableScan<RecordOf<T> & Stored> {
    const table = this.workbook.table(def);
    return this.only === undefined ? table.scan() : table.scanWhere(column, [this.only]);
  }

  get size(): number {
    return this.ids.length;
  }

  /** True once the memberships are gathered (a page of results then needs no second look). */
  get hasMemberships(): boolean {
    return this.membershipFacts !== undefined;
  }

  /** The position of a raw contact_id cell among the live contacts, -1 when it is none of them. */
  private positionOf(cell: Cell | undefined): number {
    const found = this.index.get(typeof cell === 'string' ? cell : String(cell ?? ''));
    return found === undefined ? -1 : found;
  }

  /** Every gift: giver, day, amount in the CRM's currency (0 when it cannot be read as a number, and
   *  for a gift in another currency that Settings gives no rate for: amounts are never added across
   *  currencies, see core/money.ts). */
  get gifts(): GiftColumns {
    if (this.giftColumns) return this.giftColumns;
    const scan = this.scanOf(Donations, 'contact_id');
    const [cContact, cDate, cAmount, cCurrency, cRefunded] = ['contact_id', 'date', 'amount', 'currency', 'refunded_at'].map((c) => scan.column(c));
    const { currency: crmCurrency, rates } = settingsOf(this.workbook);
    const contact = new Int32Array(scan.size).fill(-1);
    const day = new Int32Array(scan.size).fill(NO_DAY);
    const amount = new Float64Array(scan.size);
    if (cContact >= 0)
      for (let i = 0; i < scan.size; i++) {
        if (!scan.live(i)) continue;
        const cells = scan.cells(i);
        // A refunded gift was given back: it is nobody's gift any more.
        if (cRefunded >= 0 && cells[cRefunded] !== '' && cells[cRefunded] !== null) continue;
        const c = this.positionOf(cells[cContact]);
        if (c < 0) continue;
        contact[i] = c;
        if (cDate >= 0) day[i] = dayNumber(cells[cDate]);
        const value = cAmount < 0 ? '' : cells[cAmount];
        let written = 0;
        if (typeof value === 'number') written = value;
        else if (value !== '') {
          const decoded = decode(Donations.columns.amount, value);
          written = typeof decoded === 'number' ? decoded : 0;
        }
        const currency = cCurrency < 0 ? crmCurrency : currencyOf(cells[cCurrency], crmCurrency);
        amount[i] = written === 0 ? 0 : (inCrmCurrency(written, currency, crmCurrency, rates) ?? 0);
      }
    return (this.giftColumns = { contact, day, amount });
  }

  /** Every interaction: contact, type code, inbound or not, day. */
  get interactions(): InteractionColumns {
    if (this.interactionColumns) return this.interactionColumns;
    const scan = this.scanOf(Interactions, 'contact_id');
    const [cContact, cType, cWhen, cDirection] = ['contact_id', 'type', 'when', 'direction'].map((c) => scan.column(c));
    const contact = new Int32Array(scan.size).fill(-1);
    const type = new Uint8Array(scan.size).fill(UNKNOWN_TYPE);
    const inbound = new Uint8Array(scan.size);
    const day = new Int32Array(scan.size).fill(NO_DAY);
    if (cContact >= 0)
      for (let i = 0; i < scan.size; i++) {
        if (!scan.live(i)) continue;
        const cells = scan.cells(i);
        const c = this.positionOf(cells[cContact]);
        if (c < 0) continue;
        contact[i] = c;
        // Types are compared exactly as written, as the record's enum is.
        if (cType >= 0) type[i] = TYPE_CODES.get(String(cells[cType])) ?? UNKNOWN_TYPE;
        if (cWhen >= 0) day[i] = dayNumber(cells[cWhen]);
        if (cDirection >= 0 && cells[cDirection] === 'inbound') inbound[i] = 1;
      }
    return (this.interactionColumns = { contact, type, inbound, day });
  }

  /** Newsletter engagement from the sync (CampaignActivity): contact, counts, the day of the last open
   *  or click, and the campaign's name and id, folded. A table the workbook lacks is no rows. */
  get activity(): ActivityColumns & { campaign: string[]; campaignId: string[] } {
    if (this.activityColumns) return this.activityColumns;
    const empty = { contact: new Int32Array(0), opens: new Int32Array(0), clicks: new Int32Array(0), day: new Int32Array(0), campaign: [], campaignId: [] };
    if (!this.workbook.sheetNames().has(CampaignActivity.name)) return (this.activityColumns = empty);
    const scan = this.scanOf(CampaignActivity, 'contact_id');
    const [cContact, cOpens, cClicks, cLast, cName, cId] = ['contact_id', 'opens', 'clicks', 'last_at', 'campaign', 'campaign_id'].map((c) => scan.column(c));
    const n = scan.size;
    const columns = {
      contact: new Int32Array(n).fill(-1),
      opens: new Int32Array(n),
      clicks: new Int32Array(n),
      day: new Int32Array(n).fill(NO_DAY),
      campaign: new Array<string>(n).fill(''),
      campaignId: new Array<string>(n).fill(''),
    };
    const count = (cell: Cell | undefined) => {
      const v = typeof cell === 'number' ? cell : Number(String(cell ?? '').trim());
      return Number.isFinite(v) && v > 0 ? Math.floor(v) : 0;
    };
    if (cContact >= 0)
      for (let i = 0; i < n; i++) {
        if (!scan.live(i)) continue;
        const cells = scan.cells(i);
        const c = this.positionOf(cells[cContact]);
        if (c < 0) continue;
        columns.contact[i] = c;
        if (cOpens >= 0) columns.opens[i] = count(cells[cOpens]);
        if (cClicks >= 0) columns.clicks[i] = count(cells[cClicks]);
        if (cLast >= 0) columns.day[i] = dayNumber(cells[cLast]);
        if (cName >= 0) columns.campaign[i] = fold(String(cells[cName] ?? '').trim());
        if (cId >= 0) columns.campaignId[i] = fold(String(cells[cId] ?? '').trim());
      }
    return (this.activityColumns = columns);
  }

  /** Each contact's deciding membership (see bestMembership): its status, level and end day, and the
   *  join day of its first membership. */
  get memberships(): MembershipFacts {
    if (this.membershipFacts) return this.membershipFacts;
    const n = this.size;
    const facts: MembershipFacts = { status: new Array<string>(n).fill(''), level: new Array<string>(n).fill(''), end: new Int32Array(n).fill(NO_DAY), join: new Int32Array(n).fill(NO_DAY) };
    const rules = settingsOf(this.workbook).membership;
    const scan = this.scanOf(Memberships, 'contact_id');
    const [cContact, cJoin, cStart, cEnd, cPaid, cOverride, cLevel, cStatus] = ['contact_id', 'join_date', 'start_date', 'end_date', 'paid', 'status_override', 'level', 'status'].map((c) =>
      scan.column(c),
    );
    const text = (cells: readonly Cell[], c: number) => (c < 0 ? '' : String(cells[c] ?? ''));
    const lists = new Map<number, (MembershipDates & { level: string })[]>();
    if (cContact >= 0)
      for (let i = 0; i < scan.size; i++) {
        if (!scan.live(i)) continue;
        const cells = scan.cells(i);
        const c = this.positionOf(cells[cContact]);
        if (c < 0) continue;
        const paid = cPaid < 0 ? '' : (decode(Memberships.columns.paid, cells[cPaid] ?? '') as boolean | '');
        const m = {
          join_date: text(cells, cJoin),
          start_date: text(cells, cStart),
          end_date: text(cells, cEnd),
          paid,
          status_override: overrideFromCells(text(cells, cOverride), text(cells, cStatus)),
          level: text(cells, cLevel),
        };
        const list = lists.get(c);
        if (list) list.push(m);
        else lists.set(c, [m]);
        const joined = dayNumber(m.join_date || m.start_date);
        if (joined !== NO_DAY && (facts.join[c] === NO_DAY || joined < facts.join[c])) facts.join[c] = joined;
      }
    for (const [c, list] of lists) {
      const best = bestMembership(list, this.today, rules);
      if (!best) continue;
      facts.status[c] = effectiveStatus(best, this.today, rules);
      facts.level[c] = best.level;
      facts.end[c] = dayNumber(dateOf(best.end_date));
    }
    return (this.membershipFacts = facts);
  }

  /** Tag links: contact and the tag's name, folded (a link to a tag that does not exist has ''). */
  get tags(): Links {
    if (this.tagLinks) return this.tagLinks;
    const names = new Map(
      this.workbook
        .table(Tags)
        .all()
        .map((t) => [t.id, fold(t.name.trim())]),
    );
    const scan = this.scanOf(ContactTags, 'contact_id');
    const [cContact, cTag] = ['contact_id', 'tag_id'].map((c) => scan.column(c));
    const links: Links = { contact: [], label: [] };
    if (cContact >= 0)
      for (let i = 0; i < scan.size; i++) {
        if (!scan.live(i)) continue;
        const cells = scan.cells(i);
        const c = this.positionOf(cells[cContact]);
        if (c < 0) continue;
        links.contact.push(c);
        links.label.push(names.get(cTag < 0 ? '' : String(cells[cTag] ?? '')) ?? '');
      }
    return (this.tagLinks = links);
  }

  /** Relationships in force, as each side reads them: contact and the label from its side, folded. */
  get relationships(): Links {
    if (this.relationshipLinks) return this.relationshipLinks;
    const types = new Map(this.workbook.rowsOf(RelationshipTypes).map((t) => [t.id, t]));
    const links: Links = { contact: [], label: [] };
    const add = (id: string, label: string) => {
      const c = this.index.get(id);
      if (c === undefined) return;
      links.contact.push(c);
      links.label.push(fold(label));
    };
    const table = this.workbook.table(Relationships);
    const rows = this.only === undefined ? table.all() : [...new Map([...table.where('contact_a', this.only), ...table.where('contact_b', this.only)].map((r) => [r.id, r])).values()];
    for (const r of rows) {
      if (r.active === false || (r.end_date && dateOf(r.end_date) < this.today)) continue;
      const type = types.get(r.type_id);
      if (!type) continue;
      add(r.contact_a, type.label_a_to_b);
      add(r.contact_b, type.symmetric === true ? type.label_a_to_b : type.label_b_to_a);
    }
    return (this.relationshipLinks = links);
  }
}

export interface MembershipFacts {
  status: string[];
  level: string[];
  end: Int32Array;
  join: Int32Array;
}

export interface Links {
  contact: number[];
  label: string[];
}

/** Per execution (one Workbook): everyone's facts, and single contacts' facts. */
const everyone = new WeakMap<Workbook, ContactFacts>();
const single = new WeakMap<Workbook, Map<string, ContactFacts>>();

/** Every live contact's facts, gathered once per execution. */
export function factsOf(workbook: Workbook): ContactFacts {
  let facts = everyone.get(workbook);
  if (!facts) everyone.set(workbook, (facts = new ContactFacts(workbook, todayOf(workbook))));
  return facts;
}

/** True once this execution has gathered everyone's facts (the engine then answers from memory). */
export function hasEveryonesFacts(workbook: Workbook): boolean {
  return everyone.has(workbook);
}

/** Everyone's facts when this execution has them already, else one contact's. */
export function factsFor(workbook: Workbook, contactId: string): ContactFacts {
  const all = everyone.get(workbook);
  if (all) return all;
  let byId = single.get(workbook);
  if (!byId) single.set(workbook, (byId = new Map()));
  let facts = byId.get(contactId);
  if (!facts) byId.set(contactId, (facts = new ContactFacts(workbook, todayOf(workbook), contactId)));
  return facts;
}
