import type { TableChanges } from './table';

/** Longest before/after text one audit row holds: a cell takes 50,000 characters. */
const MAX_JSON = 45000;

export interface AuditRow {
  action: string;
  table: string;
  record_id: string;
  before: string;
  after: string;
}

/** One change set → compact audit rows: one row per table touched, holding a JSON diff (only the
 *  fields that changed), split over several rows only when a cell would overflow. A single record's
 *  row names its id and holds its fields; a many-record row names every id and keys the JSON by id.
 *  Records only created (the usual bulk: an import, demo data) take one row listing their ids, its
 *  "after" the one mark they share ({"created":true,…}, not keyed by id). */
export function auditRows(action: string, changes: TableChanges[]): AuditRow[] {
  const out: AuditRow[] = [];
  for (const change of changes) {
    const onlyCreated = change.created.length > 1 && !change.updated.length && !change.deleted.length;
    const mark = onlyCreated ? json(createdMark(change.created[0])) : '';
    if (onlyCreated && change.created.every((r) => json(createdMark(r)) === mark)) {
      let ids: string[] = [];
      for (const r of change.created) {
        if (ids.join(' ').length + String(r.id).length + 1 > MAX_JSON) {
          out.push({ action, table: change.table, record_id: ids.join(' '), before: '', after: mark });
          ids = [];
        }
        ids.push(String(r.id));
      }
      out.push({ action, table: change.table, record_id: ids.join(' '), before: '', after: mark });
      continue;
    }
    const items: { id: string; before: unknown; after: unknown }[] = [
      // A created record is audited by its id (and its import batch): the record itself is in its table,
      // and copying it whole made the log most of the workbook's text (the cell budget is shared).
      ...change.created.map((r) => ({ id: String(r.id), before: null, after: createdMark(r) })),
      ...change.updated.map((u) => ({ id: u.id, before: clipAll(u.before), after: clipAll(u.after) })),
      ...change.deleted.map((r) => ({ id: String(r.id), before: compact(r), after: null })),
    ];
    if (!items.length) continue;
    if (items.length === 1) {
      const [only] = items;
      out.push({ action, table: change.table, record_id: only.id, before: json(only.before), after: json(only.after) });
      continue;
    }
    let ids: string[] = [];
    let before: Record<string, unknown> = {};
    let after: Record<string, unknown> = {};
    let size = 0;
    const push = () => {
      if (ids.length) out.push({ action, table: change.table, record_id: ids.join(' '), before: json(before), after: json(after) });
      ids = [];
      before = {};
      after = {};
      size = 0;
    };
    for (const item of items) {
      const cost = JSON.stringify(item.before ?? '').length + JSON.stringify(item.after ?? '').length + item.id.length * 3;
      if (size + cost > MAX_JSON || ids.join(' ').length + item.id.length > MAX_JSON) push();
      ids.push(item.id);
      if (item.before !== null) before[item.id] = item.before;
      if (item.after !== null) after[item.id] = item.after;
      size += cost;
    }
    push();
  }
  return out;
}

function createdMark(record: Record<string, unknown>): Record<string, unknown> {
  return record.import_batch ? { created: true, import_batch: record.import_batch } : { created: true };
}

/** A created or deleted record without its empty fields, so that the row stays short. */
function compact(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(clipAll(values))) {
    if (v === '' || v === undefined || v === null || (k === 'custom' && isEmptyObject(v))) continue;
    out[k] = v;
  }
  return out;
}

/** Clips giant values so that one record always fits one cell (the record itself keeps them whole). */
function clipAll(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'string' && v.length > 20000 ? `${v.slice(0, 20000)}… (${v.length} characters)` : v;
  return out;
}

const isEmptyObject = (v: unknown) => typeof v === 'object' && v !== null && Object.values(v).every((x) => x === '');
const json = (v: unknown) => (v === null ? '' : JSON.stringify(v));
