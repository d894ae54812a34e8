import type { Cache, Clock, Identity, KeyValue, Lock, Runtime, Scheduler, Secrets, Selection, SheetPosition } from '../ports';
import type { SelectedRows } from '../ports/selection';
import { probeApostrophe, SheetsGrid } from './grid';
import { SheetCharts } from './charts';
import { SpreadsheetArchives } from './archives';
import { UrlFetchHttp } from './http';
import { MailAppMailer } from './mailer';
import { jdbcDatabase } from './jdbc';
import { connectedDatabase } from '../services/database/connection';

/** The script's lock. This script is bound to one spreadsheet, so its lock is that spreadsheet's; and
 *  unlike the document lock it exists in a web app (which has no active document), so that the sidebar,
 *  the triggers and the web app all wait for one another. */
class ScriptLock implements Lock {
  private readonly lock = LockService.getScriptLock();
  tryAcquire(timeoutMs: number): boolean {
    return this.lock.tryLock(timeoutMs);
  }
  release(): void {
    this.lock.releaseLock();
  }
}

export class DocumentProperties implements KeyValue {
  constructor(private readonly store = PropertiesService.getDocumentProperties()) {}
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
    return (this.zone ??= crmSpreadsheet().getSpreadsheetTimeZone());
  }
  sleep(ms: number) {
    Utilities.sleep(ms);
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

/** CacheService's document cache (the script cache where there is no document, e.g. in a trigger of a
 *  standalone test deployment). */
class DocumentCache implements Cache {
  private readonly cache = CacheService.getDocumentCache() ?? CacheService.getScriptCache();
  get(key: string) {
    return this.cache.get(key);
  }
  put(key: string, value: string, seconds: number) {
    this.cache.put(key, value, Math.min(21600, Math.max(1, Math.round(seconds))));
  }
  remove(keys: string[]) {
    if (keys.length) this.cache.removeAll(keys);
  }
}

/** The active cell of the person's open spreadsheet (a sidebar call runs with their selection). */
class ActiveSelection implements Selection {
  /** What the simple onSelectionChange trigger last wrote to this person's cache (no spreadsheet call),
   *  else the active range. */
  get(): SheetPosition | null {
    const cached = CacheService.getUserCache()?.get(SELECTION_CACHE_KEY);
    if (cached) {
      try {
        return JSON.parse(cached) as SheetPosition;
      } catch {
        // fall through to the spreadsheet
      }
    }
    const active = SpreadsheetApp.getActiveSpreadsheet();
    const range = active ? active.getActiveRange() : null;
    if (!range) return null;
    return { sheet: range.getSheet().getName(), row: range.getRow() };
  }
  /** Every block the person highlighted (ctrl-click makes several), on the active sheet. The
   *  spreadsheet's getActiveRangeList: SpreadsheetApp's own needs the wider spreadsheets scope. */
  selectedRows(): SelectedRows | null {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    if (!spreadsheet) return null;
    const list = spreadsheet.getActiveRangeList();
    const ranges = list ? list.getRanges() : [];
    if (!ranges.length) {
      const range = spreadsheet.getActiveRange();
      if (!range) return null;
      ranges.push(range);
    }
    return { sheet: ranges[0].getSheet().getName(), ranges: ranges.map((r) => ({ row: r.getRow(), count: r.getNumRows() })) };
  }
  select({ sheet, row }: SheetPosition) {
    const target = SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName(sheet);
    if (!target) return;
    rememberSelection({ sheet, row });
    target.getRange(row, 1, 1, Math.max(1, target.getLastColumn())).activate();
  }
}

/** Installable triggers, one per job and per spreadsheet, whoever runs Set up. ScriptApp lists only the
 *  current user's triggers, so who owns each job's trigger is kept in the document's properties: a
 *  second admin running Set up does not make a second nightly, unless the owner is no longer an
 *  active admin (they left): then Set up takes the job over, and the former owner's trigger sees it at
 *  its next run and deletes itself (ownsJob). */
export class ScriptTriggers implements Scheduler {
  private ensure(job: string, make: () => void, takeOver = false): boolean {
    const props = PropertiesService.getDocumentProperties();
    const me = Session.getEffectiveUser().getEmail().trim().toLowerCase();
    const owner = props.getProperty(ownerKey(job));
    const mine = ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === job);
    if (mine) {
      if (!owner) props.setProperty(ownerKey(job), me);
      return false;
    }
    // The former owner's trigger deletes itself at its next run (ownsJob).
    if (owner && owner !== me && !takeOver) return false;
    make();
    props.setProperty(ownerKey(job), me);
    return true;
  }

  ownerOf(job: string): string {
    return PropertiesService.getDocumentProperties().getProperty(ownerKey(job)) ?? '';
  }

  ensureDaily(job: string, hour: number, takeOver = false): boolean {
    // The hour people mean is the spreadsheet's, not the script project's.
    const zone = crmSpreadsheet().getSpreadsheetTimeZone();
    return this.ensure(job, () => ScriptApp.newTrigger(job).timeBased().everyDays(1).atHour(hour).inTimezone(zone).create(), takeOver);
  }
  ensureHourly(job: string): boolean {
    return this.ensure(job, () => ScriptApp.newTrigger(job).timeBased().everyHours(1).create());
  }
  ensureOnChange(job: string, takeOver = false): boolean {
    return this.ensure(job, () => ScriptApp.newTrigger(job).forSpreadsheet(crmSpreadsheet()).onChange().create(), takeOver);
  }
  ensureOnEdit(job: string, takeOver = false): boolean {
    return this.ensure(job, () => ScriptApp.newTrigger(job).forSpreadsheet(crmSpreadsheet()).onEdit().create(), takeOver);
  }
  runSoon(job: string, afterMs: number): void {
    const props = PropertiesService.getScriptProperties();
    const due = Number(props.getProperty(soonKey(job)) || 0);
    // One pending run: a delivery arriving while one is due adds nothing (the run takes the whole queue).
    if (due > Date.now() - STALE_SOON_MS && ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === job)) return;
    ScriptApp.newTrigger(job).timeBased().after(afterMs).create();
    props.setProperty(soonKey(job), String(Date.now() + afterMs));
  }
  removeJob(job: string): void {
    deleteOwnTriggers(job);
    const props = PropertiesService.getDocumentProperties();
    if (props.getProperty(ownerKey(job)) === Session.getEffectiveUser().getEmail().trim().toLowerCase()) props.deleteProperty(ownerKey(job));
  }
}

const ownerKey = (job: string) => `trigger.owner.${job}`;
const soonKey = (job: string) => `trigger.soon.${job}`;
/** A one-off run asked for longer ago than this and still pending is presumed lost: ask again. */
const STALE_SOON_MS = 10 * 60 * 1000;

/** A one-off run has started: the next request for one makes a new trigger. */
export function soonRunStarted(job: string): void {
  PropertiesService.getScriptProperties().deleteProperty(soonKey(job));
  for (const t of ScriptApp.getProjectTriggers()) if (t.getHandlerFunction() === job) ScriptApp.deleteTrigger(t);
}

function deleteOwnTriggers(job: string): void {
  for (const t of ScriptApp.getProjectTriggers()) if (t.getHandlerFunction() === job) ScriptApp.deleteTrigger(t);
}

/** Whether the trigger running now is the one the document counts on. A trigger whose job another
 *  admin has taken over deletes itself and does nothing (so that a night runs once). */
export function ownsJob(job: string): boolean {
  const owner = PropertiesService.getDocumentProperties().getProperty(ownerKey(job));
  const me = Session.getEffectiveUser().getEmail().trim().toLowerCase();
  if (!owner || owner === me) return true;
  deleteOwnTriggers(job);
  return false;
}

/** Who a trigger runs as: its owner (Session.getEffectiveUser); the active user is often unknown there. */
class TriggerOwner implements Identity {
  email() {
    return Session.getEffectiveUser().getEmail().trim().toLowerCase();
  }
  locale() {
    return Session.getActiveUserLocale();
  }
}

/** What Set up's probe found Sheets does with a leading apostrophe in plain-text cells. */
const APOSTROPHE_KEY = 'sheets.apostrophe';

/** Where the person's current selection is kept between executions (their user cache, 6 hours). */
export const SELECTION_CACHE_KEY = 'crm.selection';

export function rememberSelection(at: SheetPosition): void {
  CacheService.getUserCache()?.put(SELECTION_CACHE_KEY, JSON.stringify(at), 21600);
}

/** The adapters of one Apps Script execution. Built on demand: nothing at the top level of the bundle
 *  touches a service, so that onOpen in AuthMode.NONE and every evaluation stay cheap. */
export function gasRuntime(options: { trigger?: boolean } = {}): Runtime {
  const clock = new SpreadsheetClock();
  const apostropheEaten = () => PropertiesService.getDocumentProperties().getProperty(APOSTROPHE_KEY) !== 'kept';
  const spreadsheet = crmSpreadsheet();
  const properties = new DocumentProperties();
  return {
    grid: new SheetsGrid(spreadsheet, () => clock.timeZone(), apostropheEaten),
    // The big tables in PostgreSQL when an admin connected one (JDBC; connected at the first statement).
    database: connectedDatabase({ properties, openDatabase: jdbcDatabase }),
    openDatabase: jdbcDatabase,
    archives: new SpreadsheetArchives(() => clock.timeZone(), apostropheEaten),
    calibrate: () => PropertiesService.getDocumentProperties().setProperty(APOSTROPHE_KEY, probeApostrophe(spreadsheet)),
    lock: new ScriptLock(),
    properties,
    // Apps Script keeps these per person and per script, out of every sheet.
    userProperties: new DocumentProperties(PropertiesService.getUserProperties()),
    clock,
    identity: options.trigger ? new TriggerOwner() : new GoogleAccount(),
    cache: new DocumentCache(),
    selection: new ActiveSelection(),
    scheduler: new ScriptTriggers(),
    charts: new SheetCharts(spreadsheet),
    secrets: new UuidSecrets(),
    http: new UrlFetchHttp(),
    mailer: new MailAppMailer(),
  };
}

/** Where Set up keeps the spreadsheet's id (script properties: a web app has no active document). */
export const SPREADSHEET_ID_KEY = 'crm.spreadsheet_id';

/** The CRM's spreadsheet: the active one (the sidebar, the menu, the triggers of this bound script),
 *  else, in the web app, which has none, the one whose id Set up kept. */
export function crmSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return active;
  const id = PropertiesService.getScriptProperties().getProperty(SPREADSHEET_ID_KEY);
  if (!id) throw new Error('The CRM does not know its spreadsheet yet: an admin opens it and runs Set up once (Extensions › CRM › Set up).');
  return SpreadsheetApp.openById(id);
}

/** Keeps the spreadsheet's id for the web app (Set up calls it, from the spreadsheet). */
export function rememberSpreadsheet(): void {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) PropertiesService.getScriptProperties().setProperty(SPREADSHEET_ID_KEY, active.getId());
}

/** Two random UUIDs (122 random bits each, from Google's secure generator) as 64 hex digits. */
class UuidSecrets implements Secrets {
  newToken(): string {
    return (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, '');
  }
  sign(key: string, message: string): string {
    return Utilities.base64EncodeWebSafe(Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8)).replace(/=+$/, '');
  }
}
