import { ContactTags, Contacts, Memberships, Tags } from '../core/schema/tables';
import type { Cell } from '../core/schema/columns';
import type { MembershipRules } from '../core/membership';
import { effectiveStage } from '../core/lifecycle';
import { fold } from '../core/text';
import { translate } from '../core/i18n';
import type { KeyValue } from '../ports';
import type { Workbook } from '../store/workbook';
import { decode } from '../store/codec';
import type { SearchInput, SearchPage } from './views';
import { membershipStatuses } from './memberships';
import { settingsOf, todayOf } from './today';
import { contactTags, isTrue, leadOf, MAX_LIMIT, PHONES, SEARCHED, searchContacts, sortKey, tagNamesById } from './search';
import { IndexDamaged, readSearchIndex, searchIndex } from './search-index-reader';
import { Field, FIELDS, FORMAT, INDEX_CELL_CHARS, IndexMeta, LIST, membershipsByContact, oneLine, SEARCH_INDEX_SHEET, SHOWN, statusCode, escape } from './search-index-format';

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


export const SEARCH_INDEX_GENERATION = 'search_index_generation';
/** The generation the index sheet was last written under: a stale index is known without reading it. */
const SEARCH_INDEX_BUILT = 'search_index_built';
/** The sheets the index is made of: a write to any of them makes it stale. */
export const INDEXED_SHEETS: readonly string[] = [Contacts.name, Memberships.name, ContactTags.name, Tags.name];

export { SEARCH_INDEX_SHEET, INDEX_CELL_CHARS } from './search-index-format';


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

