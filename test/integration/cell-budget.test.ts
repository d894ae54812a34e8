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

  it('forecasts when the limit is reached from the sizes the nightly recorded, once a week is known', () => {
    const rt = setUpRuntime();
    let extra = 5_000_000;
    const sizes = rt.grid.sheetSizes.bind(rt.grid);
    rt.grid.sheetSizes = () => [...sizes(), { sheet: 'Interactions', rows: extra / 10, columns: 10 }];
    // Nothing recorded yet, then six days: no forecast.
    expect(ok(call(rt, 'cellBudget', {})).forecast).toBeNull();
    for (let day = 0; day < 6; day++) {
      ok(call(rt, 'refreshDashboard', {}));
      rt.clock.advance(86_400_000);
      extra += 10_000;
    }
    expect(ok(call(rt, 'cellBudget', {})).forecast).toBeNull();
    // A week and more at 10,000 cells a day (the same day recorded twice counts once).
    for (let day = 0; day < 4; day++) {
      ok(call(rt, 'refreshDashboard', {}));
      ok(call(rt, 'refreshDashboard', {}));
      rt.clock.advance(86_400_000);
      extra += 10_000;
    }
    const budget = ok(call(rt, 'cellBudget', {}));
    // 10,000 a day, and the few rows each night's audit adds.
    expect(budget.forecast.perDay).toBeGreaterThanOrEqual(10_000);
    expect(budget.forecast.perDay).toBeLessThan(10_100);
    expect(Math.abs(budget.forecast.fullInDays - (10_000_000 - budget.used) / budget.forecast.perDay)).toBeLessThan(2);
    expect(budget.forecast.fullOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.parse(rt.properties.get('budget.history')!)).toHaveLength(10);
    // Shrinking (an archive) is no forecast.
    extra = 1_000_000;
    ok(call(rt, 'refreshDashboard', {}));
    expect(ok(call(rt, 'cellBudget', {})).forecast).toBeNull();
  });
});
