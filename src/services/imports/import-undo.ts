import { AuditLog, ContactTags, Contacts, Donations, ImportFiles, Imports, Interactions, Memberships } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import type { Cell } from '../../core/schema/columns';
import { UserError } from '../../store/errors';
import { sameValue } from '../../store/codec';

export interface UndoReport {
  batch: string;
  removed: number;
  restored: number;
  /** Contacts changed since the import: left as they are, named so a person can look. */
  kept: { id: string; reason: 'changed_since' }[];
}

type Fields = Record<string, unknown>;

/** Undoes an import: the contacts it created are removed, the ones it updated get their previous
 *  values back (from the audit rows the import wrote), and the tags links, memberships, gifts and notes
 *  it added go — but only where nothing changed since: a contact edited after the import is kept as it
 *  is and listed. Undoing twice is refused. The caller commits (audited). */
export function undoImport(workbook: Workbook, batchId: string): UndoReport {
  const imports = workbook.table(Imports);
  const batch = imports.require(batchId);
  if (batch.status === 'undone') throw new UserError('invalid', 'error.import_undone', { batch: batchId });
  const { created, updated } = contactChanges(workbook, batchId);
  const contacts = workbook.table(Contacts);
  const report: UndoReport = { batch: batchId, removed: 0, restored: 0, kept: [] };

  const removable: string[] = [];
  for (const id of created) {
    const c = contacts.get(id);
    if (!c) continue;
    if (c.import_batch === batchId && c.updated_at === c.created_at) removable.push(id);
    else report.kept.push({ id, reason: 'changed_since' });
  }
  for (const [id, { before, after }] of updated) {
    const c = contacts.get(id) as Fields | undefined;
    if (!c) continue;
    const unchanged = Object.entries(after).every(([k, v]) => k === 'updated_at' || sameValue(k in c ? c[k] : ((c.custom as Fields | undefined)?.[k] ?? ''), v));
    if (!unchanged) {
      report.kept.push({ id, reason: 'changed_since' });
      continue;
    }
    const fields: Fields = {};
    const custom: Record<string, Cell> = {};
    for (const [k, v] of Object.entries(before)) {
      if (k === 'updated_at') continue;
      if (k in Contacts.columns) fields[k] = v;
      else custom[k] = v as Cell;
    }
    contacts.update(id, { ...fields, custom });
    report.restored++;
  }

  // What the import added goes; a created contact that has since got rows of its own (a call logged,
  // a gift recorded) stays, so that nothing is left pointing at nothing.
  const linked = [ContactTags, Memberships, Donations, Interactions].map((def) => workbook.table(def));
  const laterLinks = new Set<string>();
  for (const table of linked) for (const r of table.all()) if (r.import_batch !== batchId) laterLinks.add(r.contact_id);
  for (let k = removable.length - 1; k >= 0; k--)
    if (laterLinks.has(removable[k])) {
      report.kept.push({ id: removable[k], reason: 'changed_since' });
      removable.splice(k, 1);
    }
  for (const table of linked)
    table.remove(
      table
        .all()
        .filter((r) => r.import_batch === batchId)
        .map((r) => r.id),
    );
  contacts.remove(removable);
  report.removed = removable.length;
  imports.update(batchId, { status: 'undone', undone_at: workbook.clock.now().toISOString() });
  // A big import undone before its last chunk: its staged file goes too.
  const staged = workbook.table(ImportFiles);
  staged.remove(staged.where('batch', batchId).map((p) => p.id));
  return report;
}

/** What the import did to Contacts, read back from its audit rows. */
function contactChanges(workbook: Workbook, batchId: string): { created: string[]; updated: Map<string, { before: Fields; after: Fields }> } {
  const created: string[] = [];
  const updated = new Map<string, { before: Fields; after: Fields }>();
  for (const row of workbook.table(AuditLog).all()) {
    if (row.action !== `import ${batchId}` || row.table !== Contacts.name) continue;
    const ids = row.record_id.split(' ').filter(Boolean);
    const before = row.before ? (JSON.parse(row.before) as Fields) : {};
    const after = row.after ? (JSON.parse(row.after) as Fields) : {};
    // Records only created share one unkeyed mark (see store/audit.ts).
    if (!row.before && after.created === true) {
      created.push(...ids);
      continue;
    }
    // One record: the JSON holds its fields; several: the JSON is keyed by id.
    const keyed = ids.length > 1 || ids.some((id) => id in before || id in after);
    for (const id of ids) {
      const b = (keyed ? before[id] : row.before ? before : null) as Fields | null | undefined;
      const a = (keyed ? after[id] : row.after ? after : null) as Fields | null | undefined;
      if (!b && a) created.push(id);
      else if (b && a) updated.set(id, { before: b, after: a });
    }
  }
  return { created, updated };
}
