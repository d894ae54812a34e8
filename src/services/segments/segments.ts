import { Contacts, RelationshipTypes, SegmentMembers, Segments, Segment, Tags, TriggerPoints } from '../../core/schema/tables';
import { QUERY_FIELDS, type QueryField, type QueryNode } from '../../core/query/tree';
import { parseQuery } from '../../core/query/parse';
import { translate } from '../../core/i18n';
import { fold } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { selectContacts } from '../query/query';
import { findSegment, parseSegmentQuery, sameName, segmentsNamedIn } from './segment-lookup';
import { memberColumnOf } from './member-column';
import { addMembers, listsInDatabase, liveContactIds, memberIds, memberPage, type MemberPage } from './segment-members';
import { removeViewTab, viewColumnsOf, writeViewTab } from './segment-views';

/** A segment as the sidebar and the CLI show it. */
export interface SegmentView {
  id: string;
  name: string;
  kind: 'static' | 'dynamic';
  query: string;
  description: string;
  count: number | '';
  refreshed_at: string;
  view_columns: string;
  view_sheet: string;
  owner: string;
}

export const segmentView = (s: Segment): SegmentView => ({
  id: s.id,
  name: s.name,
  kind: s.kind as SegmentView['kind'],
  query: s.query,
  description: s.description,
  count: s.count,
  refreshed_at: s.refreshed_at,
  view_columns: s.view_columns,
  view_sheet: s.view_sheet,
  owner: s.owner,
});

const byName = (a: { name: string }, b: { name: string }) => fold(a.name).localeCompare(fold(b.name));

export function listSegments(workbook: Workbook): { segments: SegmentView[] } {
  return { segments: workbook.table(Segments).all().map(segmentView).sort(byName) };
}

/** A segment and one page of its members: a dynamic one is evaluated now (its stored count is that of
 *  the last refresh), a static one lists its live contacts. */
export function getSegment(workbook: Workbook, idOrName: string, offset = 0, limit = 50): SegmentView & { members: MemberPage } {
  const segment = findSegment(workbook, idOrName);
  const column = segment.kind === 'dynamic' ? memberColumnOf(parseSegmentQuery(segment.query, segment.name)) : null;
  return { ...segmentView(segment), members: memberPage(workbook, memberIds(workbook, segment), offset, limit, column) };
}

/** Follows segment:"X" references from `tree` through the other segments' queries, with the segment
 *  being saved as it will be: an unknown segment or a loop back to it is refused before anything is
 *  evaluated (evaluation alone would miss a reference behind a condition nobody passes). */
function checkReferences(workbook: Workbook, saving: { id: string; name: string }, tree: QueryNode): void {
  const all = workbook.table(Segments).all();
  const visit = (node: QueryNode, path: string[]) => {
    for (const name of segmentsNamedIn(node)) {
      if (sameName(name, saving.name)) {
        if (!path.length) throw new UserError('invalid', 'error.segment_self', { name: saving.name });
        throw new UserError('invalid', 'error.segment_cycle', { name: saving.name, path: [saving.name, ...path, saving.name].join(' → ') });
      }
      const other = all.find((s) => s.id !== saving.id && sameName(s.name, name));
      if (!other) throw new UserError('not_found', 'error.query_segment', { name });
      if (other.kind !== 'dynamic' || !other.query.trim() || path.includes(other.name)) continue;
      visit(parseSegmentQuery(other.query, other.name), [...path, other.name]);
    }
  };
  visit(tree, []);
}

/** Who refers to a segment by name (other segments' queries) or by name or id (trigger points). */
export function segmentUsers(workbook: Workbook, segment: Segment, language: string): string[] {
  const users: string[] = [];
  for (const other of workbook.table(Segments).all()) {
    if (other.id === segment.id || other.kind !== 'dynamic' || !other.query.trim()) continue;
    const parsed = parseQuery(other.query);
    if (parsed.ok && segmentsNamedIn(parsed.tree).some((n) => sameName(n, segment.name))) users.push(translate(language, 'segments.used_by_segment', { name: other.name }));
  }
  if (workbook.sheetNames().has(TriggerPoints.name))
    for (const point of workbook.table(TriggerPoints).all())
      if (point.segment === segment.id || sameName(point.segment, segment.name)) users.push(translate(language, 'segments.used_by_point', { name: point.name }));
  return users;
}

export interface SaveSegmentInput {
  id?: string;
  name: string;
  kind: 'static' | 'dynamic';
  query?: string;
  description?: string;
  view_columns?: string | string[];
}

/** Creates or changes a segment. A dynamic one needs a query that reads and evaluates; it is counted
 *  now (and its view tab written). A static one saved with a query takes in the query's contacts once
 *  (a snapshot): its list never follows the query afterwards. */
export function saveSegment(workbook: Workbook, input: SaveSegmentInput, who: string, language: string): SegmentView {
  const table = workbook.table(Segments);
  const current = input.id ? findSegment(workbook, input.id) : undefined;
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) throw new UserError('invalid', 'error.segment_name_required');
  const other = table.all().find((s) => s.id !== current?.id && sameName(s.name, name));
  if (other) throw new UserError('invalid', 'error.segment_name_taken', { name, other: other.name });
  if (current && current.name !== name) {
    const users = segmentUsers(workbook, current, language);
    if (users.length) throw new UserError('invalid', 'error.segment_renamed_in_use', { name: current.name, users: users.join(', ') });
  }

  const kind = input.kind;
  const query = (input.query ?? (current?.kind === 'dynamic' ? current.query : '')).trim();
  if (kind === 'dynamic' && !query) throw new UserError('invalid', 'error.segment_query_required');
  const tree = query ? parseSegmentQuery(query) : null;
  if (tree) checkReferences(workbook, { id: current?.id ?? '', name }, tree);
  if (current?.kind === 'static' && kind === 'dynamic') {
    const listed = workbook.table(SegmentMembers).where('segment_id', current.id).length;
    if (listed) throw new UserError('invalid', 'error.segment_static_members', { name: current.name, count: listed });
  }
  // A static segment has no view tab: one turned static loses its tab, and asking for one is refused.
  const columns = viewColumnsOf(workbook, input.view_columns ?? (kind === 'dynamic' ? (current?.view_columns ?? '') : ''));
  if (columns.length && kind === 'static') throw new UserError('invalid', 'error.segment_view_static', { name });

  const values = {
    name,
    kind,
    // A static segment's query served once: keeping it would make it look like it still applies.
    query: kind === 'dynamic' ? query : '',
    description: input.description ?? current?.description ?? '',
    view_columns: columns.join(', '),
  };
  const saved = current ? table.update(current.id, values) : table.insert([{ ...values, owner: who }])[0];
  if (kind === 'static') {
    if (tree) addMembers(workbook, saved, selectContacts(workbook, tree, [saved.id]), who);
    if (current?.view_sheet) removeViewTab(workbook, current.view_sheet);
    const count = memberIds(workbook, saved).length;
    return segmentView(table.update(saved.id, { count, view_sheet: '' }));
  }
  const ids = selectContacts(workbook, tree!, [saved.id]);
  return segmentView(refreshed(workbook, saved, ids, language));
}

/** Writes a dynamic segment's count, refresh time and view tab (or removes a tab no longer wanted). */
function refreshed(workbook: Workbook, segment: Segment, ids: string[], language: string): Segment {
  const columns = viewColumnsOf(workbook, segment.view_columns);
  const viewSheet = columns.length ? writeViewTab(workbook, segment, columns, ids, language) : '';
  if (!columns.length && segment.view_sheet) removeViewTab(workbook, segment.view_sheet);
  return workbook.table(Segments).update(segment.id, {
    count: ids.length,
    refreshed_at: workbook.clock.now().toISOString(),
    view_sheet: viewSheet,
    // A refresh is not an edit: the segment keeps the date it was last changed.
    updated_at: segment.updated_at || undefined,
  });
}

export interface RefreshReport {
  refreshed: { id: string; name: string; count: number }[];
  /** Segments whose query no longer reads or evaluates (a segment it names was deleted...): left as
   *  they were, so that one broken segment does not stop the nightly refresh of the others. */
  failed: { id: string; name: string; message: string }[];
}

/** Re-evaluates one dynamic segment, or all of them: every segment shares one gathering of facts
 *  (one read per table), which is what lets the nightly trigger refresh them all in one execution. */
export function refreshSegments(workbook: Workbook, language: string, idOrName?: string): RefreshReport {
  const report: RefreshReport = { refreshed: [], failed: [] };
  if (idOrName) {
    const segment = findSegment(workbook, idOrName);
    if (segment.kind !== 'dynamic') throw new UserError('invalid', 'error.segment_refresh_static', { name: segment.name });
    const done = refreshed(workbook, segment, selectContacts(workbook, parseSegmentQuery(segment.query, segment.name), [segment.id]), language);
    report.refreshed.push({ id: done.id, name: done.name, count: done.count as number });
    return report;
  }
  const all = workbook.table(Segments).all();
  // Every selection is made before anything is written, so that the database answers each one (it
  // cannot see what this execution has not written yet).
  const statics = all.filter((s) => s.kind === 'static');
  const live = statics.length && !listsInDatabase(workbook) ? liveContactIds(workbook) : undefined;
  const staticCounts = statics.map((segment) => memberIds(workbook, segment, live).length);
  const dynamic = all.filter((s) => s.kind === 'dynamic').sort(byName);
  const selections = dynamic.map((segment) => {
    try {
      return { segment, ids: selectContacts(workbook, parseSegmentQuery(segment.query, segment.name), [segment.id]) };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return { segment, error };
    }
  });
  // Static lists lose contacts that are deleted or merged away: their counts are kept true too.
  statics.forEach((segment, k) => {
    if (staticCounts[k] !== segment.count) workbook.table(Segments).update(segment.id, { count: staticCounts[k], updated_at: segment.updated_at || undefined });
  });
  for (const { segment, ids, error } of selections) {
    if (error) {
      report.failed.push({ id: segment.id, name: segment.name, message: translate(language, error.key, error.params) });
      continue;
    }
    const done = refreshed(workbook, segment, ids, language);
    report.refreshed.push({ id: done.id, name: done.name, count: ids.length });
  }
  return report;
}

/** Deletes a segment, its list and its view tab; refused while another segment or a trigger point
 *  names it. */
export function deleteSegment(workbook: Workbook, idOrName: string, language: string): { deleted: string } {
  const segment = findSegment(workbook, idOrName);
  const users = segmentUsers(workbook, segment, language);
  if (users.length) throw new UserError('invalid', 'error.segment_in_use', { name: segment.name, users: users.join(', ') });
  const members = workbook.table(SegmentMembers);
  members.remove(members.where('segment_id', segment.id).map((m) => m.id));
  if (segment.view_sheet) removeViewTab(workbook, segment.view_sheet);
  workbook.table(Segments).remove([segment.id]);
  return { deleted: segment.id };
}

export interface QueryOptions {
  fields: readonly QueryField[];
  custom: string[];
  tags: string[];
  segments: string[];
  relationships: string[];
}

/** What the builder's dropdowns offer: fields, the sheet's custom columns, tags, segments and
 *  relationship labels from both sides. Reads headers and small tables only. */
export function queryOptions(workbook: Workbook): QueryOptions {
  const sorted = (names: string[]) => [...new Set(names.filter((n) => n.trim()))].sort((a, b) => fold(a).localeCompare(fold(b)));
  const header = workbook.header(Contacts.name);
  const labels = workbook
    .rowsOf(RelationshipTypes)
    .filter((t) => t.active !== false)
    .flatMap((t) => (t.symmetric === true ? [t.label_a_to_b] : [t.label_a_to_b, t.label_b_to_a]));
  return {
    fields: QUERY_FIELDS,
    custom: header.filter((h) => h.trim() && !(h.trim().toLowerCase() in Contacts.columns)),
    tags: sorted(
      workbook
        .table(Tags)
        .all()
        .map((t) => t.name),
    ),
    segments: sorted(
      workbook
        .table(Segments)
        .all()
        .map((s) => s.name),
    ),
    relationships: sorted(labels),
  };
}
