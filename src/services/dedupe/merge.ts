import { hasOptedOut } from '../../core/consent';
import { AuditLog, ContactTags, Contacts, Donations, Interactions, Memberships, Merges, Relationships, SegmentMembers, TABLES } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { sameValue } from '../../store/codec';
import { requireLiveContact } from '../record/contacts';
import { todayOf } from '../today';

export interface MergeRequest {
  /** The contact that stays. */
  keep: string;
  /** The contacts folded into it. */
  others: string[];
  /** For a field, the contact whose value to keep (default: the survivor's, else the first other's
   *  non-empty one). */
  choices?: Record<string, string>;
}

export interface MergeReport {
  merge: string;
  survivor: string;
  merged: string[];
  /** Rows moved to the survivor, by table. */
  moved: Record<string, number>;
  /** The survivor's fields that changed. */
  fields: string[];
}

/** Fields a merge never copies: who the record is, and what the CRM works out itself. */
const NOT_COPIED = new Set(['id', 'created_at', 'updated_at', 'merged_into', 'deleted', 'import_batch', 'lifecycle_stage']);
const MOVED_BY_CONTACT = [Memberships, Donations, Interactions];

/** Merges duplicates into one contact. Every linked row (memberships, gifts, interactions, tags,
 *  static segment lists, relationships, people of an organisation) moves to the survivor; the others are kept, marked
 *  `merged_into`, so nothing is lost and the merge can be undone. An unsubscribe on any of them wins.
 *  The caller commits, audited as `merge <id>` (what undo reads back). */
export function mergeContacts(workbook: Workbook, request: MergeRequest, who: string): MergeReport {
  const others = [...new Set(request.others)].filter((id) => id !== request.keep);
  if (!others.length) throw new UserError('invalid', 'error.merge_nothing');
  const survivor = requireLiveContact(workbook, request.keep);
  const merged = others.map((id) => requireLiveContact(workbook, id));
  const all = [survivor, ...merged];
  const contacts = workbook.table(Contacts);

  const patch: Record<string, unknown> = {};
  for (const name of Object.keys(Contacts.columns)) {
    if (NOT_COPIED.has(name)) continue;
    const chosen = request.choices?.[name];
    const from = chosen ? all.find((c) => c.id === chosen) : undefined;
    if (chosen && !from) throw new UserError('invalid', 'error.merge_choice', { field: name, id: chosen });
    const current = (survivor as Record<string, unknown>)[name];
    const value = from ? (from as Record<string, unknown>)[name] : isEmpty(current) ? merged.map((c) => (c as Record<string, unknown>)[name]).find((v) => !isEmpty(v)) : current;
    if (value !== undefined && !sameValue(value, current)) patch[name] = value;
  }
  // An unsubscribe always wins, whoever's values were chosen.
  if (all.some((c) => c.email_opt_out === true)) patch.email_opt_out = true;
  const refused = all.find((c) => c.newsletter_status === 'unsubscribed' || c.newsletter_status === 'cleaned');
  if (refused) patch.newsletter_status = refused.newsletter_status;
  // A second address is kept rather than lost.
  const email = String(patch.email ?? survivor.email).toLowerCase();
  if (!survivor.email_2 && !patch.email_2) {
    const spare = all.map((c) => c.email).find((e) => e && e.toLowerCase() !== email);
    if (spare) patch.email_2 = spare;
  }
  const custom: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(survivor.custom ?? {})) {
    const chosen = request.choices?.[name];
    const source = chosen ? all.find((c) => c.id === chosen) : undefined;
    const next = source ? (source.custom?.[name] ?? '') : value === '' ? (merged.map((c) => c.custom?.[name] ?? '').find((v) => v !== '') ?? '') : value;
    if (next !== value) custom[name] = next;
  }
  contacts.update(survivor.id, { ...patch, custom });

  const gone = new Set(others);
  const moved: Record<string, number> = {};
  for (const def of MOVED_BY_CONTACT) {
    const table = workbook.table(def);
    const rows = others.flatMap((id) => table.where('contact_id', id));
    for (const r of rows) table.update(r.id, { contact_id: survivor.id });
    moved[def.name] = rows.length;
  }
  moved[ContactTags.name] = moveTags(workbook, survivor.id, others);
  moved[SegmentMembers.name] = moveSegmentMembers(workbook, survivor.id, others);
  moved[Relationships.name] = moveRelationships(workbook, survivor.id, gone);
  // People of a merged organisation now work for the survivor.
  let people = 0;
  if (survivor.kind === 'organisation')
    for (const c of contacts.all())
      if (gone.has(c.organisation_id)) {
        contacts.update(c.id, { organisation_id: survivor.id });
        people++;
      }
  moved.people = people;

  for (const c of merged) contacts.update(c.id, { merged_into: survivor.id });
  const [record] = workbook.table(Merges).insert([{ survivor: survivor.id, merged: others.join(' '), who, when: workbook.clock.now().toISOString(), status: 'done' }]);
  return { merge: record.id, survivor: survivor.id, merged: others, moved, fields: [...Object.keys(patch), ...Object.keys(custom)] };
}

const isEmpty = (v: unknown) => v === '' || v === undefined || v === null;

/** Tags move to the survivor; a tag it already has is not linked twice (the extra link goes). */
function moveTags(workbook: Workbook, keep: string, others: string[]): number {
  const table = workbook.table(ContactTags);
  const has = new Set(table.where('contact_id', keep).map((ct) => ct.tag_id));
  let moved = 0;
  for (const id of others)
    for (const ct of table.where('contact_id', id)) {
      if (has.has(ct.tag_id)) table.remove([ct.id]);
      else {
        table.update(ct.id, { contact_id: keep });
        has.add(ct.tag_id);
      }
      moved++;
    }
  return moved;
}

/** Static segments list the survivor instead; a segment that lists it already keeps its own row and
 *  the other row goes (undo brings it back, like a tag link). */
function moveSegmentMembers(workbook: Workbook, keep: string, others: string[]): number {
  if (!workbook.sheetNames().has(SegmentMembers.name)) return 0;
  const table = workbook.table(SegmentMembers);
  const listed = new Set(table.where('contact_id', keep).map((m) => m.segment_id));
  let moved = 0;
  for (const id of others)
    for (const m of table.where('contact_id', id)) {
      if (listed.has(m.segment_id)) table.remove([m.id]);
      else {
        table.update(m.id, { contact_id: keep });
        listed.add(m.segment_id);
      }
      moved++;
    }
  return moved;
}

/** Relationships follow their contact. One that would now join the survivor to itself is ended, not
 *  deleted (undo brings it back). */
function moveRelationships(workbook: Workbook, keep: string, gone: Set<string>): number {
  const table = workbook.table(Relationships);
  const today = todayOf(workbook);
  let moved = 0;
  for (const id of gone)
    for (const r of [...table.where('contact_a', id), ...table.where('contact_b', id)]) {
      const a = gone.has(r.contact_a) ? keep : r.contact_a;
      const b = gone.has(r.contact_b) ? keep : r.contact_b;
      table.update(r.id, a === b ? { contact_a: a, contact_b: b, active: false, end_date: r.end_date || today } : { contact_a: a, contact_b: b });
      moved++;
    }
  return moved;
}

export interface UnmergeReport {
  merge: string;
  restored: number;
  /** Records changed since the merge: left as they are. */
  kept: string[];
}

/** Undoes a merge from its audit rows: every changed field gets its value back where it has not been
 *  changed since, and tag links the merge removed come back. */
/** What an opt-out is made of: never put back by an Undo over it. */
const CONSENT_FIELDS = ['newsletter_status', 'email_opt_out', 'opt_out_source', 'opt_out_at'];

export function undoMerge(workbook: Workbook, mergeId: string): UnmergeReport {
  const merges = workbook.table(Merges);
  const merge = merges.require(mergeId);
  if (merge.status === 'undone') throw new UserError('invalid', 'error.merge_undone', { merge: mergeId });
  const report: UnmergeReport = { merge: mergeId, restored: 0, kept: [] };
  for (const row of workbook.table(AuditLog).all()) {
    if (row.action !== `merge ${mergeId}`) continue;
    const def = TABLES.find((t) => t.name === row.table);
    if (!def || def === Merges) continue;
    const table = workbook.table(def);
    const ids = row.record_id.split(' ').filter(Boolean);
    const before = row.before ? (JSON.parse(row.before) as Record<string, unknown>) : {};
    const after = row.after ? (JSON.parse(row.after) as Record<string, unknown>) : {};
    const keyed = ids.length > 1 || ids.some((id) => id in before || id in after);
    for (const id of ids) {
      const b = (keyed ? before[id] : row.before ? before : null) as Record<string, unknown> | null | undefined;
      const a = (keyed ? after[id] : row.after ? after : null) as Record<string, unknown> | null | undefined;
      if (b && !a) {
        // A row the merge removed (a duplicate tag link): back it comes.
        const { id: _old, ...values } = b;
        void _old;
        table.insert([values]);
        report.restored++;
        continue;
      }
      if (!b || !a) continue;
      const current = table.get(id) as Record<string, unknown> | undefined;
      if (!current) continue;
      const value = (k: string) => (k in def.columns ? current[k] : ((current.custom as Record<string, unknown> | undefined)?.[k] ?? ''));
      if (!Object.entries(a).every(([k, v]) => k === 'updated_at' || sameValue(value(k), v))) {
        report.kept.push(id);
        continue;
      }
      const fields: Record<string, unknown> = {};
      const custom: Record<string, unknown> = {};
      // An unsubscribe always wins, even over an Undo: a survivor that took the opt-out of the person's
      // other record keeps it (core/consent.ts).
      const keepsOptOut = def.name === Contacts.name && hasOptedOut(current);
      for (const [k, v] of Object.entries(b)) {
        if (k === 'updated_at' || (keepsOptOut && CONSENT_FIELDS.includes(k))) continue;
        if (k in def.columns) fields[k] = v;
        else custom[k] = v;
      }
      table.update(id, Object.keys(custom).length ? { ...fields, custom } : fields);
      report.restored++;
    }
  }
  merges.update(mergeId, { status: 'undone', undone_at: workbook.clock.now().toISOString() });
  return report;
}
