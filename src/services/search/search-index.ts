import { ContactTags, Contacts, Memberships, Tags } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import type { MembershipRules } from '../../core/membership';
import { translate } from '../../core/i18n';
import type { KeyValue, Runtime } from '../../ports';
import { UserError } from '../../store/errors';
import { LOCK_WAIT_MS } from '../../ports/lock';
import type { Workbook, WriteWatcher } from '../../store/workbook';
import { searchIndexKeeper } from './search-index-patch';
import type { SearchInput, SearchPage } from '../views';
import { membershipStatuses } from '../record/memberships';
import { settingsOf, todayOf } from '../today';
import { contactTags, MAX_LIMIT, searchContacts, searchesInDatabase, tagNamesById } from './search';
import { IndexDamaged, readSearchIndex, searchIndex } from './search-index-reader';
import { Field, FIELDS, FORMAT, INDEX_CELL_CHARS, IndexMeta, membershipsByContact, SEARCH_INDEX_SHEET } from './search-index-format';
import { CONTACT_FIELDS, contactLines, membersLine, tagNamesLines, tagsLine } from './search-index-lines';

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
/** Patches appended since the last build. */
const SEARCH_INDEX_PATCHES = 'search_index_patches';
/** When the last rebuild started (ms). */
const SEARCH_INDEX_REBUILT_AT = 'search_index_rebuilt_at';
/** At most one rebuild this often, unless forced. */
export const REBUILD_EVERY_MS = 3 * 60 * 1000;
/** Patches after which a rebuild (the nightly's) folds them into a build even though the index is fresh. */
const COMPACT_AFTER_PATCHES = 20;
/** The sheets the index is made of: a write to any of them makes it stale. */
export const INDEXED_SHEETS: readonly string[] = [Contacts.name, Memberships.name, ContactTags.name, Tags.name];

export { SEARCH_INDEX_SHEET, INDEX_CELL_CHARS } from './search-index-format';

/** Makes any index built so far stale. */
export function markSearchIndexStale(properties: KeyValue): void {
  properties.set(SEARCH_INDEX_GENERATION, newGeneration());
}

/** For Workbook.commit: our own writes patch a fresh index (search-index-patch.ts), and leave any other
 *  stale, even a write that fails part-way. */
export function searchIndexWatcher(properties: KeyValue): WriteWatcher {
  return searchIndexKeeper(properties, { generation: SEARCH_INDEX_GENERATION, built: SEARCH_INDEX_BUILT, indexed: INDEXED_SHEETS, newGeneration }, SEARCH_INDEX_PATCHES);
}

function newGeneration(): string {
  return `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}

/** The sidebar's search: from the index when it is fresh (one read), else the full scan, marked
 *  `stale_index` so that the sidebar asks for a rebuild in an execution of its own
 *  (refreshSearchIndex): the person waits for the scan only, never for derived data to be written. */
export function searchWithIndex(workbook: Workbook, properties: KeyValue, input: SearchInput, maxLimit = MAX_LIMIT): SearchPage {
  // A database searches with its own indexes: no index sheet to read, none to rebuild.
  if (searchesInDatabase(workbook)) return searchContacts(workbook, input, maxLimit);
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

export interface Rebuilt {
  contacts: number;
  cells: number;
  written: boolean;
  /** Not rebuilt now: one was started less than REBUILD_EVERY_MS ago; seconds until the next may. */
  retry_in_s?: number;
}

/** Builds and writes the index (the nightly job, or the sidebar after a search found it stale).
 *  Nothing to do when it is fresh already (two sidebars asked at once), unless patches have piled up
 *  (the nightly then folds them into a build). At most one rebuild every REBUILD_EVERY_MS unless
 *  forced: hand edits each make it stale, and searches scan meanwhile. The document lock is held only
 *  to claim the rebuild; the build reads and writes without it, and counts only if no write changed
 *  the generation meanwhile (writes change it before and after writing). */
export function refreshSearchIndex(workbook: Workbook, runtime: Pick<Runtime, 'properties' | 'lock' | 'clock'>, language: string, force = false): Rebuilt {
  const { properties, lock, clock } = runtime;
  // On a database, searches use its indexes (search-sql.ts): no index sheet to build.
  if (workbook.inDatabase(Contacts.name)) return { contacts: 0, cells: 0, written: false };
  const generation = properties.get(SEARCH_INDEX_GENERATION);
  const patches = Number(properties.get(SEARCH_INDEX_PATCHES) ?? 0) || 0;
  if (!force && generation && properties.get(SEARCH_INDEX_BUILT) === generation && patches < COMPACT_AFTER_PATCHES) return { contacts: 0, cells: 0, written: false };
  if (!lock.tryAcquire(LOCK_WAIT_MS)) throw new UserError('busy', 'error.busy');
  try {
    const now = clock.now().getTime();
    const last = Number(properties.get(SEARCH_INDEX_REBUILT_AT) ?? 0) || 0;
    if (!force && now - last < REBUILD_EVERY_MS && now >= last) return { contacts: 0, cells: 0, written: false, retry_in_s: Math.ceil((last + REBUILD_EVERY_MS - now) / 1000) };
    properties.set(SEARCH_INDEX_REBUILT_AT, String(now));
  } finally {
    lock.release();
  }
  return writeSearchIndex(workbook, properties, generation, language);
}

/** Writes the index of the tables as this execution read them, stamped with `generation` (read before
 *  the tables were). Gives up when the generation has changed since: the tables may have too. */
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
  rewriteIndexSheet(workbook, rows, language);
  properties.set(SEARCH_INDEX_PATCHES, '0');
  properties.set(SEARCH_INDEX_BUILT, stamp);
  return { contacts: built.count, cells: rows.length, written: true };
}

/** Writes the index's rows over the sheet's, in place (the sheet keeps its place, id and anything a
 *  person set on it), the rows a longer index had left deleted: no sheet is deleted and made again.
 *  A reader meanwhile sees rows of two stamps and scans instead. Made when missing. */
function rewriteIndexSheet(workbook: Workbook, rows: Cell[][], language: string): void {
  const grid = workbook.grid;
  const header = [translate(language, 'record.search_index.note'), 'field', 'data'];
  const had = grid.sheetSizes().find((s) => s.sheet === SEARCH_INDEX_SHEET);
  if (!had) {
    grid.createSheet(SEARCH_INDEX_SHEET, header);
    grid.append(SEARCH_INDEX_SHEET, rows, 1);
    return;
  }
  const old = Math.max(0, had.rows - 1);
  const inPlace = Math.min(old, rows.length);
  grid.write(SEARCH_INDEX_SHEET, [{ row: 1, column: 1, values: [header, ...rows.slice(0, inPlace)] }]);
  if (rows.length > inPlace) grid.append(SEARCH_INDEX_SHEET, rows.slice(inPlace), inPlace + 1);
  else if (old > rows.length) grid.deleteRows(SEARCH_INDEX_SHEET, rows.length + 2, old - rows.length);
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
  const lineOf = contactLines(scan);
  const tagNames = tagNamesById(workbook);
  const tagsOf = contactTags(workbook, () => true);
  const memberships = membershipsByContact(workbook);
  const statuses = membershipStatuses(workbook);
  const day = todayOf(workbook);
  const rules = settingsOf(workbook).membership;

  const fields = Object.fromEntries(FIELDS.map((f) => [f, [] as string[]])) as Record<Field, string[]>;
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const line = lineOf(i);
    if (!line) continue;
    for (const field of CONTACT_FIELDS) fields[field].push(line[field]);
    fields.tags.push(tagsLine(tagsOf.get(line.id) ?? []));
    fields.members.push(membersLine(memberships.get(line.id), () => statuses(line.id)));
  }
  fields.tagnames.push(...tagNamesLines(tagNames));
  return { fields, count: fields.hits.length, day, rules };
}
