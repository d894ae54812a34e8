import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyDatabase } from '../support/database';

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');
const crm = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const fails = (...args: string[]) => {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
};
const json = (...args: string[]) => JSON.parse(crm(...args, '--json'));

describe('crm on a PostgreSQL database', () => {
  it('refuses a database that is not set up, and says the command that sets it up', () => {
    const url = emptyDatabase();
    const search = fails('search', 'ana', '--database', url);
    expect(search.status).toBe(1);
    expect(search.stderr).toContain('is not set up for the CRM');
    expect(search.stderr).toContain('crm db migrate --to URL');
    expect(fails('db', 'status', '--database', url).status).toBe(1);
    expect(fails('search', '--workbook', 'x.xlsx', '--database', url).stderr).toContain('not both');
    expect(fails('search', '--database', 'mysql://x').stderr).toContain('must be a PostgreSQL address');
  });

  it('moves a workbook into the database once, however many times it is run, and answers the same searches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-db-'));
    const workbook = join(dir, 'crm.xlsx');
    crm('init', '--workbook', workbook, '--demo', '60');
    const url = emptyDatabase();
    const first = json('db', 'migrate', '--workbook', workbook, '--to', url);
    expect(first.migrations.length).toBeGreaterThan(0);
    const contacts = first.tables.find((t: { table: string }) => t.table === 'Contacts');
    expect(contacts).toMatchObject({ rows: 60, added: 60 });
    expect(contacts.checked).toBeGreaterThan(10);
    const again = json('db', 'migrate', '--workbook', workbook, '--to', url);
    expect(again.migrations).toEqual([]);
    expect(again.tables.every((t: { added: number }) => t.added === 0)).toBe(true);
    expect(fails('db', 'status', '--database', url).status).toBe(0);
    for (const text of ['mar', 'example.org', '']) expect(json('search', text, '--database', url)).toEqual(json('search', text, '--workbook', workbook));
    // The same numbers; only the spreadsheet's cell budget differs (the database's tables use none of it).
    const { cell_budget: onDatabase, ...dashboard } = json('dashboard', '--database', url);
    const { cell_budget: onSheets, ...same } = json('dashboard', '--workbook', workbook);
    expect(dashboard).toEqual(same);
    expect(onDatabase.sheets).toEqual([]);
    expect(onSheets.sheets.length).toBeGreaterThan(5);
  });

  it('imports, exports and undoes an import on the database, as on a workbook', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-db-'));
    const url = emptyDatabase();
    crm('db', 'migrate', '--to', url);
    crm('init', '--database', url);
    const file = join(dir, 'members.csv');
    writeFileSync(file, 'Email;Prénom;Nom;Code postal;Taille de t-shirt\nines@example.fr;Inès;Moreau;01230;M\nnot-an-address;Léo;=1+1;00000;XL\n');
    const report = json('import', file, '--database', url);
    expect(report).toMatchObject({ created: 2, errors: [] });
    const csv = crm('export', '--database', url, '--table', 'Contacts');
    expect(csv).toContain('Inès');
    expect(csv).toContain('01230');
    expect(csv).toContain('Taille de t-shirt');
    expect(json('search', 'ines', '--database', url).items[0]).toMatchObject({ name: 'Inès Moreau' });
    crm('import', '--undo', report.batch, '--database', url);
    expect(json('search', 'ines', '--database', url).total).toBe(0);
    expect(json('search', '', '--database', url).total).toBe(0);
  });
});
