import { ContactTags, Contacts, Contact, Donations, Imports, Interactions, Tags, IMPORT_MODES } from '../core/schema/tables';
import { buildDrafts, decodeBytes, detectEncoding, headerSignature, isTarget, mapHeaders, parseDelimited } from '../core/import';
import type { ColumnMapping, DateOrder, Encoding, ImportDraft } from '../core/import';
import { fold } from '../core/text';
import { translate } from '../core/i18n';
import type { Workbook } from '../store/workbook';
import { UserError } from '../store/errors';
import { ContactIndex, Identity } from './import-matching';
import { settingsOf } from './today';
import { addMembership, NewMembership } from './memberships';

export type ImportMode = (typeof IMPORT_MODES)[number];

export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
  /** Detected when not given. */
  encoding?: Encoding;
  /** Detected when not given. */
  delimiter?: string;
  /** The mapping the person confirmed; the automatic one when not given. */
  mapping?: ColumnMapping[];
  dateOrder?: DateOrder;
  mode: ImportMode;
  dryRun: boolean;
}

/** Where the mappings people confirmed are kept, by the file's header signature (document
 *  properties in Google), so the next file with the same headers maps itself the same way. */
export interface MappingMemory {
  get(signature: string): ColumnMapping[] | null;
  set(signature: string, mapping: ColumnMapping[]): void;
}

export interface ImportReport {
  /** The batch id ('' for a dry run, which writes nothing). */
  batch: string;
  file: string;
  mode: ImportMode;
  dry_run: boolean;
  encoding: Encoding;
  delimiter: string;
  mapping: ColumnMapping[];
  /** The mapping came from the last import of a file with the same headers. */
  mapping_remembered: boolean;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  duplicates_in_file: number;
  errors: { row: number; column: string; message: string }[];
}

/** Fields an import never takes away: an unsubscribe always wins. */
const NEVER_UNDONE: Record<string, (current: unknown, next: unknown) => boolean> = {
  email_opt_out: (current, next) => current === true && next !== true,
  newsletter_status: (current, next) => (current === 'unsubscribed' || current === 'cleaned') && next !== current,
};

/** Imports a file of contacts: decode, parse, map, read every row, match it against the CRM on strong
 *  evidence, then (unless a dry run) create, update or fill contacts and add their tags, memberships,
 *  gifts and notes, all carrying the batch id. Nothing from the file is evaluated; an invalid row is
 *  reported with its line, column and reason and written nowhere. The caller commits (audited under
 *  `import <batch>`, which is what undo reads back). */
export function runImport(workbook: Workbook, request: ImportRequest, who: string, language: string, memory?: MappingMemory): ImportReport {
  const encoding = request.encoding ?? detectEncoding(request.bytes);
  const parsed = parseDelimited(decodeBytes(request.bytes, encoding), request.delimiter ? { delimiter: request.delimiter } : undefined);
  if (!parsed.header.length) throw new UserError('invalid', 'error.import_empty', { file: request.fileName });
  const signature = headerSignature(parsed.header);
  const remembered = request.mapping ? null : rememberedMapping(memory, signature, parsed.header);
  const mapping = request.mapping ?? remembered ?? mapHeaders(parsed.header);
  const { drafts, errors } = buildDrafts(parsed, mapping, request.dateOrder ? { dateOrder: request.dateOrder } : undefined);
  const report: ImportReport = {
    batch: '',
    file: request.fileName,
    mode: request.mode,
    dry_run: request.dryRun,
    encoding,
    delimiter: parsed.delimiter,
    mapping,
    mapping_remembered: remembered !== null,
    rows: parsed.rows.length,
    created: 0,
    updated: 0,
    skipped: 0,
    duplicates_in_file: 0,
    errors: [
      ...parsed.problems.map((p) => ({ row: p.line, column: '', message: translate(language, p.key, p.params) })),
      ...errors.map((e) => ({ row: e.line, column: e.column, message: translate(language, e.key, e.params) })),
    ],
  };

  const contacts = workbook.table(Contacts);
  const index = new ContactIndex(request.mode === 'none' ? [] : contacts.all());
  const seen = new ContactIndex([]);
  const plan: { draft: ImportDraft; match: Contact | null }[] = [];
  for (const draft of drafts) {
    const identity = identityOf(draft);
    if (request.mode !== 'none' && seen.match(identity)) {
      report.duplicates_in_file++;
      continue;
    }
    seen.add({ ...(draft.contact as unknown as Contact), id: `line-${draft.line}`, external_id: draft.external_id, deleted: false, merged_into: '' });
    plan.push({ draft, match: request.mode === 'none' ? null : index.match(identity) });
  }

  if (request.dryRun) {
    for (const { match } of plan) {
      if (!match) report.created++;
      else if (request.mode === 'skip') report.skipped++;
      else report.updated++;
    }
    return report;
  }

  if (request.mapping && memory) memory.set(signature, request.mapping);
  const [batch] = workbook.table(Imports).insert([{ file_name: request.fileName, mode: request.mode, status: 'running', who, started_at: workbook.clock.now().toISOString(), encoding, delimiter: parsed.delimiter, mapping: JSON.stringify(mapping) }]);
  report.batch = batch.id;
  const customNames = customColumnNames(contacts.customColumns(), plan.map((p) => p.draft));
  contacts.ensureCustomColumns([...new Set(Object.values(customNames))]);
  const links = new LinkedRows(workbook, batch.id, who, settingsOf(workbook).currency);

  for (const { draft, match } of plan) {
    const custom: Record<string, string> = {};
    for (const [header, value] of Object.entries(draft.custom)) custom[customNames[header]] = value;
    let contactId: string;
    if (!match) {
      const [created] = contacts.insert([{ kind: 'person', newsletter_status: 'never', source: request.fileName, ...draft.contact, external_id: draft.external_id, import_batch: batch.id, custom }]);
      contactId = created.id;
      report.created++;
    } else if (request.mode === 'skip') {
      report.skipped++;
      continue;
    } else {
      const patch = changes(match, { ...draft.contact, ...(draft.external_id ? { external_id: draft.external_id } : {}) }, custom, request.mode === 'fill');
      contactId = match.id;
      if (Object.keys(patch.fields).length || Object.keys(patch.custom).length) {
        contacts.update(match.id, { ...patch.fields, custom: patch.custom, import_batch: batch.id });
        report.updated++;
      } else report.skipped++;
    }
    try {
      links.add(contactId, draft);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // The contact is in; what hangs off it on this row is not, and the report says why.
      report.errors.push({ row: draft.line, column: '', message: messageOf(language, error) });
    }
  }
  workbook.table(Imports).update(batch.id, {
    status: 'done',
    finished_at: workbook.clock.now().toISOString(),
    rows: report.rows,
    created: report.created,
    updated: report.updated,
    skipped: report.skipped,
    duplicates_in_file: report.duplicates_in_file,
    errors: report.errors.length,
  });
  return report;
}

/** A remembered mapping, if it still fits this file's headers exactly. */
function rememberedMapping(memory: MappingMemory | undefined, signature: string, headers: string[]): ColumnMapping[] | null {
  const found = memory?.get(signature) ?? null;
  if (!found || found.length !== headers.length || !found.every((m, i) => m.header === headers[i] && isTarget(m.target))) return null;
  return found;
}

function messageOf(language: string, error: UserError): string {
  const params = { ...error.params };
  if (typeof params.reasonKey === 'string') params.reason = translate(language, params.reasonKey, params);
  return translate(language, error.key, params);
}

function identityOf(draft: ImportDraft): Identity {
  const c = draft.contact as Record<string, string>;
  return { external_id: draft.external_id, email: c.email ?? '', first_name: c.first_name ?? '', last_name: c.last_name ?? '', organisation_name: c.organisation_name ?? '', kind: c.kind ?? 'person' };
}

/** File headers → the custom column they go to: an existing one of that name whatever its case. */
function customColumnNames(existing: string[], drafts: ImportDraft[]): Record<string, string> {
  const byFolded = new Map(existing.map((name) => [fold(name), name]));
  const out: Record<string, string> = {};
  for (const d of drafts) for (const header of Object.keys(d.custom)) out[header] ??= byFolded.get(fold(header)) ?? header;
  return out;
}

/** What updating (or filling) a contact with an imported row changes. Empty imported values never
 *  erase anything; an unsubscribe is never undone. */
function changes(current: Contact, incoming: Record<string, unknown>, custom: Record<string, string>, fillOnly: boolean): { fields: Record<string, unknown>; custom: Record<string, string> } {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === '' || value === undefined) continue;
    const now = (current as Record<string, unknown>)[name];
    if (fillOnly && now !== '' && now !== undefined) continue;
    if (NEVER_UNDONE[name]?.(now, value)) continue;
    if (now !== value) fields[name] = value;
  }
  const customOut: Record<string, string> = {};
  for (const [name, value] of Object.entries(custom)) {
    if (value === '') continue;
    const now = current.custom?.[name] ?? '';
    if (fillOnly && now !== '') continue;
    if (String(now) !== value) customOut[name] = value;
  }
  return { fields, custom: customOut };
}

/** Tags, memberships, gifts and notes of imported rows, written in one insert per table. */
class LinkedRows {
  private readonly tagIds = new Map<string, string>();
  private readonly tagged = new Set<string>();

  constructor(
    private readonly workbook: Workbook,
    private readonly batch: string,
    private readonly who: string,
    private readonly currency: string,
  ) {
    for (const t of workbook.table(Tags).all()) this.tagIds.set(fold(t.name.trim()), t.id);
    for (const ct of workbook.table(ContactTags).all()) this.tagged.add(`${ct.contact_id}|${ct.tag_id}`);
  }

  add(contactId: string, draft: ImportDraft): void {
    const wb = this.workbook;
    const now = wb.clock.now().toISOString();
    for (const name of draft.tags) {
      const key = fold(name.trim());
      let tagId = this.tagIds.get(key);
      if (!tagId) {
        [{ id: tagId }] = wb.table(Tags).insert([{ name: name.trim() }]);
        this.tagIds.set(key, tagId);
      }
      if (this.tagged.has(`${contactId}|${tagId}`)) continue;
      this.tagged.add(`${contactId}|${tagId}`);
      wb.table(ContactTags).insert([{ contact_id: contactId, tag_id: tagId, added_at: now, added_by: this.who, import_batch: this.batch }]);
    }
    if (draft.membership) {
      // Through the membership rules: default end date, status as of today.
      const input = { currency: this.currency, ...draft.membership, contact_id: contactId, import_batch: this.batch } as unknown as NewMembership;
      addMembership(wb, input);
    }
    if (draft.donation) wb.table(Donations).insert([{ currency: this.currency, ...draft.donation, contact_id: contactId, import_batch: this.batch }]);
    if (draft.note) wb.table(Interactions).insert([{ contact_id: contactId, type: 'note', direction: 'internal', when: now, subject: this.batch, details: draft.note, staff: this.who, import_batch: this.batch }]);
  }
}

export { IMPORT_MODES };
