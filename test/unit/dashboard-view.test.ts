/**
 * @jest-environment jsdom
 */
/** The dashboard sidebar view (a Preact component) in jsdom's page, its calls answered by the real CRM
 *  in memory. */
import { Workbook } from '../../src/store/workbook';
import { Contacts, Donations, Interactions, Memberships } from '../../src/core/schema/tables';
import type { MemoryRuntime } from '../../src/memory/services';
import { dashboardView, monthName, sharePercent, barWidth } from '../../sidebar/views/dashboard';
import { plural, setLanguage } from '../../sidebar/i18n';
import { wholeNumber } from '../../sidebar/format';
import { addStaff, setUpRuntime } from '../support/crm';
import { HOSTILE_TEXT } from '../support/hostile';
import { withEveryLanguage } from '../support/sidebar-languages';
import { byTestid, serveFrom, useComponentPage } from '../support/component-page';
import { memoryRuntime } from '../../src/memory/services';
import { callAction } from '../../src/api/call';
import { testDatabase } from '../support/database';
import { keep, keptDashboard } from '../../src/services/dashboard/dashboard-kept';
import { dashboardNumbers } from '../../src/services/dashboard/dashboard';

withEveryLanguage();

const numberOf = (root: HTMLElement, key: string) => byTestid(root, 'dashboard-number').find((e) => e.getAttribute('data-key') === key)!;
const click = (e: HTMLElement) => e.click();

function crm(rt = setUpRuntime()): MemoryRuntime {
  const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
  const [ana, ben] = wb.table(Contacts).insert([
    { kind: 'person', first_name: 'Ana', newsletter_status: 'subscribed', consent_at: '2026-01-05T09:00:00Z' },
    { kind: 'person', first_name: 'Ben' },
  ]);
  wb.table(Memberships).insert([{ contact_id: ana.id, join_date: '2026-01-01', start_date: '2026-01-01', end_date: '2026-12-31' }]);
  wb.table(Donations).insert([{ contact_id: ben.id, date: '2026-11-02', amount: 1234.5, currency: 'EUR' }]);
  wb.table(Interactions).insert([{ contact_id: ana.id, type: 'newsletter_click', when: '2026-01-15T09:00:00Z' }]);
  wb.commit('test');
  return rt;
}

describe('numbers in the person’s language', () => {
  it('writes 17.7 as 17,7 in French, and a day ago in each language with its plural', () => {
    expect(wholeNumber(17.74, 'fr')).toBe('17,7');
    expect(wholeNumber(1234, 'fr').replace(/\s/g, ' ')).toBe('1 234');
    expect(wholeNumber(17.74, 'en')).toBe('17.7');
    for (const [language, one, many] of [
      ['en', '1 day ago', '3 days ago'],
      ['fr', 'il y a 1 jour', 'il y a 3 jours'],
      ['es', 'hace 1 día', 'hace 3 días'],
      ['pt', 'há 1 dia', 'há 3 dias'],
    ] as const) {
      setLanguage(language);
      expect([plural('builder.rfm_list.ago', 1), plural('builder.rfm_list.ago', 3)]).toEqual([one, many]);
    }
    setLanguage('en');
  });
});

describe('the dashboard view', () => {
  useComponentPage();
  afterEach(() => setLanguage('en'));

  it('shows every number as a button that opens its contacts', async () => {
    const rt = crm();
    const { settle } = serveFrom(rt);
    const opened: [string, string][] = [];
    const host = document.createElement('div');
    dashboardView(host, { email: 'admin@example.org', role: 'viewer', setUp: true, language: 'en' }, { onQuery: (query, title) => opened.push([query, title]) }).render();
    await settle();
    expect(numberOf(host, 'contacts').textContent).toBe('2');
    expect(numberOf(host, 'members_share').textContent).toBe('50% of contacts');
    click(numberOf(host, 'members'));
    click(numberOf(host, 'donations.2026-11.donors'));
    click(numberOf(host, 'funnel.engaged.conversion'));
    expect(opened).toEqual([
      ['member', 'Members'],
      ['donations.count>=1 since:2026-11-01 before:2026-12-01', 'Donations by month · Nov 2026'],
      [expect.stringContaining(' AND '), 'Subscribed (now or before) → Engaged (clicked, came, met us…)'],
    ]);
    expect(numberOf(host, 'donations.2026-11.total').textContent).toBe('€1,234.50');
    expect(numberOf(host, 'donations.2026-11.gifts').textContent).toBe('1 gift');
    // A month without gifts: 0, and an empty bar.
    const march = host.querySelector('[data-month="2026-03"]')!;
    expect(march.querySelector<HTMLElement>('.dashboard-bar-fill')!.style.width).toBe('0%');
    expect(numberOf(host, 'donations.2026-03.total').textContent).toBe('€0.00');
    expect(numberOf(host, 'funnel.engaged.median').textContent).toBe('median 10 days later');
    // A share comes with the counts it is made of: 1 of the 1 subscriber clicked (Ana).
    expect(numberOf(host, 'funnel.engaged.conversion').textContent).toBe('1 of 1 from the step before (100%)');
    expect(numberOf(host, 'funnel.donor.conversion').textContent).toBe('0 of 1 from the step before (0%)');
    // Ben gave without engaging first: no time to show.
    expect(host.querySelector('[data-step="donor"]')!.textContent).toContain('nobody took both steps in this order yet');
    // Every key is there once.
    const keys = byTestid(host, 'dashboard-number').map((e) => e.getAttribute('data-key'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['subscribers', 'subscribed_members_share', 'renewals_due', 'lapsed', 'funnel.member', 'funnel.donor.conversion', 'funnel.engaged.median']));
    // Viewers see no refresh button.
    expect(byTestid(host, 'dashboard-refresh-sheet')).toHaveLength(0);
  });

  it('opens on the figures a database kept when they are slow to work out, says when, and works them out on a click', async () => {
    const rt = memoryRuntime();
    rt.database = testDatabase();
    expect(callAction(rt, 'setUp', {}).ok).toBe(true);
    crm(rt);
    const wb = () => new Workbook(rt, rt.clock, 'admin@example.org');
    // The night wrote the scores, and worked the figures out in 40 s; a contact was added since.
    expect(callAction(rt, 'refreshScores', {}).ok).toBe(true);
    const night = { numbers: dashboardNumbers(wb()), worked_out_at: '2026-12-05T03:12:00Z', took_ms: 40_000 };
    keep(wb(), night);
    const added = wb();
    added.table(Contacts).insert([{ kind: 'person', first_name: 'Cleo' }]);
    added.commit('test');
    const { calls, settle } = serveFrom(rt);
    const host = document.createElement('div');
    const view = dashboardView(host, { email: 'admin@example.org', role: 'viewer', setUp: true, language: 'en' }, { onQuery: () => {} });
    view.render();
    await settle();
    expect(numberOf(host, 'contacts').textContent).toBe('2');
    expect(byTestid(host, 'dashboard-kept')[0].textContent).toMatch(/^Figures worked out on .*2026.* \(it took 40 s\)\. Work them out now$/);
    // The lists read the night's scores, and say so.
    expect(byTestid(host, 'hot-scored-at')[0].textContent).toMatch(/^From the scores worked out on .*2026/);
    expect(byTestid(host, 'rfm-scored-at')).toHaveLength(1);
    click(byTestid(host, 'dashboard-work-out')[0]);
    await Promise.resolve(); // drawn, the answer not come yet
    // While it works them out, the figures kept stay and the line says how long it took last time.
    expect(byTestid(host, 'dashboard-kept')[0].textContent).toBe('Working out the figures… about 40 s. ');
    await settle();
    expect(numberOf(host, 'contacts').textContent).toBe('3');
    expect(byTestid(host, 'dashboard-kept')).toHaveLength(0);
    expect(calls.filter((c) => c === 'dashboard')).toHaveLength(2);
    // The lists were worked out too.
    expect([...byTestid(host, 'hot-scored-at'), ...byTestid(host, 'rfm-scored-at')]).toHaveLength(0);
    expect(calls.filter((c) => c === 'hotList' || c === 'rfmScores')).toHaveLength(4);
    // Worked out quickly this time: kept, and the next opening works them out again.
    expect(keptDashboard(wb())).toMatchObject({ numbers: { contacts: { value: 3 } } });
    expect(keptDashboard(wb())!.took_ms).toBeLessThan(40_000);
    const showAgain = async () => {
      const before = calls.length;
      view.refresh();
      view.render();
      await settle();
      expect(calls.slice(before)).toContain('dashboard');
    };
    await showAgain();
    expect(byTestid(host, 'dashboard-kept')).toHaveLength(0);
    // Slow figures of another day are not shown; slow ones of today are, in French.
    keep(wb(), { ...night, numbers: { ...night.numbers, as_of: '2026-12-04' } });
    await showAgain();
    expect(byTestid(host, 'dashboard-kept')).toHaveLength(0);
    expect(numberOf(host, 'contacts').textContent).toBe('3');
    keep(wb(), night);
    setLanguage('fr');
    await showAgain();
    expect(byTestid(host, 'dashboard-kept')[0].textContent).toMatch(/^Chiffres calculés le .*2026.* \(en 40 s\)\. Les recalculer maintenant$/);
    expect(numberOf(host, 'contacts').textContent).toBe('2');
  });

  it('shows the cell budget with its forecast, and warns admins only', async () => {
    const rt = crm();
    const forecast = { perDay: 12_345, fullInDays: 240, fullOn: '2027-07-31' };
    const { settle } = serveFrom(rt, (action, answer) => (action === 'cellBudget' ? { ...answer, data: { ...answer.data, share: 0.72, level: 'warn', forecast } } : answer));
    for (const [role, warned] of [
      ['admin', 1],
      ['viewer', 0],
    ] as const) {
      const host = document.createElement('div');
      dashboardView(host, { email: 'admin@example.org', role, setUp: true, language: 'en' }, { onQuery: () => {} }).render();
      await settle();
      expect(byTestid(host, 'cell-budget-forecast')[0].textContent).toBe('Growing by about 12,345 cells a day: at this pace the limit is reached in about 240 days (around Jul 31, 2027).');
      expect(byTestid(host, 'cell-budget-warning')).toHaveLength(warned);
    }
  });

  it('lets an editor rebuild the Dashboard sheet, and repaints in another language', async () => {
    const rt = crm();
    addStaff(rt, 'ed@example.org', 'editor');
    const { calls, settle } = serveFrom(rt);
    const host = document.createElement('div');
    const view = dashboardView(host, { email: 'ed@example.org', role: 'editor', setUp: true, language: 'en' }, { onQuery: () => {} });
    rt.identity.user = 'ed@example.org';
    view.render();
    await settle();
    click(byTestid(host, 'dashboard-refresh-sheet')[0]);
    await settle();
    expect(calls).toEqual(['dashboard', 'cellBudget', 'hotList', 'rfmScores', 'refreshDashboard']);
    expect(byTestid(host, 'notice')[0].textContent).toMatch(/^The Dashboard sheet was rebuilt, with \d charts?\.$/);
    expect(rt.grid.sheetNames()).toContain('Dashboard');
    setLanguage('fr');
    view.render();
    expect(host.textContent).toContain('Adhérents');
    expect(byTestid(host, 'dashboard-refresh-sheet')[0].textContent).toBe('Mettre à jour la feuille Dashboard');
  });

  it('asks everything again when shown again, says the message it brings, and keeps the RFM group chosen', async () => {
    const rt = crm();
    const { calls, settle } = serveFrom(rt);
    const host = document.createElement('div');
    const view = dashboardView(host, { email: 'admin@example.org', role: 'admin', setUp: true, language: 'en' }, { onQuery: () => {} });
    view.refresh();
    view.render();
    await settle();
    const group = byTestid(host, 'rfm-group')[0] as HTMLSelectElement;
    group.value = 'lost';
    group.dispatchEvent(new Event('change'));
    await settle();
    calls.length = 0;
    view.refresh('Merged.');
    view.render();
    await settle();
    expect(calls.sort()).toEqual(['cellBudget', 'dashboard', 'hotList', 'rfmScores']);
    expect(byTestid(host, 'notice')[0].textContent).toBe('Merged.');
    expect((byTestid(host, 'rfm-group')[0] as HTMLSelectElement).value).toBe('lost');
    // The numbers stay on screen while they are asked again: nothing blinks.
    expect(numberOf(host, 'contacts').textContent).toBe('2');
  });

  it('shows names it has no words for as text, never as markup', async () => {
    const rt = crm();
    const { settle } = serveFrom(rt, (action, answer) =>
      action === 'dashboard' ? { ...answer, data: { ...answer.data, rfm_groups: HOSTILE_TEXT.map((group, i) => ({ group, contacts: { value: i + 1, query: group } })) } } : answer,
    );
    const opened: string[] = [];
    const host = document.createElement('div');
    dashboardView(host, { email: 'admin@example.org', role: 'admin', setUp: true, language: 'en' }, { onQuery: (_q, title) => opened.push(title) }).render();
    await settle();
    for (const text of HOSTILE_TEXT) expect(host.textContent).toContain(text);
    expect(host.querySelectorAll('img')).toHaveLength(0);
    click(numberOf(host, `rfm.${HOSTILE_TEXT[0]}`));
    expect(opened).toEqual([HOSTILE_TEXT[0]]);
  });

  it('says when no donor is in an RFM group, and when a call fails', async () => {
    const rt = crm();
    const { settle } = serveFrom(rt, (action, answer) => (action === 'dashboard' ? { ...answer, data: { ...answer.data, rfm_groups: [] } } : answer));
    const host = document.createElement('div');
    dashboardView(host, { email: 'admin@example.org', role: 'admin', setUp: true, language: 'en' }, { onQuery: () => {} }).render();
    await settle();
    expect(host.textContent).toContain('No donor is in an RFM group yet.');
    const busy = serveFrom(rt, (action) => (action === 'refreshDashboard' ? { ok: false, error: { code: 'busy', message: 'Busy, try again.' } } : undefined));
    click(byTestid(host, 'dashboard-refresh-sheet')[0]);
    await busy.settle();
    expect(byTestid(host, 'error')[0].textContent).toBe('Busy, try again.');
  });
});

describe('dashboard formatting', () => {
  it('writes shares, months and bars for the reader', () => {
    expect(sharePercent(0.4545, 'en')).toBe('45%');
    expect(sharePercent(0.045, 'fr')).toMatch(/^4,5\s%$/);
    expect(monthName('2026-11', 'en')).toBe('Nov 2026');
    expect(monthName('not a month', 'en')).toBe('not a month');
    expect([barWidth(0, 10), barWidth(5, 10), barWidth(0.01, 10), barWidth(3, 0)]).toEqual([0, 50, 2, 0]);
  });
});
