import type { Clock, Identity, KeyValue, Lock, Runtime } from '../ports';
import { SheetsGrid } from './grid';

class DocumentLock implements Lock {
  private readonly lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  tryAcquire(timeoutMs: number): boolean {
    return this.lock.tryLock(timeoutMs);
  }
  release(): void {
    this.lock.releaseLock();
  }
}

class DocumentProperties implements KeyValue {
  private readonly store = PropertiesService.getDocumentProperties();
  get(key: string) {
    return this.store.getProperty(key);
  }
  set(key: string, value: string) {
    this.store.setProperty(key, value);
  }
  delete(key: string) {
    this.store.deleteProperty(key);
  }
}

class SpreadsheetClock implements Clock {
  private zone?: string;
  now() {
    return new Date();
  }
  timeZone() {
    return (this.zone ??= SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone());
  }
}

/** The Google account of the person using the add-on. Google signs them in (with their two-factor
 *  authentication); we only read who they are. */
class GoogleAccount implements Identity {
  email() {
    return Session.getActiveUser().getEmail().trim().toLowerCase();
  }
  locale() {
    return Session.getActiveUserLocale();
  }
}

/** The adapters of one Apps Script execution. Built on demand: nothing at the top level of the bundle
 *  touches a service, so that onOpen in AuthMode.NONE and every evaluation stay cheap. */
export function gasRuntime(): Runtime {
  const clock = new SpreadsheetClock();
  return {
    grid: new SheetsGrid(SpreadsheetApp.getActiveSpreadsheet(), () => clock.timeZone()),
    lock: new DocumentLock(),
    properties: new DocumentProperties(),
    clock,
    identity: new GoogleAccount(),
  };
}
