// The local runtime's writes: a logged call and a contact edit at 1k, 20k and 50k contacts, journalled
// (what the CRM does) beside rewriting the whole .xlsx with exceljs (what it did before), and a search
// made while the journal is folded into the workbook.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Excel from 'exceljs';
import { LocalCrm } from '../src/node/local-crm';
import { addDemoData, seededRandom } from '../src/services/demo-data';

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

async function must(answer: Promise<{ ok: boolean; error?: { message: string }; data?: unknown }>): Promise<any> {
  const a = await answer;
  if (!a.ok) throw new Error(a.error!.message);
  return a.data;
}

/** What every write did before the journal: the whole workbook written again by exceljs. */
async function rewriteWithExceljs(crm: LocalCrm): Promise<void> {
  const grid = crm.runtime.grid;
  const file = new Excel.Workbook();
  for (const name of grid.sheetNames()) {
    const sheet = file.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const [r, values] of grid.read(name).entries()) {
      const row = sheet.getRow(r + 1);
      values.forEach((v, c) => v !== '' && (row.getCell(c + 1).value = v));
    }
  }
  await file.xlsx.writeFile(`${grid.path}.before.xlsx`);
}

export async function benchLocal(sizes = [1000, 20000, 50000]): Promise<void> {
  console.log('\nThe local runtime (.xlsx workbook), through LocalCrm as the local server calls it; median of 7 journalled writes and of 3 rewrites (1 at 50,000):\n');
  console.log('| contacts | operation | journalled ms | rewriting the .xlsx ms |');
  console.log('|---:|---|---:|---:|');
  for (const size of sizes) {
    const path = join(mkdtempSync(join(tmpdir(), 'crm-bench-local-')), 'crm.xlsx');
    const crm = await LocalCrm.open(path, 'admin@crm.local', 'en');
    await must(crm.call('setUp', {}));
    await crm.mutate('demo.create', (wb) => addDemoData(wb, size, seededRandom(2026)));
    const ids = (await must(crm.call('searchContacts', { limit: 20 }))).items.map((i: { id: string }) => i.id) as string[];
    const log = (i: number) => crm.call('logInteraction', { interaction: { contact_id: ids[i % ids.length], type: 'call', subject: `Bench ${i}` } });
    const edit = (i: number) => crm.call('updateContact', { id: ids[i % ids.length], patch: { city: `City ${i}` } });
    for (const [operation, write] of [
      ['log a call', log],
      ['edit a contact', edit],
    ] as const) {
      const journalled: number[] = [];
      const rewritten: number[] = [];
      for (let i = 0; i < 7; i++) journalled.push((await timed(() => must(write(i))))[0]);
      // Before: each write was followed by the whole workbook written again (3 samples, 1 at 50,000: it is slow).
      for (let i = 0; i < (size >= 50000 ? 1 : 3); i++) rewritten.push((await timed(async () => (await must(write(100 + i)), await rewriteWithExceljs(crm))))[0]);
      console.log(`| ${fmt(size)} | ${operation} | ${fmt(median(journalled))} | ${fmt(median(rewritten))} |`);
    }
    // A search while the journal is being folded in a worker thread: it does not wait for the fold.
    await must(log(999));
    const folding = timed(() => crm.fold());
    const [searchMs] = await timed(() => must(crm.call('searchContacts', { text: 'mar' })));
    const [foldMs] = await folding;
    console.log(`| ${fmt(size)} | search while the journal is folded (fold: ${fmt(foldMs)} ms in a worker) | ${fmt(searchMs)} | |`);
    await crm.close();
  }
}
