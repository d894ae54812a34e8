/** A refused or failed call of the local runtime leaves nothing behind: not in the file, and not in the
 *  working copy that the next successful call saves. */
import { mkdtempSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCrm } from '../../src/node/local-crm';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { MemoryGrid } from '../../src/memory/grid';

const USER = 'admin@example.org';

async function freshCrm(options: Parameters<typeof LocalCrm.open>[3] = {}): Promise<LocalCrm> {
  const path = join(mkdtempSync(join(tmpdir(), 'crm-rollback-')), 'crm.xlsx');
  const crm = await LocalCrm.open(path, USER, 'en', options);
  const setUp = await crm.call('setUp', {});
  if (!setUp.ok) throw new Error(setUp.error.message);
  return crm;
}

async function namesOnDisk(path: string): Promise<string[]> {
  const book = await XlsxWorkbook.open(path);
  const [header, ...rows] = book.read('Contacts');
  return rows.map((r) => String(r[header.indexOf('first_name')]));
}

async function names(crm: LocalCrm): Promise<string[]> {
  const page = await crm.call('searchContacts', { limit: 100 });
  if (!page.ok) throw new Error(page.error.message);
  return (page.data as { items: { name: string }[] }).items.map((i) => i.name).sort();
}

describe('a failed save', () => {
  it('says so, and the next save does not carry the failed contact', async () => {
    let diskFull = false;
    const crm = await freshCrm({
      writeJournal: (fd, line) => {
        // Half the line reaches the disk, then the disk is full.
        writeSync(fd, line, 0, diskFull ? line.length >> 1 : line.length);
        if (diskFull) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    });
    diskFull = true;
    const failed = await crm.call('createContact', { contact: { first_name: 'Lost' } });
    expect(failed).toMatchObject({ ok: false, error: { code: 'save_failed', message: expect.stringContaining('nothing of this change was kept') } });
    expect(await names(crm)).toEqual([]);
    diskFull = false;
    const saved = await crm.call('createContact', { contact: { first_name: 'Kept' } });
    expect(saved.ok).toBe(true);
    expect(await names(crm)).toEqual(['Kept']);
    await crm.close();
    expect(await namesOnDisk(crm.path)).toEqual(['Kept']);
    // And opened again (the half line of the failed write was cut off): the same.
    const again = await LocalCrm.open(crm.path, USER, 'en');
    expect(await names(again)).toEqual(['Kept']);
  });
});

describe('a call that fails half-way', () => {
  it('leaves neither its rows nor its columns in the working copy', async () => {
    const crm = await freshCrm();
    const grid = crm.runtime.grid;
    const write = grid.write.bind(grid);
    // The audit row cannot be written (as when a sheet is protected or the disk is gone): the
    // contact written just before must not survive.
    grid.write = (sheet, blocks) => {
      if (sheet === 'AuditLog') throw new Error('AuditLog is locked');
      write(sheet, blocks);
    };
    const before = JSON.stringify([...grid.sheets]);
    const failed = await crm.call('createContact', { contact: { first_name: 'Half', custom: { Brand_new_column: 'x' } } });
    expect(failed.ok).toBe(false);
    grid.write = write;
    expect(JSON.stringify([...grid.sheets])).toBe(before);
    expect(grid.read('Contacts')[0]).not.toContain('Brand_new_column');
    const next = await crm.call('createContact', { contact: { first_name: 'Next' } });
    expect(next.ok).toBe(true);
    await crm.close();
    expect(await namesOnDisk(crm.path)).toEqual(['Next']);
  });

  it('a refused call (validation) changes nothing either', async () => {
    const crm = await freshCrm();
    const before = JSON.stringify([...crm.runtime.grid.sheets]);
    const refused = await crm.call('createContact', { contact: { first_name: 'X', email: 'not-an-email' } });
    expect(refused.ok).toBe(false);
    expect(JSON.stringify([...crm.runtime.grid.sheets])).toBe(before);
  });
});

describe('the working copy’s changes', () => {
  it('roll back every kind of write exactly, and keep what was committed', () => {
    const grid = new MemoryGrid();
    grid.createSheet('A', ['id', 'name']);
    grid.append('A', [
      ['1', 'Ana'],
      ['2', 'Bea'],
      ['3', 'Cy'],
    ]);
    grid.createSheet('Gone', ['x']);
    const snapshot = () => JSON.stringify([[...grid.sheets], [...grid.frozen]]);
    const before = snapshot();
    grid.begin();
    grid.write('A', [{ row: 2, column: 2, values: [['Ana María']] }]);
    grid.append('A', [['4', 'Dee']]);
    grid.deleteRows('A', 3, 1);
    grid.addColumns('A', 2, ['extra']);
    grid.createSheet('New', ['y']);
    grid.deleteSheet('Gone');
    expect(snapshot()).not.toBe(before);
    grid.rollBack();
    expect(snapshot()).toBe(before);
    grid.begin();
    grid.write('A', [{ row: 2, column: 2, values: [['Ana María']] }]);
    grid.commitChange();
    grid.rollBack(); // nothing open: keeps what was committed
    expect(grid.read('A')[1]).toEqual(['1', 'Ana María']);
  });
});
