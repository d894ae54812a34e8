/** Reading the search index and searching it: one read of its sheet, then each word pattern over each
 *  big cell, and only the lines of the rows still in are cut out. */
import { Contact, MEMBERSHIP_STATUSES } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import { isMemberStatus, MembershipRules } from '../../core/membership';
import type { Workbook } from '../../store/workbook';
import type { SearchInput, SearchPage } from '../views';
import { settingsOf, todayOf } from '../today';
import { hit, planSearch, rankRows, SearchRows } from './search';
import { Field, FIELDS, FORMAT, IndexMeta, LIST, Patch, SEARCH_INDEX_SHEET, SHOWN, statusFromDates, unescape } from './search-index-format';

interface SearchIndex {
  /** Contacts in the index as built (its lines); patches may add more after them. */
  count: number;
  /** What the patches our own writes appended change: lines replaced or gone, lines added, tag names. */
  overlay: Overlay;
  day: string;
  rules: MembershipRules;
  /** A field's cells, in order, and the number of line breaks before each. */
  cells(field: Field): { cells: string[]; starts: number[] };
  /** A field's lines, all of them (small fields: the tags' names). */
  lines(field: Field): string[];
  /** One line of a field, found without splitting the field (the page's hits). */
  line(field: Field, k: number): string;
}

/** What patches change in the index as built. */
export interface Overlay {
  /** Lines of the build replaced, field by field (a field not named keeps the build's line). */
  lines: Map<number, Partial<Record<Field, string>>>;
  gone: Set<number>;
  /** Contacts added since the build, after its lines, in the order they came. */
  extra: Partial<Record<Field, string>>[];
  tagnames: string[] | null;
}

/** The index when it is whole and its last patch (or its build) was written under `generation`; null
 *  otherwise (stale, missing, half-written, edited by hand). */
export function readSearchIndex(workbook: Workbook, generation: string): SearchIndex | null {
  let rows: Cell[][];
  try {
    rows = workbook.grid.read(SEARCH_INDEX_SHEET);
  } catch {
    return null; // not made yet, or deleted by hand
  }
  const metaRow = rows[1];
  if (!metaRow || metaRow[1] !== 'meta') return null;
  let meta: IndexMeta;
  try {
    meta = JSON.parse(String(metaRow[2]));
  } catch {
    return null;
  }
  const built = String(metaRow[0]);
  if (meta.format !== FORMAT || meta.generation !== built) return null;
  const parts = new Map<string, string[]>();
  const patches: Patch[] = [];
  let tip = built;
  for (let r = 2; r < rows.length; r++) {
    const [stamp, field, data] = rows[r];
    if (field === 'patch') {
      // Each patch follows the one before it (or the build): a chain broken or not ending at
      // `generation` is an index some write left stale.
      const patch = parsePatch(data);
      if (!patch || patch.after !== tip) return null;
      patches.push(patch);
      tip = String(stamp);
      continue;
    }
    if (stamp !== built || patches.length) return null;
    const list = parts.get(String(field)) ?? [];
    list.push(String(data ?? ''));
    parts.set(String(field), list);
  }
  if (tip !== generation) return null;
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
  return {
    count: meta.count,
    overlay: overlayOf(patches, lines, (field) => ({ cells: parts.get(field)!, starts: meta.starts[field] })),
    day: meta.day,
    rules: meta.rules,
    cells: (field) => ({ cells: parts.get(field)!, starts: meta.starts[field] }),
    lines,
    line,
  };
}

function parsePatch(data: Cell | undefined): Patch | null {
  try {
    const patch = JSON.parse(String(data ?? '')) as Patch;
    return patch && typeof patch.after === 'string' && Array.isArray(patch.entries) ? patch : null;
  } catch {
    return null;
  }
}

/** The patches merged, a contact's later fields over its earlier ones, and placed: on the build's line
 *  of the contact (found by id in the hits), or after the build's lines for a contact it did not have. */
function overlayOf(patches: Patch[], lines: (field: Field) => string[], cells?: (field: Field) => { cells: string[]; starts: number[] }): Overlay {
  const overlay: Overlay = { lines: new Map(), gone: new Set(), extra: [], tagnames: null };
  if (!patches.length) return overlay;
  const merged = new Map<string, { f: Partial<Record<Field, string>>; gone: boolean }>();
  for (const patch of patches) {
    if (patch.tagnames) overlay.tagnames = patch.tagnames;
    for (const entry of patch.entries) {
      const known = merged.get(entry.id) ?? { f: {}, gone: false };
      if (entry.gone) known.gone = true;
      if (entry.f) {
        Object.assign(known.f, entry.f);
        if (entry.f.hits !== undefined) known.gone = false;
      }
      merged.set(entry.id, known);
    }
  }
  const built = merged.size <= FEW_IDS && cells ? linesOfIds(cells('hits'), [...merged.keys()]) : null;
  if (!built) {
    const hits = lines('hits');
    const found = new Map<string, number>();
    for (let k = 0; k < hits.length; k++) {
      const id = idOfHit(hits[k]);
      if (merged.has(id)) found.set(id, k);
    }
    return place(overlay, merged, found);
  }
  return place(overlay, merged, built);
}

/** Up to this many patched contacts, their lines are found by searching the hits cells for their ids
 *  (no line is cut out: a search at 100,000 contacts stays in milliseconds); past it, the lines are split. */
const FEW_IDS = 50;

/** The line of each id in the hits field (`[row,"id",…`), searched cell by cell; null when one is cut
 *  between two cells (then the caller splits the lines). */
function linesOfIds(field: { cells: string[]; starts: number[] }, ids: string[]): Map<string, number> | null {
  const out = new Map<string, number>();
  for (const id of ids) {
    const needle = `,${JSON.stringify(id)},`;
    search: for (let j = 0; j < field.cells.length; j++) {
      const cell = field.cells[j];
      // The id as a hit's second value, not as another contact's name: right after the row number.
      for (let at = cell.indexOf(needle); at >= 0; at = cell.indexOf(needle, at + 1)) {
        const start = cell.lastIndexOf('\n', at) + 1;
        // A line starting in the cell before: let the caller split.
        if (start === 0 && j > 0 && !field.cells[j - 1].endsWith('\n')) return null;
        if (!/^\[-?\d+$/.test(cell.slice(start, at))) continue;
        let line = field.starts[j];
        for (let k = cell.indexOf('\n'); k >= 0 && k < start; k = cell.indexOf('\n', k + 1)) line++;
        out.set(id, line);
        break search;
      }
    }
  }
  return out;
}

function place(overlay: Overlay, merged: Map<string, { f: Partial<Record<Field, string>>; gone: boolean }>, built: Map<string, number>): Overlay {
  for (const [id, { f, gone }] of merged) {
    const k = built.get(id);
    if (k !== undefined) {
      if (gone) overlay.gone.add(k);
      else overlay.lines.set(k, f);
    } else if (!gone && f.hits !== undefined) overlay.extra.push(f);
  }
  return overlay;
}

/** The contact id of a hits line: `[row,"id",…]`. */
function idOfHit(line: string): string {
  const m = /^\[-?\d+,("(?:[^"\\]|\\.)*")/.exec(line);
  return m ? (JSON.parse(m[1]) as string) : '';
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

export class IndexDamaged extends Error {}

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
export function searchIndex(workbook: Workbook, index: SearchIndex, input: SearchInput, maxLimit: number): SearchPage {
  const { overlay, count } = index;
  const size = count + overlay.extra.length;
  const tagNames = new Map<string, string>();
  for (const line of overlay.tagnames ?? index.lines('tagnames')) {
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
  // A line as the patches left it: theirs when they name the field, else the build's (read in order).
  const patched = (field: Field, i: number): string | undefined => (i >= count ? (overlay.extra[i - count][field] ?? '') : overlay.lines.get(i)?.[field]);
  const at = (field: Field, i: number): string => patched(field, i) ?? cursor(field).get(i);
  const lineAt = (field: Field, i: number): string => patched(field, i) ?? index.line(field, i);
  const firstCode = (field: Field, i: number): number => {
    const own = patched(field, i);
    if (own === undefined) return cursor(field).firstCode(i);
    return own === '' ? -1 : own.charCodeAt(0);
  };
  /** The build's masks, then the patched and added lines tested whole. */
  const masks = (field: Field, patterns: RegExp[], narrow: boolean): Uint32Array => {
    const out = new Uint32Array(size);
    out.set(lineMasks(index, field, patterns, count, narrow));
    const test = (line: string) => patterns.reduce((mask, p, w) => (p.test(line) ? mask | (1 << w) : mask), 0);
    for (const [k, f] of overlay.lines) if (f[field] !== undefined) out[k] = test(f[field]!);
    overlay.extra.forEach((f, n) => (out[count + n] = test(f[field] ?? '')));
    return out;
  };
  // Without tags that could hold a word, a row matches on its text only when it holds every word.
  const words = plan.wordPatterns.length ? masks('text', plan.wordPatterns, plan.usefulTags.size === 0) : null;
  // Any one phone pattern will do: each runs over every line.
  const phones = plan.phonePatterns.length ? masks('phones', plan.phonePatterns, false) : null;
  const none: string[] = [];
  const tagList = (line: string): readonly string[] => (line === '' ? none : line.split(LIST).map(unescape));
  const rows: SearchRows = {
    size,
    live: (i) => !overlay.gone.has(i),
    stage: (i) => unescape(at('stage', i)),
    tags: (i) => tagList(at('tags', i)),
    words: (i, _patterns, all) => words![i] & all,
    phoneIn: (i) => phones![i] !== 0,
    lead: (i) => unescape(at('lead', i)),
    sortKey: (i) => unescape(at('sortkey', i)),
    nameKey: (i) => unescape(at('namekey', i)),
  };

  const today = todayOf(workbook);
  const rules = settingsOf(workbook).membership;
  const sameDay = index.day === today && JSON.stringify(index.rules) === JSON.stringify(rules);
  const status = (code: number, line: () => string): string => {
    if (code < 0) return '';
    if (sameDay && code >= 65 && code < 65 + MEMBERSHIP_STATUSES.length) return MEMBERSHIP_STATUSES[code - 65];
    return statusFromDates(JSON.parse(line().slice(1)), today, rules);
  };
  const isMember = (i: number) => isMemberStatus(status(firstCode('members', i), () => at('members', i)));
  const { total, best } = rankRows(rows, plan, plan.filtersMembers ? isMember : null);

  const items = best.slice(plan.offset).map((c) => {
    const [row, ...values] = JSON.parse(lineAt('hits', c.i)) as [number, ...(string | boolean)[]];
    const contact = Object.fromEntries(SHOWN.map((name, k) => [name, values[k]])) as unknown as Contact;
    const members = lineAt('members', c.i);
    const membership = status(members === '' ? -1 : members.charCodeAt(0), () => members);
    const tags = new Map([[contact.id, [...tagList(lineAt('tags', c.i))]]]);
    return hit(contact, row - 2, () => membership, tags, tagNames);
  });
  return { total, offset: plan.offset, items };
}
