/** `crm segment` and `crm export --segment` on a workbook file, through the built CLI. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');
const crm = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** What a failing command printed on stderr, and its exit code. */
function failure(...args: string[]): { status: number; stderr: string } {
  try {
    crm(...args);
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { status: e.status, stderr: e.stderr };
  }
  throw new Error(`crm ${args.join(' ')} did not fail`);
}

const CSV =
  'First name,Last name,Email,City,Postal code,Tags\nAna,Lima,ana@example.pt,Lyon,01000,volunteer\nBea,Stone,bea@example.org,Lyon,=1+1,\nCarl,Moss,carl@example.org,Porto,4000-123,volunteer\n';

function workbook(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'crm-segment-'));
  const path = join(dir, 'crm.xlsx');
  crm('init', '--workbook', path);
  writeFileSync(join(dir, 'people.csv'), CSV, 'utf8');
  crm('import', join(dir, 'people.csv'), '--workbook', path, '--mode', 'none', '--json');
  return { dir, path };
}

describe('crm segment', () => {
  it('saves, lists, shows and refreshes segments, and writes the view tab into the file', async () => {
    const { path } = workbook();
    const saved = JSON.parse(crm('segment', 'save', 'Volunteers', '--query', 'tag:volunteer', '--view-columns', 'first_name,postal_code', '--description', 'Helpers', '--workbook', path, '--json'));
    expect(saved).toMatchObject({ name: 'Volunteers', kind: 'dynamic', count: 2, view_sheet: 'Segment - Volunteers', description: 'Helpers' });
    expect(crm('segment', 'save', 'Lyon', '--query', 'city:Lyon', '--workbook', path)).toBe('Created dynamic segment "Lyon": 2 contacts.\n');

    const listed = JSON.parse(crm('segment', 'list', '--workbook', path, '--json')).segments.map((s: { name: string; count: number }) => `${s.name} ${s.count}`);
    expect(listed).toEqual(expect.arrayContaining(['Lyon 2', 'Volunteers 2']));
    expect(crm('segment', 'list', '--workbook', path)).toMatch(/^Volunteers\tdynamic\t2\t\d{4}-\d\d-\d\dT[\d:.]+Z\tSegment - Volunteers$/m);

    const shown = crm('segment', 'show', 'volunteers', '--workbook', path);
    expect(shown).toContain('Volunteers (dynamic)\n  Helpers\n  query: tag:volunteer\n');
    expect(shown).toMatch(/^con_\w+\tAna Lima\tana@example\.pt\t-$/m);
    expect(shown).toMatch(/^con_\w+\tCarl Moss\tcarl@example\.org\t-$/m);
    expect(JSON.parse(crm('segment', 'show', 'Lyon', '--workbook', path, '--json')).members).toMatchObject({ total: 2, items: [{ name: 'Ana Lima' }, { name: 'Bea Stone' }] });

    // Saving under the same name (any case) changes the segment; refresh reports each count.
    crm('segment', 'save', 'lyon', '--query', 'city:Lyon AND NOT tag:volunteer', '--workbook', path);
    expect(JSON.parse(crm('segment', 'refresh', 'LYON', '--workbook', path, '--json')).refreshed).toEqual([{ id: expect.any(String), name: 'Lyon', count: 1 }]);
    expect(crm('segment', 'refresh', '--workbook', path)).toMatch(/^Lyon\t1$/m);

    const file = await XlsxWorkbook.open(path);
    const tab = file.read('Segment - Volunteers');
    expect(tab.map((r) => r.slice(0, 2))).toEqual([
      ['first_name', 'postal_code'],
      ['Ana', '01000'],
      ['Carl', '4000-123'],
    ]);
  });

  it('makes static segments from a query, once', () => {
    const { path } = workbook();
    const saved = JSON.parse(crm('segment', 'save', 'Lyon 2026', '--static', '--query', 'city:Lyon', '--workbook', path, '--json'));
    expect(saved).toMatchObject({ kind: 'static', query: '', count: 2 });
    expect(crm('segment', 'show', 'Lyon 2026', '--workbook', path)).toContain('Lyon 2026 (static)\n  count: 2\n');
  });

  it('fails with the message and a non-zero exit: unknown segment, a query that does not read', () => {
    const { path } = workbook();
    expect(failure('segment', 'show', 'Nobody', '--workbook', path)).toEqual({ status: 1, stderr: 'crm: There is no segment called "Nobody".\n' });
    const bad = failure('segment', 'save', 'Broken', '--query', 'tag:volunteer AND (', '--workbook', path);
    expect(bad).toEqual({ status: 1, stderr: "crm: The query does not read at character 20: Expected a field name, NOT or '(' at the end.\n" });
    expect(failure('segment', 'fly', '--workbook', path).stderr).toContain('Unknown segment command "fly"');
    expect(JSON.parse(crm('segment', 'list', '--workbook', path, '--json')).segments.map((s: { name: string }) => s.name)).not.toContain('Broken');
  });
});

describe('crm export --segment', () => {
  it('writes the Contacts columns of the members as CSV or .xlsx', async () => {
    const { dir, path } = workbook();
    crm('segment', 'save', 'Lyon', '--query', 'city:Lyon', '--workbook', path);
    const csv = crm('export', '--workbook', path, '--segment', 'lyon');
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^id,kind,first_name,last_name,/);
    expect(lines[1]).toContain(',Ana,Lima,');
    expect(lines[1]).toContain(',01000,');
    // A value that a spreadsheet would run as a formula is escaped.
    expect(lines[2]).toContain(",'=1+1,");

    const out = join(dir, 'lyon.xlsx');
    crm('export', '--workbook', path, '--segment', 'Lyon', '--format', 'xlsx', '--out', out);
    const file = await XlsxWorkbook.open(out);
    expect(file.sheetNames()).toEqual(['Lyon']);
    expect(file.read('Lyon')).toHaveLength(3);
    expect(readFileSync(out).length).toBeGreaterThan(0);
    expect(failure('export', '--workbook', path, '--segment', 'Nobody').stderr).toBe('crm: There is no segment called "Nobody".\n');
  });
});
