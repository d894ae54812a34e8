// npm run bench, the newsletter sync: a first sync of a 50,000-member Mailchimp audience with a CRM of
// 10,000 contacts (5,000 of them on the audience, 3,000 consented ones not yet on it), 3 campaigns with
// 12,000 engaged recipients, then a second sync with nothing changed. Counted: the platform's
// requests (Mailchimp's strict double), the spreadsheet calls at the Grid port, the cells the sync's
// tables use, and the time at Apps Script's cost model (bench-record.ts's GOOGLE, plus 0.3 s a
// UrlFetch round trip, fetchAll's 10 at once counted as one).
import { performance } from 'node:perf_hooks';
import { callAction } from '../src/api/call';
import { memoryRuntime } from '../src/memory/services';
import type { FixedClock } from '../src/memory/services';
import { Workbook } from '../src/store/workbook';
import { CampaignActivity, Contacts, NewsletterMembers } from '../src/core/schema/tables';
import { runSync } from '../src/services/sync/sync-run';
import { MailchimpDouble } from '../test/doubles/mailchimp';
import { googleSeconds, timedGrid, type Timed } from './bench-record';

const URLFETCH_S = 0.3;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

export function benchSync(members = 50000): void {
  const rt = memoryRuntime();
  callAction(rt, 'setUp', {});
  const clock = rt.clock as FixedClock;
  const mc = new MailchimpDouble(undefined, () => clock.now().toISOString()).list('aud1');
  for (let k = 0; k < members; k++) mc.member('aud1', `reader${k}@example.org`, k % 25 === 0 ? 'unsubscribed' : k % 40 === 0 ? 'cleaned' : 'subscribed', { FNAME: `Reader${k}`, LNAME: 'Bench' });
  const wb = new Workbook(rt, rt.clock, 'bench');
  const consent = { newsletter_status: 'subscribed' as const, consent_source: 'form', consent_at: '2026-01-01T00:00:00Z' };
  wb.table(Contacts).insert([
    ...Array.from({ length: 5000 }, (_, k) => ({ kind: 'person' as const, first_name: `Reader${k * 7}`, email: `reader${k * 7}@example.org` })),
    ...Array.from({ length: 3000 }, (_, k) => ({ kind: 'person' as const, first_name: `Member${k}`, email: `member${k}@example.org`, ...consent })),
    ...Array.from({ length: 2000 }, (_, k) => ({ kind: 'person' as const, first_name: `Donor${k}`, email: `donor${k}@example.org` })),
  ]);
  wb.commit('bench');
  for (let c = 0; c < 3; c++) {
    mc.campaign(`cmp${c}`, 'aud1', `Letter ${c}`, '2026-11-15T09:00:00+00:00');
    for (let k = 0; k < 4000; k++) {
      const email = `reader${(k * 11 + c) % members}@example.org`;
      mc.open(`cmp${c}`, email, '2026-11-15T10:00:00+00:00');
      if (k % 5 === 0) mc.click(`cmp${c}`, email, '2026-11-15T10:05:00+00:00', 'https://example.org/give');
    }
  }
  const timed: Timed = { calls: 0, gridMs: 0 };
  rt.grid = timedGrid(rt.grid, timed) as typeof rt.grid;
  const connection = { platform: 'mailchimp' as const, key: mc.key, list: 'aud1' };
  console.log(`\nNewsletter sync, Mailchimp audience of ${fmt(members)} members, CRM of 10,000 contacts (see scripts/bench-sync.ts):\n`);
  console.log('| run | requests | request batches | Grid calls | engine ms | Apps Script min (model) | executions of 4.5 min | created in CRM | added to Mailchimp | engaged rows |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const run of ['first sync', 'second sync, nothing changed']) {
    Object.assign(timed, { calls: 0, gridMs: 0, bytesRead: 0, bytesWritten: 0 });
    const before = mc.requests.length;
    let batches = 0;
    const http = rt.http;
    const counted = { fetch: (r: Parameters<typeof http.fetch>[0]) => (batches++, http.fetch(r)), fetchAll: (r: Parameters<typeof http.fetchAll>[0]) => (batches++, http.fetchAll(r)) };
    rt.http = Object.assign(Object.create(Object.getPrototypeOf(http)), http, counted);
    rt.http.serve('us21.api.mailchimp.com', mc.service);
    const start = performance.now();
    const outcome = runSync(rt, connection, { actor: 'sync' });
    const ms = performance.now() - start - timed.gridMs;
    rt.http = http;
    const seconds = googleSeconds(timed, ms) + batches * URLFETCH_S;
    const rows = new Workbook(rt, rt.clock, 'bench').table(CampaignActivity).count();
    console.log(
      `| ${run} | ${fmt(mc.requests.length - before)} | ${fmt(batches)} | ${fmt(timed.calls)} | ${fmt(ms)} | ${fmt(seconds / 60)} | ${Math.ceil(seconds / 270)} | ${fmt(outcome.report.created_in_crm)} | ${fmt(outcome.report.created_in_mailer)} | ${fmt(rows)} |`,
    );
    clock.advance(3600_000);
  }
  const after = new Workbook(rt, rt.clock, 'bench');
  const cells = (def: { columns: object }, n: number) => Object.keys(def.columns).length * n;
  const links = after.table(NewsletterMembers).count();
  const activity = after.table(CampaignActivity).count();
  console.log(
    `\nCells the sync's own tables use: NewsletterMembers ${fmt(links)} rows × ${Object.keys(NewsletterMembers.columns).length} = ${fmt(cells(NewsletterMembers, links))}; CampaignActivity ${fmt(activity)} rows × ${Object.keys(CampaignActivity.columns).length} = ${fmt(cells(CampaignActivity, activity))} (one row per engaged recipient per campaign; the opens and clicks themselves: ${fmt(3 * 4800)} events). Resubscribe attempts Mailchimp saw: ${mc.resubscribeAttempts.length}.`,
  );
}
