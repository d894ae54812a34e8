import type { KeyValue, Runtime } from '../ports';
import { XlsxArchives } from './archives';
import { MemoryCache, MemoryScheduler, MemorySelection, PersonProperties, StaticIdentity, SystemClock } from '../memory/services';
import { FileLock } from './file-lock';
import { RandomSecrets } from './secrets';
import { NodeHttp } from './http';
import { NodeMailer } from './mailer';
import { WorkerThreads } from './threads';
import { FileProperties } from './file-properties';
import { PropertyCharts } from './charts';
import type { XlsxWorkbook } from './xlsx-workbook';
import { hybridDatabase } from './database-runtime';

/** The person the local runtime acts for when no --user is given. */
export const DEFAULT_LOCAL_USER = 'admin@crm.local';

export interface NodeRuntime extends Runtime {
  grid: XlsxWorkbook;
  cache: MemoryCache;
  selection: MemorySelection;
  scheduler: MemoryScheduler;
  charts: PropertyCharts;
}

/** What every Node runtime has, whatever holds its tables: the person, the clock, the cache of this
 *  process, the selection the local page reports, timers, charts' specs and secrets in `properties`,
 *  HTTP, mail (files beside `place`, or SMTP_URL), worker threads and the newsletter platforms' addresses. */
export function localServices(properties: KeyValue, user: string, locale: string, place: string) {
  const clock = new SystemClock();
  const identity = new StaticIdentity(user, locale);
  return {
    properties,
    // Locally, each person's properties (their language) sit with the document's, under their address.
    userProperties: new PersonProperties(properties, () => identity.email()),
    clock,
    identity,
    // One process serves the CRM: its cache lives as long as the process and is cleared whenever
    // someone else writes (see LocalCrm).
    cache: new MemoryCache(clock),
    // The local page reports which row a person clicked; the sidebar follows it.
    selection: new MemorySelection(),
    scheduler: new MemoryScheduler(),
    // There are no native charts locally: their specs live in the properties (see charts.ts).
    charts: new PropertyCharts(properties),
    secrets: new RandomSecrets(),
    http: new NodeHttp(),
    mailer: new NodeMailer(place),
    threads: new WorkerThreads(),
    platformUrls: {
      ...(process.env.MAILCHIMP_API_URL ? { mailchimp: process.env.MAILCHIMP_API_URL } : {}),
      ...(process.env.BREVO_API_URL ? { brevo: process.env.BREVO_API_URL } : {}),
    },
  };
}

export function nodeRuntime(workbook: XlsxWorkbook, user: string, locale = Intl.DateTimeFormat().resolvedOptions().locale): NodeRuntime {
  return {
    ...localServices(new FileProperties(`${workbook.path}.properties.json`), user, locale, workbook.path),
    grid: workbook,
    // A database an admin connected from the sidebar holds the big tables (see LocalCrm.call).
    openDatabase: hybridDatabase,
    lock: new FileLock(`${workbook.path}.lock`),
    // The archive is an .xlsx beside the workbook.
    archives: new XlsxArchives(workbook.path),
  };
}
