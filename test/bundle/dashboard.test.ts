import { projectFiles } from '../support/project-files';
import { join } from 'node:path';
import vm from 'node:vm';
const gas = require('gas-local');
import { createAppsScriptFakes } from '../fakes';

const DIST = join(__dirname, '..', '..', 'dist');

function loadBundle() {
  const fakes = createAppsScriptFakes({ sheets: ['Sheet1'], user: 'admin@example.org' });
  projectFiles(fakes.html);
  const context = gas.require(DIST, fakes.globals);
  fakes.setRealm(vm.runInContext('({ Date: Date, Error: Error })', context));
  return { fakes, script: context as Record<string, any> };
}

/** Today in Paris, as the bundle reckons it (the fakes' clock is the real one). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const thisMonth = () => today().slice(0, 7);

describe('The Dashboard sheet in Apps Script (dist/Code.js under gas-local)', () => {
  it('writes the numbers as numbers and inserts native charts over them, replaced at every refresh', () => {
    const { fakes, script } = loadBundle();
    script.runSetUp();
    const ana = script.createContact({ contact: { first_name: 'Ana', newsletter_status: 'subscribed' } }).data;
    expect(script.addMembership({ membership: { contact_id: ana.id, start_date: '2026-01-01', frequency: 'lifetime' } }).ok).toBe(true);
    script.createContact({ contact: { first_name: 'Ben' } });
    // A gift today, through an import (the add-on has no gift form yet).
    const csv = Buffer.from(`First Name,Email,Donation amount,Donation date\nCleo,cleo@example.org,40,${today()}\n`, 'utf8').toString('base64');
    expect(script.importFile({ file_name: 'gifts.csv', content_base64: csv, mode: 'skip' }).data).toMatchObject({ created: 1 });

    const numbers = script.dashboard({});
    expect(numbers.ok).toBe(true);
    expect(numbers.data.members).toEqual({ value: 1, query: 'member' });
    expect(script.queryContacts({ query: numbers.data.members_share.query }).data.total).toBe(1);

    expect(script.refreshDashboard({})).toEqual({ ok: true, data: { sheet: 'Dashboard', charts: 3 } });
    const cells = fakes.spreadsheet.__dump('Dashboard');
    expect(String(cells[0][0])).toMatch(/^Built by the CRM on \d{4}-\d{2}-\d{2} and replaced whole/);
    expect(cells.find((r: unknown[]) => r[0] === 'Members')!.slice(0, 3)).toEqual(['Members', 1, 33.3]);
    // '2026-11' stays text: Sheets would otherwise read it as a date.
    const month = cells.find((r: unknown[]) => r[0] === thisMonth());
    expect(month!.slice(0, 4)).toEqual([thisMonth(), 40, 1, 1]);

    const sheet = fakes.spreadsheet.__sheet('Dashboard');
    const charts = sheet._charts._states();
    expect(charts.map((c: any) => [c.type, c.options.title, c.numHeaders])).toEqual([
      ['BAR', 'From subscriber to member', 1],
      ['COLUMN', 'Donations by month (EUR)', 1],
      ['PIE', 'Donors by RFM group', 1],
    ]);
    const funnel = charts[0].ranges[0];
    expect(funnel.getSheet()).toBe(sheet);
    expect(funnel.getValues().map((r: unknown[]) => r[0])).toEqual(['Funnel step', 'Subscribed (now or before)', 'Engaged (clicked, came, met us…)', 'Gave at least once', 'Member (now or before)']);
    expect(charts[1].ranges[0].getValues().slice(-1)[0]).toEqual([thisMonth(), 40]);
    expect(charts[2].ranges[0].getValues()).toEqual([
      ['RFM group', 'Donors'],
      [expect.any(String), 1],
    ]);
    // Stacked beside the numbers; the last one sits below the data, on rows the sheet was given.
    expect(charts.map((c: any) => [c.position.row, c.position.column])).toEqual([
      [3, 6],
      [22, 6],
      [41, 6],
    ]);

    // Refreshed again: one Dashboard sheet, the same two charts, no copies.
    expect(script.refreshDashboard({}).data.charts).toBe(3);
    expect(fakes.spreadsheet.getSheets().filter((s: any) => s.getName() === 'Dashboard')).toHaveLength(1);
    expect(fakes.spreadsheet.__sheet('Dashboard')._charts._states()).toHaveLength(3);
  });

  it('refreshes the Dashboard every night after the statuses, and leaves a sheet it did not make alone', () => {
    const { fakes, script } = loadBundle();
    script.runSetUp();
    const mine = fakes.spreadsheet.insertSheet('Dashboard');
    mine.getRange(1, 1, 1, 2).setValues([['Board figures', 2026]]);
    const logged = jest.spyOn(console, 'log').mockImplementation(() => {});
    const failed = jest.spyOn(console, 'error').mockImplementation(() => {});
    // Every step runs, then the execution fails (so that Google emails the trigger's owner).
    expect(() => script.dailyMaintenance()).toThrow(/refreshDashboard/);
    expect(fakes.spreadsheet.__dump('Dashboard')).toEqual([['Board figures', 2026]]);
    // The failure is on the Executions page; the other nightly work was done.
    expect(failed.mock.calls.map(([line]) => String(line))).toEqual([expect.stringMatching(/^dailyMaintenance refreshDashboard: invalid: .*did not make/)]);
    expect(logged.mock.calls.some(([line]) => String(line).startsWith('dailyMaintenance refreshStatuses:'))).toBe(true);
    expect(script.refreshDashboard({}).error.message).toMatch(/did not make/);

    fakes.spreadsheet.deleteSheet(mine);
    script.dailyMaintenance();
    expect(String(fakes.spreadsheet.__dump('Dashboard')[0][0])).toMatch(/^Built by the CRM/);
    expect(fakes.spreadsheet.__sheet('Dashboard')._charts._states()).toHaveLength(2);
    logged.mockRestore();
    failed.mockRestore();
  });
});
