import { phonePage, sidebarFile } from '../core/i18n/sidebar-file';
import { sidebarLanguage } from './menu';
import { applyInbox, APPLY_INTAKE_JOB, pollStripe as askStripe, receiveDelivery } from '../services/intake';
import { gasRuntime, soonRunStarted } from './services';
import { crmLanguage, unsubscribe, unsubscribeAnswer } from '../services/mail';

/** The web app's staff page: the sidebar's page, for staff on a phone (editor add-ons do not run on
 *  phones); every action it calls checks the caller's role as in the sidebar. */
export function doGet(event?: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput | GoogleAppsScript.Content.TextOutput {
  // Mailchimp checks a webhook's address with a GET before it posts to it: a plain answer, nothing read.
  if (event?.parameter?.source) return ContentService.createTextOutput('ok');
  // An unsubscribe link (on the intake's deployment, open to anyone): the opt-out, and a page that says so.
  const token = event?.parameter?.unsubscribe;
  if (token) {
    const runtime = gasRuntime({ trigger: true });
    return HtmlService.createHtmlOutput(unsubscribeAnswer(runtime, String(token), crmLanguage(runtime))).addMetaTag('viewport', 'width=device-width, initial-scale=1');
  }
  // `?lang=` sets the language the page opens in (it carries that language only).
  const sidebar = HtmlService.createHtmlOutputFromFile(sidebarFile(sidebarLanguage(event?.parameter?.lang))).getContent();
  return HtmlService.createHtmlOutput(phonePage(sidebar)).setTitle('CRM').addMetaTag('viewport', 'width=device-width, initial-scale=1');
}

/** Deliveries from donation platforms and website forms: `POST …/exec?source=NAME&token=TOKEN`. A web
 *  app reads no request headers, so the token is in the URL; the body is read as sent
 *  (`e.postData.contents`), JSON or form. Queued at once, applied a minute later by `applyIntake`. */
export function doPost(event?: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  const parameter = event?.parameter ?? {};
  // A mail program's one-click unsubscribe (RFC 8058): POST to the link with List-Unsubscribe=One-Click.
  if (parameter.unsubscribe) {
    const outcome = unsubscribe(gasRuntime({ trigger: true }), String(parameter.unsubscribe));
    return ContentService.createTextOutput(JSON.stringify({ ok: outcome.done })).setMimeType(ContentService.MimeType.JSON);
  }
  let answer: unknown;
  try {
    answer = receiveDelivery(gasRuntime({ trigger: true }), {
      source: String(parameter.source ?? ''),
      token: String(parameter.token ?? ''),
      body: event?.postData?.contents ?? '',
      contentType: event?.postData?.type ?? '',
    });
  } catch (error) {
    // Logged for the Executions page; the sender learns only that it failed.
    console.error(`doPost: ${error instanceof Error ? error.stack || error.message : String(error)}`);
    answer = { ok: false, error: { code: 'internal', message: 'The CRM could not take this delivery.' } };
  }
  return ContentService.createTextOutput(JSON.stringify(answer)).setMimeType(ContentService.MimeType.JSON);
}

/** The one-off trigger a delivery asks for: applies the Inbox (within one execution's time; the rest
 *  asks for another run). */
export function applyIntake(): void {
  soonRunStarted(APPLY_INTAKE_JOB);
  const run = applyInbox(gasRuntime({ trigger: true }), { deadlineMs: 4 * 60 * 1000 });
  console.log(`applyIntake: ${JSON.stringify(run)}`);
}

/** The hourly trigger that connecting Stripe makes (the sidebar's "Ask Stripe now" is the askStripe
 *  action): the events since the last ask, queued in the Inbox. */
export function pollStripe(): void {
  const run = askStripe(gasRuntime({ trigger: true }));
  console.log(`pollStripe: ${JSON.stringify(run)}`);
}
