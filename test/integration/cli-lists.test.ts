/** `crm import`, `crm dedupe`, `crm merge` and `crm export` on a workbook file, through the built CLI. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');
const crm = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function workbookWith(csv: string): { dir: string; path: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'crm-lists-'));
  const path = join(dir, 'crm.xlsx');
  crm('init', '--workbook', path);
  const file = join(dir, 'adherents.csv');
  writeFileSync(file, csv, 'utf8');
  return { dir, path, file };
}

const CSV =
  '\ufeffPrénom;Nom;Courriel;Téléphone;Code postal\nJosé;Núñez;jose@example.es;612 345 678;28013\nJose;Nunez;JOSE@example.es;+34 612345678;28013\nAna;=1+1;ana@example.pt;+351 912 345 678;01000\nBad;Email;pas-un-email;;\n';

describe('crm import, dedupe, merge and export', () => {
  it('imports a file bigger than an Apps Script chunk in one go (nothing staged), and undoes it whole', () => {
    const rows = Array.from({ length: 6200 }, (_, i) => `Ana${i};Lima;ana${i}@example.pt`);
    const { path, file } = workbookWith(['Prénom;Nom;Courriel', ...rows].join('\n'));
    const done = JSON.parse(crm('import', file, '--workbook', path, '--mode', 'none', '--json'));
    expect(done).toMatchObject({ rows: 6200, created: 6200, errors: [] });
    return XlsxWorkbook.open(path).then((grid) => {
      expect(grid.read('Contacts')).toHaveLength(6201);
      // One execution (in Apps Script it would take two chunks, two executions): one time in the AuditLog.
      const audit = grid.read('AuditLog');
      const times = audit.filter((r) => r[audit[0].indexOf('action')] === `import ${done.batch}`).map((r) => r[audit[0].indexOf('when')]);
      expect(times.length).toBeGreaterThan(0);
      expect(times.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
      expect(new Set(times).size).toBe(1);
      expect(
        grid
          .read('Imports')
          .slice(1)
          .map((r) => r[grid.read('Imports')[0].indexOf('status')]),
      ).toEqual(['done']);
      crm('import', '--undo', done.batch, '--workbook', path);
      return XlsxWorkbook.open(path).then((after) => expect(after.read('Contacts')).toHaveLength(1));
    });
  });

  it('imports with a dry run first, then for real, and undoes it', () => {
    const { path, file } = workbookWith(CSV);
    const dry = JSON.parse(crm('import', file, '--workbook', path, '--mode', 'none', '--dry-run', '--json'));
    expect(dry).toMatchObject({ batch: '', rows: 4, created: 4, updated: 0, skipped: 0, duplicates_in_file: 0, errors: [] });
    expect(dry.warnings).toEqual([{ row: 5, column: 'Courriel', value: 'pas-un-email', kept_in: 'Courriel', message: expect.stringContaining('"pas-un-email" is not a valid email address') }]);
    const done = JSON.parse(crm('import', file, '--workbook', path, '--mode', 'none', '--json'));
    expect(done).toMatchObject({ batch: expect.stringMatching(/^imp_/), created: 4 });
    const selected = JSON.parse(crm('search', '--workbook', path, '--query', 'postal_code:28013 AND NOT member', '--json'));
    expect(selected.items.map((i: { name: string }) => i.name)).toEqual(['José Núñez', 'Jose Nunez']);
    expect(() => crm('search', '--workbook', path, '--query', 'postal_code:28013 AND (member')).toThrow(/does not read at character/);
    const undone = crm('import', '--undo', done.batch, '--workbook', path);
    expect(undone).toContain(`Import ${done.batch} undone: 4 contacts removed`);
    const history = crm('import', '--history', '--workbook', path).trim().split('\n');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatch(new RegExp(`^${done.batch}\t.*\tadherents\\.csv\tadmin@crm\\.local\tundone\t4 created`));
    expect(history[0]).not.toContain('crm import --undo');
  });

  it('imports the first sheet of an .xlsx file, text as it was typed', async () => {
    const { dir, path } = workbookWith('');
    const file = join(dir, 'liste.xlsx');
    const book = await XlsxWorkbook.open(file);
    book.createSheet('Feuil1', ['Prénom', 'Nom', 'Courriel', 'Code postal']);
    book.append(
      'Feuil1',
      [
        ['Zoé', '=1+1', 'zoe@example.fr', '01000'],
        ['Ana', 'Lima', 'ana@example.pt', '1200-195'],
      ],
      1,
    );
    await book.save();
    const done = JSON.parse(crm('import', file, '--workbook', path, '--json'));
    expect(done).toMatchObject({ created: 2, errors: [] });
    const found = JSON.parse(crm('search', '--workbook', path, 'zoe', '--json'));
    expect(found.items.map((i: { name: string }) => i.name)).toEqual(['Zoé =1+1']);
    const csv = crm('export', '--workbook', path, '--table', 'Contacts');
    expect(csv).toContain(',01000,');
  });

  it('finds the duplicate the import let in, merges it, and undoes the merge', () => {
    const { path, file } = workbookWith(CSV);
    crm('import', file, '--workbook', path, '--mode', 'none', '--json');
    const found = JSON.parse(crm('dedupe', '--workbook', path, '--json'));
    expect(found.pairs).toHaveLength(1);
    expect(found.clusters).toEqual([[found.pairs[0].a, found.pairs[0].b]]);
    expect(found.pairs[0]).toMatchObject({ score: expect.any(Number), fields: expect.objectContaining({ email: 1 }) });
    const merged = JSON.parse(crm('merge', '--workbook', path, '--keep', found.pairs[0].a, '--into-it', found.pairs[0].b, '--json'));
    expect(merged).toMatchObject({ survivor: found.pairs[0].a, merged: [found.pairs[0].b] });
    expect(JSON.parse(crm('dedupe', '--workbook', path, '--json')).pairs).toEqual([]);
    expect(crm('merge', '--undo', merged.merge, '--workbook', path)).toContain(`Merge ${merged.merge} undone`);
  });

  it('exports a table as formula-escaped CSV and everything as one .xlsx', async () => {
    const { dir, path, file } = workbookWith(CSV);
    crm('import', file, '--workbook', path, '--mode', 'none');
    const csv = crm('export', '--workbook', path, '--table', 'Contacts');
    expect(csv.startsWith('\ufeffid,kind,first_name,last_name')).toBe(true);
    expect(csv).toContain(",'=1+1,");
    const searched = crm('export', '--workbook', path, '--search', 'jose');
    expect(searched.trim().split('\r\n')).toHaveLength(3);
    const out = join(dir, 'backup.xlsx');
    crm('export', '--workbook', path, '--out', out);
    const backup = await XlsxWorkbook.open(out);
    expect(backup.sheetNames()).toContain('Contacts');
    expect(backup.read('Contacts').length).toBe(5);
    expect(readFileSync(out).length).toBeGreaterThan(1000);
  });
});
