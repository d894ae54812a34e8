// npm run bench, second part: the contact record (search, card, logging a call) at 10k and 100k
// contacts with their memberships, donations, interactions, tags and relationships (the demo's
// stories). Spreadsheet calls are counted at the Grid port (one call = one read or one write batch);
// engine time is the time spent outside the Grid, i.e. what our code costs on top of the sheet's own.
import { callAction } from '../src/api/call';
import { memoryRuntime, MemoryRuntime } from '../src/memory/services';
import type { Grid } from '../src/ports';
import { Workbook } from '../src/store/workbook';
import { addDemoData, seededRandom } from '../src/services/demo-data';
import { markSearchIndexStale } from '../src/services/search/search-index';
import { PerformanceObserver, performance } from 'node:perf_hooks';

/** Garbage collections seen, to say how much of a measure the collector took. */
const collections: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push({ start: entry.startTime, duration: entry.duration });
}).observe({ entryTypes: ['gc'] });

export interface Timed {
  calls: number;
  gridMs: number;
  /** What crossed the Grid port, in bytes (texts as UTF-16 code units, 8 per number): what Google moves. */
  bytesRead?: number;
  bytesWritten?: number;
}

/** The cost model of a Sheets round trip, stated in the README: each Apps Script service call costs
 *  about 80 ms (SpreadsheetApp's latency per call, whatever its size), each MB read 0.25 s and each MB
 *  written 0.5 s, and Apps Script's V8 runs our code about 2× slower than Node here. A write of n
 *  scattered blocks is n setValues calls plus one RangeList call for the text format; an append two. */
export const GOOGLE = { callS: 0.08, readSPerMb: 0.25, writeSPerMb: 0.5, engineFactor: 2 };

export function googleSeconds(t: { calls: number; bytesRead?: number; bytesWritten?: number }, engineMs: number): number {
  const mb = (bytes = 0) => bytes / 1e6;
  return t.calls * GOOGLE.callS + mb(t.bytesRead) * GOOGLE.readSPerMb + mb(t.bytesWritten) * GOOGLE.writeSPerMb + (engineMs / 1000) * GOOGLE.engineFactor;
}

function bytesOf(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return 8;
  if (typeof value === 'boolean') return 4;
  if (Array.isArray(value)) {
    let n = 0;
    for (const v of value) n += bytesOf(v);
    return n;
  }
  if (value && typeof value === 'object' && 'values' in value) return bytesOf((value as { values: unknown }).values);
  return 0;
}

/** Wraps a Grid to count its calls (as Google would: see GOOGLE), the time spent in them, and the
 *  bytes that crossed it. */
export function timedGrid(grid: Grid, timed: Timed): Grid {
  return new Proxy(grid, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const start = performance.now();
        let result: unknown;
        try {
          return (result = value.apply(target, args));
        } finally {
          if (name === 'write') {
            const blocks = args[1] as unknown[];
            timed.calls += blocks.length + 1;
            timed.bytesWritten = (timed.bytesWritten ?? 0) + bytesOf(blocks);
          } else if (name === 'append') {
            timed.calls += 2;
            timed.bytesWritten = (timed.bytesWritten ?? 0) + bytesOf(args[1]);
          } else {
            timed.calls++;
            if (String(name).startsWith('read')) timed.bytesRead = (timed.bytesRead ?? 0) + bytesOf(result);
          }
          timed.gridMs += performance.now() - start;
        }
      };
    },
  });
}

function runtimeWith(contacts: number): { rt: MemoryRuntime; timed: Timed; sizes: Record<string, number> } {
  const rt = memoryRuntime('bench@example.org');
  const ok = callAction(rt, 'setUp', {});
  if (!ok.ok) throw new Error(ok.error.message);
  const wb = new Workbook(rt, rt.clock, 'bench@example.org');
  const sizes = addDemoData(wb, contacts, seededRandom(7));
  wb.commit('bench.demo');
  const timed: Timed = { calls: 0, gridMs: 0 };
  return { rt: { ...rt, grid: timedGrid(rt.grid, timed) as MemoryRuntime['grid'] }, timed, sizes };
}

interface Result {
  calls: number;
  mb: number;
  googleS: number;
  engineMs: number;
  /** What the garbage collector took during the whole call, reads included (much of it moving the rows a read returned). */
  gcMs: number;
  totalMs: number;
}

/** Median of `runs` executions of one action, each a fresh execution (as in Apps Script) with a warm cache. */
async function measure(rt: MemoryRuntime, timed: Timed, name: string, input: () => unknown, runs = 7, before?: () => void): Promise<Result> {
  const results: Result[] = [];
  // One untimed call first: it fills the cache (staff, settings, relationship types, headers), as the
  // sidebar's first call does in a real session, and builds the search index.
  callAction(rt, name, input());
  for (let k = 0; k < runs; k++) {
    before?.();
    const given = input();
    timed.calls = 0;
    timed.gridMs = 0;
    timed.bytesRead = timed.bytesWritten = 0;
    const start = performance.now();
    const answer = callAction(rt, name, given);
    const end = performance.now();
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    await new Promise((resolve) => setTimeout(resolve, 30)); // lets the observer report the collections
    const gcMs = collections.filter((c) => c.start >= start && c.start < end).reduce((sum, c) => sum + c.duration, 0);
    const engineMs = end - start - timed.gridMs;
    results.push({ calls: timed.calls, mb: (timed.bytesRead! + timed.bytesWritten!) / 1e6, googleS: googleSeconds(timed, engineMs), engineMs, gcMs, totalMs: end - start });
  }
  results.sort((a, b) => a.engineMs - b.engineMs);
  return results[Math.floor(results.length / 2)];
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

export async function benchRecord(sizes = [10000, 100000]): Promise<void> {
  console.log('\n| contacts | rows in linked tables | operation | spreadsheet calls | MB moved | est. on Google s | engine ms | collector ms (whole call) | total ms (in-memory sheet) |');
  console.log('|---:|---|---|---:|---:|---:|---:|---:|---:|');
  for (const size of sizes) {
    const { rt, timed, sizes: rows } = runtimeWith(size);
    const linked = `${fmt(rows.Memberships)} memberships, ${fmt(rows.Donations)} donations, ${fmt(rows.Interactions)} interactions, ${fmt(rows.ContactTags)} tags`;
    const first = callAction(rt, 'searchContacts', { limit: 1 });
    if (!first.ok) throw new Error(first.error.message);
    const someone = (first.data as { items: { id: string; row: number }[] }).items[0];
    // The first search found no index: the sidebar has it built by a call of its own.
    const built = callAction(rt, 'refreshSearchIndex', {});
    if (!built.ok) throw new Error(built.error.message);
    // A write through the store (or a hand edit) makes the index stale: the next search scans the
    // sheets, and the sidebar then asks for the rebuild (refreshSearchIndex) in another call.
    const stale = () => markSearchIndexStale(rt.properties);
    let edits = 0;
    const operations: [string, string, () => unknown, (() => void)?][] = [
      ['search "mar" (first page of 25)', 'searchContacts', () => ({ text: 'mar', limit: 25 })],
      ['search a phone number (digits typed as +33 …)', 'searchContacts', () => ({ text: '+33 6 12 34', limit: 25 })],
      ['list everyone, members only (first page)', 'searchContacts', () => ({ members: 'members', limit: 25 })],
      ['search "mar", first search after a write (index stale: the scan)', 'searchContacts', () => ({ text: 'mar', limit: 25 }), stale],
      ['rebuild the stale search index (the call the sidebar makes next)', 'refreshSearchIndex', () => ({ force: true }), stale],
      ['open a contact card', 'getContactCard', () => ({ id: someone.id })],
      ['log a call (row known from the card)', 'logInteraction', () => ({ interaction: { contact_id: someone.id, type: 'call', subject: 'Bench call' }, row_hint: someone.row })],
      ['edit a contact (city)', 'updateContact', () => ({ id: someone.id, patch: { city: `Bench ${++edits}` } })],
      ['tag a contact', 'addTag', () => ({ contact_id: someone.id, name: `bench ${++edits}` })],
      // The writes above patched the index instead of making it stale; an edit before each run adds one more.
      [
        'search "mar" after the writes above (index patched, not stale)',
        'searchContacts',
        () => ({ text: 'mar', limit: 25 }),
        () => void callAction(rt, 'updateContact', { id: someone.id, patch: { city: `Bench ${++edits}` } }),
      ],
    ];
    for (const [operation, action, input, before] of operations) {
      const r = await measure(rt, timed, action, input, 7, before);
      console.log(`| ${fmt(size)} | ${linked} | ${operation} | ${r.calls} | ${fmt(r.mb)} | ${fmt(r.googleS)} | ${fmt(r.engineMs)} | ${fmt(r.gcMs)} | ${fmt(r.totalMs)} |`);
    }
  }
}
