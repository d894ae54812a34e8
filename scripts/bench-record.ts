// npm run bench, second part: the contact record (search, card, logging a call) at 10k and 100k
// contacts with their memberships, donations, interactions, tags and relationships (the demo's
// stories). Spreadsheet calls are counted at the Grid port (one call = one read or one write batch);
// engine time is the time spent outside the Grid, i.e. what our code costs on top of the sheet's own.
import { callAction } from '../src/api/call';
import { memoryRuntime, MemoryRuntime } from '../src/memory/services';
import type { Grid } from '../src/ports';
import { Workbook } from '../src/store/workbook';
import { addDemoData, seededRandom } from '../src/services/demo-data';

interface Timed {
  calls: number;
  gridMs: number;
}

/** Wraps a Grid to count its calls and the time spent in them. */
function timedGrid(grid: Grid, timed: Timed): Grid {
  return new Proxy(grid, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const start = process.hrtime.bigint();
        try {
          return value.apply(target, args);
        } finally {
          timed.calls++;
          timed.gridMs += Number(process.hrtime.bigint() - start) / 1e6;
        }
      };
    },
  });
}

function runtimeWith(contacts: number): { rt: MemoryRuntime; timed: Timed; sizes: Record<string, number> } {
  const rt = memoryRuntime('bench@example.org');
  const ok = callAction(rt, 'setUp', {});
  if (!ok.ok) throw new Error(ok.error.message);
  const wb = new Workbook(rt.grid, rt.clock, 'bench@example.org');
  const sizes = addDemoData(wb, contacts, seededRandom(7));
  wb.commit('bench.demo');
  const timed: Timed = { calls: 0, gridMs: 0 };
  return { rt: { ...rt, grid: timedGrid(rt.grid, timed) as MemoryRuntime['grid'] }, timed, sizes };
}

interface Result {
  calls: number;
  engineMs: number;
  totalMs: number;
}

/** Median of `runs` executions of one action, each a fresh execution (as in Apps Script) with a warm cache. */
function measure(rt: MemoryRuntime, timed: Timed, name: string, input: () => unknown, runs = 7): Result {
  const results: Result[] = [];
  // One untimed call first: it fills the cache (staff, settings, relationship types, headers), as the
  // sidebar's first call does in a real session.
  callAction(rt, name, input());
  for (let k = 0; k < runs; k++) {
    const given = input();
    timed.calls = 0;
    timed.gridMs = 0;
    const start = process.hrtime.bigint();
    const answer = callAction(rt, name, given);
    const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    results.push({ calls: timed.calls, engineMs: totalMs - timed.gridMs, totalMs });
  }
  results.sort((a, b) => a.engineMs - b.engineMs);
  return results[Math.floor(results.length / 2)];
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

export function benchRecord(sizes = [10000, 100000]): void {
  console.log('\n| contacts | rows in linked tables | operation | spreadsheet calls | engine ms | total ms (in-memory sheet) |');
  console.log('|---:|---|---|---:|---:|---:|');
  for (const size of sizes) {
    const { rt, timed, sizes: rows } = runtimeWith(size);
    const linked = `${fmt(rows.Memberships)} memberships, ${fmt(rows.Donations)} donations, ${fmt(rows.Interactions)} interactions, ${fmt(rows.ContactTags)} tags`;
    const first = callAction(rt, 'searchContacts', { limit: 1 });
    if (!first.ok) throw new Error(first.error.message);
    const someone = (first.data as { items: { id: string; row: number }[] }).items[0];
    const lines: [string, Result][] = [
      ['search "mar" (first page of 25)', measure(rt, timed, 'searchContacts', () => ({ text: 'mar', limit: 25 }))],
      ['search a phone number (digits typed as +33 …)', measure(rt, timed, 'searchContacts', () => ({ text: '+33 6 12 34', limit: 25 }))],
      ['list everyone, members only (first page)', measure(rt, timed, 'searchContacts', () => ({ members: 'members', limit: 25 }))],
      ['open a contact card', measure(rt, timed, 'getContactCard', () => ({ id: someone.id }))],
      ['log a call (row known from the card)', measure(rt, timed, 'logInteraction', () => ({ interaction: { contact_id: someone.id, type: 'call', subject: 'Bench call' }, row_hint: someone.row }))],
    ];
    for (const [operation, r] of lines) console.log(`| ${fmt(size)} | ${linked} | ${operation} | ${r.calls} | ${fmt(r.engineMs)} | ${fmt(r.totalMs)} |`);
  }
}
