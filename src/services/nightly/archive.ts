/** Archiving: AuditLog and TriggerLog rows older than `archive_log_months`, and (when Settings say so)
 *  interactions older than `archive_interaction_months`, move into the archive spreadsheet linked to
 *  this CRM, so that the shared 10-million-cell budget goes to what people work on. The card still
 *  shows a contact's archived interactions (archivedInteractions).
 *
 *  A move is: the rows appended to the archive's sheet of the same name (columns matched by header),
 *  the archive saved, then the rows deleted from the CRM, bottom-up, each run of rows checked by id just
 *  before (a sort by hand meanwhile refuses the deletion: the archive then holds rows the CRM still has,
 *  and the next run, seeing the same rows pending, does not append them twice). One audit row per
 *  table says what moved. At most MAX_ROWS rows per table and MAX_RUNS deletions per run: the rest
 *  goes at the next run (the nightly's, once an archive is linked). */
import { AuditLog, Interactions, TableDef, TriggerLog } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import { addMonths, dateOf } from '../../core/dates';
import type { ArchiveBook, Archives, KeyValue } from '../../ports';
import { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { settingsOf, todayOf } from '../today';
import { interactionView } from '../record/interactions';
import type { InteractionView } from '../views';

export const ARCHIVE_ID = 'archive.spreadsheet';
export const ARCHIVE_URL = 'archive.url';
const PENDING = (table: string) => `archive.pending.${table}`;
/** Rows one run moves per table, and runs of rows it deletes: the rest waits for the next run. */
const MAX_ROWS = 20000;
const MAX_RUNS = 200;

export interface ArchiveReport {
  archive: { id: string; url: string } | null;
  moved: { table: string; rows: number; before: string }[];
  /** Rows older than the limit are left for the next run. */
  more: boolean;
}

export function linkedArchive(properties: KeyValue): { id: string; url: string } | null {
  const id = properties.get(ARCHIVE_ID);
  return id ? { id, url: properties.get(ARCHIVE_URL) ?? '' } : null;
}

/** Moves what is old enough. `create`: an admin asked, so an archive is made when none is linked; the
 *  nightly never makes one (it moves rows only once an admin has chosen to). */
export function archiveOldRows(workbook: Workbook, archives: Archives, properties: KeyValue, create: boolean): ArchiveReport {
  const settings = settingsOf(workbook).archive;
  const today = todayOf(workbook);
  let linked = linkedArchive(properties);
  if (!linked && !create) return { archive: null, moved: [], more: false };
  let book: ArchiveBook | null = null;
  if (linked) {
    book = archives.open(linked.id);
    if (!book) {
      // Deleted, no longer shared, or Google failing for a moment: said. Only an admin's Archive forgets
      // it, so that their next click makes a new one; the nightly never does (a passing failure at night
      // must not split the archive in two).
      if (create) {
        properties.delete(ARCHIVE_ID);
        properties.delete(ARCHIVE_URL);
      }
      throw new UserError('invalid', 'error.archive_lost', { url: linked.url });
    }
  } else {
    linked = archives.create('CRM archive');
    properties.set(ARCHIVE_ID, linked.id);
    properties.set(ARCHIVE_URL, linked.url);
    book = archives.open(linked.id);
    if (!book) throw new UserError('invalid', 'error.archive_lost', { url: linked.url });
  }
  const plan: [TableDef, string, number | null][] = [
    [AuditLog, 'when', settings.logMonths],
    [TriggerLog, 'entered_at', settings.logMonths],
    [Interactions, 'when', settings.interactionMonths],
  ];
  const report: ArchiveReport = { archive: linked, moved: [], more: false };
  const audit: { table: string; rows: number; before: string }[] = [];
  for (const [def, column, months] of plan) {
    // A table in the database has no cell budget to keep: its old rows stay where they are.
    if (months === null || workbook.inDatabase(def.name) || !workbook.sheetNames().has(def.name)) continue;
    const before = addMonths(today, -months);
    const moved = moveTable(workbook, book, properties, def, column, before);
    if (moved.more) report.more = true;
    if (moved.rows) {
      report.moved.push({ table: def.name, rows: moved.rows, before });
      audit.push({ table: def.name, rows: moved.rows, before });
    }
  }
  if (audit.length) {
    // Written by a Workbook of its own: the AuditLog this run read has rows fewer now.
    const log = new Workbook(workbook, workbook.clock, workbook.who, undefined, workbook.cache);
    log.table(AuditLog).appendUnread(
      audit.map((a) => ({
        action: 'archive',
        table: a.table,
        record_id: '',
        before: '',
        after: JSON.stringify({ rows: a.rows, before: a.before, archive: linked!.id }),
        when: workbook.clock.now().toISOString(),
        who: workbook.who,
      })),
    );
  }
  return report;
}

function moveTable(workbook: Workbook, book: ArchiveBook, properties: KeyValue, def: TableDef, column: string, before: string): { rows: number; more: boolean } {
  const scan = workbook.table(def).scan();
  const c = scan.column(column);
  const idColumn = scan.column('id');
  if (c < 0 || idColumn < 0) return { rows: 0, more: false };
  const old: number[] = [];
  let more = false;
  for (let i = 0; i < scan.size; i++) {
    const day = dateOf(String(scan.cells(i)[c] ?? ''));
    if (!day || day >= before) continue;
    if (old.length === MAX_ROWS) {
      more = true;
      break;
    }
    old.push(i);
  }
  let runs = exactRuns(old);
  if (runs.length > MAX_RUNS) {
    more = true;
    runs = runs.slice(0, MAX_RUNS);
  }
  const rows = runs.flatMap((r) => Array.from({ length: r.count }, (_, k) => r.row - 2 + k));
  if (!rows.length) return { rows: 0, more };
  const header = workbook.grid.readHeader(def.name).map((h) => String(h).trim());
  if (header[idColumn]?.toLowerCase() !== 'id') throw new UserError('moved', 'error.rows_moved', { table: def.name });
  const ids = rows.map((i) => String(scan.cells(i)[idColumn]));

  // The rows may be in the archive already: a run that appended them and could not delete them.
  const pendingKey = PENDING(def.name);
  const mark = `${ids.length}:${ids[0]}:${ids[ids.length - 1]}`;
  if (properties.get(pendingKey) !== mark) {
    const grid = book.grid;
    if (!grid.sheetNames().includes(def.name)) grid.createSheet(def.name, header);
    const archived = grid.readHeader(def.name).map((h) => String(h).trim());
    const missing = header.filter((h) => h !== '' && !archived.includes(h));
    if (missing.length) {
      grid.addColumns(def.name, archived.length, missing);
      archived.push(...missing);
    }
    const at = archived.map((h) => header.indexOf(h));
    grid.append(
      def.name,
      rows.map((i) => at.map((k): Cell => (k < 0 ? '' : (scan.cells(i)[k] ?? '')))),
    );
    book.save();
    properties.set(pendingKey, mark);
  }
  // Bottom-up, each run checked by id right before it goes (`end`: where its ids end in `ids`).
  for (let k = runs.length - 1, end = ids.length; k >= 0; end -= runs[k].count, k--) {
    const run = runs[k];
    const found = workbook.grid.readColumn(def.name, idColumn + 1, run.row, run.count).map(String);
    if (found.join('\u0000') !== ids.slice(end - run.count, end).join('\u0000')) throw new UserError('moved', 'error.rows_moved', { table: def.name });
    workbook.grid.deleteRows(def.name, run.row, run.count);
  }
  properties.delete(pendingKey);
  return { rows: rows.length, more };
}

/** Consecutive positions as sheet-row runs (1-based rows). */
function exactRuns(positions: number[]): { row: number; count: number }[] {
  const runs: { row: number; count: number }[] = [];
  for (const i of positions) {
    const last = runs[runs.length - 1];
    if (last && last.row + last.count === i + 2) last.count++;
    else runs.push({ row: i + 2, count: 1 });
  }
  return runs;
}

/** A contact's interactions in the archive, newest first (found there, not read whole); [] when no
 *  archive is linked. */
export function archivedInteractions(archives: Archives, properties: KeyValue, contactId: string): { interactions: InteractionView[]; url: string } {
  const linked = linkedArchive(properties);
  if (!linked) return { interactions: [], url: '' };
  const book = archives.open(linked.id);
  if (!book) throw new UserError('invalid', 'error.archive_lost', { url: linked.url });
  // A Workbook over the archive: its Interactions found by contact, as in the CRM.
  const archive = new Workbook({ grid: book.grid }, { now: () => new Date(), timeZone: () => 'UTC', sleep: () => undefined }, 'archive');
  if (!book.grid.sheetNames().includes(Interactions.name)) return { interactions: [], url: linked.url };
  const rows = archive.table(Interactions).where('contact_id', contactId);
  return { interactions: rows.map(interactionView).sort((a, b) => (a.when < b.when ? 1 : a.when > b.when ? -1 : 0)), url: linked.url };
}
