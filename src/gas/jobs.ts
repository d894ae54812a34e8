import { callAction } from '../api/call';
import { allCacheKeys } from '../store/cached';
import { Settings, Staff, RelationshipTypes } from '../core/schema/tables';
import { gasRuntime } from './services';

/** The daily trigger (made by Set up): membership statuses and lifecycle stages written to the
 *  sheets. It runs as the admin who ran Set up; a failure is logged for the Executions page. */
export function dailyMaintenance(): void {
  const answer = callAction(gasRuntime(), 'refreshStatuses', {});
  if (!answer.ok) console.error(`dailyMaintenance: ${answer.error.code}: ${answer.error.message}`);
  else console.log(`dailyMaintenance: ${JSON.stringify(answer.data)}`);
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
