/** Undo: a one-click change (renew, a status, Done, Snooze, a deleted call) put back as it was, from
 *  its own audit rows. The answer of an undoable action names its audit rows (`undo`); sending them
 *  back here restores every record they describe, but only while each is still as the change left it:
 *  a record someone changed since is never overwritten (the Undo is refused, nothing is written). */
import { AuditLog, Contacts, ContactTags, Donations, Interactions, Memberships, Relationships, Tags, type TableDef } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import { sameValue } from '../../store/codec';
import { UserError } from '../../store/errors';
import type { Caller } from '../access';
import type { Cell } from '../../core/schema/columns';
import type { Fields } from '../../store/table';

/** A record's values as the audit log kept them, for a table known only at run time. */
type Restored = Fields<Record<string, string>>;

/** An action whose change needs more audit rows than this is not offered an Undo (imports have theirs). */
export const UNDO_MAX_ROWS = 12;

/** The tables an Undo may write: the contact record and its history. Staff, Settings, imports and the
 *  logs have their own ways back. */
const UNDOABLE: TableDef[] = [Contacts, Memberships, Donations, Interactions, Tags, ContactTags, Relationships];

const AUDIT_ID = /^aud_[0-9A-Z]{18}$/;

/** The token an action's answer carries for its Undo, or undefined when the change cannot be undone
 *  that way (nothing written, too many rows). */
export function undoTokenOf(auditIds: string[]): string | undefined {
  return auditIds.length && auditIds.length <= UNDO_MAX_ROWS ? auditIds.join(' ') : undefined;
}

type Step =
  | { kind: 'created'; table: TableDef; id: string; when: string }
  | { kind: 'updated'; table: TableDef; id: string; before: Record<string, unknown>; after: Record<string, unknown> }
  | { kind: 'deleted'; table: TableDef; id: string; before: Record<string, unknown> };

export interface Undone {
  /** How many records were put back. */
  records: number;
  /** The contacts whose card changed (to show again). */
  contact_ids: string[];
}

export function undoChange(workbook: Workbook, caller: Caller, token: string): Undone {
  const ids = token.split(' ').filter(Boolean);
  if (!ids.length || ids.length > UNDO_MAX_ROWS || !ids.every((id) => AUDIT_ID.test(id))) throw new UserError('invalid', 'error.undo_unknown');
  const log = workbook.table(AuditLog);
  log.prefetch('id', ids);
  const steps: Step[] = [];
  for (const id of ids) {
    const row = log.get(id);
    if (!row) throw new UserError('not_found', 'error.undo_unknown');
    if (row.who.trim().toLowerCase() !== caller.email && caller.role !== 'admin') throw new UserError('forbidden', 'error.undo_not_yours', { who: row.who });
    const table = UNDOABLE.find((t) => t.name === row.table);
    if (!table) throw new UserError('invalid', 'error.undo_not_here', { table: row.table });
    steps.push(...stepsOf(table, row.record_id, row.before, row.after, row.when));
  }
  const contacts = new Set<string>();
  // Every record is checked before anything is written: all of the change comes back, or none.
  for (const step of steps) check(workbook, step, contacts);
  for (const step of steps) apply(workbook, step);
  return { records: steps.length, contact_ids: [...contacts] };
}

/** One audit row → what each record it names went through (see auditRows in src/store/audit.ts). */
function stepsOf(table: TableDef, recordIds: string, beforeText: string, afterText: string, when: string): Step[] {
  const before = parse(beforeText);
  const after = parse(afterText);
  const ids = recordIds.split(' ').filter(Boolean);
  if (ids.length === 1) {
    const [id] = ids;
    if (!before && after?.created === true) return [{ kind: 'created', table, id, when }];
    if (before && after) return [{ kind: 'updated', table, id, before, after }];
    if (before && !after) return [{ kind: 'deleted', table, id, before }];
    throw new UserError('invalid', 'error.undo_unknown');
  }
  // Only created records share one mark; otherwise each record's fields are keyed by its id.
  if (!before && after?.created === true) return ids.map((id) => ({ kind: 'created', table, id, when }));
  return ids.map((id): Step => {
    const b = record(before?.[id]);
    const a = record(after?.[id]);
    if (b && a) return { kind: 'updated', table, id, before: b, after: a };
    if (b) return { kind: 'deleted', table, id, before: b };
    return { kind: 'created', table, id, when };
  });
}

function check(workbook: Workbook, step: Step, contacts: Set<string>): void {
  const table = workbook.table(step.table);
  const current = table.get(step.id) as (Record<string, unknown> & { custom?: Record<string, unknown> }) | undefined;
  const changedSince = () => new UserError('conflict', 'error.undo_changed_since', { table: step.table.name });
  if (step.kind === 'deleted') {
    if (current) throw changedSince();
    if (Object.values(step.before).some(clipped)) throw new UserError('invalid', 'error.undo_too_big');
    noteContact(step.table, { id: step.id, ...step.before }, contacts);
    return;
  }
  if (!current) throw changedSince();
  if (step.kind === 'created') {
    if (typeof current.updated_at === 'string' && current.updated_at > step.when) throw changedSince();
  } else {
    for (const [name, value] of Object.entries(step.after)) if (!sameValue(valueOf(step.table, current, name), value)) throw changedSince();
    if (Object.values(step.before).some(clipped)) throw new UserError('invalid', 'error.undo_too_big');
  }
  noteContact(step.table, current, contacts);
}

function apply(workbook: Workbook, step: Step): void {
  const table = workbook.table(step.table);
  if (step.kind === 'created') table.remove([step.id]);
  // The values come back from the audit log, as the table held them: its checks run again on write.
  else if (step.kind === 'updated') table.update(step.id, patchOf(step.table, step.before) as Restored);
  else {
    const { custom, updated_at: _stamp, ...fields } = step.before as Record<string, unknown> & { custom?: Record<string, Cell> };
    const values: Record<string, unknown> = { ...fields, id: step.id, ...(custom ? { custom } : {}) };
    table.insert([values as Restored], true);
  }
}

/** The fields an update changed, known columns as they are and custom ones under `custom` (the audit
 *  row keys both by their name). The stamp is the Undo's own. */
function patchOf(table: TableDef, values: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (name === 'updated_at') continue;
    if (name in table.columns) patch[name] = value;
    else custom[name] = value;
  }
  if (Object.keys(custom).length) patch.custom = custom;
  return patch;
}

function valueOf(table: TableDef, record: Record<string, unknown> & { custom?: Record<string, unknown> }, name: string): unknown {
  return name in table.columns ? record[name] : (record.custom?.[name] ?? '');
}

function noteContact(table: TableDef, record: Record<string, unknown>, contacts: Set<string>): void {
  const id = table === Contacts ? record.id : record.contact_id;
  if (typeof id === 'string' && id) contacts.add(id);
  if (table === Relationships) for (const side of ['contact_a', 'contact_b']) if (typeof record[side] === 'string' && record[side]) contacts.add(record[side] as string);
}

/** The audit log clips giant values (see clipAll): such a record cannot be put back whole. */
const clipped = (v: unknown) => typeof v === 'string' && v.length > 20000 && /… \(\d+ characters\)$/.test(v);

function parse(text: string): Record<string, unknown> | null {
  if (!text) return null;
  try {
    return record(JSON.parse(text));
  } catch {
    throw new UserError('invalid', 'error.undo_unknown');
  }
}

const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
