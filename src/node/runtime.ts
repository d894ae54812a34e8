import type { Runtime } from '../ports';
import { XlsxArchives } from './archives';
import { MemoryCache, MemoryScheduler, MemorySelection, PersonProperties, StaticIdentity, SystemClock } from '../memory/services';
import { FileLock } from './file-lock';
import { RandomSecrets } from './secrets';
import { NodeHttp } from './http';
import { NodeMailer } from './mailer';
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

export function nodeRuntime(workbook: XlsxWorkbook, user: string, locale = Intl.DateTimeFormat().resolvedOptions().locale): NodeRuntime {
  const clock = new SystemClock();
  const properties = new FileProperties(`${workbook.path}.properties.json`);
  const identity = new StaticIdentity(user, locale);
  return {
    grid: workbook,
    // A database an admin connected from the sidebar holds the big tables (see LocalCrm.call).
    openDatabase: hybridDatabase,
    lock: new FileLock(`${workbook.path}.lock`),
    properties,
    // Locally, each person's properties (their language) sit in the same file, under their address.
    userProperties: new PersonProperties(properties, () => identity.email()),
    clock,
    identity,
    // One process serves the file: its cache lives as long as the process and is cleared whenever
    // the file changes on disk (see LocalCrm).
    cache: new MemoryCache(clock),
    // The local page reports which row a person clicked; the sidebar follows it.
    selection: new MemorySelection(),
    scheduler: new MemoryScheduler(),
    // The .xlsx cannot hold native charts: their specs live in the properties file (see charts.ts).
    charts: new PropertyCharts(properties),
    // The archive is an .xlsx beside the workbook.
    archives: new XlsxArchives(workbook.path),
    secrets: new RandomSecrets(),
    http: new NodeHttp(),
    mailer: new NodeMailer(workbook.path),
    platformUrls: {
      ...(process.env.MAILCHIMP_API_URL ? { mailchimp: process.env.MAILCHIMP_API_URL } : {}),
      ...(process.env.BREVO_API_URL ? { brevo: process.env.BREVO_API_URL } : {}),
    },
  };
}
