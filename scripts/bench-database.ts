// npm run bench, the CRM on PostgreSQL beside the CRM on a spreadsheet: the same actions through the
// same code, the big tables in a throw-away PostgreSQL cluster (scripts/postgres-cluster.mjs) or in
// memory the way the spreadsheet's Grid gives them (engine time only: the Apps Script calls a sheet
// costs are in the other tables of this bench). Each size: demo data (5 interactions, 1.6 gifts and
// 0.5 memberships per contact), moved into the database with `moveToDatabase` (what `crm db migrate
// --workbook` does), then each action timed as one execution (median of 3; the first search, which
// builds the search index, apart).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { callAction } from '../src/api/call';
import { NIGHTLY_ACTIONS } from '../src/api/nightly';
import type { Runtime } from '../src/ports';
import { memoryRuntime } from '../src/memory/services';
import { Workbook } from '../src/store/workbook';
import { addDemoData, seededRandom } from '../src/services/demo-data';
import { moveToDatabase } from '../src/services/database/move-to-database';
import { Postgres } from '../src/node/postgres';
import { databaseRuntime } from '../src/node/database-runtime';
import { migrateDatabase } from '../src/store/sql/migrate';
import { DATABASE_TABLES, q, sqlTable } from '../src/store/sql/sql-types';
import { Interactions, TABLES } from '../src/core/schema/tables';
import type { Column } from '../src/core/schema/columns';

const root = join(__dirname, '..', '..');
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const SEGMENT = 'tag:volunteer AND membership.status:current AND donations.total>=50 since:365d';

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runtime: Runtime, name: string, input: unknown, times = 3): number {
  const ms: number[] = [];
  for (let k = 0; k < times; k++) {
    const start = performance.now();
    const answer = callAction(runtime, name, input);
    ms.push(performance.now() - start);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  }
  return median(ms);
}

function actions(runtime: Runtime): Record<string, number> {
  const first = (() => {
    const start = performance.now();
    callAction(runtime, 'searchContacts', { text: 'mar', limit: 50 });
    return performance.now() - start;
  })();
  const page = callAction(runtime, 'searchContacts', { text: 'mar', limit: 50 });
  const id = page.ok ? (page.data as { items: { id: string }[] }).items[0].id : '';
  const nightly = (() => {
    const start = performance.now();
    for (const name of NIGHTLY_ACTIONS) callAction(runtime, name, {});
    return performance.now() - start;
  })();
  return {
    'search, first ever (builds the index)': first,
    'search, first page': time(runtime, 'searchContacts', { text: 'mar', limit: 50 }),
    'open a card': time(runtime, 'getContactCard', { id }),
    'log a call': time(runtime, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Bench', when: '2026-11-22T10:00' } }),
    'count a three-table segment': time(runtime, 'queryContacts', { query: SEGMENT, limit: 1 }),
    // Worked out (on a database the sidebar may open on the figures the night kept: below, at 1 M).
    dashboard: time(runtime, 'dashboard', { fresh: true }),
    'nightly run': nightly,
    'de-duplication': time(runtime, 'findDuplicates', {}, 1),
  };
}

/** The largest size's database copied `times` times over inside PostgreSQL (ids and the ids pointing at
 *  them suffixed per copy), and its interactions twice more: 1 M contacts and 10 M interactions from
 *  the 100k demo CRM in minutes, where moving that many rows from a workbook would take hours. */
export function copiedOver(sql: Postgres, times: number): void {
  for (const def of TABLES) {
    if (!DATABASE_TABLES.includes(def.name) || def.name === 'AuditLog') continue;
    const columns: Record<string, Column> = def.columns;
    const names = [...Object.keys(columns), 'custom'];
    // Ids, and ids pointing at copied records, get the copy's suffix; those pointing at the tabs that
    // stay in the spreadsheet (a tag, a relationship type, a segment) do not: the copies keep their tags.
    const copied = (name: string) => name === 'id' || (columns[name]?.kind === 'ref' && DATABASE_TABLES.includes(String(columns[name].table)));
    const renamed = (k: string) => names.map((name) => (copied(name) ? `CASE WHEN coalesce(${q(name)}, '') = '' THEN ${q(name)} ELSE ${q(name)} || '${k}' END` : q(name))).join(', ');
    const max = Number(sql.query(`SELECT coalesce(max("_seq"), 0) AS n FROM ${sqlTable(def.name)}`)[0].n);
    for (let k = 1; k < times; k++) sql.query(`INSERT INTO ${sqlTable(def.name)} (${names.map(q).join(', ')}) SELECT ${renamed(`_${k}`)} FROM ${sqlTable(def.name)} WHERE "_seq" <= ${max}`);
  }
  const interactions = Object.keys(Interactions.columns);
  // In slices of a million rows: one statement for all of them outlasts the wait for an answer on a slow machine.
  const last = Number(sql.query('SELECT coalesce(max("_seq"), 0) AS n FROM interactions')[0].n);
  for (let from = 0; from < last; from += 1_000_000) {
    sql.query(
      `INSERT INTO interactions (${[...interactions, 'custom'].map(q).join(', ')}) SELECT ${interactions.map((name) => (name === 'id' ? `"id" || '_x'` : q(name))).join(', ')}, "custom" FROM interactions WHERE "_seq" > $1 AND "_seq" <= $2`,
      [from, Math.min(from + 1_000_000, last)],
    );
  }
  sql.query('ANALYZE');
}

/** One million contacts: search, a card, a call, segments, the dashboard, each step of the nightly
 *  run, and de-duplication (which still compares in memory: only the compared columns are read). */
function benchMillion(clusterUrl: string, from: string, clock: Runtime['clock']): void {
  const admin = new Postgres(clusterUrl);
  admin.query(`CREATE DATABASE bench_1m TEMPLATE ${from}`);
  admin.close();
  const url = clusterUrl.replace(/\/postgres$/, '/bench_1m');
  const sql = new Postgres(url);
  const start = performance.now();
  copiedOver(sql, 10);
  const copyMs = performance.now() - start;
  const counts = sql.query('SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM interactions) AS interactions')[0];
  sql.close();
  const runtime = databaseRuntime(url, 'admin@example.org', 'en');
  runtime.clock = clock;
  const page = callAction(runtime, 'searchContacts', { text: 'mar', limit: 50 });
  const id = page.ok ? (page.data as { items: { id: string }[] }).items[0].id : '';
  const size = fmt(Number(counts.contacts));
  console.log(`| ${size} | copy the 100k database 10 times over in PostgreSQL (${fmt(Number(counts.interactions))} interactions) | | ${fmt(copyMs)} |`);
  // The first nightly run of the copy writes every status and score that moved, and stores each
  // contact's deciding membership, which segments read from then on: it runs first, once.
  let nightly = 0;
  for (const name of NIGHTLY_ACTIONS) {
    const ms = time(runtime, name, {}, 1);
    nightly += ms;
    console.log(`| ${size} | nightly: ${name} | – | ${fmt(ms)} |`);
  }
  console.log(`| ${size} | nightly run | – | ${fmt(nightly)} |`);
  const rows: [string, string, unknown][] = [
    ['search, first page', 'searchContacts', { text: 'mar', limit: 50 }],
    ['search, two words', 'searchContacts', { text: 'marie paris', limit: 50 }],
    ['search, a phone number', 'searchContacts', { text: '06 12 34', limit: 50 }],
    ['search among members', 'searchContacts', { text: 'mar', members: 'members', limit: 50 }],
    ['search among non-members', 'searchContacts', { text: 'mar', members: 'non_members', limit: 50 }],
    ['search, two letters that match nothing (every contact read)', 'searchContacts', { text: 'zq', limit: 50 }],
    ['open a card', 'getContactCard', { id }],
    ['log a call', 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Bench', when: '2026-11-22T10:00' } }],
    ['count a three-table segment', 'queryContacts', { query: SEGMENT, limit: 1 }],
    ['count current members', 'queryContacts', { query: 'membership.status:current', limit: 50 }],
    ['count members whose membership ends within 30 days', 'queryContacts', { query: 'membership.end<=+30d AND membership.end>=today', limit: 50 }],
    ['count donors of 50 or more in a year', 'queryContacts', { query: 'donations.total>=50 since:365d', limit: 50 }],
  ];
  for (const [label, name, input] of rows) console.log(`| ${size} | ${label} | – | ${fmt(time(runtime, name, input))} |`);
  console.log(`| ${size} | dashboard, worked out | – | ${fmt(time(runtime, 'dashboard', { fresh: true }, 1))} |`);
  console.log(`| ${size} | dashboard, the sidebar opening on the figures kept | – | ${fmt(time(runtime, 'dashboard', {}))} |`);
  console.log(`| ${size} | hot list and donors by RFM score, worked out | – | ${fmt(time(runtime, 'hotList', { fresh: true }, 1))}, ${fmt(time(runtime, 'rfmScores', { fresh: true }, 1))} |`);
  console.log(`| ${size} | hot list and donors by RFM score, from the night's Scores table | – | ${fmt(time(runtime, 'hotList', {}))}, ${fmt(time(runtime, 'rfmScores', {}))} |`);
  console.log(`| ${size} | de-duplication | – | ${fmt(time(runtime, 'findDuplicates', {}, 1))} |`);
  runtime.sql.close();
}

export function benchDatabase(sizes = [10000, 100000], million = true): void {
  let cluster: { url: string; dir: string };
  try {
    const printed = execFileSync(process.execPath, [join(root, 'scripts', 'postgres-cluster.mjs'), 'start', '--with-parent'], { encoding: 'utf8' });
    const dir = /stop (\S+)\)/.exec(printed)![1];
    cluster = { url: readFileSync(join(dir, 'url'), 'utf8'), dir };
  } catch (error) {
    console.log(`\nPostgreSQL bench skipped: ${(error as Error).message.split('\n')[0]}`);
    return;
  }
  try {
    console.log('\nThe CRM on PostgreSQL beside the spreadsheet backend (ms, one execution each; Node ' + process.version + ')\n');
    console.log(`| contacts | operation | spreadsheet (engine) | PostgreSQL |`);
    console.log('|---:|---|---:|---:|');
    for (const size of sizes) {
      const sheet = memoryRuntime('admin@example.org');
      callAction(sheet, 'setUp', {});
      const wb = new Workbook(sheet, sheet.clock, 'bench');
      addDemoData(wb, size, seededRandom(2026));
      wb.commit('bench');
      const admin = new Postgres(cluster.url);
      admin.query(`CREATE DATABASE bench_${size}`);
      admin.close();
      const url = cluster.url.replace(/\/postgres$/, `/bench_${size}`);
      const sql = new Postgres(url);
      migrateDatabase(sql);
      const start = performance.now();
      const moved = moveToDatabase(new Workbook(sheet, sheet.clock, 'bench'), sql);
      const moveMs = performance.now() - start;
      sql.close();
      const rows = moved.reduce((n, t) => n + t.rows, 0);
      const onDatabase = databaseRuntime(url, 'admin@example.org', 'en');
      onDatabase.clock = sheet.clock;
      const a = actions(sheet);
      const b = actions(onDatabase);
      console.log(`| ${fmt(size)} | move ${fmt(rows)} rows into the database (crm db migrate) | | ${fmt(moveMs)} |`);
      for (const op of Object.keys(a)) console.log(`| ${fmt(size)} | ${op} | ${fmt(a[op])} | ${fmt(b[op])} |`);
      onDatabase.sql.close();
    }
    if (million) benchMillion(cluster.url, `bench_${sizes[sizes.length - 1]}`, memoryRuntime('admin@example.org').clock);
  } finally {
    execFileSync(process.execPath, [join(root, 'scripts', 'postgres-cluster.mjs'), 'stop', cluster.dir]);
  }
}
