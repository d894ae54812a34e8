import { ContactTags, Contacts, Contact, Tags } from '../core/schema/tables';
import type { Cell } from '../core/schema/columns';
import { phoneQuery } from '../core/phone';
import { digitsPattern, wordPattern } from '../core/word-match';
import { effectiveStage } from '../core/lifecycle';
import { displayName, fold } from '../core/text';
import type { Workbook } from '../store/workbook';
import type { SearchHit, SearchInput, SearchPage } from './views';
import { isMemberStatus, membershipStatuses } from './memberships';
import { settingsOf } from './today';

/** Columns searched, besides tags and custom columns. */
const SEARCHED = ['first_name', 'last_name', 'organisation_name', 'email', 'email_2', 'phone', 'mobile', 'city', 'postal_code', 'job_title'];
const PHONES = ['phone', 'mobile'];
const MAX_LIMIT = 200;

interface Candidate {
  i: number;
  score: number;
  key: string;
}

/** The search of the sidebar and of `crm search`: every word of the text must appear (accents and
 *  case aside) in the names, organisation, emails, phones, city, postcode, job, tags or custom
 *  columns; a phone number matches whatever its formatting. Results are ranked (name matches first),
 *  then by name, and paged. Members come from the dated membership rules as of today.
 *  It reads Contacts, Memberships, Tags and ContactTags once each and decodes only the page shown:
 *  everything else works on raw cells, so 100,000 contacts take milliseconds. */
export function searchContacts(workbook: Workbook, input: SearchInput = {}, maxLimit = MAX_LIMIT): SearchPage {
  const scan = workbook.table(Contacts).scan();
  const col = (name: string) => scan.column(name);
  const [cId, cKind, cFirst, cLast, cOrg, cDeleted, cMerged, cStage, cOverride] = ['id', 'kind', 'first_name', 'last_name', 'organisation_name', 'deleted', 'merged_into', 'lifecycle_stage', 'lifecycle_override'].map(col);
  const searched = SEARCHED.map(col).filter((c) => c >= 0);
  const phones = PHONES.map(col).filter((c) => c >= 0);
  const custom = scan.customColumns();

  const filtersMembers = input.members === 'members' || input.members === 'non_members';
  // Every contact's status only when filtering on it; otherwise only the page's (further down).
  const statuses = filtersMembers ? membershipStatuses(workbook) : null;
  const tagNames = tagNamesById(workbook);

  const text = (input.text ?? '').trim();
  const words = fold(text).split(/\s+/).filter(Boolean);
  const folded = words.join(' ');
  const offset = Math.max(0, input.offset ?? 0);
  const limit = Math.min(maxLimit, Math.max(1, input.limit ?? 25));
  const keep = offset + limit;
  const str = (cells: readonly Cell[], c: number) => (c < 0 ? '' : String(cells[c] ?? ''));

  // Each word as an accent- and case-blind pattern; a number typed as a phone, as digit patterns.
  const wordPatterns = words.slice(0, 30).map(wordPattern);
  // Only tags whose name holds one of the words can help a contact match, and only the filter's tag
  // can keep one in: the links of those alone are gathered.
  const usefulTags = new Set([...tagNames].filter(([, name]) => wordPatterns.some((p) => p.test(name))).map(([id]) => id));
  if (input.tag) usefulTags.add(input.tag);
  const tagsOf = contactTags(workbook, (tag) => usefulTags.has(tag));
  const variants = words.length ? phoneQuery(text, settingsOf(workbook).defaultCountry) : null;
  const phonePatterns = variants ? variants.map(digitsPattern) : [];
  const everyWord = (1 << wordPatterns.length) - 1;
  const columns = [...searched, ...custom];

  /** The words found in a row's cells and tags, as a bitmask; stops looking once all are found. */
  const wordsIn = (cells: readonly Cell[], id: string): number => {
    let found = 0;
    const look = (text: string) => {
      for (let w = 0; w < wordPatterns.length; w++) if (!(found & (1 << w)) && wordPatterns[w].test(text)) found |= 1 << w;
    };
    for (const c of columns) {
      const v = cells[c];
      if (v === '' || v === undefined) continue;
      look(typeof v === 'string' ? v : String(v));
      if (found === everyWord) return found;
    }
    for (const tag of tagsOf.get(id) ?? []) look(tagNames.get(tag) ?? '');
    return found;
  };
  const phoneIn = (cells: readonly Cell[]): boolean => phones.some((c) => cells[c] !== '' && phonePatterns.some((p) => p.test(String(cells[c]))));

  // The best `keep` candidates, kept sorted; most rows are compared with the worst kept one only.
  const best: Candidate[] = [];
  let total = 0;

  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    const id = str(cells, cId);
    if (!id || isTrue(cells[cDeleted]) || str(cells, cMerged)) continue;
    if (input.stage && effectiveStage(str(cells, cOverride), str(cells, cStage)) !== input.stage) continue;
    if (input.tag && !(tagsOf.get(id) ?? []).includes(input.tag)) continue;
    let score = 0;
    if (wordPatterns.length) {
      const textMatch = wordsIn(cells, id) === everyWord;
      if (!textMatch && !(phonePatterns.length && phoneIn(cells))) continue;
      score = textMatch ? -1 : 30;
    }
    // Last, because it is the dearest: the membership status, judged only for rows still in.
    if (input.members === 'members' || input.members === 'non_members') {
      const member = isMemberStatus(statuses!(id));
      if ((input.members === 'members') !== member) continue;
    }

    const isOrganisation = str(cells, cKind) === 'organisation';
    if (score < 0) score = rank(fold(isOrganisation ? str(cells, cOrg) : `${str(cells, cFirst)} ${str(cells, cLast)}`.trim()), folded, words);
    total++;
    if (best.length === keep) {
      const worst = best[keep - 1];
      if (score < worst.score) continue;
      // Most rows lose to the worst kept one on their first letter: no need to build their whole key.
      if (score === worst.score && fold(leadOf(cells, isOrganisation, cFirst, cLast, cOrg)) > worst.key.slice(0, 1)) continue;
      if (!before(score, () => sortKey(cells, isOrganisation, cFirst, cLast, cOrg), worst)) continue;
    }
    const candidate = { i, score, key: sortKey(cells, isOrganisation, cFirst, cLast, cOrg) };
    insertSorted(best, candidate, keep);
  }

  const page = best.slice(offset).map((c) => scan.record(c.i));
  const ids = new Set(page.map((c) => c.id));
  const statusOf = statuses ?? membershipStatuses(workbook, ids);
  const pageTags = contactTags(workbook, () => true, ids);
  const items = best.slice(offset).map((c, k) => hit(page[k], c.i, statusOf, pageTags, tagNames));
  return { total, offset, items };
}

/** Name matches rank first: the whole name, then its start, then a word of it, then any name match. */
function rank(nameKey: string, query: string, words: string[]): number {
  if (nameKey === query) return 100;
  if (nameKey.startsWith(query)) return 80;
  const nameWords = nameKey.split(/[\s'-]+/);
  if (words.every((w) => nameWords.some((n) => n.startsWith(w)))) return 60;
  if (words.every((w) => nameKey.includes(w))) return 40;
  return 10;
}

const isTrue = (cell: Cell | undefined) => cell === true || (typeof cell === 'string' && cell.toUpperCase() === 'TRUE');

function sortKey(cells: readonly Cell[], isOrganisation: boolean, cFirst: number, cLast: number, cOrg: number): string {
  const s = (c: number) => (c < 0 ? '' : String(cells[c] ?? ''));
  return fold(isOrganisation ? s(cOrg) : `${s(cLast)} ${s(cFirst)}`).trim();
}

/** The first character of the sort key. */
function leadOf(cells: readonly Cell[], isOrganisation: boolean, cFirst: number, cLast: number, cOrg: number): string {
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

function hit(contact: Contact, i: number, statuses: (id: string) => string, tagsOf: Map<string, string[]>, tagNames: Map<string, string>): SearchHit {
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
    tags: (tagsOf.get(contact.id) ?? []).map((t) => tagNames.get(t) ?? '').filter(Boolean).sort(),
    row: i + 2,
  };
}

function tagNamesById(workbook: Workbook): Map<string, string> {
  return new Map(workbook.table(Tags).all().map((t) => [t.id, t.name]));
}

/** Tag ids by contact, from the raw ContactTags cells: only the tags `wanted` says, and only for
 *  `contacts` when given. */
function contactTags(workbook: Workbook, wanted: (tagId: string) => boolean, contacts?: Set<string>): Map<string, string[]> {
  const scan = workbook.table(ContactTags).scan();
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
