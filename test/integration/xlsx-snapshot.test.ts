import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { foldJournal } from '../../src/node/fold';

let dir: string;
let cache: string;
let path: string;
const was = process.env.CRM_CACHE_DIR;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xlsx-snap-'));
  cache = join(dir, 'cache');
  process.env.CRM_CACHE_DIR = cache;
  path = join(dir, 'crm.xlsx');
});
afterEach(() => {
  process.env.CRM_CACHE_DIR = was;
  rmSync(dir, { recursive: true, force: true });
});

/** The snapshot files kept for the workbook, and their path. */
function snapshots(): string[] {
  try {
    return readdirSync(cache).flatMap((folder) => readdirSync(join(cache, folder)).map((f) => join(cache, folder, f)));
  } catch {
    return [];
  }
}

/** A workbook with one sheet big enough to be kept (over a megabyte of XML) and a small one. */
async function bigWorkbook(): Promise<Cell[][]> {
  const grid = await XlsxWorkbook.open(path);
  grid.createSheet('Contacts', ['id', 'name', 'notes']);
  grid.append(
    'Contacts',
    Array.from({ length: 6000 }, (_, i) => [`con_${i}`, `Zoë ${i} Brûlé`, `appelée le ${i % 28} — rappeler ${'x'.repeat(i % 90)}`]),
  );
  grid.createSheet('Tags', ['id', 'name']);
  await grid.save();
  return grid.read('Contacts');
}
type Cell = string | number | boolean;

describe('snapshots of big sheets', () => {
  it('the next command reads a big sheet from its snapshot while the sheet is unchanged', async () => {
    const rows = await bigWorkbook();
    expect(snapshots()).toEqual([]);
    expect((await XlsxWorkbook.open(path)).read('Contacts')).toEqual(rows); // read from the file, kept
    const [kept] = snapshots();
    expect(kept).toBeDefined();
    expect(JSON.parse(readFileSync(kept, 'utf8'))).toEqual(rows);
    // Proof that the next open uses it: a snapshot changed by hand is what it reads.
    writeFileSync(
      kept,
      JSON.stringify([
        ['id', 'name', 'notes'],
        ['from the snapshot', '', ''],
      ]),
    );
    expect((await XlsxWorkbook.open(path)).read('Contacts')[1][0]).toBe('from the snapshot');
    // A snapshot that cannot be read is not used.
    writeFileSync(kept, '{ broken');
    expect((await XlsxWorkbook.open(path)).read('Contacts')).toEqual(rows);
  });

  it('a changed sheet is read from the file again, and its old snapshot goes; a sheet copied unchanged keeps its snapshot', async () => {
    await bigWorkbook();
    await XlsxWorkbook.open(path).then((g) => g.read('Contacts'));
    const [old] = snapshots();
    writeFileSync(
      old,
      JSON.stringify([
        ['id', 'name', 'notes'],
        ['stale', '', ''],
      ]),
    );

    // Another sheet changes: Contacts is copied as stored, so its snapshot still holds.
    const other = await XlsxWorkbook.open(path);
    other.append('Tags', [['tag_1', 'volunteer']]);
    await other.save();
    expect((await XlsxWorkbook.open(path)).read('Contacts')[1][0]).toBe('stale');

    // Contacts changes: its snapshot (made good again) no longer matches the sheet, and is removed.
    rmSync(old);
    const grid = await XlsxWorkbook.open(path);
    grid.write('Contacts', [{ row: 2, column: 2, values: [['Renamed']] }]);
    await grid.save();
    const back = await XlsxWorkbook.open(path);
    expect(back.read('Contacts')[1].slice(0, 2)).toEqual(['con_0', 'Renamed']);
    expect(snapshots()).not.toContain(old);
  });

  it('the fold reads snapshots but keeps none of the sheets it replaces, and CRM_CACHE_DIR=off keeps none at all', async () => {
    await bigWorkbook();
    await foldJournal(path, 1);
    expect(snapshots()).toEqual([]);
    process.env.CRM_CACHE_DIR = 'off';
    expect((await XlsxWorkbook.open(path)).read('Contacts').length).toBe(6001);
    process.env.CRM_CACHE_DIR = cache;
    expect(snapshots()).toEqual([]);
  });
});
