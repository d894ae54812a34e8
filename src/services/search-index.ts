import { ContactTags, Contacts, Contact, Memberships, Tags, MEMBERSHIP_STATUSES } from '../core/schema/tables';
import type { Cell } from '../core/schema/columns';
import { bestMembership, effectiveStatus, isMemberStatus, MembershipDates, MembershipRules } from '../core/membership';
import { effectiveStage } from '../core/lifecycle';
import { fold } from '../core/text';
import { translate } from '../core/i18n';
import type { KeyValue } from '../ports';
import type { Workbook } from '../store/workbook';
import { decode } from '../store/codec';
import type { SearchInput, SearchPage } from './views';
import { membershipStatuses } from './memberships';
import { settingsOf, todayOf } from './today';
import { contactTags, hit, isTrue, leadOf, MAX_LIMIT, PHONES, planSearch, rankRows, SEARCHED, searchContacts, SearchRows, sortKey, tagNamesById } from './search';

/** The search index: per contact, exactly what the search needs (searched text, phones, sort keys,
 *  stage, tag ids, membership dates, the hit's fields), packed one line per contact into a few hundred
 *  large cells of one sheet, so that a search reads that sheet instead of Contacts, Memberships, Tags
 *  and ContactTags (3.4 million cells at 100,000 contacts). It is derived data, like the cache: never
 *  audited, rebuilt whole, and used only while it is fresh.
 *
 *  Freshness: a generation (a unique text) in the document properties is changed whenever one of
 *  INDEXED_TABLES is written through the store (Workbook.commit, before and after writing) or edited
 *  by hand (the onEdit trigger); the index records the generation it was built under and is used
 *  only when the two are equal. Otherwise the search scans the sheets (searchContacts, the truth)
 *  and says so, and the sidebar has the index rebuilt by another call. */

export const SEARCH_INDEX_SHEET = 'SearchIndex';
export const SEARCH_INDEX_GENERATION = 'search_index_generation';
/** The generation the index sheet was last written under: a stale index is known without reading it. */
const SEARCH_INDEX_BUILT = 'search_index_built';
/** The sheets the index is made of: a write to any of them makes it stale. */
export const INDEXED_SHEETS: readonly string[] = [Contacts.name, Memberships.name, ContactTags.name, Tags.name];

const FORMAT = 1;
/** Characters per cell: under Sheets' 50,000 (MAX_CELL_CHARS) and Excel's 32,767 (the local .xlsx). */
export const INDEX_CELL_CHARS = 30000;

/** The fields of the index, each one line per contact (tagnames: one line per tag). */
const FIELDS = ['text', 'phones', 'lead', 'sortkey', 'namekey', 'stage', 'tags', 'members', 'hits', 'tagnames'] as const;
type Field = (typeof FIELDS)[number];

/** Makes any index built so far stale. */
export function markSearchIndexStale(properties: KeyValue): void {
  properties.set(SEARCH_INDEX_GENERATION, newGeneration());
}

/** For Workbook's onWrite: stale when one of the indexed tables is written. */
export function searchIndexWatcher(properties: KeyValue): (tables: string[]) => void {
  return (tables) => {
    if (tables.some((t) => INDEXED_SHEETS.includes(t))) markSearchIndexStale(properties);
  };
}

function newGeneration(): string {
  return `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}

/** The sidebar's search: from the index when it is fresh (one read), else the full scan, marked
 *  `stale_index` so that the sidebar asks for a rebuild in an execution of its own
 *  (refreshSearchIndex): the person waits for the scan only, never for derived data to be written. */
export function searchWithIndex(workbook: Workbook, properties: KeyValue, input: SearchInput, maxLimit = MAX_LIMIT): SearchPage {
  const generation = properties.get(SEARCH_INDEX_GENERATION);
  if (generation && properties.get(SEARCH_INDEX_BUILT) === generation) {
    const index = readSearchIndex(workbook, generation);
    try {
      if (index) return searchIndex(workbook, index, input, maxLimit);
    } catch (error) {
      if (!(error instanceof IndexDamaged)) throw error;
    }
    // Built, yet missing or changed by hand: stale, so that the rebuild the sidebar asks for replaces it.
    markSearchIndexStale(properties);
  }
  return { ...searchContacts(workbook, input, maxLimit), stale_index: true };
}

/** Builds and writes the index (the nightly job, or the sidebar after a search found it stale), under
 *  the document lock. Nothing to do when it is fresh already (two sidebars asked at once). */
export function refreshSearchIndex(workbook: Workbook, properties: KeyValue, language: string, force = false): { contacts: number; cells: number; written: boolean } {
  const generation = properties.get(SEARCH_INDEX_GENERATION);
  if (!force && generation && properties.get(SEARCH_INDEX_BUILT) === generation) return { contacts: 0, cells: 0, written: false };
  return writeSearchIndex(workbook, properties, generation, language);
}

/** Writes the index of the tables as this execution read them, stamped with `generation` (read before
 *  the tables were). Gives up when the generation has changed since: the tables may have too. The
 *  caller holds the document lock, so no write through the store runs meanwhile. */
function writeSearchIndex(workbook: Workbook, properties: KeyValue, generation: string | null, language: string): { contacts: number; cells: number; written: boolean } {
  const built = buildFields(workbook);
  const now = properties.get(SEARCH_INDEX_GENERATION);
  if (now !== generation) return { contacts: built.count, cells: 0, written: false };
  let stamp = generation;
  if (!stamp) {
    stamp = newGeneration();
    properties.set(SEARCH_INDEX_GENERATION, stamp);
  }
  const rows: Cell[][] = [];
  const starts: Record<string, number[]> = {};
  for (const field of FIELDS) {
    const { parts, lineStarts } = cut(built.fields[field].join('\n'));
    starts[field] = lineStarts;
    for (const part of parts) rows.push([stamp, field, part]);
  }
  const meta: IndexMeta = { format: FORMAT, generation: stamp, day: built.day, rules: built.rules, count: built.count, tags: built.fields.tagnames.length, starts };
  rows.unshift([stamp, 'meta', JSON.stringify(meta)]);
  const grid = workbook.grid;
  // Made anew each time (as the Dashboard): no leftover rows of a longer index can remain. Neither
  // this nor the reader asks the (cached) sheet names: deleting a sheet that is not there does nothing.
  grid.deleteSheet(SEARCH_INDEX_SHEET);
  grid.createSheet(SEARCH_INDEX_SHEET, [translate(language, 'record.search_index.note'), 'field', 'data']);
  grid.append(SEARCH_INDEX_SHEET, rows, 1);
  properties.set(SEARCH_INDEX_BUILT, stamp);
  return { contacts: built.count, cells: rows.length, written: true };
}

/** Cuts text into cells, after a line break when there is one (a line longer than a cell goes on in
 *  the next), never between the two halves of a surrogate pair (an emoji). `lineStarts`: the number of
 *  line breaks before each cell, to find one line without splitting the others. */
function cut(text: string): { parts: string[]; lineStarts: number[] } {
  const parts: string[] = [];
  const lineStarts: number[] = [];
  let breaks = 0;
  let at = 0;
  do {
    let end = Math.min(text.length, at + INDEX_CELL_CHARS);
    if (end < text.length) {
      const lastBreak = text.lastIndexOf('\n', end - 1);
      if (lastBreak >= at) end = lastBreak + 1;
      else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    }
    const part = text.slice(at, end);
    parts.push(part);
    lineStarts.push(breaks);
    for (let k = part.indexOf('\n'); k >= 0; k = part.indexOf('\n', k + 1)) breaks++;
    at = end;
  } while (at < text.length);
  return { parts, lineStarts };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

interface Built {
  fields: Record<Field, string[]>;
  count: number;
  day: string;
  rules: MembershipRules;
}

/** One line per searchable contact, in sheet order, from the raw cells exactly as the scan reads them. */
function buildFields(workbook: Workbook): Built {
  const scan = workbook.table(Contacts).scan();
  const col = (name: string) => scan.column(name);
  const [cId, cKind, cFirst, cLast, cOrg, cDeleted, cMerged, cStage, cOverride] = ['id', 'kind', 'first_name', 'last_name', 'organisation_name', 'deleted', 'merged_into', 'lifecycle_stage', 'lifecycle_override'].map(col);
  const columns = [...SEARCHED.map(col).filter((c) => c >= 0), ...scan.customColumns()];
  const phones = PHONES.map(col).filter((c) => c >= 0);
  const shownColumns = SHOWN.map(col);
  const str = (cells: readonly Cell[], c: number) => (c < 0 ? '' : String(cells[c] ?? ''));

  const tagNames = tagNamesById(workbook);
  const tagsOf = contactTags(workbook, () => true);
  const memberships = membershipsByContact(workbook);
  const statuses = membershipStatuses(workbook);
  const day = todayOf(workbook);
  const rules = settingsOf(workbook).membership;

  const fields = Object.fromEntries(FIELDS.map((f) => [f, [] as string[]])) as Record<Field, string[]>;
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    const id = str(cells, cId);
    if (!id || isTrue(cells[cDeleted]) || str(cells, cMerged)) continue;
    const isOrganisation = str(cells, cKind) === 'organisation';
    // Searched cells joined by a space: a word (never a space) cannot match across two of them, as it
    // cannot across two cells. Line breaks become spaces, which a word cannot match either.
    const texts: string[] = [];
    for (const c of columns) {
      const v = cells[c];
      if (v === '' || v === undefined) continue;
      texts.push(oneLine(typeof v === 'string' ? v : String(v)));
    }
    fields.text.push(texts.join(' '));
    // A phone pattern allows spaces (line breaks too), dots, dashes, slashes and brackets between
    // digits, never '|': a line starting with one, no match runs from one line into the next.
    fields.phones.push(`|${phones.map((c) => (cells[c] === '' ? '' : oneLine(String(cells[c])))).join('|')}`);
    fields.lead.push(escape(fold(leadOf(cells, isOrganisation, cFirst, cLast, cOrg))));
    fields.sortkey.push(escape(sortKey(cells, isOrganisation, cFirst, cLast, cOrg)));
    fields.namekey.push(escape(fold(isOrganisation ? str(cells, cOrg) : `${str(cells, cFirst)} ${str(cells, cLast)}`.trim())));
    fields.stage.push(escape(effectiveStage(str(cells, cOverride), str(cells, cStage))));
    fields.tags.push((tagsOf.get(id) ?? []).map(escape).join(LIST));
    const own = memberships.get(id);
    fields.members.push(own ? statusCode(statuses(id)) + JSON.stringify(own) : '');
    fields.hits.push(JSON.stringify([i + 2, ...SHOWN.map((name, k) => (shownColumns[k] < 0 ? '' : decode(Contacts.columns[name], cells[shownColumns[k]] ?? '')))]));
  }
  for (const [id, name] of tagNames) fields.tagnames.push(`${escape(id)}\t${escape(name)}`);
  return { fields, count: fields.hits.length, day, rules };
}

/** The Contacts columns a hit shows (decoded as the scan's records are). */
const SHOWN = ['id', 'kind', 'first_name', 'last_name', 'organisation_name', 'email', 'phone', 'mobile', 'city', 'lifecycle_stage', 'lifecycle_override'] as const;

type Dates = [string, string, string, boolean | '', string];

/** Each contact's memberships as the status rules read them, in sheet order. */
function membershipsByContact(workbook: Workbook): Map<string, Dates[]> {
  const scan = workbook.table(Memberships).scan();
  const [cContact, cJoin, cStart, cEnd, cPaid, cOverride] = ['contact_id', 'join_date', 'start_date', 'end_date', 'paid', 'status_override'].map((c) => scan.column(c));
  const text = (cells: readonly Cell[], c: number) => (c < 0 ? '' : String(cells[c] ?? ''));
  const out = new Map<string, Dates[]>();
  if (cContact < 0) return out;
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    const paid = cPaid < 0 ? '' : (decode(Memberships.columns.paid, cells[cPaid] ?? '') as boolean | '');
    const dates: Dates = [text(cells, cJoin), text(cells, cStart), text(cells, cEnd), paid, text(cells, cOverride)];
    const contact = String(cells[cContact]);
    const list = out.get(contact);
    if (list) list.push(dates);
    else out.set(contact, [dates]);
  }
  return out;
}

/** A status as one letter ('?' for one we do not know: worked out again from the dates). */
function statusCode(status: string): string {
  const k = (MEMBERSHIP_STATUSES as readonly string[]).indexOf(status);
  return k < 0 ? '?' : String.fromCharCode(65 + k);
}

/** The same rule as membershipStatuses: the best membership's status as of `today`. */
function statusFromDates(list: Dates[], today: string, rules: MembershipRules): string {
  const all: MembershipDates[] = list.map(([join_date, start_date, end_date, paid, status_override]) => ({ join_date, start_date, end_date, paid, status_override }));
  if (all.length === 1) return effectiveStatus(all[0], today, rules);
  const best = bestMembership(all, today, rules);
  return best ? effectiveStatus(best, today, rules) : '';
}

// Lines are split on '\n', fields on '\t', lists on LIST; these and '\\' are escaped inside values.
const LIST = '\u001f';
const ESCAPED = /[\\\t\n\r\u001f]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u001f': '\\u' };
const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r', u: '\u001f' };

function escape(value: string): string {
  return value.replace(ESCAPED, (ch) => ESCAPES[ch]);
}

function unescape(value: string): string {
  return value.indexOf('\\') < 0 ? value : value.replace(/\\([\s\S])/g, (_, ch: string) => UNESCAPES[ch] ?? ch);
}

function oneLine(value: string): string {
  return value.indexOf('\n') < 0 ? value : value.replace(/\n/g, ' ');
}

interface IndexMeta {
  format: number;
  generation: string;
  day: string;
  rules: MembershipRules;
  count: number;
  tags: number;
  starts: Record<string, number[]>;
}

interface SearchIndex {
  count: number;
  day: string;
  rules: MembershipRules;
  /** A field's cells, in order, and the number of line breaks before each. */
  cells(field: Field): { cells: string[]; starts: number[] };
  /** A field's lines, all of them (small fields: the tags' names). */
  lines(field: Field): string[];
  /** One line of a field, found without splitting the field (the page's hits). */
  line(field: Field, k: number): string;
}

/** The index when it is whole and was built under `generation`; null otherwise (stale, missing,
 *  half-written, edited by hand). */
export function readSearchIndex(workbook: Workbook, generation: string): SearchIndex | null {
  let rows: Cell[][];
  try {
    rows = workbook.grid.read(SEARCH_INDEX_SHEET);
  } catch {
    return null; // not made yet, or deleted by hand
  }
  const metaRow = rows[1];
  if (!metaRow || metaRow[0] !== generation || metaRow[1] !== 'meta') return null;
  let meta: IndexMeta;
  try {
    meta = JSON.parse(String(metaRow[2]));
  } catch {
    return null;
  }
  if (meta.format !== FORMAT || meta.generation !== generation) return null;
  const parts = new Map<string, string[]>();
  for (let r = 2; r < rows.length; r++) {
    const [stamp, field, data] = rows[r];
    if (stamp !== generation) return null;
    const list = parts.get(String(field)) ?? [];
    list.push(String(data ?? ''));
    parts.set(String(field), list);
  }
  const expected = (field: Field) => (field === 'tagnames' ? meta.tags : meta.count);
  // Each field has its cells and as many lines as contacts (a last cell cut short, a line added or
  // removed by hand: not used).
  for (const field of FIELDS) {
    const cells = parts.get(field);
    const starts = meta.starts?.[field];
    if (!cells || !Array.isArray(starts) || cells.length !== starts.length) return null;
    const last = cells[cells.length - 1];
    let breaks = starts[starts.length - 1];
    for (let k = last.indexOf('\n'); k >= 0; k = last.indexOf('\n', k + 1)) breaks++;
    if (expected(field) === 0 ? cells.length !== 1 || last !== '' : breaks !== expected(field) - 1) return null;
  }

  const lines = (field: Field): string[] => {
    if (expected(field) === 0) return [];
    const out: string[] = [];
    let carry = '';
    for (const part of parts.get(field)!) {
      const pieces = part.split('\n');
      pieces[0] = carry + pieces[0];
      carry = pieces.pop()!;
      for (const piece of pieces) out.push(piece);
    }
    out.push(carry);
    return out;
  };
  const line = (field: Field, k: number): string => {
    const cells = parts.get(field)!;
    const starts = meta.starts[field];
    if (k < 0 || k >= expected(field)) throw new IndexDamaged();
    // The cell holding the k-th line break (line k starts just after it).
    let j = 0;
    if (k > 0) {
      let lo = 0;
      let hi = cells.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] < k) lo = mid;
        else hi = mid - 1;
      }
      j = lo;
      let at = -1;
      for (let skip = k - starts[j]; skip > 0; skip--) {
        at = cells[j].indexOf('\n', at + 1);
        if (at < 0) throw new IndexDamaged();
      }
      if (at + 1 < cells[j].length) return readLine(cells, j, at + 1);
      j++;
    }
    return readLine(cells, j, 0);
  };
  return { count: meta.count, day: meta.day, rules: meta.rules, cells: (field) => ({ cells: parts.get(field)!, starts: meta.starts[field] }), lines, line };
}

/** The line from `cells[j]` at `at` on, to the next line break, across cells if it must. */
function readLine(cells: string[], j: number, at: number): string {
  let out = '';
  for (; j < cells.length; j++, at = 0) {
    const end = cells[j].indexOf('\n', at);
    if (end >= 0) return out + cells[j].slice(at, end);
    out += cells[j].slice(at);
  }
  return out;
}

class IndexDamaged extends Error {}

/** Reads a field's lines in increasing order without splitting it: skipping a line costs one
 *  indexOf and allocates nothing, which matters when most of 100,000 rows are skipped. */
class LineCursor {
  private j = 0;
  private at = 0;
  private k = 0;
  constructor(private readonly cells: string[]) {}

  /** Line k (k never less than the last one asked). */
  get(k: number): string {
    this.seek(k);
    return readLine(this.cells, this.j, this.at);
  }

  /** The first character's code of line k, -1 when the line is empty. */
  firstCode(k: number): number {
    this.seek(k);
    const code = this.cells[this.j].charCodeAt(this.at);
    return code === 10 || Number.isNaN(code) ? -1 : code;
  }

  private seek(k: number): void {
    if (k < this.k) [this.j, this.at, this.k] = [0, 0, 0];
    const cells = this.cells;
    while (this.k < k) {
      const nl = cells[this.j].indexOf('\n', this.at);
      if (nl < 0) {
        if (++this.j >= cells.length) throw new IndexDamaged();
        this.at = 0;
        continue;
      }
      this.at = nl + 1;
      this.k++;
    }
    if (this.at >= cells[this.j].length && this.j + 1 < cells.length) {
      this.j++;
      this.at = 0;
    }
  }
}

/** For each line of a field, the patterns (bits) found in it. The first pattern runs once over each
 *  cell (no line is cut out) and jumps to the next line after a match; no pattern can match across a
 *  line break (a word holds no space; a phone line starts with '|'). With `narrow`, the next patterns
 *  are tried only on the lines that hold all the previous ones (the caller needs those alone), the
 *  longest first, as it is usually the rarest. A line cut between two cells is tested whole. */
function lineMasks(index: SearchIndex, field: Field, patterns: RegExp[], count: number, narrow: boolean): Uint32Array {
  const masks = new Uint32Array(count);
  const { cells, starts } = index.cells(field);
  const order = patterns.map((_, w) => w);
  if (narrow) order.sort((a, b) => patterns[b].source.length - patterns[a].source.length || a - b);
  for (let n = 0; n < order.length; n++) {
    const w = order[n];
    if (narrow && n > 0) {
      let wanted = 0;
      for (let m = 0; m < n; m++) wanted |= 1 << order[m];
      const lines = new LineCursor(cells);
      for (let line = 0; line < count; line++) if ((masks[line] & wanted) === wanted && patterns[w].test(lines.get(line))) masks[line] |= 1 << w;
      continue;
    }
    const p = new RegExp(patterns[w].source, `${patterns[w].flags.replace('g', '')}g`);
    for (let j = 0; j < cells.length; j++) {
      const cell = cells[j];
      let line = starts[j];
      let counted = 0;
      p.lastIndex = 0;
      while (p.test(cell)) {
        const last = p.lastIndex - 1;
        let nl = cell.indexOf('\n', counted);
        while (nl >= 0 && nl < last) {
          line++;
          counted = nl + 1;
          nl = cell.indexOf('\n', counted);
        }
        masks[line] |= 1 << w;
        if (nl < 0) break;
        line++;
        counted = p.lastIndex = nl + 1;
      }
    }
  }
  for (let j = 0; j + 1 < cells.length; j++) {
    if (cells[j].endsWith('\n')) continue;
    const k = starts[j + 1];
    const whole = index.line(field, k);
    let mask = 0;
    for (let w = 0; w < patterns.length; w++) if (patterns[w].test(whole)) mask |= 1 << w;
    masks[k] = mask;
  }
  return masks;
}

/** The same page searchContacts gives, from the index alone. */
function searchIndex(workbook: Workbook, index: SearchIndex, input: SearchInput, maxLimit: number): SearchPage {
  const tagNames = new Map<string, string>();
  for (const line of index.lines('tagnames')) {
    const tab = line.indexOf('\t');
    tagNames.set(unescape(line.slice(0, tab)), unescape(line.slice(tab + 1)));
  }
  const plan = planSearch(input, tagNames, settingsOf(workbook).defaultCountry, maxLimit);
  const cursors = new Map<Field, LineCursor>();
  const cursor = (field: Field) => {
    let c = cursors.get(field);
    if (!c) cursors.set(field, (c = new LineCursor(index.cells(field).cells)));
    return c;
  };
  // Without tags that could hold a word, a row matches on its text only when it holds every word.
  const words = plan.wordPatterns.length ? lineMasks(index, 'text', plan.wordPatterns, index.count, plan.usefulTags.size === 0) : null;
  // Any one phone pattern will do: each runs over every line.
  const phones = plan.phonePatterns.length ? lineMasks(index, 'phones', plan.phonePatterns, index.count, false) : null;
  const none: string[] = [];
  const tagList = (line: string): readonly string[] => (line === '' ? none : line.split(LIST).map(unescape));
  const rows: SearchRows = {
    size: index.count,
    live: () => true,
    stage: (i) => unescape(cursor('stage').get(i)),
    tags: (i) => tagList(cursor('tags').get(i)),
    words: (i, _patterns, all) => words![i] & all,
    phoneIn: (i) => phones![i] !== 0,
    lead: (i) => unescape(cursor('lead').get(i)),
    sortKey: (i) => unescape(cursor('sortkey').get(i)),
    nameKey: (i) => unescape(cursor('namekey').get(i)),
  };

  const today = todayOf(workbook);
  const rules = settingsOf(workbook).membership;
  const sameDay = index.day === today && JSON.stringify(index.rules) === JSON.stringify(rules);
  const status = (code: number, line: () => string): string => {
    if (code < 0) return '';
    if (sameDay && code >= 65 && code < 65 + MEMBERSHIP_STATUSES.length) return MEMBERSHIP_STATUSES[code - 65];
    return statusFromDates(JSON.parse(line().slice(1)), today, rules);
  };
  const isMember = (i: number) => isMemberStatus(status(cursor('members').firstCode(i), () => cursor('members').get(i)));
  const { total, best } = rankRows(rows, plan, plan.filtersMembers ? isMember : null);

  const items = best.slice(plan.offset).map((c) => {
    const [row, ...values] = JSON.parse(index.line('hits', c.i)) as [number, ...(string | boolean)[]];
    const contact = Object.fromEntries(SHOWN.map((name, k) => [name, values[k]])) as unknown as Contact;
    const members = index.line('members', c.i);
    const membership = status(members === '' ? -1 : members.charCodeAt(0), () => members);
    const tags = new Map([[contact.id, [...tagList(index.line('tags', c.i))]]]);
    return hit(contact, row - 2, () => membership, tags, tagNames);
  });
  return { total, offset: plan.offset, items };
}
