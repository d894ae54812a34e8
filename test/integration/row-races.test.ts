/** A write re-checks the ids of the rows it writes: someone sorting the sheet by hand between the
 *  CRM's read and its write cannot make a change land on another contact. */
import { call, ok, refused, rowsOf, setUpRuntime } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';

/** The next read of `sheet` (whole, or the rows a lookup found) is followed at once by a sort by hand
 *  (rows reversed under the header). */
function sortRightAfterTheNextRead(rt: MemoryRuntime, sheet: string): void {
  const read = rt.grid.read.bind(rt.grid);
  const readRows = rt.grid.readRows.bind(rt.grid);
  const sort = (name: string) => {
    if (name !== sheet) return;
    const rows = rt.grid.sheets.get(sheet)!;
    rows.splice(1, rows.length - 1, ...rows.slice(1).reverse());
    rt.grid.read = read;
    rt.grid.readRows = readRows;
  };
  rt.grid.read = (name: string) => {
    const cells = read(name);
    sort(name);
    return cells;
  };
  rt.grid.readRows = (name: string, row: number, count: number, width?: number) => {
    const cells = readRows(name, row, count, width);
    sort(name);
    return cells;
  };
}

describe('a sort by hand between the read and the write', () => {
  it('refuses the edit, says why, and changes no contact', () => {
    const rt = setUpRuntime();
    const ids = ['Ana', 'Bo', 'Cy'].map((first_name) => ok(call(rt, 'createContact', { contact: { first_name } })).id as string);
    rt.cache.clear();
    sortRightAfterTheNextRead(rt, 'Contacts');
    const error = refused(call(rt, 'updateContact', { id: ids[0], patch: { city: 'Lyon' } }));
    expect(error.code).toBe('moved');
    expect(error.message).toContain('nothing was saved');
    expect(rowsOf(rt, 'Contacts').map((c) => [c.first_name, c.city])).toEqual([
      ['Cy', ''],
      ['Bo', ''],
      ['Ana', ''],
    ]);
    // Once read again, the edit lands on the right contact.
    ok(call(rt, 'updateContact', { id: ids[0], patch: { city: 'Lyon' } }));
    expect(rowsOf(rt, 'Contacts').find((c) => c.id === ids[0])!.city).toBe('Lyon');
  });

  it('refuses a delete too', () => {
    const rt = setUpRuntime();
    const ids = ['Ana', 'Bo'].map((first_name) => ok(call(rt, 'createContact', { contact: { first_name } })).id as string);
    sortRightAfterTheNextRead(rt, 'Contacts');
    expect(refused(call(rt, 'deleteContact', { id: ids[1] })).code).toBe('moved');
    expect(rowsOf(rt, 'Contacts').every((c) => c.deleted === '')).toBe(true);
  });

  it('an append alone (a logged call) needs no check and costs no read', () => {
    const rt = setUpRuntime();
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana' } })).id;
    ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Hello' } }));
    rt.grid.resetCounters();
    ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Again' } }));
    // The contact's row (found, then read), the interaction, the audit row: no check of the ids.
    expect(rt.grid.calls).toBeLessThanOrEqual(4);
  });
});
