import { sidebarFile } from '../core/i18n/sidebar-file';
import { sidebarLanguage } from './menu';

/** The web app. doGet serves the same page as the sidebar, for staff on a phone (editor add-ons do not
 *  run on phones); every action it calls checks the caller's role as in the sidebar. */
export function doGet(event?: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  // `?lang=` sets the language the page opens in (it carries that language only).
  return HtmlService.createHtmlOutputFromFile(sidebarFile(sidebarLanguage(event?.parameter?.lang)))
    .setTitle('CRM')
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
}

/** Webhooks (donations from the website) arrive here. None is configured yet: every request gets a
 *  JSON answer that says so, and nothing is written. */
export function doPost(_event?: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  const body = { ok: false, error: { code: 'no_webhook', message: 'No webhook is configured at this address.' } };
  return ContentService.createTextOutput(JSON.stringify(body)).setMimeType(ContentService.MimeType.JSON);
}
