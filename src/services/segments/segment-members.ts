import { Contacts, Memberships, SegmentMembers, Segments, Segment } from '../../core/schema/tables';
import { bestMembership, effectiveStatus } from '../../core/membership';
import { displayName, fold } from '../../core/text';
import type { SelectedRows } from '../../ports/selection';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { decode } from '../../store/codec';
import { matchesContact, selectContacts } from '../query/query';
import { LIVE_CONTACT } from '../query/query-sql';
import { sqlTable } from '../../store/sql/sql-types';
import { findSegment, parseSegmentQuery } from './segment-lookup';
import { settingsOf, todayOf } from '../today';
import { memberValues, sortByColumn, type MemberColumn } from './member-column';

export interface MemberPage {
  total: number;
  offset: number;
  /** The column that matters for this segment (see segments/member-column.ts), when it has one. */
  column?: MemberColumn;
  /** `value`: the member's value in that column ('' when none). */
  items: { id: string; name: string; email: string; membership_status: string; value?: string | number }[];
}

/** True when a static list's members are best looked up by the database (it holds the lists and the
 *  contacts, and every change of this execution): no table is then read whole. */
export function listsInDatabase(workbook: Workbook): boolean {
  return workbook.answersInDatabase(SegmentMembers.name, Contacts.name);
}

/** The live contacts (not deleted, not merged), in sheet order, from raw cells: nothing is decoded. */
export function liveContactIds(workbook: Workbook): string[] {
  const scan = workbook.table(Contacts).scan();
  const [cId, cDeleted, cMerged] = ['id', 'deleted', 'merged_into'].map((c) => scan.column(c));
  const out: string[] = [];
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    if (cDeleted >= 0 && decode(Contacts.columns.deleted, cells[cDeleted]) === true) continue;
    if (cMerged >= 0 && cells[cMerged] !== '') continue;
    if (cells[cId] !== '') out.push(String(cells[cId]));
  }
  return out;
}

/** A segment's live contacts in sheet order: a static one's list, a dynamic one's query evaluated now. */
export function memberIds(workbook: Workbook, segment: Segment, live?: string[]): string[] {
  if (segment.kind === 'dynamic') return selectContacts(workbook, parseSegmentQuery(segment.query, segment.name), [segment.id]);
  if (listsInDatabase(workbook)) {
    const { rows } = workbook.database!.sql.queryArrays(
      `SELECT c."id" FROM contacts c WHERE ${LIVE_CONTACT} AND c."id" IN (SELECT m."contact_id" FROM ${sqlTable(SegmentMembers.name)} m WHERE m."segment_id" = $1) ORDER BY c."_seq"`,
      [segment.id],
    );
    return rows.map((r) => String(r[0]));
  }
  const listed = new Set(
    workbook
      .table(SegmentMembers)
      .where('segment_id', segment.id)
      .map((m) => m.contact_id),
  );
  return (live ?? liveContactIds(workbook)).filter((id) => listed.has(id));
}

/** One page of members with what a list shows: name, email, membership status as of today. */
export function memberPage(workbook: Workbook, all: string[], offset: number, limit: number, column: MemberColumn | null = null): MemberPage {
  // Sorted by the column that matters, when there is one.
  const values = column ? memberValues(workbook, column, all) : null;
  const ids = column && values ? sortByColumn(all, column, values) : all;
  const page = ids.slice(offset, offset + limit);
  const wanted = new Set(page);
  const memberships = new Map<string, ReturnType<typeof membershipsOfTable>>();
  for (const m of membershipsOfTable(workbook)) if (wanted.has(m.contact_id)) (memberships.get(m.contact_id) ?? memberships.set(m.contact_id, []).get(m.contact_id)!).push(m);
  const today = todayOf(workbook);
  const rules = settingsOf(workbook).membership;
  const contacts = workbook.table(Contacts);
  const items = page.map((id) => {
    const c = contacts.require(id);
    const best = bestMembership(memberships.get(id) ?? [], today, rules);
    const item = { id, name: displayName(c), email: c.email, membership_status: best ? effectiveStatus(best, today, rules) : '' };
    return values ? { ...item, value: values.get(id) ?? '' } : item;
  });
  return column ? { total: ids.length, offset, column, items } : { total: ids.length, offset, items };
}

const membershipsOfTable = (workbook: Workbook) => workbook.table(Memberships).all();

function requireStatic(workbook: Workbook, idOrName: string): Segment {
  const segment = findSegment(workbook, idOrName);
  if (segment.kind !== 'static') throw new UserError('invalid', 'error.segment_not_static', { name: segment.name });
  return segment;
}

/** Lists contacts in a static segment, never twice. Returns how many were new and how many were
 *  there already. The caller has checked that the contacts are live. */
export function addMembers(workbook: Workbook, segment: Segment, contactIds: string[], who: string): { added: number; already: number } {
  const table = workbook.table(SegmentMembers);
  const listed = new Set(table.where('segment_id', segment.id).map((m) => m.contact_id));
  const now = workbook.clock.now().toISOString();
  const fresh = [...new Set(contactIds)].filter((id) => !listed.has(id));
  table.insert(fresh.map((contact_id) => ({ segment_id: segment.id, contact_id, added_at: now, added_by: who })));
  return { added: fresh.length, already: new Set(contactIds).size - fresh.length };
}

/** Keeps a static segment's stored count in step with its list. */
function recount(workbook: Workbook, segment: Segment): void {
  workbook.table(Segments).update(segment.id, { count: memberIds(workbook, segment).length });
}

/** Adds contacts (ids from a search, from the card) to a static segment. Every id must be a live
 *  contact: the ones that are not are named and nothing is added. */
export function addToSegment(workbook: Workbook, idOrName: string, contactIds: string[], who: string): { added: number; already: number } {
  const segment = requireStatic(workbook, idOrName);
  const contacts = workbook.table(Contacts);
  const refused = [...new Set(contactIds)].filter((id) => {
    const c = contacts.get(id);
    return !c || c.deleted === true || !!c.merged_into;
  });
  if (refused.length) {
    const shown = refused.slice(0, 10).join(', ') + (refused.length > 10 ? ` (+${refused.length - 10})` : '');
    throw new UserError('invalid', 'error.segment_unknown_contacts', { name: segment.name, ids: shown });
  }
  const result = addMembers(workbook, segment, contactIds, who);
  if (result.added) recount(workbook, segment);
  return result;
}

export function removeFromSegment(workbook: Workbook, idOrName: string, contactIds: string[]): { removed: number } {
  const segment = requireStatic(workbook, idOrName);
  const gone = new Set(contactIds);
  const table = workbook.table(SegmentMembers);
  const rows = table.where('segment_id', segment.id).filter((m) => gone.has(m.contact_id));
  table.remove(rows.map((m) => m.id));
  if (rows.length) recount(workbook, segment);
  return { removed: rows.length };
}

/** Adds the contacts of the rows highlighted in the Contacts sheet. Rows of deleted or merged contacts
 *  (and the header) are passed over and counted as skipped: a block selected by hand often has some. */
export function addSelectionToSegment(workbook: Workbook, idOrName: string, selected: SelectedRows | null, who: string): { added: number; already: number; skipped: number } {
  const segment = requireStatic(workbook, idOrName);
  if (!selected) throw new UserError('invalid', 'error.segment_selection_none');
  if (selected.sheet !== Contacts.name) throw new UserError('invalid', 'error.segment_selection_not_contacts', { sheet: selected.sheet });
  const scan = workbook.table(Contacts).scan();
  const cId = scan.column('id');
  const live = new Set(liveContactIds(workbook));
  const ids: string[] = [];
  let skipped = 0;
  for (const { row, count } of selected.ranges)
    for (let r = Math.max(2, row); r < row + count && r - 2 < scan.size; r++) {
      const id = cId >= 0 ? String(scan.cells(r - 2)[cId] ?? '') : '';
      if (live.has(id)) ids.push(id);
      else if (id) skipped++;
    }
  if (!ids.length) throw new UserError('invalid', 'error.segment_selection_empty');
  const result = addMembers(workbook, segment, ids, who);
  if (result.added) recount(workbook, segment);
  return { ...result, skipped };
}

/** The segments a contact is in, for its card: the static lists naming it, and the dynamic segments
 *  whose query selects it (one parse each; a segment whose query fails is left out, not an error on
 *  the card). Reads Segments, and SegmentMembers only when there are static segments. */
export function segmentsOfContact(workbook: Workbook, contactId: string): { id: string; name: string }[] {
  if (!workbook.sheetNames().has(Segments.name)) return [];
  const segments = workbook.rowsOf(Segments);
  const listed = segments.some((s) => s.kind === 'static')
    ? new Set(
        workbook
          .table(SegmentMembers)
          .where('contact_id', contactId)
          .map((m) => m.segment_id),
      )
    : new Set<string>();
  const out: { id: string; name: string }[] = [];
  for (const s of segments) {
    let inIt = false;
    if (s.kind === 'static') inIt = listed.has(s.id);
    else if (s.query.trim()) {
      try {
        inIt = matchesContact(workbook, parseSegmentQuery(s.query, s.name), contactId, [s.id]);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
      }
    }
    if (inIt) out.push({ id: s.id, name: s.name });
  }
  return out.sort((a, b) => fold(a.name).localeCompare(fold(b.name)));
}
