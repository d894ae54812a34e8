import { ContactTags, Contacts, Contact, Donations, Imports, ImportBatch, Interactions, Memberships, IMPORT_MODES } from '../../core/schema/tables';
import { buildDrafts, checkMappingValues, decodeBytes, detectEncoding, headerSignature, isTarget, isXlsx, mapHeaders, parseDelimited, readXlsx } from '../../core/import';
import type { ColumnMapping, DateOrder, Encoding, ImportDraft, ParsedFile } from '../../core/import';
import { fold } from '../../core/text';
import { translate } from '../../core/i18n';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { ContactIndex, Identity } from './import-matching';
import { settingsOf } from '../today';
import { changes, newsletterConsent } from './import-contact-changes';
import { LinkedRows } from './import-linked-rows';
import { dropStagedFile, isYesNoColumn, problemRows, stagedFile, stageFile, withoutFormulaEscapes } from './import-file';

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
  /** The file came in parts (import-upload.ts): `bytes` were read from its staged parts. */
  upload?: string;
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
  /** Which of the file's columns made rows collide inside the file, and on which value (most first). */
  duplicates_by: { column: string; value: string; rows: number }[];
  /** Set when more than a few rows collapsed into duplicates: what happened, naming the column, for
   *  the preview to show in red before anything is written. */
  duplicates_warning: string;
  /** Rows that cannot be a contact at all, and problems of the file itself: written nowhere. */
  errors: { row: number; column: string; message: string }[];
  /** Cells that could not be read in rows that were imported: kept as typed in `kept_in`. */
  warnings: { row: number; column: string; value: string; kept_in: string; message: string }[];
  /** The file's rows that were refused or warned about, as the file had them, for the wizard's "download
   *  the rows with problems" (a header row: line, problem, then the file's columns). At most
   *  MAX_PROBLEM_ROWS rows; empty when there is nothing to show. */
  problem_rows: string[][];
  /** 'running' while a big import still has chunks to do (call continueImport), 'done' once every row
   *  is in; 'stopped' for an import undone or failed. */
  status: 'running' | 'done' | 'stopped';
  /** Rows applied so far, of the rows to apply (valid rows, duplicates inside the file left out). */
  done_rows: number;
  total_rows: number;
}

/** The Imports row is written after everything else of a chunk, so that its cursor never moves past
 *  rows that were not written. */
export const IMPORT_COMMIT_LAST = ['Imports'];

/** Rows applied per execution: a big file is staged and imported in chunks this size, each one an
 *  execution well inside Apps Script's 6 minutes, continued by the sidebar (or the hourly trigger). */
export const CHUNK_ROWS = 5000;

interface Prepared {
  parsed: ParsedFile;
  mapping: ColumnMapping[];
  remembered: boolean;
  drafts: ImportDraft[];
  errors: ImportReport['errors'];
  warnings: ImportReport['warnings'];
  encoding: Encoding;
}

/** More rows than this collapsing into duplicates inside one file is worth a warning in red. */
const FEW_DUPLICATES = 3;

/** Decode, parse, map and read every row: pure work, the same for a preview, an import and each of its
 *  chunks. */
function prepare(request: Omit<ImportRequest, 'mode' | 'dryRun'>, language: string, memory?: MappingMemory): Prepared {
  const xlsx = isXlsx(request.bytes);
  const encoding = xlsx ? 'utf-8' : (request.encoding ?? detectEncoding(request.bytes));
  const parsed = xlsx ? readXlsx(request.bytes) : withoutFormulaEscapes(parseDelimited(decodeBytes(request.bytes, encoding), request.delimiter ? { delimiter: request.delimiter } : undefined));
  if (!parsed.header.length) {
    if (parsed.problems.length) throw new UserError('invalid', 'error.import_unreadable', { file: request.fileName, reason: translate(language, parsed.problems[0].key, parsed.problems[0].params) });
    throw new UserError('invalid', 'error.import_empty', { file: request.fileName });
  }
  const remembered = request.mapping ? null : rememberedMapping(memory, headerSignature(parsed.header), parsed.header);
  // What the engine proposes is checked against the values; what a person confirmed is taken as is.
  const mapping = request.mapping ?? remembered ?? checkMappingValues(mapHeaders(parsed.header), (header) => isYesNoColumn(parsed, header));
  const { drafts, errors, warnings } = buildDrafts(parsed, mapping, request.dateOrder ? { dateOrder: request.dateOrder } : undefined);
  return {
    parsed,
    mapping,
    remembered: remembered !== null,
    drafts,
    encoding,
    errors: [
      ...parsed.problems.map((p) => ({ row: p.line, column: '', message: translate(language, p.key, p.params) })),
      ...errors.map((e) => ({ row: e.line, column: e.column, message: translate(language, e.key, e.params) })),
    ],
    warnings: warnings.map((w) => ({
      row: w.line,
      column: w.column,
      value: w.value,
      kept_in: w.kept_in,
      message: translate(language, w.kept_in ? 'import.kept_as_typed' : 'import.not_kept', { reason: translate(language, w.key, w.params), column: w.kept_in }),
    })),
  };
}

interface Plan {
  steps: { draft: ImportDraft; match: Contact | null }[];
  duplicates: number;
  /** 'external_id|value' or 'email|value' → rows dropped for it */
  collisions: Map<string, number>;
}

/** Which rows become which contacts: duplicates inside the file dropped (the first one stays), each
 *  other row matched against the CRM. Deterministic, so that every chunk of an import sees the same plan. */
function planOf(workbook: Workbook, drafts: ImportDraft[], mode: ImportMode): Plan {
  const index = new ContactIndex(mode === 'none' ? [] : workbook.table(Contacts).all());
  const seen = new ContactIndex([]);
  const plan: Plan = { steps: [], duplicates: 0, collisions: new Map() };
  for (const draft of drafts) {
    const identity = identityOf(draft);
    const earlier = mode !== 'none' ? seen.match(identity) : null;
    if (earlier) {
      plan.duplicates++;
      const byExternal = identity.external_id && earlier.external_id.trim() === identity.external_id.trim();
      const key = byExternal ? `external_id|${identity.external_id.trim()}` : `email|${identity.email.trim().toLowerCase()}`;
      plan.collisions.set(key, (plan.collisions.get(key) ?? 0) + 1);
      continue;
    }
    seen.add({ ...(draft.contact as unknown as Contact), id: `line-${draft.line}`, external_id: draft.external_id, deleted: false, merged_into: '' });
    plan.steps.push({ draft, match: mode === 'none' ? null : index.match(identity) });
  }
  return plan;
}

/** Imports a file of contacts: decode, parse, map, read every row, match it against the CRM on strong
 *  evidence, then (unless a dry run) create, update or fill contacts and add their tags, memberships,
 *  gifts and notes, all carrying the batch id. Nothing from the file is evaluated; an invalid row is
 *  reported with its line, column and reason and written nowhere. A file of more than CHUNK_ROWS rows
 *  is staged (ImportFiles) and only its first chunk applied: `continueImport` does the rest. The caller
 *  commits, with the Imports sheet last (see IMPORT_COMMIT_LAST), audited under `import <batch>`,
 *  which is what undo reads back. */
export function runImport(workbook: Workbook, request: ImportRequest, who: string, language: string, memory?: MappingMemory, chunkRows = CHUNK_ROWS): ImportReport {
  const prepared = prepare(request, language, memory);
  const { parsed, mapping, drafts } = prepared;
  const plan = planOf(workbook, drafts, request.mode);
  const report: ImportReport = {
    batch: '',
    file: request.fileName,
    mode: request.mode,
    dry_run: request.dryRun,
    encoding: prepared.encoding,
    delimiter: parsed.delimiter,
    mapping,
    mapping_remembered: prepared.remembered,
    rows: parsed.rows.length,
    created: 0,
    updated: 0,
    skipped: 0,
    duplicates_in_file: plan.duplicates,
    ...collisionReport(plan, mapping, language),
    errors: prepared.errors,
    warnings: prepared.warnings,
    problem_rows: problemRows(parsed, [...prepared.errors, ...prepared.warnings]),
    status: 'done',
    done_rows: 0,
    total_rows: plan.steps.length,
  };

  if (request.dryRun) {
    for (const { match } of plan.steps) {
      if (!match) report.created++;
      else if (request.mode === 'skip') report.skipped++;
      else report.updated++;
    }
    report.done_rows = plan.steps.length;
    return report;
  }

  if (request.mapping && memory) memory.set(headerSignature(parsed.header), request.mapping);
  const fields = {
    file_name: request.fileName,
    mode: request.mode,
    status: 'running',
    who,
    started_at: workbook.clock.now().toISOString(),
    encoding: prepared.encoding,
    delimiter: parsed.delimiter,
    date_order: request.dateOrder ?? '',
    mapping: JSON.stringify(mapping),
    rows: report.rows,
    total: plan.steps.length,
    cursor: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    duplicates_in_file: plan.duplicates,
    errors: report.errors.length,
    warnings: report.warnings.length,
  };
  // A file sent in parts is staged already: its Imports row becomes the import's, and its parts the
  // staged file the chunks read (dropped with the last one).
  const batch = request.upload ? workbook.table(Imports).update(request.upload, { ...fields, upload: '' }) : workbook.table(Imports).insert([fields])[0];
  report.batch = batch.id;
  if (plan.steps.length > chunkRows && !request.upload) stageFile(workbook, batch.id, request.bytes);
  const progress = applyChunk(workbook, batch.id, plan, { fileName: request.fileName, mode: request.mode, who, language }, chunkRows);
  return { ...report, ...progress, errors: [...report.errors, ...progress.errors], warnings: [...report.warnings, ...progress.warnings] };
}

/** The next chunk of a staged import (the sidebar calls it until the import is done; so does the hourly
 *  trigger for imports left running). Safe to run again after an execution was cut off: rows already
 *  created for this batch are recognised by their line and not created twice. */
export function continueImport(workbook: Workbook, batchId: string, language: string, chunkRows = CHUNK_ROWS): ImportReport {
  const batch = workbook.table(Imports).require(batchId);
  const base = {
    batch: batchId,
    file: batch.file_name,
    mode: batch.mode as ImportMode,
    dry_run: false,
    encoding: batch.encoding as Encoding,
    delimiter: batch.delimiter,
    mapping: JSON.parse(batch.mapping || '[]') as ColumnMapping[],
    mapping_remembered: false,
    rows: Number(batch.rows) || 0,
    duplicates_in_file: Number(batch.duplicates_in_file) || 0,
    duplicates_by: [],
    duplicates_warning: '',
    warnings: [],
    problem_rows: [],
  };
  if (batch.status !== 'running')
    return { ...base, ...countsOf(batch), errors: [], status: batch.status === 'done' ? 'done' : 'stopped', done_rows: Number(batch.cursor) || 0, total_rows: Number(batch.total) || 0 };
  const bytes = stagedFile(workbook, batchId);
  if (!bytes) throw new UserError('invalid', 'error.import_lost', { batch: batchId });
  const prepared = prepare(
    { fileName: batch.file_name, bytes, encoding: base.encoding, delimiter: batch.delimiter, mapping: base.mapping, dateOrder: (batch.date_order || undefined) as DateOrder | undefined },
    language,
  );
  const plan = planOf(workbook, prepared.drafts, base.mode);
  const progress = applyChunk(workbook, batchId, plan, { fileName: batch.file_name, mode: base.mode, who: batch.who, language }, chunkRows);
  return { ...base, ...progress };
}

/** Which column made rows collide inside the file, by the file's header; a warning past a few rows. */
function collisionReport(plan: Plan, mapping: ColumnMapping[], language: string): Pick<ImportReport, 'duplicates_by' | 'duplicates_warning'> {
  const headerOf = (target: string) =>
    mapping
      .filter((m) => m.target === target)
      .map((m) => m.header)
      .join(', ') || target;
  const duplicates_by = [...plan.collisions]
    .map(([key, rows]) => {
      const [target, ...value] = key.split('|');
      return { column: headerOf(target), value: value.join('|'), rows };
    })
    .sort((a, b) => b.rows - a.rows)
    .slice(0, 10);
  if (plan.duplicates <= FEW_DUPLICATES || !duplicates_by.length) return { duplicates_by, duplicates_warning: '' };
  const top = duplicates_by[0];
  return { duplicates_by, duplicates_warning: translate(language, 'import.many_duplicates', { count: plan.duplicates, column: top.column, value: top.value, rows: top.rows }) };
}

/** The imports still running (their next chunk to do). */
export function runningImports(workbook: Workbook): string[] {
  return workbook
    .table(Imports)
    .all()
    .filter((b) => b.status === 'running')
    .map((b) => b.id);
}

function countsOf(batch: ImportBatch) {
  return { created: Number(batch.created) || 0, updated: Number(batch.updated) || 0, skipped: Number(batch.skipped) || 0 };
}

/** Applies the plan's next `chunkRows` steps from the batch's cursor, and moves the cursor. */
function applyChunk(
  workbook: Workbook,
  batchId: string,
  plan: Plan,
  ctx: { fileName: string; mode: ImportMode; who: string; language: string },
  chunkRows: number,
): Pick<ImportReport, 'created' | 'updated' | 'skipped' | 'errors' | 'warnings' | 'status' | 'done_rows' | 'total_rows'> {
  const imports = workbook.table(Imports);
  const batch = imports.require(batchId);
  const from = Number(batch.cursor) || 0;
  const to = Math.min(plan.steps.length, from + chunkRows);
  const counts = countsOf(batch);
  const errors: ImportReport['errors'] = [];
  const warnings: ImportReport['warnings'] = [];
  const contacts = workbook.table(Contacts);
  const steps = plan.steps.slice(from, to);
  const done = linesAlreadyCreated(workbook, batchId);
  // Rows of the batch beyond what the Imports row accounts for were written by a chunk cut off before
  // its cursor: they go, and the chunk runs again whole (its contacts, found by line, are not
  // created twice; their tags, memberships, gifts and notes come back once).
  const linked = linkedCounts(batch.linked);
  for (const def of LINKED_TABLES) {
    const rows = workbook.table(def).where('import_batch', batchId);
    workbook.table(def).remove(rows.slice(linked[def.name] ?? 0).map((r) => r.id));
  }
  const customNames = customColumnNames(
    contacts.customColumns(),
    steps.map((p) => p.draft),
  );
  contacts.ensureCustomColumns([...new Set(Object.values(customNames))]);
  const links = new LinkedRows(workbook, batchId, ctx.who, settingsOf(workbook).currency);

  // An organisation_id (a backup of this CRM, or another CRM's export) must point at a live
  // organisation here; otherwise it is kept as typed, in a column of its own, and said.
  const organisations = liveOrganisations(workbook);
  const looseLinks = steps.some(({ draft }) => draft.contact.organisation_id && !organisations.has(String(draft.contact.organisation_id)));
  if (looseLinks) contacts.ensureCustomColumns([LOOSE_ORGANISATION]);
  for (const { draft, match } of steps) {
    const custom: Record<string, string> = Object.create(null);
    for (const [header, value] of Object.entries(draft.custom)) custom[customNames[header]] = value;
    const organisationId = String(draft.contact.organisation_id ?? '');
    if (organisationId && !organisations.has(organisationId)) {
      delete draft.contact.organisation_id;
      custom[LOOSE_ORGANISATION] = organisationId;
      warnings.push({
        row: draft.line,
        column: 'organisation_id',
        value: organisationId,
        kept_in: LOOSE_ORGANISATION,
        message: translate(ctx.language, 'import.kept_as_typed', { reason: translate(ctx.language, 'import.no_organisation', { value: organisationId }), column: LOOSE_ORGANISATION }),
      });
    }
    let contactId: string;
    const already = done.get(draft.line);
    if (already) {
      // Created by a chunk cut off before it could move the cursor: not created twice.
      contactId = already;
      counts.created++;
    } else if (!match) {
      const typed = typeof draft.contact.source === 'string' && draft.contact.source ? `${draft.contact.source} — ` : '';
      const source = typed + lineSource(ctx.fileName, draft.line);
      const consent = newsletterConsent(draft, null, ctx.fileName, workbook.clock.now().toISOString());
      const [created] = contacts.insert([{ kind: 'person', newsletter_status: 'never', ...draft.contact, ...consent, source, external_id: draft.external_id, import_batch: batchId, custom }]);
      contactId = created.id;
      counts.created++;
    } else if (ctx.mode === 'skip') {
      counts.skipped++;
      continue;
    } else {
      const consent = newsletterConsent(draft, match, ctx.fileName, workbook.clock.now().toISOString());
      const patch = changes(match, { ...draft.contact, ...consent, ...(draft.external_id ? { external_id: draft.external_id } : {}) }, custom, ctx.mode === 'fill');
      contactId = match.id;
      if (Object.keys(patch.fields).length || Object.keys(patch.custom).length) {
        contacts.update(match.id, { ...patch.fields, custom: patch.custom, import_batch: batchId });
        counts.updated++;
      } else counts.skipped++;
    }
    try {
      links.add(contactId, draft);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // The contact is in; what hangs off it on this row is not, and the report says why.
      errors.push({ row: draft.line, column: '', message: messageOf(ctx.language, error) });
    }
  }
  const finished = to >= plan.steps.length;
  const nowLinked = Object.fromEntries(LINKED_TABLES.map((def) => [def.name, workbook.table(def).where('import_batch', batchId).length]));
  imports.update(batchId, {
    ...counts,
    cursor: to,
    linked: JSON.stringify(nowLinked),
    errors: (Number(batch.errors) || 0) + errors.length,
    ...(finished ? { status: 'done', finished_at: workbook.clock.now().toISOString() } : {}),
  });
  if (finished) dropStagedFile(workbook, batchId);
  return { ...counts, errors, warnings, status: finished ? 'done' : 'running', done_rows: to, total_rows: plan.steps.length };
}

/** Where an organisation_id that points at no live organisation is kept. */
const LOOSE_ORGANISATION = 'organisation_id (import)';

/** The ids of the live organisation contacts (raw cells: nothing decoded). */
function liveOrganisations(workbook: Workbook): Set<string> {
  const scan = workbook.table(Contacts).scan();
  const [cId, cKind, cDeleted, cMerged] = ['id', 'kind', 'deleted', 'merged_into'].map((c) => scan.column(c));
  const ids = new Set<string>();
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    if (cells[cKind] !== 'organisation' || (cMerged >= 0 && cells[cMerged] !== '') || (cDeleted >= 0 && /^(true|1)$/i.test(String(cells[cDeleted])))) continue;
    ids.add(String(cells[cId]));
  }
  return ids;
}

/** The tables an import adds rows to for its contacts (each row carrying the batch id). */
const LINKED_TABLES = [ContactTags, Memberships, Donations, Interactions];

function linkedCounts(text: string): Record<string, number> {
  try {
    return text ? (JSON.parse(text) as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/** Where a contact came from: the file and its line (after the file's own Source column, if it had
 *  one), which is also how a resumed chunk knows a row was already created. */
const lineSource = (file: string, line: number) => `${file} (line ${line})`;

/** The contacts this batch created, by file line. */
function linesAlreadyCreated(workbook: Workbook, batchId: string): Map<number, string> {
  const lines = new Map<number, string>();
  for (const c of workbook.table(Contacts).where('import_batch', batchId)) {
    const m = /\(line (\d+)\)$/.exec(c.source);
    if (m && c.created_at === c.updated_at) lines.set(Number(m[1]), c.id);
  }
  return lines;
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
  const out: Record<string, string> = Object.create(null);
  for (const d of drafts) for (const header of Object.keys(d.custom)) out[header] ??= byFolded.get(fold(header)) ?? header;
  return out;
}

export { IMPORT_MODES };
