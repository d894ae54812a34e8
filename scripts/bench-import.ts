// npm run bench, the import: 50,000 rows of a French Excel CSV (';', BOM, decimal comma, dd/mm/yyyy)
// into a CRM that already holds 10,000 contacts, 20% of the rows matching them. Spreadsheet calls are
// counted at the Grid port; engine time is the time outside it.
import { callAction } from '../src/api/call';
import { memoryRuntime } from '../src/memory/services';
import { Workbook } from '../src/store/workbook';
import { Contacts } from '../src/core/schema/tables';
import { timedGrid, Timed } from './bench-record';
import { performance } from 'node:perf_hooks';

const FIRST = ['Zoé', 'Hélène', 'François', 'José', 'María', 'João', 'Inês', 'Núria', 'Théo', 'Emma', 'Lucas', 'Chloé'];
const LAST = ['Durand', 'Lefèvre', 'Núñez', 'García', 'Silva', 'Gonçalves', 'Müller', 'Martin', 'Pereira', 'López', 'Brown', 'Faure'];
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

function csv(rows: number, existing: number): string {
  const lines = ['\ufeffPrénom;Nom;Courriel;Téléphone;Code postal;Ville;Étiquettes;Cotisation;Date d’adhésion'];
  for (let i = 0; i < rows; i++) {
    const k = i % 5 === 0 ? i % existing : existing + i; // one row in five is someone the CRM has
    const first = FIRST[k % FIRST.length];
    const last = LAST[(k * 7) % LAST.length];
    lines.push(
      [
        first,
        last,
        `p${k}@example.org`,
        `06 ${String(10000000 + k).replace(/(\d{2})(?=\d)/g, '$1 ')}`,
        '01000',
        'Bourg-en-Bresse',
        i % 3 ? 'Bénévole' : '',
        i % 4 ? '' : '25,50',
        i % 4 ? '' : '15/01/2026',
      ].join(';'),
    );
  }
  return lines.join('\r\n');
}

export function benchImport(rows = 50000, existing = 10000): void {
  const rt = memoryRuntime('bench@example.org');
  callAction(rt, 'setUp', {});
  const wb = new Workbook(rt, rt.clock, 'bench@example.org');
  wb.table(Contacts).insert(Array.from({ length: existing }, (_, k) => ({ kind: 'person', first_name: FIRST[k % FIRST.length], last_name: LAST[(k * 7) % LAST.length], email: `p${k}@example.org` })));
  wb.commit('bench.seed');
  const text = csv(rows, existing);
  const timed: Timed = { calls: 0, gridMs: 0 };
  const grid = timedGrid(rt.grid, timed);
  const run = { ...rt, grid } as typeof rt;
  rt.grid.resetCounters();
  // Cost model for Apps Script: engine time ×3 (Apps Script's V8 against Node's on this machine), 0.1 s
  // per spreadsheet call, 1 s per million cells moved. Assumptions, stated in the README.
  const executions: { engine: number; calls: number; cells: number }[] = [];
  const execute = (name: string, input: unknown) => {
    timed.calls = 0;
    timed.gridMs = 0;
    const cellsBefore = rt.grid.cellsRead + rt.grid.cellsWritten;
    const start = performance.now();
    const answer = callAction(run, name, input);
    const total = performance.now() - start;
    if (!answer.ok) throw new Error(answer.error.message);
    executions.push({ engine: total - timed.gridMs, calls: timed.calls, cells: rt.grid.cellsRead + rt.grid.cellsWritten - cellsBefore });
    return answer.data as { batch: string; status: string; created: number; updated: number };
  };
  let r = execute('importFile', { file_name: 'adherents.csv', content_base64: Buffer.from(text, 'utf8').toString('base64'), mode: 'update' });
  while (r.status === 'running') r = execute('continueImport', { batch: r.batch });
  const seconds = (e: { engine: number; calls: number; cells: number }) => (e.engine * 3) / 1000 + e.calls * 0.1 + e.cells / 1e6;
  const sum = (f: (e: (typeof executions)[number]) => number) => executions.reduce((t, e) => t + f(e), 0);
  const longest = Math.max(...executions.map(seconds));
  console.log('\n| rows imported | into | created | updated | executions (chunks of 5,000) | spreadsheet calls | cells moved | engine s | estimated Apps Script s, longest execution |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${fmt(rows)} | ${fmt(existing)} contacts | ${fmt(r.created)} | ${fmt(r.updated)} | ${executions.length} | ${fmt(sum((e) => e.calls))} | ${fmt(sum((e) => e.cells))} | ${fmt(sum((e) => e.engine) / 1000)} | ${fmt(longest)} |`,
  );
}
