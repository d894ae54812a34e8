/** One contact's lines in the search index, from raw cells exactly as the scan reads them: shared by
 *  the whole build (search-index.ts) and the patches our own writes append (search-index-patch.ts). */
import { Contact, Contacts } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import { effectiveStage } from '../../core/lifecycle';
import { fold } from '../../core/text';
import { decode } from '../../store/codec';
import type { TableScan } from '../../store/table';
import { isTrue, leadOf, PHONES, SEARCHED, sortKey } from './search';
import { Dates, escape, Field, LIST, oneLine, SHOWN, statusCode } from './search-index-format';

/** The fields a contact's own row makes (tags and members come from other tables). */
export const CONTACT_FIELDS = ['text', 'phones', 'lead', 'sortkey', 'namekey', 'stage', 'hits'] as const satisfies readonly Field[];
export type ContactLine = Record<(typeof CONTACT_FIELDS)[number], string> & { id: string };

/** For each scan row, its lines, or null when it is no searchable contact (deleted, merged, no id). */
export function contactLines(scan: TableScan<Contact>): (i: number) => ContactLine | null {
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
  const columns = [...SEARCHED.map(col).filter((c) => c >= 0), ...scan.customColumns()];
  const phones = PHONES.map(col).filter((c) => c >= 0);
  const shownColumns = SHOWN.map(col);
  const str = (cells: readonly Cell[], c: number) => (c < 0 ? '' : String(cells[c] ?? ''));
  return (i) => {
    const cells = scan.cells(i);
    const id = str(cells, cId);
    if (!id || isTrue(cells[cDeleted]) || str(cells, cMerged)) return null;
    const isOrganisation = str(cells, cKind) === 'organisation';
    // Searched cells joined by a space: a word (never a space) cannot match across two of them, as it
    // cannot across two cells. Line breaks become spaces, which a word cannot match either.
    const texts: string[] = [];
    for (const c of columns) {
      const v = cells[c];
      if (v === '' || v === undefined) continue;
      texts.push(oneLine(typeof v === 'string' ? v : String(v)));
    }
    return {
      id,
      text: texts.join(' '),
      // A phone pattern allows spaces (line breaks too), dots, dashes, slashes and brackets between
      // digits, never '|': a line starting with one, no match runs from one line into the next.
      phones: `|${phones.map((c) => (cells[c] === '' ? '' : oneLine(String(cells[c])))).join('|')}`,
      lead: escape(fold(leadOf(cells, isOrganisation, cFirst, cLast, cOrg))),
      sortkey: escape(sortKey(cells, isOrganisation, cFirst, cLast, cOrg)),
      namekey: escape(fold(isOrganisation ? str(cells, cOrg) : `${str(cells, cFirst)} ${str(cells, cLast)}`.trim())),
      stage: escape(effectiveStage(str(cells, cOverride), str(cells, cStage))),
      hits: JSON.stringify([scan.row(i), ...SHOWN.map((name, k) => (shownColumns[k] < 0 ? '' : decode(Contacts.columns[name], cells[shownColumns[k]] ?? '')))]),
    };
  };
}

export function tagsLine(tagIds: readonly string[]): string {
  return tagIds.map(escape).join(LIST);
}

/** A contact's memberships as the status rules read them, led by today's status as one letter. */
export function membersLine(own: Dates[] | undefined, status: () => string): string {
  return own ? statusCode(status()) + JSON.stringify(own) : '';
}

export function tagNamesLines(tagNames: Map<string, string>): string[] {
  return [...tagNames].map(([id, name]) => `${escape(id)}\t${escape(name)}`);
}
