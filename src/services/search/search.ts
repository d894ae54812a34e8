import { ContactTags, Contacts, Contact, Tags } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import { phoneQuery } from '../../core/phone';
import { digitsPattern, wordPattern } from '../../core/word-match';
import { effectiveStage } from '../../core/lifecycle';
import { displayName, fold } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import type { SearchHit, SearchInput, SearchPage } from '../views';
import { isMemberStatus, membershipStatuses } from '../record/memberships';
import { settingsOf } from '../today';
import { searchPageInDatabase } from './search-sql';

/** Columns searched, besides tags and custom columns. */
export const SEARCHED = ['first_name', 'last_name', 'organisation_name', 'email', 'email_2', 'phone', 'mobile', 'city', 'postal_code', 'job_title'];
export const PHONES = ['phone', 'mobile'];
export const MAX_LIMIT = 200;

export interface Candidate {
  i: number;
  score: number;
  key: string;
}

/** What the ranking needs to know of the contact at position `i`, whether it comes from the Contacts
 *  sheet (the scan below, the truth) or from the search index (search-index.ts). Both go through
 *  `rankRows`, so that they rank, count and page alike. */
export interface SearchRows {
  size: number;
  /** False for rows that are not searchable contacts (gone, deleted, merged, without id). */
  live(i: number): boolean;
  /** The effective lifecycle stage, from the raw cells. */
  stage(i: number): string;
  /** The contact's tag ids (at least those of `plan.usefulTags`), in ContactTags order. */
  tags(i: number): readonly string[];
  /** The words (bits of `all`) found in the searched cells, tags aside. */
  words(i: number, patterns: RegExp[], all: number): number;
  phoneIn(i: number, patterns: RegExp[]): boolean;
  /** The first letter the contact sorts by, folded; the whole folded sort key; the folded name. */
  lead(i: number): string;
  sortKey(i: number): string;
  nameKey(i: number): string;
}

/** A search's text and filters, made ready once. */
export interface SearchPlan {
  input: SearchInput;
  words: string[];
  folded: string;
  wordPatterns: RegExp[];
  everyWord: number;
  phonePatterns: RegExp[];
  /** The digits a number typed as a phone is looked for as (phoneQuery). */
  phoneVariants: string[];
  /** Only tags whose name holds one of the words can help a contact match, and only the filter's tag
   *  can keep one in. */
  usefulTags: Set<string>;
  tagNames: Map<string, string>;
  offset: number;
  keep: number;
  filtersMembers: boolean;
}

export function planSearch(input: SearchInput, tagNames: Map<string, string>, defaultCountry: string, maxLimit: number): SearchPlan {
  const text = (input.text ?? '').trim();
  const typed = fold(text).split(/\s+/).filter(Boolean);
  const variants = typed.length ? phoneQuery(text, defaultCountry) : null;
  // A number typed in groups ("06 12 34") is one word: the groups as typed in the cells, and the
  // number's digits in the phones, however they are written there (each group of two digits anywhere
  // would match most contacts).
  const words = variants && typed.length > 1 ? [typed.join(' ')] : typed;
  const offset = Math.max(0, input.offset ?? 0);
  const limit = Math.min(maxLimit, Math.max(1, input.limit ?? 25));
  // Each word as an accent- and case-blind pattern; a number typed as a phone, as digit patterns.
  const wordPatterns = words.slice(0, 30).map(wordPattern);
  const usefulTags = new Set([...tagNames].filter(([, name]) => wordPatterns.some((p) => p.test(name))).map(([id]) => id));
  if (input.tag) usefulTags.add(input.tag);
  return {
    input,
    words,
    folded: typed.join(' '),
    wordPatterns,
    everyWord: (1 << wordPatterns.length) - 1,
    phonePatterns: variants ? variants.map(digitsPattern) : [],
    phoneVariants: variants ?? [],
    usefulTags,
    tagNames,
    offset,
    keep: offset + limit,
    filtersMembers: input.members === 'members' || input.members === 'non_members',
  };
}

/** The search of the sidebar and of `crm search`: every word of the text must appear (accents and
 *  case aside) in the names, organisation, emails, phones, city, postcode, job, tags or custom
 *  columns; a phone number matches whatever its formatting. Results are ranked (name matches first),
 *  then by name, and paged. Members come from the dated membership rules as of today.
 *  This is the full scan: it reads Contacts, Memberships, Tags and ContactTags once each and decodes
 *  only the page shown. The sidebar goes through the search index (search-index.ts) when it is fresh,
 *  and falls back on this. */
export function searchContacts(workbook: Workbook, input: SearchInput = {}, maxLimit = MAX_LIMIT): SearchPage {
  const tagNames = tagNamesById(workbook);
  const plan = planSearch(input, tagNames, settingsOf(workbook).defaultCountry, maxLimit);
  return searchesInDatabase(workbook) ? searchDatabase(workbook, plan) : scanContacts(workbook, plan);
}

/** True when the contacts live in a database that has every change of this execution: the database
 *  then searches (search-sql.ts), with its indexes. */
export function searchesInDatabase(workbook: Workbook): boolean {
  return workbook.answersInDatabase(Contacts.name);
}

function searchDatabase(workbook: Workbook, plan: SearchPlan): SearchPage {
  const { total, more, ids } = searchPageInDatabase(workbook, plan);
  const contacts = workbook.table(Contacts);
  contacts.prefetch('id', ids);
  const wanted = new Set(ids);
  const statusOf = membershipStatuses(workbook, wanted);
  const pageTags = contactTags(workbook, () => true, wanted);
  // No sheet row to select: row 0 (the sidebar offers "select in the sheet" from row 2 only).
  const items = ids.map((id) => hit(contacts.require(id), -2, statusOf, pageTags, plan.tagNames));
  return more ? { total, more, offset: plan.offset, items } : { total, offset: plan.offset, items };
}

/** The search over the Contacts sheet's cells, every row looked at. */
export function scanContacts(workbook: Workbook, plan: SearchPlan): SearchPage {
  const { tagNames } = plan;
  const { rows, scan, idOf } = contactRows(workbook, plan);
  // Every contact's status only when filtering on it; otherwise only the page's (further down).
  const statuses = plan.filtersMembers ? membershipStatuses(workbook) : null;
  const { total, best } = rankRows(rows, plan, statuses && ((i) => isMemberStatus(statuses(idOf(i)))));

  const page = best.slice(plan.offset).map((c) => scan.record(c.i));
  const ids = new Set(page.map((c) => c.id));
  const statusOf = statuses ?? membershipStatuses(workbook, ids);
  const pageTags = contactTags(workbook, () => true, ids);
  const items = best.slice(plan.offset).map((c, k) => hit(page[k], c.i, statusOf, pageTags, tagNames));
  return { total, offset: plan.offset, items };
}

/** The Contacts sheet as SearchRows, over its raw cells. */
function contactRows(workbook: Workbook, plan: SearchPlan) {
  const scan = workbook.table(Contacts).scan();
  const col = (name: string) => scan.column(name);
  const [cId, cKind, cFirst, cLast, cOrg, cDeleted, cMerged, cStage, cOverride] = [
    'id',
    'kind',
    'first_name',
    'last_name',
    'organisation_name',
    'deleted',
    'merged_into',
    'lifecycle_stage',
    'lifecycle_override',
  ].map(col);
  const searched = SEARCHED.map(col).filter((c) => c >= 0);
  const phones = PHONES.map(col).filter((c) => c >= 0);
  const columns = [...searched, ...scan.customColumns()];
  const str = (cells: readonly Cell[], c: number) => (c < 0 ? '' : String(cells[c] ?? ''));
  // The links of the useful tags alone are gathered.
  const tagsOf = plan.usefulTags.size ? contactTags(workbook, (tag) => plan.usefulTags.has(tag)) : new Map<string, string[]>();
  const none: string[] = [];
  const idOf = (i: number) => str(scan.cells(i), cId);
  const isOrganisation = (cells: readonly Cell[]) => str(cells, cKind) === 'organisation';
  const rows: SearchRows = {
    size: scan.size,
    live: (i) => {
      if (!scan.live(i)) return false;
      const cells = scan.cells(i);
      return !!str(cells, cId) && !isTrue(cells[cDeleted]) && !str(cells, cMerged);
    },
    stage: (i) => effectiveStage(str(scan.cells(i), cOverride), str(scan.cells(i), cStage)),
    tags: (i) => tagsOf.get(idOf(i)) ?? none,
    words: (i, patterns, all) => {
      const cells = scan.cells(i);
      let found = 0;
      for (const c of columns) {
        const v = cells[c];
        if (v === '' || v === undefined) continue;
        const text = typeof v === 'string' ? v : String(v);
        for (let w = 0; w < patterns.length; w++) if (!(found & (1 << w)) && patterns[w].test(text)) found |= 1 << w;
        if (found === all) return found;
      }
      return found;
    },
    phoneIn: (i, patterns) => {
      const cells = scan.cells(i);
      return phones.some((c) => cells[c] !== '' && patterns.some((p) => p.test(String(cells[c]))));
    },
    lead: (i) => {
      const cells = scan.cells(i);
      return fold(leadOf(cells, isOrganisation(cells), cFirst, cLast, cOrg));
    },
    sortKey: (i) => {
      const cells = scan.cells(i);
      return sortKey(cells, isOrganisation(cells), cFirst, cLast, cOrg);
    },
    nameKey: (i) => {
      const cells = scan.cells(i);
      return fold(isOrganisation(cells) ? str(cells, cOrg) : `${str(cells, cFirst)} ${str(cells, cLast)}`.trim());
    },
  };
  return { rows, scan, idOf };
}

/** Filters, matches and ranks every row; keeps the best `plan.keep`, sorted. `isMember` is given when
 *  the search filters on members. */
export function rankRows(rows: SearchRows, plan: SearchPlan, isMember: ((i: number) => boolean) | null): { total: number; best: Candidate[] } {
  const { input, wordPatterns, everyWord, phonePatterns, usefulTags, tagNames, keep } = plan;
  // The best `keep` candidates, kept sorted; most rows are compared with the worst kept one only.
  const best: Candidate[] = [];
  let total = 0;

  for (let i = 0; i < rows.size; i++) {
    if (!rows.live(i)) continue;
    if (input.stage && rows.stage(i) !== input.stage) continue;
    if (input.tag && !rows.tags(i).includes(input.tag)) continue;
    let score = 0;
    if (wordPatterns.length) {
      let found = rows.words(i, wordPatterns, everyWord);
      if (found !== everyWord && usefulTags.size)
        for (const tag of rows.tags(i)) {
          if (!usefulTags.has(tag)) continue;
          const name = tagNames.get(tag) ?? '';
          for (let w = 0; w < wordPatterns.length; w++) if (!(found & (1 << w)) && wordPatterns[w].test(name)) found |= 1 << w;
        }
      const textMatch = found === everyWord;
      if (!textMatch && !(phonePatterns.length && rows.phoneIn(i, phonePatterns))) continue;
      score = textMatch ? -1 : 30;
    }
    // Last, because it is the dearest: the membership status, judged only for rows still in.
    if (isMember && (input.members === 'members') !== isMember(i)) continue;

    if (score < 0) score = rank(rows.nameKey(i), plan.folded, plan.words);
    total++;
    if (best.length === keep) {
      const worst = best[keep - 1];
      if (score < worst.score) continue;
      // Most rows lose to the worst kept one on their first letter: no need to build their whole key.
      if (score === worst.score && rows.lead(i) > worst.key.slice(0, 1)) continue;
      if (!before(score, () => rows.sortKey(i), worst)) continue;
    }
    insertSorted(best, { i, score, key: rows.sortKey(i) }, keep);
  }
  return { total, best };
}

/** Name matches rank first: the whole name, then its start, then a word of it, then any name match. */
export function rank(nameKey: string, query: string, words: string[]): number {
  if (nameKey === query) return 100;
  if (nameKey.startsWith(query)) return 80;
  const nameWords = nameKey.split(/[\s'-]+/);
  if (words.every((w) => nameWords.some((n) => n.startsWith(w)))) return 60;
  if (words.every((w) => nameKey.includes(w))) return 40;
  return 10;
}

export const isTrue = (cell: Cell | undefined) => cell === true || (typeof cell === 'string' && cell.toUpperCase() === 'TRUE');

export function sortKey(cells: readonly Cell[], isOrganisation: boolean, cFirst: number, cLast: number, cOrg: number): string {
  const s = (c: number) => (c < 0 ? '' : String(cells[c] ?? ''));
  return fold(isOrganisation ? s(cOrg) : `${s(cLast)} ${s(cFirst)}`).trim();
}

/** The first character of the sort key. */
export function leadOf(cells: readonly Cell[], isOrganisation: boolean, cFirst: number, cLast: number, cOrg: number): string {
  const s = (c: number) => (c < 0 ? '' : String(cells[c] ?? '').trim());
  return (isOrganisation ? s(cOrg) : s(cLast) || s(cFirst)).slice(0, 1);
}

/** True when a candidate with this score and key comes before `other`. The key is computed only when
 *  the scores tie. */
function before(score: number, key: () => string, other: Candidate): boolean {
  if (score !== other.score) return score > other.score;
  return key() < other.key;
}

function insertSorted(best: Candidate[], c: Candidate, keep: number): void {
  let lo = 0;
  let hi = best.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(c.score, () => c.key, best[mid])) hi = mid;
    else lo = mid + 1;
  }
  best.splice(lo, 0, c);
  if (best.length > keep) best.pop();
}

export function hit(contact: Contact, i: number, statuses: (id: string) => string, tagsOf: Map<string, string[]>, tagNames: Map<string, string>): SearchHit {
  const status = statuses(contact.id);
  return {
    id: contact.id,
    kind: contact.kind,
    name: displayName(contact),
    email: contact.email,
    phone: contact.phone || contact.mobile,
    organisation: contact.organisation_name,
    city: contact.city,
    member: isMemberStatus(status),
    membership_status: status,
    stage: effectiveStage(contact.lifecycle_override, contact.lifecycle_stage),
    tags: (tagsOf.get(contact.id) ?? [])
      .map((t) => tagNames.get(t) ?? '')
      .filter(Boolean)
      .sort(),
    row: i + 2,
  };
}

export function tagNamesById(workbook: Workbook): Map<string, string> {
  return new Map(
    workbook
      .table(Tags)
      .all()
      .map((t) => [t.id, t.name]),
  );
}

/** Tag ids by contact, from the raw ContactTags cells: only the tags `wanted` says, and only for
 *  `contacts` when given. */
export function contactTags(workbook: Workbook, wanted: (tagId: string) => boolean, contacts?: Set<string>): Map<string, string[]> {
  const table = workbook.table(ContactTags);
  // A few contacts: their rows only (found, before the table is read).
  const scan = contacts ? table.scanFor('contact_id', [...contacts]) : table.scan();
  const cContact = scan.column('contact_id');
  const cTag = scan.column('tag_id');
  const out = new Map<string, string[]>();
  if (cContact < 0 || cTag < 0) return out;
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    const tag = String(cells[cTag]);
    if (!wanted(tag)) continue;
    const contact = String(cells[cContact]);
    if (contacts && !contacts.has(contact)) continue;
    const list = out.get(contact);
    if (list) list.push(tag);
    else out.set(contact, [tag]);
  }
  return out;
}
