/**
 * In-memory fakes of the Google Apps Script services used by the CRM.
 *
 *   const fakes = createAppsScriptFakes();
 *   const restore = fakes.install();          // in-process: as globals of this realm
 *   gas.require('dist', fakes.globals);        // or as the global object of a gas-local vm context
 */
import { AuthModeName, FakeContext, Realm } from './context';
import { Counters, createCounters } from './counters';
import { createSpreadsheetApp, Spreadsheet } from './spreadsheet';
import { UiState, createUiState } from './ui';
import { createLockService } from './lock';
import { PropertyStores, createPropertiesService } from './properties';
import { CacheStores, createCacheService, createCacheStores } from './cache';
import { createSession } from './session';
import { HtmlFiles, createContentService, createHtmlService } from './html';
import { TriggerRecord, createScriptApp } from './script-app';
import { createLogger, createUtilities } from './utilities';
import { createUrlFetchApp, UrlFetchState } from './url-fetch';
import { createMailApp, MailState } from './mail-app';

export interface AppsScriptFakesOptions {
  /** Owner of the spreadsheet and initial active user. Default 'owner@example.org'. */
  user?: string;
  /** Spreadsheet locale; Session.getActiveUserLocale() returns its language part. Default 'en_US'. */
  locale?: string;
  /** Spreadsheet and script time zone. Default 'Europe/Paris'. */
  timeZone?: string;
  /** Start with every lock held by another process. */
  lockBusy?: boolean;
  /** Keep a leading apostrophe in plain-text cells instead of eating it (see FakeContext). */
  keepsApostrophe?: boolean;
  /** Names of the sheets of the new spreadsheet. Default ['Sheet1']. */
  sheets?: string[];
  spreadsheetId?: string;
  spreadsheetName?: string;
  /** Title of the menu created by Ui.createAddonMenu(). Default 'Add-on'. */
  addonName?: string;
}

export interface AppsScriptGlobals {
  SpreadsheetApp: any;
  LockService: any;
  PropertiesService: any;
  CacheService: any;
  Session: any;
  HtmlService: any;
  ContentService: any;
  ScriptApp: any;
  Utilities: any;
  UrlFetchApp: any;
  MailApp: any;
  Logger: any;
  console: Console;
}

export interface AppsScriptFakes {
  globals: AppsScriptGlobals;
  spreadsheet: Spreadsheet;
  counters: Counters;
  properties: PropertyStores;
  caches: CacheStores;
  ui: UiState;
  triggers: TriggerRecord[];
  html: HtmlFiles;
  /** What UrlFetchApp reaches: services by host, and every request made. */
  urlFetch: UrlFetchState;
  /** What MailApp sent, and the recipients it still takes today. */
  mail: MailState;
  /** Lines written with Logger.log. */
  logs: string[];
  setUser(email: string): void;
  setAuthMode(mode: AuthModeName | string): void;
  setLockBusy(busy: boolean): void;
  setTimeZone(timeZone: string): void;
  /** Runs what follows as a web app (no active spreadsheet, UI or document lock) or not. */
  setWebApp(on: boolean): void;
  resetCounters(): void;
  /**
   * Makes values handed back to the script (Dates from getValues, thrown errors) come from the
   * script's realm, e.g. `fakes.setRealm(vm.runInContext('({ Date, Error })', ctx))` after
   * gas-local created the context, so that `instanceof Date` holds inside the script.
   */
  setRealm(realm: Partial<Realm>): void;
  /** Copies the globals onto `target` (default globalThis); returns a function that restores it. */
  install(target?: any): () => void;
}

export function createAppsScriptFakes(options: AppsScriptFakesOptions = {}): AppsScriptFakes {
  const user = options.user ?? 'owner@example.org';
  const ctx: FakeContext = {
    counters: createCounters(),
    authMode: 'FULL',
    owner: user,
    user,
    locale: options.locale ?? 'en_US',
    timeZone: options.timeZone ?? 'Europe/Paris',
    lockBusy: !!options.lockBusy,
    keepsApostrophe: !!options.keepsApostrophe,
    realm: { Date, Error },
  };
  const ui = createUiState();
  const addonName = options.addonName ?? 'Add-on';
  const spreadsheet = new Spreadsheet(ctx, ui, { id: options.spreadsheetId, name: options.spreadsheetName, sheets: options.sheets });
  const properties: PropertyStores = { document: {}, script: {}, users: {} };
  const caches = createCacheStores();
  const triggers: TriggerRecord[] = [];
  const html: HtmlFiles = { files: {} };
  const logs: string[] = [];
  const urlFetch: UrlFetchState = { services: new Map(), fetched: [] };
  const mail: MailState = { quota: 100, sent: [] };

  const globals: AppsScriptGlobals = {
    SpreadsheetApp: createSpreadsheetApp(ctx, spreadsheet, ui, addonName),
    LockService: createLockService(ctx),
    PropertiesService: createPropertiesService(ctx, properties),
    CacheService: createCacheService(ctx, caches),
    Session: createSession(ctx),
    HtmlService: createHtmlService(ctx, html),
    ContentService: createContentService(),
    ScriptApp: createScriptApp(ctx, triggers),
    Utilities: createUtilities(ctx),
    UrlFetchApp: createUrlFetchApp(ctx, urlFetch),
    MailApp: createMailApp(ctx, mail),
    Logger: createLogger(logs),
    console,
  };

  return {
    globals,
    spreadsheet,
    counters: ctx.counters,
    properties,
    caches,
    ui,
    triggers,
    html,
    urlFetch,
    mail,
    logs,
    setUser(email: string) {
      ctx.user = String(email);
    },
    setAuthMode(mode: string) {
      const m = String(mode);
      if (!['NONE', 'LIMITED', 'FULL', 'CUSTOM_FUNCTION'].includes(m)) throw new Error(`fake: unknown auth mode ${m}`);
      ctx.authMode = m as AuthModeName;
    },
    setLockBusy(busy: boolean) {
      ctx.lockBusy = !!busy;
    },
    setTimeZone(timeZone: string) {
      ctx.timeZone = timeZone;
    },
    setWebApp(on: boolean) {
      ctx.webApp = on;
    },
    resetCounters() {
      ctx.counters.reset();
    },
    setRealm(realm: Partial<Realm>) {
      ctx.realm = { ...ctx.realm, ...realm };
    },
    install(target: any = globalThis) {
      const saved: Record<string, PropertyDescriptor | undefined> = {};
      for (const key of Object.keys(globals)) {
        saved[key] = Object.getOwnPropertyDescriptor(target, key);
        target[key] = (globals as any)[key];
      }
      return () => {
        for (const key of Object.keys(saved)) {
          const d = saved[key];
          if (d) Object.defineProperty(target, key, d);
          else delete target[key];
        }
      };
    },
  };
}

export type { AuthModeName, Realm } from './context';
export type { Counters } from './counters';
export type { Spreadsheet } from './spreadsheet';
export type { UiState, MenuData, MenuItem, ShownEntry } from './ui';
export type { PropertyStores } from './properties';
export type { TriggerRecord } from './script-app';
export { parseTypedInput } from './typed-input';
export type { TypedValue } from './typed-input';
