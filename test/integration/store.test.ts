import { MemoryGrid } from '../../src/memory/grid';
import { FixedClock } from '../../src/memory/services';
import { Workbook } from '../../src/store/workbook';
import { AuditLog, Contacts, Donations } from '../../src/core/schema/tables';
import { ValidationError } from '../../src/store/errors';
import { userMessage } from '../../src/api/call';

function workbook() {
  const grid = new MemoryGrid();
  for (const def of [Contacts, Donations, AuditLog]) grid.createSheet(def.name, Object.keys(def.columns));
  return { grid, wb: new Workbook({ grid }, new FixedClock(), 'staff@example.org') };
}

function caught(fn: () => void): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('Table', () => {
  it('names the table, the row, the column and the reason of an invalid value, in the user’s language', () => {
    const { wb } = workbook();
    const contacts = wb.table(Contacts);
    contacts.insert([{ kind: 'person', first_name: 'Ana' }]);
    const error = caught(() => contacts.insert([{ kind: 'person', email: 'ana@' }]));
    expect(userMessage('en', error)).toBe('Contacts, row 3, column "email": "ana@" is not a valid email address.');
    expect(userMessage('es', error)).toBe('Contacts, fila 3, columna «email»: «ana@» no es una dirección de correo válida.');
    // What a person typed reaches the store untyped (a hand edit, an import): the store still refuses it.
    // @ts-expect-error an amount typed as text
    const amount = caught(() => wb.table(Donations).insert([{ contact_id: 'con_x', amount: '12,50' }]));
    expect(userMessage('fr', amount)).toBe("Donations, ligne 2, colonne « amount » : « 12,50 » n'est pas un nombre.");
  });

  it('writes nothing for a change set that failed validation', () => {
    const { grid, wb } = workbook();
    expect(() => wb.table(Contacts).insert([{ kind: 'robot' }])).toThrow(ValidationError);
    wb.commit('nothing');
    expect(grid.sheets.get('Contacts')).toHaveLength(1);
    expect(grid.sheets.get('AuditLog')).toHaveLength(1);
  });

  it('finds by id, updates and deletes from the bottom up, keeping the index right', () => {
    const { grid, wb } = workbook();
    const contacts = wb.table(Contacts);
    const made = contacts.insert(['A', 'B', 'C', 'D', 'E'].map((first_name) => ({ kind: 'person', first_name })));
    wb.commit('create');
    const again = new Workbook({ grid }, new FixedClock(), 'staff@example.org').table(Contacts);
    again.remove([made[1].id, made[3].id]);
    again.update(made[4].id, { city: 'Faro' });
    again.flush();
    expect(
      grid.sheets
        .get('Contacts')!
        .slice(1)
        .map((r) => r[2]),
    ).toEqual(['A', 'C', 'E']);
    expect(again.get(made[4].id)).toMatchObject({ first_name: 'E', city: 'Faro' });
    expect(again.get(made[1].id)).toBeUndefined();
    expect(again.rowOf(made[4].id)).toBe(4);
  });

  it('never reuses an id, and ids sort by creation time', () => {
    const { wb } = workbook();
    const clock = wb.clock as FixedClock;
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(wb.table(Contacts).insert([{ kind: 'person' }])[0].id);
      clock.advance(1);
    }
    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^con_[0-9A-Z]{18}$/);
  });
});
