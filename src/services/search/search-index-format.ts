/** How the search index is laid out in its sheet: its fields, one line per contact, and how values
 *  are escaped into lines. Shared by the writer (search-index.ts) and the reader
 *  (search-index-reader.ts). */
import { Memberships, MEMBERSHIP_STATUSES } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import { bestMembership, effectiveStatus, MembershipDates, MembershipRules, overrideFromCells } from '../../core/membership';
import type { Workbook } from '../../store/workbook';
import { decode } from '../../store/codec';

export const SEARCH_INDEX_SHEET = 'SearchIndex';

export const FORMAT = 1;
/** Characters per cell: under Sheets' 50,000 (MAX_CELL_CHARS) and Excel's 32,767 (the local .xlsx). */
export const INDEX_CELL_CHARS = 30000;

/** The fields of the index, each one line per contact (tagnames: one line per tag). */
export const FIELDS = ['text', 'phones', 'lead', 'sortkey', 'namekey', 'stage', 'tags', 'members', 'hits', 'tagnames'] as const;
export type Field = (typeof FIELDS)[number];

/** The Contacts columns a hit shows (decoded as the scan's records are). */
export const SHOWN = ['id', 'kind', 'first_name', 'last_name', 'organisation_name', 'email', 'phone', 'mobile', 'city', 'lifecycle_stage', 'lifecycle_override'] as const;

export type Dates = [string, string, string, boolean | '', string];

/** Each contact's memberships as the status rules read them, in sheet order (`only`: these contacts'). */
export function membershipsByContact(workbook: Workbook, only?: string[]): Map<string, Dates[]> {
  const table = workbook.table(Memberships);
  const scan = only ? table.scanWhere('contact_id', only) : table.scan();
  const [cContact, cJoin, cStart, cEnd, cPaid, cOverride, cStatus] = ['contact_id', 'join_date', 'start_date', 'end_date', 'paid', 'status_override', 'status'].map((c) => scan.column(c));
  const text = (cells: readonly Cell[], c: number) => (c < 0 ? '' : String(cells[c] ?? ''));
  const out = new Map<string, Dates[]>();
  if (cContact < 0) return out;
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    const paid = cPaid < 0 ? '' : (decode(Memberships.columns.paid, cells[cPaid] ?? '') as boolean | '');
    const dates: Dates = [text(cells, cJoin), text(cells, cStart), text(cells, cEnd), paid, overrideFromCells(text(cells, cOverride), text(cells, cStatus))];
    const contact = String(cells[cContact]);
    const list = out.get(contact);
    if (list) list.push(dates);
    else out.set(contact, [dates]);
  }
  return out;
}

/** A status as one letter ('?' for one we do not know: worked out again from the dates). */
export function statusCode(status: string): string {
  const k = (MEMBERSHIP_STATUSES as readonly string[]).indexOf(status);
  return k < 0 ? '?' : String.fromCharCode(65 + k);
}

/** The same rule as membershipStatuses: the best membership's status as of `today`. */
export function statusFromDates(list: Dates[], today: string, rules: MembershipRules): string {
  const all: MembershipDates[] = list.map(([join_date, start_date, end_date, paid, status_override]) => ({ join_date, start_date, end_date, paid, status_override }));
  if (all.length === 1) return effectiveStatus(all[0], today, rules);
  const best = bestMembership(all, today, rules);
  return best ? effectiveStatus(best, today, rules) : '';
}

// Lines are split on '\n', fields on '\t', lists on LIST; these and '\\' are escaped inside values.
export const LIST = '\u001f';
const ESCAPED = /[\\\t\n\r\u001f]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u001f': '\\u' };
const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r', u: '\u001f' };

export function escape(value: string): string {
  return value.replace(ESCAPED, (ch) => ESCAPES[ch]);
}

export function unescape(value: string): string {
  return value.indexOf('\\') < 0 ? value : value.replace(/\\([\s\S])/g, (_, ch: string) => UNESCAPES[ch] ?? ch);
}

export function oneLine(value: string): string {
  return value.indexOf('\n') < 0 ? value : value.replace(/\n/g, ' ');
}

export interface IndexMeta {
  format: number;
  generation: string;
  day: string;
  rules: MembershipRules;
  count: number;
  tags: number;
  starts: Record<string, number[]>;
}

/** A change to the index appended by one of our own writes (search-index-patch.ts): the lines of the
 *  contacts it changed, field by field, and the tag names when tags changed. `after`: the stamp of the
 *  build or patch it follows. */
export interface Patch {
  after: string;
  entries: { id: string; gone?: true; f?: Partial<Record<Field, string>> }[];
  tagnames?: string[];
}
