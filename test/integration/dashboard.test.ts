import { addStaff, as, call, ok, refused, rowsOf, setUpRuntime } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';
import { Workbook } from '../../src/store/workbook';
import { Contacts, Donations, Interactions, Memberships, Settings, TABLES } from '../../src/core/schema/tables';
import type { Dashboard, DashboardNumber } from '../../src/services/dashboard/dashboard';
import { DASHBOARD_SHEET } from '../../src/services/dashboard/dashboard-sheet';
import { NIGHTLY_ACTIONS } from '../../src/api/nightly';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCrm } from '../../src/node/local-crm';
import { keep, keptDashboard, SLOW_MS } from '../../src/services/dashboard/dashboard-kept';
import { onPostgres } from '../support/database';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';

/** Today is 2026-11-22 (Europe/Paris). A CRM built by hand, one contact per case:
 *  Ana   subscribed 01-10, clicked 01-20 (+10), gave 02-19 (+30) and 02-25, joined 03-01 (+10): member
 *  Ben   subscribed 05-01, event 05-05 (+4), gave 05-25 (+20) and 11-05; member since 2025-12-23, ends
 *        2026-12-22 (today + 30: renewal due)
 *  Carla unsubscribed (subscriber date = created 02-01), form 02-21 (+20), gave 04-02 in USD (+40);
 *        member since 2025-12-24, ends 2026-12-23 (today + 31: not due)
 *  Dan   subscribed 10-01 but met us 09-01 (the other way round), gave 09-11 (+10); no membership
 *  Eva   never subscribed; membership ended 2026-08-24 (today − 90): lapsed
 *  Fay   cleaned (a subscriber once), gave 2025-01-01, joined 2025-03-02 (+60), ended 2026-08-23
 *        (today − 91): expired, not lapsed in the window
 *  Gus   subscribed, opens only (not engaged); ended 2026-10-23 (today − 30): in grace, still a member
 *  Hal   pending newsletter; ended 2026-10-22 (today − 31): expired, lapsed
 *  Ivy   deleted (her 500 gift this month counts nowhere); Joe merged into Ana
 *  Kim   nothing at all; Lou a pending (unpaid) membership; Max a membership ending today (due). */
function crm(): { rt: MemoryRuntime; ids: Record<string, string> } {
  const rt = setUpRuntime();
  const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
  const person = (first_name: string, extra: Record<string, unknown>) => ({ kind: 'person', first_name, created_at: '2025-06-01T08:00:00Z', ...extra });
  const people = wb
    .table(Contacts)
    .insert([
      person('Ana', { newsletter_status: 'subscribed', consent_at: '2026-01-10T09:00:00Z' }),
      person('Ben', { newsletter_status: 'subscribed', consent_at: '2026-05-01T09:00:00Z' }),
      person('Carla', { newsletter_status: 'unsubscribed', created_at: '2026-02-01T08:00:00Z' }),
      person('Dan', { newsletter_status: 'subscribed', consent_at: '2026-10-01T09:00:00Z' }),
      person('Eva', { newsletter_status: 'never' }),
      person('Fay', { newsletter_status: 'cleaned', consent_at: '2024-01-01T09:00:00Z' }),
      person('Gus', { newsletter_status: 'subscribed', consent_at: '2026-11-01T09:00:00Z' }),
      person('Hal', { newsletter_status: 'pending' }),
      person('Ivy', { newsletter_status: 'subscribed', deleted: true }),
      person('Joe', { newsletter_status: 'subscribed' }),
      person('Kim', {}),
      person('Lou', { newsletter_status: 'subscribed' }),
      person('Max', { newsletter_status: 'unsubscribed' }),
    ]);
  const ids = Object.fromEntries(people.map((p) => [p.first_name, p.id]));
  wb.table(Contacts).update(ids.Joe, { merged_into: ids.Ana });
  const term = (name: string, start: string, end_date: string, extra: Record<string, unknown> = {}) => ({ contact_id: ids[name], join_date: start, start_date: start, end_date, ...extra });
  wb.table(Memberships).insert([
    term('Ana', '2026-03-01', '2027-02-28'),
    term('Ben', '2025-12-23', '2026-12-22'),
    term('Carla', '2025-12-24', '2026-12-23'),
    term('Eva', '2025-08-25', '2026-08-24'),
    term('Fay', '2025-03-02', '2026-08-23'),
    term('Gus', '2025-10-24', '2026-10-23'),
    term('Hal', '2025-10-23', '2026-10-22'),
    term('Lou', '2026-01-01', '2026-12-31', { paid: false }),
    term('Max', '2025-11-23', '2026-11-22'),
  ]);
  const gift = (name: string, date: string, amount: number, currency = 'EUR') => ({ contact_id: ids[name], date, amount, currency });
  wb.table(Donations).insert([
    gift('Ana', '2026-02-19', 100),
    gift('Ana', '2026-02-25', 25),
    gift('Ben', '2026-05-25', 50),
    gift('Ben', '2026-11-05', 20, ''),
    gift('Carla', '2026-04-02', 30, 'USD'),
    gift('Dan', '2026-09-11', 40),
    gift('Fay', '2025-01-01', 10),
    gift('Ivy', '2026-11-10', 500),
  ]);
  const met = (name: string, type: string, day: string) => ({ contact_id: ids[name], type, when: `${day}T10:00:00Z` });
  wb.table(Interactions).insert([
    met('Ana', 'newsletter_click', '2026-01-20'),
    met('Ben', 'event', '2026-05-05'),
    met('Carla', 'form', '2026-02-21'),
    met('Dan', 'meeting', '2026-09-01'),
    met('Gus', 'newsletter_open', '2026-11-02'),
    met('Ivy', 'event', '2026-11-10'),
  ]);
  wb.commit('test.setup');
  return { rt, ids };
}

const names = (rt: MemoryRuntime, query: string): string[] => ok(call(rt, 'queryContacts', { query, limit: 1000 })).items.map((i: { name: string }) => i.name);
const total = (rt: MemoryRuntime, query: string): number => ok(call(rt, 'queryContacts', { query })).total;

describe('The dashboard numbers', () => {
  it('counts contacts, members, subscribers, renewals due and lapsed members, each with the query of exactly those contacts', () => {
    const { rt } = crm();
    const d = ok<Dashboard>(call(rt, 'dashboard', {}));
    expect(d.as_of).toBe('2026-11-22');
    expect(d.currency).toBe('EUR');
    expect(names(rt, d.contacts.query)).toEqual(['Ana', 'Ben', 'Carla', 'Dan', 'Eva', 'Fay', 'Gus', 'Hal', 'Kim', 'Lou', 'Max']);
    expect(names(rt, d.members.query)).toEqual(['Ana', 'Ben', 'Carla', 'Gus', 'Max']);
    expect(names(rt, d.subscribers.query)).toEqual(['Ana', 'Ben', 'Dan', 'Gus', 'Lou']);
    expect(names(rt, d.subscribed_members.query)).toEqual(['Ana', 'Ben', 'Gus']);
    // Ends today and ends in 30 days are due; in 31 days is not; in grace (ended) is not.
    expect(names(rt, d.renewals_due.query)).toEqual(['Ben', 'Max']);
    // Ended 90 days ago is in, 91 days ago is out; in grace (ended 30 days ago) is not lapsed yet.
    expect(names(rt, d.lapsed.query)).toEqual(['Eva', 'Hal']);
    expect([d.contacts, d.members, d.subscribers, d.subscribed_members, d.renewals_due, d.lapsed].map((n) => n.value)).toEqual([11, 5, 5, 3, 2, 2]);
    expect(d.members_share).toEqual({ value: 0.4545, query: d.members.query });
    expect(d.subscribers_share).toEqual({ value: 0.4545, query: d.subscribers.query });
    expect(d.subscribed_members_share).toEqual({ value: 0.6, query: d.subscribed_members.query });
  });

  it('follows the funnel subscriber → engaged → donor → member with conversions and median days worked out by hand', () => {
    const { rt } = crm();
    const d = ok<Dashboard>(call(rt, 'dashboard', {}));
    expect(d.funnel.map((s) => [s.step, s.reached.value])).toEqual([
      ['subscriber', 8],
      ['engaged', 4],
      ['donor', 5],
      ['member', 8],
    ]);
    expect(names(rt, d.funnel[0].reached.query)).toEqual(['Ana', 'Ben', 'Carla', 'Dan', 'Fay', 'Gus', 'Lou', 'Max']);
    // Opens are not engagement: Gus is not engaged.
    expect(names(rt, d.funnel[1].reached.query)).toEqual(['Ana', 'Ben', 'Carla', 'Dan']);
    expect(names(rt, d.funnel[2].reached.query)).toEqual(['Ana', 'Ben', 'Carla', 'Dan', 'Fay']);
    // A pending (unpaid) membership never made Lou a member; expired ones did make Eva, Fay and Hal one.
    expect(names(rt, d.funnel[3].reached.query)).toEqual(['Ana', 'Ben', 'Carla', 'Eva', 'Fay', 'Gus', 'Hal', 'Max']);
    expect(d.funnel[0]).toMatchObject({ converted: null, conversion: null, median_days: null });
    const [, engaged, donor, member] = d.funnel;
    // Subscriber → engaged: Ana 10, Ben 4, Carla 20 days; Dan met us before subscribing (not timed).
    expect(names(rt, engaged.converted!.query)).toEqual(['Ana', 'Ben', 'Carla', 'Dan']);
    expect(engaged.conversion).toEqual({ value: 0.5, query: engaged.converted!.query });
    expect(engaged.median_days).toMatchObject({ value: 10, contacts: 3 });
    // Engaged → donor: 30, 20, 40, 10 days: the median of an even count is the mean of the middle two.
    expect(donor.converted!.value).toBe(4);
    expect(donor.conversion!.value).toBe(1);
    expect(donor.median_days).toMatchObject({ value: 25, contacts: 4 });
    // Donor → member: Ana 10 days, Fay 60; Ben and Carla joined before they gave (not timed).
    expect(names(rt, member.converted!.query)).toEqual(['Ana', 'Ben', 'Carla', 'Fay']);
    expect(member.conversion!.value).toBe(0.8);
    expect(member.median_days).toMatchObject({ value: 35, contacts: 2 });
  });

  it('adds up donations by month over the last 12 months, a month without gifts showing 0', () => {
    const { rt } = crm();
    const d = ok<Dashboard>(call(rt, 'dashboard', {}));
    expect(d.donations_by_month.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const byMonth = Object.fromEntries(d.donations_by_month.map((m) => [m.month, [m.total.value, m.gifts.value, m.donors.value]]));
    expect(byMonth['2026-02']).toEqual([125, 2, 1]);
    // A gift in USD is counted, not added to euros.
    expect(byMonth['2026-04']).toEqual([0, 1, 1]);
    expect(byMonth['2026-03']).toEqual([0, 0, 0]);
    // A gift without a currency is in the CRM's; the deleted contact's 500 is left out.
    expect(byMonth['2026-11']).toEqual([20, 1, 1]);
    const november = d.donations_by_month[11];
    expect(november.donors.query).toBe('donations.count>=1 since:2026-11-01 before:2026-12-01');
    expect(names(rt, november.donors.query)).toEqual(['Ben']);
    expect(names(rt, d.donations_by_month[2].total.query)).toEqual(['Ana']);
    for (const m of d.donations_by_month) expect(total(rt, m.donors.query)).toBe(m.donors.value);
  });

  it('counts the donors of each RFM group, best group first', () => {
    const { rt } = crm();
    const d = ok<Dashboard>(call(rt, 'dashboard', {}));
    // Donors are those who gave in the RFM window (24 months): Ana, Ben, Carla, Dan and Fay.
    expect(d.rfm_groups.reduce((n, g) => n + g.contacts.value, 0)).toBe(5);
    expect(d.rfm_groups.every((g) => g.contacts.value > 0 && g.contacts.query === `rfm.segment:${g.group}`)).toBe(true);
    const order = ['champions', 'loyal', 'potential_loyalist', 'new', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'cannot_lose', 'hibernating', 'lost'];
    const groups = d.rfm_groups.map((g) => g.group);
    expect(groups).toEqual([...groups].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(d.rfm_groups.flatMap((g) => names(rt, g.contacts.query)).sort()).toEqual(['Ana', 'Ben', 'Carla', 'Dan', 'Fay']);
  });

  it('reads each table once for all its numbers', () => {
    const { rt } = crm();
    rt.cache.clear();
    // Whole-table reads, of sheets and of the database's tables alike.
    const read = jest.spyOn(rt.grid, 'read');
    const query = rt.database ? jest.spyOn(rt.database.sql, 'queryArrays') : null;
    ok(call(rt, 'dashboard', {}));
    const whole = (text: string) => /^SELECT \* FROM (\w+)/.exec(text)?.[1].replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase()) ?? text;
    const sheets = [...read.mock.calls.map(([sheet]) => sheet), ...(query?.mock.calls.map(([text]) => whole(text)) ?? [])];
    expect(sheets).toEqual([...new Set(sheets)]);
    // On a database every number is worked out there: no big table is read whole at all.
    if (rt.database) expect(sheets.filter((s) => ['Contacts', 'Memberships', 'Donations', 'Interactions'].includes(s))).toEqual([]);
    else expect(sheets).toEqual(expect.arrayContaining(['Contacts', 'Memberships', 'Donations', 'Interactions']));
  });
});

describe('The Dashboard sheet', () => {
  const cellsOf = (rt: MemoryRuntime) => rt.grid.read(DASHBOARD_SHEET);
  const rowOf = (rows: unknown[][], label: string) => rows.find((r) => r[0] === label);

  it('is built with labelled numbers and native charts over its own ranges, and rebuilt, not duplicated', () => {
    const { rt } = crm();
    expect(ok(call(rt, 'refreshDashboard', {}))).toEqual({ sheet: 'Dashboard', charts: expect.any(Number) });
    expect(TABLES.map((t) => t.name)).not.toContain(DASHBOARD_SHEET);
    let rows = cellsOf(rt);
    expect(String(rows[0][0])).toMatch(/^Built by the CRM on 2026-11-22 .*do not edit this sheet by hand/);
    expect(rowOf(rows, 'Members')!.slice(0, 3)).toEqual(['Members', 5, 45.5]);
    expect(rowOf(rows, 'Members subscribed to the newsletter')!.slice(0, 3)).toEqual(['Members subscribed to the newsletter', 3, 60]);
    expect(rowOf(rows, 'Renewals due in the next 30 days')![1]).toBe(2);
    expect(rowOf(rows, 'Engaged (clicked, came, met us…)')!.slice(0, 4)).toEqual(['Engaged (clicked, came, met us…)', 4, 50, 10]);
    expect(rowOf(rows, '2026-02')!.slice(0, 4)).toEqual(['2026-02', 125, 2, 1]);
    expect(rowOf(rows, '2026-03')!.slice(0, 4)).toEqual(['2026-03', 0, 0, 0]);

    const charts = rt.charts.chartsOf(DASHBOARD_SHEET);
    expect(charts.map((c) => [c.title, c.type])).toEqual([
      ['From subscriber to member', 'bar'],
      ['Donations by month (EUR)', 'column'],
      ['Donors by RFM group', 'pie'],
    ]);
    for (const chart of charts) {
      // The range starts on its block's header and holds a label and a number on each row.
      const block = rows.slice(chart.range.row - 1, chart.range.row - 1 + chart.range.rows).map((r) => r.slice(chart.range.column - 1, chart.range.column - 1 + chart.range.columns));
      expect(block).toHaveLength(chart.range.rows);
      expect(block.slice(1).every((r) => typeof r[0] === 'string' && typeof r[1] === 'number')).toBe(true);
      expect(chart.anchor.column).toBeGreaterThan(4);
    }
    const [funnel, , rfm] = charts;
    expect(rows[funnel.range.row - 1].slice(0, 2)).toEqual(['Funnel step', 'Contacts']);
    expect(funnel.range.rows).toBe(5);
    expect(rows[rfm.range.row - 1].slice(0, 2)).toEqual(['RFM group', 'Donors']);
    const rfmRows = rows.slice(rfm.range.row, rfm.range.row - 1 + rfm.range.rows);
    expect(rfmRows.reduce((n, r) => n + (r[1] as number), 0)).toBe(5);
    // Charts are stacked beside the numbers, none over another.
    expect(charts.map((c) => c.anchor.row)).toEqual([3, 22, 41]);

    // A new member, and a second refresh: the numbers change, the sheet and its charts are replaced.
    const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    const kim = wb
      .table(Contacts)
      .all()
      .find((c) => c.first_name === 'Kim')!;
    wb.table(Memberships).insert([{ contact_id: kim.id, join_date: '2026-11-01', start_date: '2026-11-01', end_date: '2027-10-31' }]);
    wb.commit('test.member');
    const again = ok(call(rt, 'refreshDashboard', {}));
    expect(again.charts).toBe(charts.length);
    expect(rt.grid.sheetNames().filter((s) => s === DASHBOARD_SHEET)).toHaveLength(1);
    rows = cellsOf(rt);
    expect(rowOf(rows, 'Members')!.slice(0, 2)).toEqual(['Members', 6]);
    expect(rows.filter((r) => r[0] === 'Members')).toHaveLength(1);
    expect(rt.charts.chartsOf(DASHBOARD_SHEET)).toHaveLength(charts.length);

    // Each rebuild is in the audit log: who, when, as of which day.
    const audits = rowsOf(rt, 'AuditLog').filter((r) => r.action === 'dashboard.refresh');
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({ who: 'admin@example.org', table: 'Dashboard' });
    expect(JSON.parse(String(audits[1].after))).toMatchObject({ as_of: '2026-11-22', charts: charts.length });
  });

  it('speaks the CRM’s language', () => {
    const { rt } = crm();
    const settings = rt.grid.sheets.get(Settings.name)!;
    const [key, value] = ['key', 'value'].map((h) => (settings[0] as string[]).indexOf(h));
    const language = settings.find((r) => r[key] === 'language')!;
    language[value] = 'fr';
    rt.cache.clear();
    ok(call(rt, 'refreshDashboard', {}));
    const rows = cellsOf(rt);
    expect(String(rows[0][0])).toMatch(/^Construite par le CRM le 2026-11-22/);
    expect(rowOf(rows, 'Adhérents')!.slice(0, 2)).toEqual(['Adhérents', 5]);
    expect(rt.charts.chartsOf(DASHBOARD_SHEET).map((c) => c.title)).toContain('Dons par mois (EUR)');
    // Rebuilt in another language, it is still recognised as the CRM's own sheet.
    language[value] = '';
    rt.cache.clear();
    ok(call(rt, 'refreshDashboard', {}));
    expect(String(cellsOf(rt)[0][0])).toMatch(/^Built by the CRM/);
  });

  it('never deletes a sheet called Dashboard that the CRM did not make', () => {
    const { rt } = crm();
    rt.grid.createSheet(DASHBOARD_SHEET, ['My own figures', 'Q1']);
    rt.grid.append(DASHBOARD_SHEET, [['Budget', 1200]], 1);
    rt.cache.clear();
    const error = refused(call(rt, 'refreshDashboard', {}));
    expect(error.message).toMatch(/already a sheet named "Dashboard" that the CRM did not make/);
    expect(cellsOf(rt)).toEqual([
      ['My own figures', 'Q1'],
      ['Budget', 1200],
    ]);
    expect(rt.charts.chartsOf(DASHBOARD_SHEET)).toEqual([]);
  });

  it('lets viewers see the numbers but not rebuild the sheet, and is rebuilt last every night', () => {
    const { rt } = crm();
    addStaff(rt, 'viewer@example.org', 'viewer');
    as(rt, 'viewer@example.org', () => {
      expect(ok<Dashboard>(call(rt, 'dashboard', {})).members.value).toBe(5);
      expect(refused(call(rt, 'refreshDashboard', {})).code).toBe('forbidden');
    });
    expect(rt.grid.sheetNames()).not.toContain(DASHBOARD_SHEET);
    // After every step that changes the figures (mail sent after it changes none of them; the search
    // index is rebuilt last).
    expect(NIGHTLY_ACTIONS.slice(-3)).toEqual(['refreshDashboard', 'continueMailings', 'refreshSearchIndex']);
  });

  it('keeps the night’s figures on a database, which the sidebar opens on when they are slow to work out; a spreadsheet keeps none', () => {
    const { rt } = crm();
    ok(call(rt, 'refreshDashboard', {}));
    const wb = () => new Workbook(rt, rt.clock, 'admin@example.org');
    const kept = keptDashboard(wb());
    if (!onPostgres()) {
      expect(kept).toBeUndefined();
      expect(ok<Dashboard>(call(rt, 'dashboard', {}))).not.toHaveProperty('worked_out_at');
      return;
    }
    expect(kept).toMatchObject({ numbers: { members: { value: 5 } }, worked_out_at: rt.clock.now().toISOString() });
    // Quick to work out: the sidebar works them out each time, whatever is kept.
    const joined = () =>
      ok(call(rt, 'addMembership', { membership: { contact_id: ok(call(rt, 'createContact', { contact: { first_name: 'Noa' } })).id, start_date: '2026-11-01', end_date: '2027-10-31' } }));
    joined();
    expect(ok<Dashboard>(call(rt, 'dashboard', {})).members.value).toBe(6);
    // As slow as a million contacts: the sidebar gets the figures kept, and when, until asked afresh.
    keep(wb(), { ...kept!, took_ms: SLOW_MS + 33_000 });
    joined();
    const shown = ok<Dashboard & { worked_out_at: string; took_ms: number }>(call(rt, 'dashboard', {}));
    expect(shown).toMatchObject({ members: { value: 5 }, worked_out_at: kept!.worked_out_at, took_ms: SLOW_MS + 33_000 });
    expect(ok<Dashboard>(call(rt, 'dashboard', { fresh: true })).members.value).toBe(7);
    expect(keptDashboard(wb())!.numbers.members.value).toBe(7);
    // A value that cannot be read is no figure at all.
    rt.database!.sql.query(`UPDATE crm_properties SET "value" = '{"numbers":' WHERE "key" = 'crm.dashboard_kept'`);
    expect(keptDashboard(wb())).toBeUndefined();
    expect(ok<Dashboard>(call(rt, 'dashboard', {})).members.value).toBe(7);
  });
});

/** Every count of the dashboard agrees with the contacts its query selects. */
function countsOf(d: Dashboard): DashboardNumber[] {
  return [
    d.contacts,
    d.members,
    d.subscribers,
    d.subscribed_members,
    d.renewals_due,
    d.lapsed,
    ...d.funnel.flatMap((s) => (s.converted ? [s.reached, s.converted] : [s.reached])),
    ...d.donations_by_month.map((m) => m.donors),
    ...(d.rfm_groups ?? []).map((g) => g.contacts),
  ];
}

describe('Every count and its segment', () => {
  it('agree, on the hand-built CRM', () => {
    const { rt } = crm();
    const d = ok<Dashboard>(call(rt, 'dashboard', {}));
    for (const n of countsOf(d)) expect([n.query, total(rt, n.query)]).toEqual([n.query, n.value]);
  });
});

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');
const crmCli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('crm dashboard and the local Dashboard sheet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-dashboard-'));
  const path = join(dir, 'crm.xlsx');
  beforeAll(() => crmCli('init', '--workbook', path, '--demo', '40'));

  it('prints every number with its query, and each query selects that many contacts', async () => {
    const d = JSON.parse(crmCli('dashboard', '--workbook', path, '--json')) as Dashboard;
    expect(d.contacts.value).toBe(40);
    expect(d.donations_by_month).toHaveLength(12);
    expect(JSON.parse(crmCli('search', '--workbook', path, '--query', d.members.query, '--json')).total).toBe(d.members.value);
    // The others in this process (a CLI call each would take seconds).
    const local = await LocalCrm.open(path, 'admin@crm.local');
    for (const n of countsOf(d)) {
      const answer = await local.call('queryContacts', { query: n.query });
      expect([n.query, answer.ok && (answer.data as { total: number }).total]).toEqual([n.query, n.value]);
    }
    const text = crmCli('dashboard', '--workbook', path).split('\n');
    expect(text[0]).toMatch(new RegExp(`^Dashboard as of ${d.as_of}\\s+query$`));
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`^Members: ${d.members.value}\\s+member$`)));
    expect(text).toContainEqual(expect.stringMatching(/^Renewals due in the next 30 days: \d+\s+member AND membership\.end>=today AND membership\.end<=\+30d$/));
    const month = d.donations_by_month[11];
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`^${month.month}: ${month.total.value} EUR, .*\\s+donations\\.count>=1 since:${month.month}-01 before:`)));
  });

  it('rebuilds the Dashboard sheet in the .xlsx and keeps its charts beside it for the local page', async () => {
    const local = await LocalCrm.open(path, 'admin@crm.local');
    const answer = await local.call('refreshDashboard', {});
    expect(answer).toMatchObject({ ok: true, data: { sheet: 'Dashboard', charts: 3 } });
    await local.fold(); // the write is in the journal at once, in the .xlsx once folded
    const book = await XlsxWorkbook.open(path);
    expect(String(book.read('Dashboard')[0][0])).toMatch(/^Built by the CRM on /);
    const saved = JSON.parse(readFileSync(`${path}.properties.json`, 'utf8'));
    expect(JSON.parse(saved['charts:Dashboard']).map((c: { type: string }) => c.type)).toEqual(['bar', 'column', 'pie']);
    expect(local.runtime.charts.chartsOf('Dashboard')).toHaveLength(3);
    // Again: still one sheet, still three charts.
    expect(await local.call('refreshDashboard', {})).toMatchObject({ ok: true, data: { charts: 3 } });
    await local.close();
    expect((await XlsxWorkbook.open(path)).sheetNames().filter((s) => s === 'Dashboard')).toHaveLength(1);
  });
});
