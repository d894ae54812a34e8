import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, flag, intFlag, Args } from './args';
import { closeAll } from './local-crm';
import { closeDatabases } from './database-crm';
import { Crm, openCrm, targetOf } from './open-crm';
import { closeSpreadsheets, SpreadsheetCrm } from './spreadsheet-crm';
import { backupCommand } from './cli-backup';
import { databaseLabel } from './postgres';
import { dbCommand } from './cli-db';
import { DEFAULT_LOCAL_USER } from './runtime';
import { startServer } from './server';
import { intakeCommand } from './cli-intake';
import { mailCommand, templateCommand } from './cli-mail';
import { syncCommand } from './cli-sync';
import { syncSavedList, SYNC_CONTINUE_JOB } from '../api/sync-actions';
import { applyInbox } from '../services/intake/apply-inbox';
import { APPLY_INTAKE_JOB } from '../services/intake/receive-delivery';
import { pollStripe, stripeKey } from '../services/intake/stripe-poll';
import { newKey } from './request-guard';
import { exitWhenDrained, watchOutput } from './cli-exit';
import { addDemoData, seededRandom } from '../services/demo-data';
import type { RecordOptions, SearchPage } from '../services/views';
import { fold } from '../core/text';
import { importCommand } from './cli-import';
import { dedupeCommand, mergeCommand } from './cli-dedupe';
import { exportCommand } from './cli-export';
import { segmentCommand } from './cli-segment';
import { rfmCommand } from './cli-rfm';
import { dashboardCommand } from './cli-dashboard';
import { archiveCommand } from './cli-archive';
import { staffCommand } from './cli-staff';
import { NIGHTLY_ACTIONS } from '../api/nightly';

const HELP = `crm — the membership CRM on a local .xlsx workbook

Usage:
  crm init  --workbook PATH [--demo N] [--user EMAIL] [--json]
      Create the CRM tables in PATH (created if missing; an existing workbook is migrated, its data
      kept). With --demo N, add N demo contacts and their memberships, donations, interactions,
      tags and relationships. The user (default ${DEFAULT_LOCAL_USER}) becomes admin.
  crm serve --workbook PATH [--port P] [--user EMAIL] [--key KEY]
      Run the CRM at http://localhost:P (default 8080): the workbook's sheets and the sidebar as
      shipped to Google. A missing workbook is created with 300 demo contacts.
  crm search --workbook PATH "TEXT" [--members|--non-members] [--stage S] [--tag NAME]
             [--limit N] [--offset N] [--json]
  crm search --workbook PATH --query "QUERY" [--json]
      The contacts a query selects, e.g. "tag:volunteer AND membership.status:current AND
      donations.total>=100 since:365d" (the engine segments use).
      The contacts matching TEXT (names, organisation, email, phone in any format, city, tags,
      custom columns; accents and case aside), best first: id, name, email, membership status.
      The same search as the sidebar's. Without TEXT, everyone (filters still apply).
  crm import FILE --workbook PATH [--mode skip|update|fill|none] [--dry-run] [--json]
             [--encoding utf-8|windows-1252|…] [--delimiter ,|;|tab||]
      Import contacts from a CSV, TSV or .xlsx file (encoding and delimiter detected; headers mapped in
      English, French, Spanish and Portuguese). A row matches an existing contact only on strong
      evidence (same external id, or same email and a compatible name). Modes: skip matched rows
      (default), update them, fill only their empty fields, or none (no matching: every valid row
      is new). --dry-run writes nothing. Prints {batch, rows, created, updated, skipped,
      duplicates_in_file, errors: [{row, column, message}]} with --json.
  crm import --undo BATCH --workbook PATH
      Undo an import: created contacts removed, updated ones restored, unless changed since.
  crm import --history --workbook PATH [--json]
      Past imports, newest first: batch, when, file, who, status, counts, and how to undo.
  crm dedupe --workbook PATH [--threshold X] [--json]
      Likely duplicate contacts: pairs with their score and the agreement of each field, and groups.
      Rules (weights, threshold) come from Settings' dedupe_rules.
  crm merge --workbook PATH --keep ID --into-it ID [ID ...] [--json]
      Merge contacts into the one kept: their memberships, gifts, interactions, tags and
      relationships move to it; the others are marked merged_into. An unsubscribe always wins.
  crm merge --undo MERGE_ID --workbook PATH
      Undo a merge (what changed since is kept).
  crm export --workbook PATH [--table T | --search TEXT | --segment NAME] [--format csv|xlsx] [--out FILE]
      A table, the contacts a search finds, or a segment's members, as CSV (UTF-8, formula-escaped;
      to stdout without --out) or .xlsx. Without --table, --search or --segment: every table in one
      .xlsx, a backup.
  crm segment list --workbook PATH [--json]
  crm segment show NAME --workbook PATH [--limit N] [--offset N] [--json]
  crm segment save NAME --query "QUERY" --workbook PATH [--description TEXT] [--view-columns A,B,C] [--json]
  crm segment save NAME --static [--query "QUERY"] --workbook PATH [--description TEXT] [--json]
  crm segment refresh [NAME] --workbook PATH [--json]
      Segments: list them with their count and last refresh; show one's query and members (id, name,
      email, membership status); save a dynamic segment (a saved query, created or replaced; with
      --view-columns, its members are also written to a "Segment - NAME" tab with those Contacts
      columns); save a static segment (a fixed list; --query adds the contacts it selects now, once);
      refresh one or every dynamic segment (count, refresh time, view tab).
  crm rfm --workbook PATH [--segment GROUP] [--limit N] [--offset N] [--json]
      Recency, frequency and monetary scores (1-5 by quintiles over the donors, window and total or
      average from Settings) and the RFM group of every donor, best first; the count per group.
      --segment keeps one group (champions, loyal, at_risk, hibernating, lost, …).
  crm dashboard --workbook PATH [--json]
      Every number on the dashboard: contacts, members, subscribers and their shares, the funnel
      with conversions and median times, renewals due, lapsed, donations by month, RFM groups.
  crm archive --workbook PATH [--json]
      Move AuditLog and TriggerLog rows older than archive_log_months (Settings, default 12), and
      interactions older than archive_interaction_months when it is set, into the archive workbook
      beside PATH (made the first time): the card still shows archived interactions.
  crm staff list --workbook PATH [--json]
  crm staff add EMAIL --role admin|editor|viewer [--name NAME] --workbook PATH
  crm staff set-role EMAIL admin|editor|viewer --workbook PATH
  crm staff deactivate EMAIL --workbook PATH
      Who may use the CRM (admins only, as --user). A role may be written in French, Spanish or
      Portuguese too (administrateur, éditeur, lecteur…); the last active admin cannot be demoted
      or deactivated.
  crm intake token --workbook PATH [--rotate] [--json]
  crm intake kofi-token --set TOKEN --workbook PATH
  crm intake paypal --sandbox|--live [--verify-url URL] --workbook PATH
  crm intake stripe [--key KEY [--api URL]] --workbook PATH
  crm intake inbox --workbook PATH [--status queued|applied|ignored|failed] [--json]
  crm intake retry ID --workbook PATH
  crm intake apply --workbook PATH [--json]
      The web app's intake (admins): the token donation platforms and website forms put in the
      address (POST /exec?source=helloasso|kofi|paypal|form&token=TOKEN; --rotate makes a new one and the
      old one stops working), Ko-fi's verification token, PayPal's test (sandbox) messages taken
      or not (--verify-url: where IPN messages are checked, for a test double), Stripe connected by a
      restricted key (checked with Stripe; '' disconnects; without --key: ask Stripe now), the Inbox, a failed one
      queued again, and the queue applied now (crm serve applies it a moment after each delivery).
  crm template list|show NAME [--language L] --workbook PATH [--json]
  crm template save NAME --subject TEXT --body-file FILE [--language L] [--description D] --workbook PATH
      Email templates (the Templates sheet): plain text, a blank line between paragraphs, **bold**,
      [words](https://…) links, {{first_name}}, {{first_name|Bonjour}}, {{membership.end_date}},
      {{gift.amount}}, {{unsubscribe_url}} (added at the foot when missing), custom columns. One
      template may exist in several languages: each contact gets theirs.
  crm mail send (--segment NAME | --query "Q") --template NAME [--kind newsletter|members] [--name N]
                [--limit N] [--dry-run] --workbook PATH [--json]
  crm mail continue [--limit N] --workbook PATH [--json]
  crm mail list --workbook PATH [--json]
  crm mail cancel MAILING_ID --workbook PATH
      A mail merge: who gets it and who is skipped and why (--dry-run), then the messages today's
      quota allows (Settings mail_daily_quota; --limit fewer); continue sends what is queued. A
      newsletter needs consent; a members' mailing does not; an opt-out always skips. Locally, mail
      goes through SMTP_URL when it is set, else into .eml files in CRM_OUTBOX (default outbox/ beside
      the workbook).
  crm sync mailchimp|brevo --list LIST_ID [--segment NAME] [--fields "city=CITY;custom.X=TAG"]
                           [--dry-run] --workbook PATH [--json]
      The newsletter sync, both ways: an unsubscribe, a bounce or a spam report on the platform is the
      CRM's sticky opt-out, and an opt-out here unsubscribes there; subscribers there become contacts
      once; contacts who gave consent (of --segment only, if given) are added there; changed addresses,
      names, phone, birthday, address, language and the --fields mapped follow; opens and clicks come back, one row per engaged recipient per campaign.
      --dry-run previews both sides and writes nothing. The key comes from MAILCHIMP_API_KEY or
      BREVO_API_KEY; MAILCHIMP_API_URL / BREVO_API_URL point elsewhere (an emulator).
  crm backup --spreadsheet ID --out FILE.xlsx [--json]
      Every sheet of the CRM copied into one .xlsx file, cells as stored (also --workbook, --database).
  crm help
      This text.

Every command works on a workbook file (--workbook PATH), a PostgreSQL database (--database URL, see
crm db) or a Google spreadsheet (--spreadsheet ID or its address, through the Sheets API: set
CRM_GOOGLE_CREDENTIALS to a service account key file shared with the spreadsheet as an editor, or an
OAuth file with a refresh token), and prints JSON with --json.`;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.help || args.command === 'help' || args.command === '--help') {
    console.log(HELP);
    return 0;
  }
  switch (args.command) {
    case 'init':
      return init(args);
    case 'serve':
      return serve(args);
    case 'search':
      return search(args);
    case 'import':
      return importCommand(args, targetOf(args));
    case 'dedupe':
      return dedupeCommand(args, targetOf(args));
    case 'staff':
      return staffCommand(args, targetOf(args));
    case 'merge':
      return mergeCommand(args, targetOf(args));
    case 'export':
      return exportCommand(args, targetOf(args));
    case 'segment':
      return segmentCommand(args, targetOf(args));
    case 'rfm':
      return rfmCommand(args, targetOf(args));
    case 'dashboard':
      return dashboardCommand(args, targetOf(args));
    case 'archive':
      return archiveCommand(args, targetOf(args));
    case 'intake':
      return intakeCommand(args, targetOf(args));
    case 'template':
      return templateCommand(args, targetOf(args));
    case 'mail':
      return mailCommand(args, targetOf(args));
    case 'sync':
      return syncCommand(args, targetOf(args));
    case 'backup':
      return backupCommand(args, targetOf(args));
    case 'db':
      return dbCommand(args);
    default:
      console.error(`Unknown command "${args.command}".\n\n${HELP}`);
      return 2;
  }
}

async function init(args: Args): Promise<number> {
  const target = targetOf(args);
  const path = 'workbook' in target ? target.workbook : 'database' in target ? databaseLabel(target.database) : `spreadsheet ${target.spreadsheet}`;
  const demo = intFlag(args, 'demo', 0);
  const crm = await openCrm(args, target, { setUp: true });
  const setup = await crm.call('setUp', {});
  if (!setup.ok) throw new Error(setup.error.message);
  const demoCounts = demo ? await crm.mutate('demo.create', (wb) => addDemoData(wb, demo, seededRandom(2026))) : null;
  // The workbook is whole on disk before anyone else (crm serve, Excel) opens it.
  await crm.close();
  const report = { workbook: path, setup: setup.data, demo: demoCounts };
  if (args.flags.json) console.log(JSON.stringify(report, null, 2));
  else {
    const s = setup.data as { tablesCreated: string[]; columnsAdded: unknown[]; role: string };
    console.log(`${path}: ${s.tablesCreated.length} tables created, ${s.columnsAdded.length} tables migrated; you are ${s.role || 'not staff'}.`);
    if (demoCounts)
      console.log(
        `Demo data: ${Object.entries(demoCounts)
          .filter(([, v]) => v)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}.`,
      );
  }
  return 0;
}

async function search(args: Args): Promise<number> {
  const crm = await openCrm(args, targetOf(args));
  const query = flag(args, 'query');
  if (query !== undefined) return searchByQuery(crm, args, query);
  const tagName = flag(args, 'tag');
  let tag: string | undefined;
  if (tagName) {
    const options = await crm.call('recordOptions', {});
    if (!options.ok) throw new Error(options.error.message);
    const found = (options.data as RecordOptions).tags.find((t) => fold(t.name) === fold(tagName));
    if (!found) throw new Error(`There is no tag "${tagName}".`);
    tag = found.id;
  }
  const members = args.flags.members ? 'members' : args.flags['non-members'] ? 'non_members' : 'all';
  const answer = await crm.call('searchContacts', {
    text: args.positional.join(' '),
    members,
    stage: flag(args, 'stage'),
    tag,
    limit: Math.min(200, intFlag(args, 'limit', 50)) || 1,
    offset: intFlag(args, 'offset', 0),
  });
  if (!answer.ok) throw new Error(answer.error.message);
  const page = answer.data as SearchPage;
  if (args.flags.json) {
    console.log(
      JSON.stringify(
        {
          total: page.total,
          ...(page.more ? { more: true } : {}),
          offset: page.offset,
          items: page.items.map(({ id, name, email, membership_status, member, phone, city, tags }) => ({ id, name, email, membership_status, member, phone, city, tags })),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  for (const c of page.items) console.log([c.id, c.name || '(no name)', c.email || '-', c.membership_status || '-'].join('\t'));
  const of = page.more ? `more than ${page.total}` : String(page.total);
  const shown = page.items.length ? `${page.offset + 1}–${page.offset + page.items.length} of ${of}` : `0 of ${of}`;
  console.error(`${shown} contacts.`);
  return 0;
}

/** `crm search --query "…"`: the contacts a query selects, in sheet order (the engine of segments). */
async function searchByQuery(crm: Crm, args: Args, query: string): Promise<number> {
  const answer = await crm.call('queryContacts', { query, offset: intFlag(args, 'offset', 0), limit: Math.min(1000, intFlag(args, 'limit', 1000)) || 1 });
  if (!answer.ok) throw new Error(answer.error.message);
  const page = answer.data as { total: number; offset: number; items: { id: string; name: string; email: string; membership_status: string }[] };
  if (args.flags.json) {
    console.log(JSON.stringify(page, null, 2));
    return 0;
  }
  for (const c of page.items) console.log([c.id, c.name || '(no name)', c.email || '-', c.membership_status || '-'].join('\t'));
  console.error(`${page.total} contacts match.`);
  return 0;
}

/** How often `crm serve` asks Stripe (Google: hourly, the most an add-on's trigger may). */
const STRIPE_POLL_MS = 5 * 60 * 1000;

/** How soon `crm serve` applies a delivery (Google: a minute, by a one-off trigger). */
const LOCAL_APPLY_DELAY_MS = 500;

async function serve(args: Args): Promise<number> {
  const target = targetOf(args);
  const port = intFlag(args, 'port', 8080);
  const user = flag(args, 'user', DEFAULT_LOCAL_USER)!;
  if ('workbook' in target && !existsSync(target.workbook)) {
    console.log(`${target.workbook} does not exist yet: creating it with demo data…`);
    await init({ ...args, flags: { ...args.flags, demo: String(intFlag(args, 'demo', 300)) } });
  }
  if ('spreadsheet' in target) throw new Error('crm serve works on a workbook or a database: a Google spreadsheet has its own sidebar, in Sheets (Extensions → CRM)');
  const crm = await openCrm(args, target);
  if (crm instanceof SpreadsheetCrm) throw new Error('crm serve works on a workbook or a database');
  const path = crm.path;
  const key = flag(args, 'key') || newKey();
  if (key.length < 16 || !/^[A-Za-z0-9_-]+$/.test(key)) throw new Error('--key must be at least 16 letters, digits, - or _');
  const server = await startServer(crm, { port, key, distDir: join(__dirname, '..', '..', 'dist') });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  // Unsubscribe links in mail sent from here point at this server.
  crm.runtime.webAppUrl = `http://localhost:${actualPort}/exec`;
  // The key is in the address: only a page opened from it (or a script that knows it) can use the CRM.
  console.log(`CRM running at http://localhost:${actualPort}/?key=${key}  (${'database' in target ? 'database' : 'workbook'} ${path}, signed in as ${user}). Ctrl+C stops it.`);
  // What the daily trigger does in Google: now, then every day while the server runs.
  const daily = async () => {
    for (const name of NIGHTLY_ACTIONS) {
      const answer = await crm.call(name, {});
      if (!answer.ok) console.error(`Daily ${name} failed: ${answer.error.message}`);
    }
  };
  void daily();
  setInterval(() => void daily(), 24 * 3600 * 1000).unref();
  // What Stripe's hourly trigger does in Google: here, every few minutes while a key is set.
  setInterval(() => {
    if (!stripeKey(crm.runtime)) return;
    crm.intake((runtime) => pollStripe(runtime)).catch((error: Error) => console.error(`Stripe: ${error.message}`));
  }, STRIPE_POLL_MS).unref();
  // What the newsletter's hourly trigger does in Google: here, every hour while a list is connected
  // (a run cut off at its time budget goes on a minute later, as the one-off trigger would).
  const syncNewsletter = () => crm.intake((runtime) => syncSavedList(runtime)).catch((error: Error) => console.error(`Newsletter sync: ${error.message}`));
  setInterval(() => void syncNewsletter(), 3600 * 1000).unref();
  crm.runtime.scheduler.onRunSoon((job) => {
    if (job !== SYNC_CONTINUE_JOB) return;
    setTimeout(() => {
      crm.runtime.scheduler.ran(job);
      void syncNewsletter();
    }, 60 * 1000).unref();
  });
  // What the one-off trigger does in Google a minute after a delivery: here, a moment after it.
  crm.runtime.scheduler.onRunSoon((job) => {
    if (job !== APPLY_INTAKE_JOB) return;
    setTimeout(() => {
      crm.runtime.scheduler.ran(job);
      crm.intake((runtime) => applyInbox(runtime)).catch((error: Error) => console.error(`Intake: ${error.message}`));
    }, LOCAL_APPLY_DELAY_MS).unref();
  });
  // Ctrl+C or a service manager's stop: fold the journal into the workbook, then leave.
  return new Promise<number>((resolve) => {
    const stop = () => {
      server.close();
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

watchOutput();
main(process.argv.slice(2))
  // Every write is already durable in the journal; folding it into the .xlsx before exiting leaves a
  // workbook Excel opens as the CRM left it.
  .then(async (code) => (await closeAll(), closeDatabases(), closeSpreadsheets(), code))
  .then(
    (code) => exitWhenDrained(code),
    (error: Error) => {
      console.error(`crm: ${error.message}`);
      closeAll().finally(() => (closeDatabases(), closeSpreadsheets(), exitWhenDrained(1)));
    },
  );
