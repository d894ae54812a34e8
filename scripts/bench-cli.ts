// Each CLI command's wall time and peak memory at 10k and 50k contacts, run as a person runs them (a
// process each, through the built CLI), with no snapshot (the first command after the workbook changed)
// and with the snapshots the previous command kept; beside what every command cost before, at the
// least: reading the whole workbook with exceljs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const cli = join(__dirname, 'cli.js');

interface Run {
  seconds: number;
  mb: number;
}

/** Runs `node <script> args` and measures it: wall time, and the process's peak resident memory
 *  (worker threads included), which a preloaded hook writes at exit. */
function run(dir: string, env: NodeJS.ProcessEnv, script: string, args: string[]): Run {
  const peak = join(dir, 'peak');
  const hook = join(dir, 'peak-hook.js');
  // The peak of this process's own memory (VmHWM, in kB): getrusage's maxRSS would include the bench's
  // own, which Linux carries over a fork and exec.
  const peakOf = `(() => { try { return Number(/VmHWM:\\s*(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]); } catch { return process.resourceUsage().maxRSS; } })()`;
  writeFileSync(hook, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(peak)}, String(${peakOf})));`);
  const start = process.hrtime.bigint();
  const done = spawnSync(process.execPath, ['--max-old-space-size=8192', '--require', hook, script, ...args], { env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (done.status !== 0) throw new Error(`${args.join(' ')} failed: ${done.stderr}`);
  return { seconds, mb: Number(readFileSync(peak, 'utf8')) / 1024 };
}

export function benchCli(sizes = [10000, 50000]): void {
  console.log('\nThe CLI, a process per command (wall time, peak memory); "no snapshot": the first command after the workbook changed; "snapshot": the next one:\n');
  console.log('| contacts | command | no snapshot s | MB | snapshot s | MB |');
  console.log('|---:|---|---:|---:|---:|---:|');
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'crm-bench-cli-'));
    const cache = join(dir, 'cache');
    const env = { ...process.env, CRM_CACHE_DIR: cache };
    const book = join(dir, 'crm.xlsx');
    const line = (command: string, cold: Run, warm?: Run) =>
      console.log(`| ${fmt(size)} | ${command} | ${fmt(cold.seconds)} | ${fmt(cold.mb)} | ${warm ? fmt(warm.seconds) : ''} | ${warm ? fmt(warm.mb) : ''} |`);
    line(`init --demo ${fmt(size)}`, run(dir, env, cli, ['init', '--demo', String(size), '--workbook', book]));
    const commands: [string, string[]][] = [
      ['search mar', ['search', 'mar']],
      ['search --query "tag:volunteer AND donations.total>=100"', ['search', '--query', 'tag:volunteer AND donations.total>=100']],
      ['export --table Contacts', ['export', '--table', 'Contacts', '--out', join(dir, 'contacts.csv')]],
      ['export --table Interactions', ['export', '--table', 'Interactions', '--out', join(dir, 'interactions.csv')]],
      ['dashboard', ['dashboard']],
      ['rfm', ['rfm']],
      ['dedupe', ['dedupe']],
      ['segment list', ['segment', 'list']],
      ['import --history', ['import', '--history']],
    ];
    for (const [name, args] of commands) {
      rmSync(cache, { recursive: true, force: true });
      const cold = run(dir, env, cli, [...args, '--workbook', book]);
      line(name, cold, run(dir, env, cli, [...args, '--workbook', book]));
    }
    // A write: it folds the journal into the workbook before it exits.
    line('segment refresh (writes, then folds)', run(dir, env, cli, ['segment', 'refresh', '--workbook', book]), run(dir, env, cli, ['segment', 'refresh', '--workbook', book]));
    // Every contact of the workbook imported into an empty one: a file of `size` rows.
    const empty = join(dir, 'empty.xlsx');
    run(dir, env, cli, ['init', '--workbook', empty]);
    line(`import a ${fmt(size)}-row CSV into an empty workbook`, run(dir, env, cli, ['import', join(dir, 'contacts.csv'), '--workbook', empty, '--mode', 'none']));
    // Before: every command read the whole workbook with exceljs, at the least.
    const reader = join(dir, 'exceljs-read.js');
    writeFileSync(reader, `const E = require(${JSON.stringify(require.resolve('exceljs'))}); new E.Workbook().xlsx.readFile(process.argv[2]).then(() => 0);`);
    line('before: reading the workbook with exceljs (what every command did first)', run(dir, env, reader, [book]));
    rmSync(dir, { recursive: true, force: true });
  }
}
