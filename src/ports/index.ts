import type { Grid } from './grid';
import type { Lock } from './lock';
import type { KeyValue } from './key-value';
import type { Clock } from './clock';
import type { Identity } from './identity';
import type { Cache } from './cache';
import type { Selection, SheetPosition } from './selection';
import type { Scheduler } from './scheduler';
import type { Charts, ChartSpec } from './charts';
import type { ArchiveBook, Archives } from './archive';
import type { Secrets } from './secrets';
import type { Http } from './http';
import type { Mailer } from './mailer';
import type { Database, DatabaseAddress } from './database';
import type { Threads } from './threads';

export type { Grid, Lock, KeyValue, Clock, Identity, Cache, Selection, SheetPosition, Scheduler, Charts, ChartSpec, ArchiveBook, Archives, Secrets, Http, Mailer, Database, DatabaseAddress, Threads };

/** Everything one execution needs from the outside world. Each runtime (Apps Script, Node, tests)
 *  builds one of these from its adapters. */
export interface Runtime {
  grid: Grid;
  /** The database holding the CRM's big tables, when the team has outgrown the spreadsheet (see
   *  store/sql): connected by an admin in Google (JDBC), by --database in Node. */
  database?: Database;
  /** Opens a database from its address (Apps Script: JDBC; Node: pg), for an admin connecting one: its
   *  tables are those the CRM keeps there (store/sql/sql-types.ts). Absent where none can be reached. */
  openDatabase?(address: DatabaseAddress): Database;
  lock: Lock;
  properties: KeyValue;
  /** The person's own properties (their language), kept apart from the document's and from the sheets. */
  userProperties: KeyValue;
  clock: Clock;
  identity: Identity;
  cache: Cache;
  selection: Selection;
  scheduler: Scheduler;
  /** Native charts over a sheet (the Dashboard sheet). */
  charts: Charts;
  /** The archive spreadsheets old rows move to (see archive.ts). */
  archives: Archives;
  /** New secrets (the intake token). */
  secrets: Secrets;
  /** Other services over HTTPS (PayPal's check of a payment, Stripe's events). */
  http: Http;
  /** Email from the CRM (mail merge, automated emails). */
  mailer: Mailer;
  /** Other threads for long work (de-duplication of a large base), where the runtime has them: Node's
   *  worker threads. Absent in Apps Script, which runs one thread. */
  threads?: Threads;
  /** This runtime's own web app address, when it knows it (`crm serve`: http://localhost:PORT/exec);
   *  in Google an admin sets it (the intake's deployment), see services/mail/unsubscribe.ts. */
  webAppUrl?: string;
  /** Learns, once, how the platform treats what it does not document (Set up calls it): in Google,
   *  whether a plain-text cell keeps a leading apostrophe. Nothing to learn elsewhere. */
  calibrate?(): void;
  /** Rows one execution imports: CHUNK_ROWS where an execution has a time limit (Apps Script's 6
   *  minutes; the local server too, so that other calls go on between chunks), all of them in the CLI. */
  importChunkRows?: number;
  /** How long one long run (a newsletter sync) works before keeping its cursor for the next: most of
   *  Apps Script's 6 minutes there and in the local server; no limit in the CLI (Infinity). */
  executionBudgetMs?: number;
  /** Another address for a newsletter platform's API (an emulator, a proxy), when the connection names
   *  none: in Node, MAILCHIMP_API_URL and BREVO_API_URL. */
  platformUrls?: Partial<Record<'mailchimp' | 'brevo', string>>;
}
