import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCrm } from '../../src/node/local-crm';
import { FileLock } from '../../src/node/file-lock';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { TABLES } from '../../src/core/schema/tables';

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');
const crm = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

function tempWorkbook(): string {
  return join(mkdtempSync(join(tmpdir(), 'crm-local-')), 'crm.xlsx');
}

describe('crm command line', () => {
  it('lists its commands', () => {
    const help = crm('--help');
    expect(help).toContain('crm init  --workbook PATH [--demo N]');
    expect(help).toContain('crm serve --workbook PATH [--port P] [--user EMAIL]');
  });

  it('init creates the tables and demo data, and a second init keeps the data', () => {
    const path = tempWorkbook();
    const first = JSON.parse(crm('init', '--workbook', path, '--demo', '40', '--json'));
    expect(first.setup.tablesCreated).toEqual(TABLES.map((t) => t.name));
    expect(first.demo.Contacts).toBe(40);
    const again = JSON.parse(crm('init', '--workbook', path, '--json'));
    expect(again.setup.tablesCreated).toEqual([]);
    expect(again.demo).toBeNull();
    expect(readdirSync(join(path, '..')).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });

  it('says what is wrong with its arguments', () => {
    expect(() => crm('init', '--workbook', 'notes.txt')).toThrow(/--workbook must be an .xlsx file, got "notes.txt"/);
    expect(() => crm('init')).toThrow(/--workbook PATH is required/);
    expect(() => crm('frobnicate')).toThrow(/Unknown command "frobnicate"/);
    expect(() => crm('init', '--workbook', join(tmpdir(), 'x.xlsx'), '--demo', 'lots')).toThrow(/--demo must be a whole number, got "lots"/);
  });
});

describe('the local runtime over a workbook file', () => {
  it('saves every change to the file and sees changes another process made', async () => {
    const path = tempWorkbook();
    const server = await LocalCrm.open(path, 'admin@crm.local');
    expect((await server.call('setUp', {})).ok).toBe(true);
    const created = await server.call('createContact', { contact: { first_name: 'Inês', postal_code: '01000' } });
    expect(created.ok).toBe(true);

    // Another process (the CLI) opens the same file and changes it.
    const other = await LocalCrm.open(path, 'admin@crm.local');
    expect((await other.call('createContact', { contact: { first_name: 'Ömer' } })).ok).toBe(true);

    const list = await server.call('searchContacts', {});
    expect(list.ok && (list.data as any).items.map((i: any) => i.name).sort()).toEqual(['Inês', 'Ömer']);
    // Writes are in the journal at once, and in the .xlsx once it is folded (shortly after, and at exit).
    await other.close();
    await server.close();
    expect(existsSync(`${path}.journal`)).toBe(false);
    const reopened = await XlsxWorkbook.open(path);
    const contacts = reopened.read('Contacts');
    expect(contacts.map((r) => r[contacts[0].indexOf('postal_code')])).toContain('01000');
  });

  it('answers "busy" while another process holds the workbook, and writes nothing', async () => {
    const path = tempWorkbook();
    const server = await LocalCrm.open(path, 'admin@crm.local');
    await server.call('setUp', {});
    // Another live process holds it (our parent is alive, and is not us): it is never taken from it.
    writeFileSync(`${path}.lock`, String(process.ppid));
    const answer = await server.call('createContact', { contact: { first_name: 'Later' } });
    unlinkSync(`${path}.lock`);
    expect(answer).toMatchObject({ ok: false, error: { code: 'busy' } });
    const after = await server.call('searchContacts', {});
    expect((after as any).data.total).toBe(0);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

describe('the workbook lock', () => {
  it('is never taken from a live process, and is taken over from a dead one', async () => {
    const path = tempWorkbook();
    writeFileSync(`${path}.lock`, String(process.ppid));
    expect(new FileLock(`${path}.lock`).tryAcquire(100)).toBe(false);
    // A pid no process has (the highest a Linux pid can be, plus one).
    writeFileSync(`${path}.lock`, '4194305');
    const lock = new FileLock(`${path}.lock`);
    expect(lock.tryAcquire(100)).toBe(true);
    lock.release();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
