// npm run bench: what the store costs in Apps Script service calls, cells moved and engine time, at
// 1k, 10k and 100k contacts, beside the same work done the naive way through the same fakes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { createAppsScriptFakes } from '../test/fakes';
import { SheetsGrid } from '../src/gas/grid';
import { MemoryGrid } from '../src/memory/grid';
import { FixedClock } from '../src/memory/services';
import { Workbook } from '../src/store/workbook';
import { Contacts } from '../src/core/schema/tables';
import { addDemoContacts } from './bench-data';
import { benchRecord } from './bench-record';
import { benchImport } from './bench-import';
import { benchDedupe } from './bench-dedupe';
import { benchQuery } from './bench-query';
import { benchLocal } from './bench-local';
import { benchCli } from './bench-cli';
import { benchSidebar } from './bench-sidebar';
import { benchSync } from './bench-sync';
import { benchDatabase } from './bench-database';

interface Measure {
  calls: number;
  cells: number;
  ms: number;
}

const SIZES = [1000, 10000, 100000];
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const root = join(__dirname, '..', '..');

function measure(fakes: ReturnType<typeof createAppsScriptFakes>, work: () => void): Measure {
  fakes.resetCounters();
  const start = process.hrtime.bigint();
  work();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { calls: fakes.counters.calls, cells: fakes.counters.cellsRead + fakes.counters.cellsWritten, ms };
}

function setupSpreadsheet(size: number) {
  const fakes = createAppsScriptFakes();
  Object.assign(globalThis, { Utilities: fakes.globals.Utilities });
  // Build the Contacts sheet in memory first, then copy it into the fake in one write.
  const memory = new MemoryGrid();
  memory.createSheet(Contacts.name, Object.keys(Contacts.columns));
  addDemoContacts(new Workbook({ grid: memory }, new FixedClock(), 'bench@example.org'), size);
  const rows = memory.read(Contacts.name);
  const grid = new SheetsGrid(fakes.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, () => 'Europe/Paris');
  grid.createSheet(Contacts.name, rows[0] as string[]);
  grid.append(Contacts.name, rows.slice(1), 1);
  return { fakes, grid, ids: rows.slice(1).map((r) => String(r[0])) };
}

/** n distinct items in a repeatable random order (a seeded shuffle). */
function pick<T>(list: T[], n: number, seed = 7): T[] {
  const copy = list.slice();
  let x = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const j = x % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

function benchSize(size: number) {
  const results: Record<string, { ours: Measure; naive: Measure }> = {};
  const workbookOn = (grid: SheetsGrid) => new Workbook({ grid }, new FixedClock(), 'bench@example.org');

  {
    const { fakes, grid } = setupSpreadsheet(size);
    const ours = measure(fakes, () => workbookOn(grid).table(Contacts).all());
    const sheet = fakes.spreadsheet.getSheetByName(Contacts.name)!;
    const naive = measure(fakes, () => {
      const last = sheet.getLastRow();
      for (let r = 1; r <= last; r++) sheet.getRange(r, 1, 1, sheet.getLastColumn()).getValues();
    });
    results['read the Contacts table'] = { ours, naive };
  }
  {
    const { fakes, grid, ids } = setupSpreadsheet(size);
    const wanted = pick(ids, 100);
    const ours = measure(fakes, () => {
      const table = workbookOn(grid).table(Contacts);
      for (const id of wanted) table.get(id);
    });
    const sheet = fakes.spreadsheet.getSheetByName(Contacts.name)!;
    const naive = measure(fakes, () => {
      // The usual hand-written way: scan the id column, then read the row found.
      for (const id of wanted) {
        const column = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues();
        const r = column.findIndex((row) => row[0] === id);
        sheet.getRange(r + 1, 1, 1, sheet.getLastColumn()).getValues();
      }
    });
    results['find 100 contacts by id'] = { ours, naive };
  }
  {
    const { fakes, grid } = setupSpreadsheet(size);
    const fresh = Array.from({ length: 1000 }, (_, i) => ({ kind: 'person', first_name: `New${i}`, last_name: 'Person', postal_code: '01000', phone: '+33 6 12 34 56 78' }));
    const table = workbookOn(grid).table(Contacts);
    table.all(); // the execution has read the table already (it needs it to check for duplicates)
    const ours = measure(fakes, () => {
      table.insert(fresh);
      table.flush();
    });
    const sheet = fakes.spreadsheet.getSheetByName(Contacts.name)!;
    const width = sheet.getLastColumn();
    const naive = measure(fakes, () => {
      for (const c of fresh) sheet.appendRow([c.first_name, ...new Array(width - 1).fill('')]);
    });
    results['append 1,000 contacts'] = { ours, naive };
  }
  {
    const { fakes, grid, ids } = setupSpreadsheet(size);
    const wanted = pick(ids, 1000, 11);
    const wb = workbookOn(grid);
    const table = wb.table(Contacts);
    table.all();
    const ours = measure(fakes, () => {
      for (const id of wanted) table.update(id, { city: 'Porto', next_contact_date: '2026-12-01' });
      table.flush();
    });
    const sheet = fakes.spreadsheet.getSheetByName(Contacts.name)!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    const cityColumn = header.indexOf('city') + 1;
    const dateColumn = header.indexOf('next_contact_date') + 1;
    const naive = measure(fakes, () => {
      for (const id of wanted) {
        const r = ids.indexOf(id) + 2;
        sheet.getRange(r, cityColumn).setValue('Porto');
        sheet.getRange(r, dateColumn).setValue('2026-12-01');
      }
    });
    results[`update ${fmt(wanted.length)} scattered contacts`] = { ours, naive };
  }
  return results;
}

/** What every google.script.run call pays before it does anything: dist/Code.js parsed (a new file
 *  name each time, so that nothing is cached) and its top level run in a fresh context, as Apps Script
 *  does per execution; and the run alone, the script already compiled. */
function bundleEvaluation(): { bytes: number; ms: number; parseAndRun: number } {
  const code = readFileSync(join(root, 'dist', 'Code.js'), 'utf8');
  const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const script = new vm.Script(code);
  const run: number[] = [];
  const both: number[] = [];
  for (let i = 0; i < 20; i++) {
    let start = process.hrtime.bigint();
    script.runInNewContext({});
    run.push(Number(process.hrtime.bigint() - start) / 1e6);
    start = process.hrtime.bigint();
    new vm.Script(code, { filename: `Code-${i}.js` }).runInNewContext({});
    both.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { bytes: Buffer.byteLength(code), ms: median(run), parseAndRun: median(both) };
}

console.log('| contacts | operation | calls | cells | ms | naive calls | naive cells | naive ms | calls saved |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const size of SIZES) {
  for (const [operation, { ours, naive }] of Object.entries(benchSize(size))) {
    console.log(
      `| ${fmt(size)} | ${operation} | ${fmt(ours.calls)} | ${fmt(ours.cells)} | ${fmt(ours.ms)} | ${fmt(naive.calls)} | ${fmt(naive.cells)} | ${fmt(naive.ms)} | ${fmt(naive.calls / Math.max(1, ours.calls))}× |`,
    );
  }
}
const bundle = bundleEvaluation();
console.log(
  `\nBundle: dist/Code.js is ${fmt(bundle.bytes / 1024)} KB; parsed and run in a fresh context ${fmt(bundle.parseAndRun)} ms, run alone ${fmt(bundle.ms)} ms (medians of 20, Node ${process.version}).`,
);

void benchRecord().then(async () => {
  benchImport();
  benchDedupe([10000, 100000]);
  await benchQuery();
  await benchLocal();
  benchCli();
  await benchSidebar();
  benchSync();
  benchDatabase();
});
