/** The link between the sidebar and the row selected in the Contacts sheet: a contact opened from the
 *  row a person selects, and "show in sheet" selecting a contact's row. About a sheet's rows: a
 *  contact in the database has no row to select. */
import { call, ok, refused, setUpRuntime } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';

function crm() {
  const rt = setUpRuntime();
  const contact = (first: string, last: string) => ok<{ id: string }>(call(rt, 'createContact', { contact: { first_name: first, last_name: last } })).id;
  return { rt, ana: contact('Ana', 'Lima'), bruno: contact('Bruno', 'Costa'), carla: contact('Carla', 'Dias') };
}

describe('Following the row selected in the Contacts sheet', () => {
  function threeRows() {
    const { rt, ana, bruno, carla } = crm();
    // Set up wrote the header on row 1; contacts follow in creation order.
    const sheet = rt.grid.sheets.get('Contacts')!;
    const idColumn = (sheet[0] as string[]).indexOf('id');
    expect([2, 3, 4].map((r) => sheet[r - 1][idColumn])).toEqual([ana, bruno, carla]);
    return { rt, ana, bruno, carla };
  }
  const active = (rt: MemoryRuntime) => ok<{ id: string }>(call(rt, 'activeContact', {})).id;

  it('gives the contact on the selected row', () => {
    const { rt, bruno, carla } = threeRows();
    rt.selection.select({ sheet: 'Contacts', row: 3 });
    expect(active(rt)).toBe(bruno);
    rt.selection.select({ sheet: 'Contacts', row: 4 });
    expect(active(rt)).toBe(carla);
  });

  it('gives no contact on the header row, another sheet, an empty row, or without a selection', () => {
    const { rt } = threeRows();
    expect(active(rt)).toBe('');
    rt.selection.select({ sheet: 'Contacts', row: 1 });
    expect(active(rt)).toBe('');
    rt.selection.select({ sheet: 'Memberships', row: 2 });
    expect(active(rt)).toBe('');
    rt.selection.select({ sheet: 'Contacts', row: 5 });
    expect(active(rt)).toBe('');
    rt.selection.select({ sheet: 'Contacts', row: 500 });
    expect(active(rt)).toBe('');
  });

  it('selects a contact’s row for the sidebar’s "show in sheet"', () => {
    const { rt, bruno } = threeRows();
    expect(ok(call(rt, 'showContactInSheet', { id: bruno }))).toEqual({ row: 3 });
    expect(rt.selection.current).toEqual({ sheet: 'Contacts', row: 3 });
  });

  it('uses a correct row hint, and finds the right row when the hint is wrong', () => {
    const { rt, carla } = threeRows();
    expect(ok(call(rt, 'showContactInSheet', { id: carla, row_hint: 4 }))).toEqual({ row: 4 });
    expect(rt.selection.current).toEqual({ sheet: 'Contacts', row: 4 });
    rt.selection.select({ sheet: 'Memberships', row: 9 });
    expect(ok(call(rt, 'showContactInSheet', { id: carla, row_hint: 2 }))).toEqual({ row: 4 });
    expect(rt.selection.current).toEqual({ sheet: 'Contacts', row: 4 });
    rt.selection.select({ sheet: 'Memberships', row: 9 });
    expect(ok(call(rt, 'showContactInSheet', { id: carla, row_hint: 40 }))).toEqual({ row: 4 });
    expect(rt.selection.current).toEqual({ sheet: 'Contacts', row: 4 });
  });

  it('round-trips: the row it selects is the contact the sidebar then opens', () => {
    const { rt, ana } = threeRows();
    ok(call(rt, 'showContactInSheet', { id: ana }));
    expect(active(rt)).toBe(ana);
  });

  it('refuses an unknown contact and leaves the selection where it was', () => {
    const { rt } = threeRows();
    rt.selection.select({ sheet: 'Contacts', row: 2 });
    expect(refused(call(rt, 'showContactInSheet', { id: 'con_NOBODY' }))).toEqual({ code: 'not_found', message: 'There is no Contacts record with id con_NOBODY.' });
    expect(refused(call(rt, 'showContactInSheet', { id: 'con_NOBODY', row_hint: 3 })).code).toBe('not_found');
    expect(rt.selection.current).toEqual({ sheet: 'Contacts', row: 2 });
  });
});
