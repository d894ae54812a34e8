/** Every command that prints a lot hands all of it to the program it is piped into, however slowly that
 *  program reads, and fails loudly when the reader goes away. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');
let path: string;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-pipe-'));
  path = join(dir, 'crm.xlsx');
  execFileSync(process.execPath, [CLI, 'init', '--workbook', path, '--demo', '800'], { stdio: 'ignore' });
  execFileSync(process.execPath, [CLI, 'segment', 'save', 'Everyone', '--query', 'member OR NOT member', '--workbook', path], { stdio: 'ignore' });
}, 120000);

/** Runs the CLI with its stdout piped to a reader that takes nothing until the command has had every
 *  chance to exit (its exit, or 3 s), then reads it all. */
function runWithLateReader(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.stdout.pause();
    let code: number | null = null;
    let exited = false;
    let closed = false;
    const finish = () => exited && closed && resolve({ code, out: Buffer.concat(chunks).toString('utf8'), err });
    child.on('exit', (c) => {
      code = c;
      exited = true;
      startReading();
      finish();
    });
    const timer = setTimeout(startReading, 3000);
    function startReading() {
      clearTimeout(timer);
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stdout.resume();
    }
    child.stdout.on('close', () => {
      closed = true;
      finish();
    });
  });
}

describe('output piped into a slow reader', () => {
  it('crm export (CSV to stdout) arrives whole', async () => {
    const file = join(dir, 'contacts.csv');
    execFileSync(process.execPath, [CLI, 'export', '--workbook', path, '--table', 'Contacts', '--out', file], { stdio: 'ignore' });
    const expected = readFileSync(file, 'utf8');
    expect(expected.length).toBeGreaterThan(200 * 1024);
    const piped = await runWithLateReader(['export', '--workbook', path, '--table', 'Contacts']);
    expect(piped.code).toBe(0);
    expect(piped.out.length).toBe(expected.length);
    expect(piped.out).toBe(expected);
  }, 60000);

  it.each([[['search', '--limit', '100000', '--json']], [['segment', 'show', 'Everyone', '--limit', '100000', '--json']]])(
    'crm %j prints JSON that parses to the end',
    async (args) => {
      const piped = await runWithLateReader([...args, '--workbook', path]);
      expect({ code: piped.code, err: piped.err.includes('crm:') ? piped.err : '' }).toEqual({ code: 0, err: '' });
      expect(piped.out.length).toBeGreaterThan(1000);
      expect(() => JSON.parse(piped.out)).not.toThrow();
    },
    60000,
  );

  it('fails with a message and a non-zero code when the reader goes away', async () => {
    const result = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'export', '--workbook', path, '--table', 'Contacts'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c) => (err += c));
      // Read one chunk, then hang up, as `| head -c 100` does.
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('exit', (code) => resolve({ code, err }));
    });
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/could not be written in full/);
  }, 60000);
});
