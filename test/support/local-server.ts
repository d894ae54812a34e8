import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  /** http://localhost:PORT/ */
  url: string;
  /** The run's key, printed by crm serve in its address. */
  key: string;
  /** The address of one of its pages with the key (and more query), as a person opens it. */
  page(path?: string, query?: string): string;
  /** fetch with the key in X-CRM-Key, as the page sends it. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  workbook: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

/** Starts `crm serve` (what `npm start` runs) on a free port over a new workbook in a temp folder. */
export async function startLocalServer(options: { demo?: number; user?: string; env?: Record<string, string>; workbook?: string; database?: string } = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-e2e-'));
  const workbook = options.workbook ?? join(dir, 'crm.xlsx');
  const where = options.database ? ['--database', options.database] : ['--workbook', workbook, '--demo', String(options.demo ?? 300)];
  const args = [join(ROOT, 'build/node/cli.js'), 'serve', ...where, '--port', '0'];
  if (options.user) args.push('--user', options.user);
  const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  let output = '';
  const [url, key] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`crm serve did not start in 60 s:\n${output}`)), 60000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /running at (http:\/\/localhost:\d+\/)\?key=([\w-]+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve([found[1], found[2]]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`crm serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    key,
    page: (path = '', query = '') => `${url}${path}?key=${key}${query ? '&' + query : ''}`,
    fetch: (path, init = {}) => fetch(url + path, { ...init, headers: { ...(init.headers as Record<string, string>), 'X-CRM-Key': key } }),
    workbook,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Calls an action of a running server as the page does (POST /api/<name>); a refusal throws. */
export async function callServer<T>(server: RunningServer, action: string, input: unknown): Promise<T> {
  const response = await server.fetch(`api/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  const answer = (await response.json()) as { ok: boolean; data?: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`${action}: ${answer.error?.message}`);
  return answer.data as T;
}
