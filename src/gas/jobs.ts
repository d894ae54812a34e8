import { callAction, LOCK_WAIT_MS } from '../api/call';
import { Workbook } from '../store/workbook';
import { auditHandEdit } from '../services/staff/hand-edits';
import { toCell } from './grid';
import { NIGHTLY_ACTIONS } from '../api/nightly';
import { allCacheKeys, CACHED_TABLES } from '../store/cached';
import { gasRuntime, ownsJob, rememberSelection, ScriptTriggers } from './services';
import { CHANGE_JOB, DAILY_JOB, EDIT_JOB } from '../api/actions';
import { IMPORT_JOB } from '../api/import-actions';
import { INDEXED_SHEETS, markSearchIndexStale, SEARCH_INDEX_SHEET } from '../services/search/search-index';
import type { KeyValue } from '../ports';
import { runNightly } from '../services/nightly/nightly-run';
import { markDataChanged, SharedReads } from '../store/shared-reads';

/** The daily trigger (made by Set up): the nightly actions (src/api/nightly.ts), each on its own, from
 *  where the night's last execution stopped (see nightly-run.ts). It runs as the admin who ran Set up;
 *  a failure is logged for the Executions page, and fails the execution once every step has run. */
export function dailyMaintenance(): void {
  if (!ownsJob(DAILY_JOB)) return;
  runNightlySteps();
}

/** The one-off trigger that finishes a night that outgrew one execution (made by the nightly itself). */
export function continueNightly(): void {
  if (!ownsJob(DAILY_JOB)) return;
  runNightlySteps();
}

function runNightlySteps(): void {
  const runtime = gasRuntime({ trigger: true });
  // The steps share what they read, table by table, unless it was written since (shared-reads.ts).
  const shared = new SharedReads(runtime.properties);
  const outcome = runNightly(NIGHTLY_ACTIONS, runtime.properties, runtime.clock, {
    run(name) {
      shared.begin();
      const step = gasRuntime({ trigger: true });
      const answer = callAction({ ...step, grid: shared.grid(step.grid) }, name, {});
      shared.end(answer.ok);
      if (answer.ok) {
        console.log(`dailyMaintenance ${name}: ${JSON.stringify(answer.data)}`);
        return { ok: true };
      }
      console.error(`dailyMaintenance ${name}: ${answer.error.code}: ${answer.error.message}`);
      return { ok: false, message: answer.error.message };
    },
    continueIn(ms) {
      deleteContinuations();
      ScriptApp.newTrigger(CONTINUE_NIGHTLY).timeBased().after(ms).create();
    },
    finished: deleteContinuations,
  });
  if (!outcome.finished) {
    console.log(`dailyMaintenance: stopped before ${outcome.next} to stay within Google's time limit; continued in a minute`);
    return;
  }
  // A failed execution is what makes Google email the trigger's owner: fail, once every step has run.
  const failed = outcome.failed;
  if (failed.length) throw new Error(`The nightly run had ${failed.length} failed step(s): ${failed.join(' | ')}`);
}

const CONTINUE_NIGHTLY = 'continueNightly';

function deleteContinuations(): void {
  for (const t of ScriptApp.getProjectTriggers()) if (t.getHandlerFunction() === CONTINUE_NIGHTLY) ScriptApp.deleteTrigger(t);
}

/** Installable onChange trigger (made by Set up): the structure changed by hand (rows or columns
 *  inserted or deleted, a sheet added, removed or renamed, a sort…), which the simple onEdit trigger
 *  never sees. Headers and row numbers may have moved: forget the cache and make the search index
 *  stale. Plain edits (onEdit handles them) and format changes are left alone. */
export function onSheetChange(event?: { changeType?: string }): void {
  const change = event?.changeType ?? 'OTHER';
  if (change === 'EDIT' || change === 'FORMAT') return;
  if (!ownsJob(CHANGE_JOB)) return;
  const runtime = gasRuntime({ trigger: true });
  runtime.cache.remove(allCacheKeys());
  markSearchIndexStale(runtime.properties);
  markDataChanged(runtime.properties);
}

/** Installable edit trigger made by Set up (it runs as the admin who made it, so it may write): a
 *  hand edit of a CRM table is recorded in the AuditLog, with who made it when Google says. */
export function auditHandEdits(event?: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = event?.range;
  if (!range || !ownsJob(EDIT_JOB)) return;
  const runtime = gasRuntime({ trigger: true });
  if (!runtime.lock.tryAcquire(LOCK_WAIT_MS)) {
    console.error('auditHandEdits: the document is busy; this hand edit is not in the AuditLog');
    return;
  }
  try {
    const zone = runtime.clock.timeZone();
    const values = range.getValues().map((row) => row.map((v) => toCell(v, zone)));
    const who = (() => {
      try {
        return event.user?.getEmail() ?? '';
      } catch {
        return '';
      }
    })();
    const workbook = new Workbook(runtime, runtime.clock, who || 'unknown', undefined, runtime.cache);
    auditHandEdit(workbook, {
      who,
      sheet: range.getSheet().getName(),
      row: range.getRow(),
      column: range.getColumn(),
      rows: range.getNumRows(),
      columns: range.getNumColumns(),
      oldValue: event.oldValue === undefined ? undefined : toCell(event.oldValue, zone),
      values,
    });
  } finally {
    runtime.lock.release();
  }
}

/** Simple trigger: the person selected another cell. Only the position goes to their cache, so that
 *  the sidebar's next "which contact is selected?" reads it without asking the spreadsheet. */
export function onSelectionChange(event?: { range?: GoogleAppsScript.Spreadsheet.Range }): void {
  const range = event?.range;
  if (!range) return;
  try {
    rememberSelection({ sheet: range.getSheet().getName(), row: range.getRow() });
  } catch {
    // The cache is a shortcut: without it the sidebar asks the spreadsheet.
  }
}

/** Simple trigger: a person edited a cell by hand. When it is a header or a table we keep in the
 *  cache (who is staff, the settings), forget the cache so the next call reads the sheet again.
 *  When it is a sheet the search index is made of (or the index itself), make the index stale.
 *  Simple triggers run in AuthMode.LIMITED: CacheService and the document's own properties are
 *  available there (no authorisation needed). Row deletions, sorts and column moves do not fire
 *  onEdit: onSheetChange sees them. */
export function onEdit(event?: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = event?.range;
  if (!range) return;
  let sheet = '';
  try {
    sheet = range.getSheet().getName();
    if (range.getRow() === 1 || CACHED_TABLES.includes(sheet)) {
      (CacheService.getDocumentCache() ?? CacheService.getScriptCache()).removeAll(allCacheKeys());
    }
  } catch {
    // Nothing to do: cached entries expire within minutes anyway.
  }
  try {
    const store = PropertiesService.getDocumentProperties();
    const properties: KeyValue = { get: (k) => store.getProperty(k), set: (k, v) => void store.setProperty(k, v), delete: (k) => void store.deleteProperty(k) };
    // A nightly run keeping tables between its steps reads them again.
    markDataChanged(properties);
    if (INDEXED_SHEETS.includes(sheet) || sheet === SEARCH_INDEX_SHEET) {
      markSearchIndexStale(properties);
    }
  } catch {
    // Properties unavailable: the index stays as it is until the next write or the nightly rebuild.
  }
}

/** The hourly trigger made when a big import starts: chunks of every import left running, for at most
 *  four minutes (an execution may last six). */
export function continueImports(): void {
  if (!ownsJob(IMPORT_JOB)) return;
  const started = Date.now();
  const running = callAction(gasRuntime({ trigger: true }), 'continueRunningImports', {});
  if (!running.ok) {
    console.error(`continueImports: ${running.error.code}: ${running.error.message}`);
    return;
  }
  const batches = (running.data as { running: string[] }).running;
  let left = batches.length;
  for (const batch of batches) {
    for (;;) {
      if (Date.now() - started > 4 * 60 * 1000) return;
      const answer = callAction(gasRuntime({ trigger: true }), 'continueImport', { batch });
      if (!answer.ok) {
        console.error(`continueImports ${batch}: ${answer.error.code}: ${answer.error.message}`);
        break;
      }
      if ((answer.data as { status: string }).status !== 'running') {
        left--;
        break;
      }
    }
  }
  // Nothing left running: the hourly trigger goes (an import makes it again when it needs it).
  if (left === 0) new ScriptTriggers().removeJob(IMPORT_JOB);
}
