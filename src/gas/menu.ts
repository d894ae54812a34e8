import { translate } from '../core/i18n';
import { sidebarFile } from '../core/i18n/sidebar-file';
import { callAction } from '../api/call';
import { DocumentProperties, gasRuntime, rememberSpreadsheet } from './services';
import { ownLanguage } from '../services/access';

/** Builds the menu and nothing else: in AuthMode.NONE (an add-on not yet used in this document) any
 *  other service call would fail. */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const language = safeLocale();
  SpreadsheetApp.getUi().createAddonMenu().addItem(translate(language, 'menu.sidebar'), 'showSidebar').addItem(translate(language, 'menu.setup'), 'runSetUp').addToUi();
}

export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function showSidebar(): void {
  // The sidebar of the person's language (their own choice, else their account's): one language a load.
  const language = sidebarLanguage();
  const html = HtmlService.createHtmlOutputFromFile(sidebarFile(language)).setTitle(translate(language, 'app.name'));
  SpreadsheetApp.getUi().showSidebar(html);
}

/** The menu's Set up: creates or migrates the tables, then says what it did. */
export function runSetUp(): void {
  const language = safeLocale();
  const answer = callAction(gasRuntime(), 'setUp', {});
  const ui = SpreadsheetApp.getUi();
  if (!answer.ok) {
    ui.alert(answer.error.message);
    return;
  }
  // The web app has no active spreadsheet: it opens this one by the id kept here.
  rememberSpreadsheet();
  const report = answer.data as { tablesCreated: string[]; columnsAdded: { columns: string[] }[]; role: string; triggers_taken_over?: { from: string }[] };
  const columns = report.columnsAdded.reduce((n, t) => n + t.columns.length, 0);
  const role = report.role ? translate(language, `role.${report.role}`) : '—';
  const tookOver = report.triggers_taken_over?.length ? ` ${translate(language, 'setup.took_over', { from: report.triggers_taken_over[0].from })}` : '';
  SpreadsheetApp.getActiveSpreadsheet().toast(translate(language, 'setup.done', { created: report.tablesCreated.length, columns, role }) + tookOver, translate(language, 'app.name'));
}

/** The language a sidebar opens in: asked for (`?lang=` of the web app), else the person's own choice
 *  (their user properties), else their Google account's. */
export function sidebarLanguage(asked?: string): string {
  if (asked) return asked;
  try {
    const own = ownLanguage(new DocumentProperties(PropertiesService.getUserProperties()));
    if (own) return own;
  } catch {
    // Not available here (AuthMode.NONE): the account's language.
  }
  return safeLocale();
}

function safeLocale(): string {
  try {
    return Session.getActiveUserLocale();
  } catch {
    return 'en';
  }
}
