/** Scattered updates (the nightly refresh, trigger points, a bulk edit) go in a few tall blocks, not one
 *  write per row: on Google each write is a service call, and thousands of them outlast an execution. */
import { MemoryGrid } from '../../src/memory/grid';
import { FixedClock } from '../../src/memory/services';
import { Workbook } from '../../src/store/workbook';
import { AuditLog, Contacts } from '../../src/core/schema/tables';
import { scatteredAreas, SCATTERED_AFTER } from '../../src/store/write-plan';
import type { Block } from '../../src/ports/grid';

function workbookWith(n: number, custom = false) {
  const grid = new MemoryGrid();
  const header = Object.keys(Contacts.columns);
  grid.createSheet(Contacts.name, custom ? [...header, 'Score (formula)'] : header);
  grid.createSheet(AuditLog.name, Object.keys(AuditLog.columns));
  const wb = new Workbook({ grid }, new FixedClock(), 'staff@example.org');
  const made = wb.table(Contacts).insert(Array.from({ length: n }, (_, i) => ({ kind: 'person', first_name: `P${i}`, city: 'Lyon' })));
  wb.commit('create');
  if (custom)
    grid.write(
      Contacts.name,
      made.map((_, i) => ({ row: i + 2, column: header.length + 1, values: [[`=B${i + 2}`]] })),
    );
  const writes: Block[][] = [];
  const write = grid.write.bind(grid);
  grid.write = (sheet: string, blocks: Block[]) => {
    if (sheet === Contacts.name) writes.push(blocks);
    write(sheet, blocks);
  };
  return { grid, ids: made.map((c) => c.id), writes, again: () => new Workbook({ grid }, new FixedClock(), 'staff@example.org') };
}

describe('scattered updates', () => {
  it('updates to every third contact of 300 go in one tall block, and every contact reads back right', () => {
    const { grid, ids, writes, again } = workbookWith(300);
    const wb = again();
    const changed = ids.filter((_, i) => i % 3 === 0);
    for (const id of changed) wb.table(Contacts).update(id, { city: 'Porto' });
    wb.commit('nightly');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toHaveLength(1);
    const rows = again().table(Contacts).all();
    expect(rows.filter((c) => c.city === 'Porto').map((c) => c.id)).toEqual(changed);
    expect(rows.filter((c) => c.city === 'Lyon')).toHaveLength(200);
    expect(grid.read(Contacts.name)).toHaveLength(301);
  });

  it('a few updates stay exact (one block each), so a hand edit elsewhere is never rewritten', () => {
    const { ids, writes, again } = workbookWith(50);
    const wb = again();
    for (const id of [ids[3], ids[40]]) wb.table(Contacts).update(id, { city: 'Porto' });
    wb.commit('edit');
    expect(writes[0].map((b) => [b.row, b.values.length])).toEqual([
      [5, 1],
      [42, 1],
    ]);
  });

  it('never stretches a block over a custom column where it did not change (formulas live there)', () => {
    const areas = Array.from({ length: SCATTERED_AFTER + 2 }, (_, k) => ({ firstRow: k * 3, rowCount: 1, firstColumn: 4, columnCount: 3 }));
    expect(scatteredAreas(areas, new Set([5])).areas).toEqual(areas);
    expect(scatteredAreas(areas, new Set([9])).areas).toEqual([{ firstRow: 0, rowCount: (SCATTERED_AFTER + 1) * 3 + 1, firstColumn: 4, columnCount: 3 }]);

    const { grid, ids, again } = workbookWith(40, true);
    const wb = again();
    for (const id of ids.filter((_, i) => i % 2 === 0)) wb.table(Contacts).update(id, { city: 'Porto' });
    wb.commit('nightly');
    const formulas = grid
      .read(Contacts.name)
      .slice(1)
      .map((r) => r[r.length - 1]);
    expect(formulas).toEqual(ids.map((_, i) => `=B${i + 2}`));
  });

  it('a row moved by hand anywhere inside a tall block refuses the write, and nothing changes', () => {
    const { grid, ids, again } = workbookWith(100);
    const wb = again();
    for (const id of ids.filter((_, i) => i % 10 === 0)) wb.table(Contacts).update(id, { city: 'Porto' });
    // Two untouched rows between changed ones swap places (a sort by hand) after the read.
    const rows = grid.sheets.get(Contacts.name)!;
    [rows[5], rows[6]] = [rows[6], rows[5]];
    const before = grid.read(Contacts.name);
    expect(() => wb.commit('nightly')).toThrow(expect.objectContaining({ code: 'moved' }));
    expect(grid.read(Contacts.name)).toEqual(before);
  });
});
