import type { Runtime } from '../ports';
import { StaticIdentity, SystemClock } from '../memory/services';
import { FileLock } from './file-lock';
import { FileProperties } from './file-properties';
import type { XlsxWorkbook } from './xlsx-workbook';

/** The person the local runtime acts for when no --user is given. */
export const DEFAULT_LOCAL_USER = 'admin@crm.local';

export interface NodeRuntime extends Runtime {
  grid: XlsxWorkbook;
}

export function nodeRuntime(workbook: XlsxWorkbook, user: string, locale = Intl.DateTimeFormat().resolvedOptions().locale): NodeRuntime {
  return {
    grid: workbook,
    lock: new FileLock(`${workbook.path}.lock`),
    properties: new FileProperties(`${workbook.path}.properties.json`),
    clock: new SystemClock(),
    identity: new StaticIdentity(user, locale),
  };
}
