import { ContactTags, Contacts, Contact, Tags } from '../core/schema/tables';
import type { Cell } from '../core/schema/columns';
import { phoneMatches, phoneQuery } from '../core/phone';
import { effectiveStage } from '../core/lifecycle';
import { displayName, fold } from '../core/text';
import type { Workbook } from '../store/workbook';
import type { SearchHit, SearchInput, SearchPage } from './views';
import { isMemberStatus, membershipStatuses } from './memberships';
import { settingsOf } from './today';

/** Columns searched, besides tags and custom columns. */
const SEARCHED = ['first_name', 'last_name', 'organisation_name', 'email', 'email_2', 'phone', 'mobile', 'city', 'postal_code', 'job_title'];
const PHONES = ['phone', 'mobile'];
const NON_ASCII = /[^\x00-\x7f]/;
const MAX_LIMIT = 200;

/** Lower case without accents; most cells are plain ASCII, which skips the costly normalisation. */
const foldFast = (s: string) => (NON_ASCII.test(s) ? fold(s) : s.toLowerCase());

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
export function searchContacts(workbook: Workbook, input: SearchInput = {}): SearchPage {
  const scan = workbook.table(Contacts).scan();
  const col = (name: string) => scan.column(name);
  const [cId, cKind, cFirst, cLast, cOrg, cDeleted, cMerged, cStage, cOverride] = ['id', 'kind', 'first_name', 'last_name', 'organisation_name', 'deleted', 'merged_into', 'lifecycle_stage', 'lifecycle_override'].map(col);
  const searched = SEARCHED.map(col).filter((c) => c >= 0);
  const phones = PHONES.map(col).filter((c) => c >= 0);
  const custom = scan.customColumns();

  const statuses = membershipStatuses(workbook);
  const tagNames = tagNamesById(workbook);
  const tagsOf = contactTags(workbook);

  const text = (input.text ?? '').trim();
  const words = foldFast(text).split(/\s+/).filter(Boolean);
  const phoneVariants = text ? phoneQuery(text, settingsOf(workbook).defaultCountry) : null;
  const folded = words.join(' ');
  const offset = Math.max(0, input.offset ?? 0);
  const limit = Math.min(MAX_LIMIT, Math.max(1, input.limit ?? 25));
  const keep = offset + limit;

  // The best `keep` candidates, kept sorted; most rows are compared with the worst kept one only.
  const best: Candidate[] = [];
  let total = 0;
  const str = (cells: readonly Cell[], c: number) => (c < 0 ? '' : String(cells[c] ?? ''));

  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    const id = str(cells, cId);
    if (!id || isTrue(cells[cDeleted]) || str(cells, cMerged)) continue;
    if (input.members === 'members' || input.members === 'non_members') {
      const member = isMemberStatus(statuses.get(id) ?? '');
      if ((input.members === 'members') !== member) continue;
    }
    if (input.stage && effectiveStage(str(cells, cOverride), str(cells, cStage)) !== input.stage) continue;
    if (input.tag && !(tagsOf.get(id) ?? []).includes(input.tag)) continue;

    const isOrganisation = str(cells, cKind) === 'organisation';
    const name = isOrganisation ? str(cells, cOrg) : `${str(cells, cFirst)} ${str(cells, cLast)}`.trim();
    let score = 0;
    if (words.length) {
      const nameKey = foldFast(name);
      let haystack = nameKey;
      for (const c of searched) if (cells[c] !== '') haystack += '\u0001' + String(cells[c]);
      for (const c of custom) if (cells[c] !== '') haystack += '\u0001' + String(cells[c]);
      for (const tagId of tagsOf.get(id) ?? []) haystack += '\u0001' + (tagNames.get(tagId) ?? '');
      const hay = foldFast(haystack);
      const byText = words.every((w) => hay.includes(w));
      const byPhone = !byText && phoneVariants !== null && phones.some((c) => phoneMatches(String(cells[c] ?? ''), phoneVariants));
      if (!byText && !byPhone) continue;
      score = byPhone ? 30 : rank(nameKey, folded, words);
    }
    total++;
    if (best.length === keep && !before(score, () => sortKey(cells, isOrganisation, cFirst, cLast, cOrg), best[best.length - 1])) continue;
    const candidate = { i, score, key: sortKey(cells, isOrganisation, cFirst, cLast, cOrg) };
    insertSorted(best, candidate, keep);
  }

  const items = best.slice(offset).map((c) => hit(scan.record(c.i), c.i, statuses, tagsOf, tagNames));
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
  return foldFast(isOrganisation ? s(cOrg) : `${s(cLast)} ${s(cFirst)}`).trim();
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

function hit(contact: Contact, i: number, statuses: Map<string, string>, tagsOf: Map<string, string[]>, tagNames: Map<string, string>): SearchHit {
  const status = statuses.get(contact.id) ?? '';
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

/** Tag ids by contact, from the raw ContactTags cells. */
function contactTags(workbook: Workbook): Map<string, string[]> {
  const scan = workbook.table(ContactTags).scan();
  const cContact = scan.column('contact_id');
  const cTag = scan.column('tag_id');
  const out = new Map<string, string[]>();
  if (cContact < 0 || cTag < 0) return out;
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    const contact = String(cells[cContact]);
    const list = out.get(contact);
    if (list) list.push(String(cells[cTag]));
    else out.set(contact, [String(cells[cTag])]);
  }
  return out;
}
