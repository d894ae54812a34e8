/** The spreadsheet's share of Google's 10-million-cell limit, per sheet, with warnings at 70% and 85%. */
import { call, ok, setUpRuntime } from '../support/crm';

describe('the cell budget', () => {
  it('counts every sheet, the biggest first, and says how much of the limit is used', () => {
    const rt = setUpRuntime();
    for (let i = 0; i < 30; i++) ok(call(rt, 'createContact', { contact: { first_name: `P${i}` } }));
    const budget = ok(call(rt, 'cellBudget', {}));
    expect(budget.limit).toBe(10_000_000);
    expect(budget.level).toBe('ok');
    expect(budget.sheets[0].cells).toBeGreaterThanOrEqual(budget.sheets[1].cells);
    const contacts = budget.sheets.find((s: { sheet: string }) => s.sheet === 'Contacts');
    expect(contacts.cells).toBe(31 * (rt.grid.sheets.get('Contacts')![0] as string[]).length);
    expect(budget.used).toBe(budget.sheets.reduce((n: number, s: { cells: number }) => n + s.cells, 0));
  });

  it.each([
    [6_900_000, 'ok'],
    [7_100_000, 'warn'],
    [8_600_000, 'critical'],
  ])('at %d cells the level is %s', (cells, level) => {
    const rt = setUpRuntime();
    const sizes = rt.grid.sheetSizes.bind(rt.grid);
    rt.grid.sheetSizes = () => [...sizes(), { sheet: 'Interactions archive', rows: cells / 10, columns: 10 }];
    const budget = ok(call(rt, 'cellBudget', {}));
    expect(budget.level).toBe(level);
    expect(budget.sheets[0].sheet).toBe('Interactions archive');
  });
});
