import { callAction } from '../api/call';
import { NIGHTLY_ACTIONS } from '../api/nightly';
import { allCacheKeys } from '../store/cached';
import { Settings, Staff, RelationshipTypes } from '../core/schema/tables';
import { gasRuntime } from './services';

/** The daily trigger (made by Set up): the nightly actions (src/api/nightly.ts), each on its own. It runs as the admin who ran Set up; a failure is logged for the Executions page. */
export function dailyMaintenance(): void {
  for (const name of NIGHTLY_ACTIONS) {
    const answer = callAction(gasRuntime(), name, {});
    if (!answer.ok) console.error(`dailyMaintenance ${name}: ${answer.error.code}: ${answer.error.message}`);
    else console.log(`dailyMaintenance ${name}: ${JSON.stringify(answer.data)}`);
  }
}

/** Simple trigger: a person edited a cell by hand. When it is a header or a table we keep in the
 *  cache (who is staff, the settings), forget the cache so the next call reads the sheet again.
 *  Simple triggers cannot use services that need authorisation; CacheService needs none. */
export function onEdit(event?: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    const range = event?.range;
    if (!range) return;
    const sheet = range.getSheet().getName();
    if (range.getRow() === 1 || sheet === Staff.name || sheet === Settings.name || sheet === RelationshipTypes.name) {
      (CacheService.getDocumentCache() ?? CacheService.getScriptCache()).removeAll(allCacheKeys());
    }
  } catch {
    // Nothing to do: cached entries expire within minutes anyway.
  }
}

/** The hourly trigger made when a big import starts: chunks of every import left running, for at most
 *  four minutes (an execution may last six). */
export function continueImports(): void {
  const started = Date.now();
  const running = callAction(gasRuntime(), 'continueRunningImports', {});
  if (!running.ok) {
    console.error(`continueImports: ${running.error.code}: ${running.error.message}`);
    return;
  }
  for (const batch of (running.data as { running: string[] }).running) {
    for (;;) {
      if (Date.now() - started > 4 * 60 * 1000) return;
      const answer = callAction(gasRuntime(), 'continueImport', { batch });
      if (!answer.ok) {
        console.error(`continueImports ${batch}: ${answer.error.code}: ${answer.error.message}`);
        break;
      }
      if ((answer.data as { status: string }).status !== 'running') break;
    }
  }
}
