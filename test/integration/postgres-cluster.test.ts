/** The throw-away PostgreSQL cluster of the tests and the bench (scripts/postgres-cluster.mjs): asked
 *  for with --with-parent, it is stopped and removed once the process that asked for it is gone, even
 *  killed before it could stop it. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../support/until';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'postgres-cluster.mjs');

/** The processes whose command line names `text` (pgrep leaves itself out; none: it answers 1). */
function running(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim().split('\n');
  } catch {
    return [];
  }
}

it('stops and removes the cluster once the process that started it is killed', async () => {
  const starter = `const out = require('child_process').execFileSync(process.execPath, [${JSON.stringify(SCRIPT)}, 'start', '--with-parent'], { encoding: 'utf8' }); console.log(out); setInterval(() => {}, 1000);`;
  const parent = spawn(process.execPath, ['-e', starter], { stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  parent.stdout.on('data', (chunk) => (printed += chunk));
  await until(async () => printed.includes('stop it with'), 120000);
  const dir = /stop (\S+)\)/.exec(printed)![1];
  expect(existsSync(join(dir, 'data'))).toBe(true);
  parent.kill('SIGKILL');
  await until(async () => !existsSync(dir), 60000);
  // No server of that cluster is left running.
  expect(running(join(dir, 'data'))).toEqual([]);
});
