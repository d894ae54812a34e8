import type { Cell } from '../../core/schema/columns';
import { AuditLog } from '../../core/schema/tables';
import { LANGUAGES, translate } from '../../core/i18n';
import type { Charts, ChartSpec } from '../../ports/charts';
import type { Workbook } from '../../store/workbook';
import { cacheKeys, forget } from '../../store/cached';
import { UserError } from '../../store/errors';
import type { Dashboard, DashboardNumber } from './dashboard';
import { workOut } from './dashboard-kept';
import { settingsOf } from '../today';

/** The Dashboard sheet, for people who never open the sidebar: labelled blocks of numbers (label,
 *  number, share), the ranges behind the charts, and native charts over them. It is not a table (not
 *  in TABLES): the add-on deletes and rebuilds it whole at every refresh, and says so in its first row.
 *  Labels are in the CRM's language (Settings `language`), else English: the sheet is shared by all. */
export const DASHBOARD_SHEET = 'Dashboard';
export const DASHBOARD_AUDIT = 'dashboard.refresh';

/** Wide enough for the numbers (A–D) and the charts beside them (from F; a chart is about six columns). */
const WIDTH = 12;
const CHART_COLUMN = 6;
/** A chart is about 18 rows tall: they are stacked that far apart. */
const CHART_ROWS = 19;

export interface DashboardSheetReport {
  sheet: string;
  charts: number;
}

/** Builds or rebuilds the Dashboard sheet and its charts from today's numbers (kept for the sidebar on a
 *  database). A sheet of that name that the CRM did not make is never deleted: the person is asked to
 *  rename it. */
export function refreshDashboardSheet(workbook: Workbook, charts: Charts): DashboardSheetReport {
  const { numbers } = workOut(workbook);
  const language = settingsOf(workbook).language || 'en';
  const { rows, specs } = dashboardLayout(numbers, (key, params) => translate(language, key, params));
  const grid = workbook.grid;
  if (grid.sheetNames().includes(DASHBOARD_SHEET)) {
    const existing = grid.read(DASHBOARD_SHEET);
    if (existing.length && !isDashboardNotice(String(existing[0][0] ?? ''))) throw new UserError('invalid', 'error.dashboard_sheet_taken', { sheet: DASHBOARD_SHEET });
    grid.deleteSheet(DASHBOARD_SHEET);
  }
  const [first, ...rest] = rows;
  grid.createSheet(DASHBOARD_SHEET, first.map(String));
  grid.append(DASHBOARD_SHEET, rest, 1);
  charts.replaceCharts(DASHBOARD_SHEET, specs);
  // The list of sheet names is cached between executions: the next one must see this sheet.
  forget(workbook.cache, [cacheKeys.sheets]);
  // Not a table, so the commit has nothing to audit: one row says who rebuilt it, when, as of when.
  workbook.table(AuditLog).appendUnread([
    {
      when: workbook.clock.now().toISOString(),
      who: workbook.who,
      action: DASHBOARD_AUDIT,
      table: DASHBOARD_SHEET,
      record_id: '',
      before: '',
      after: JSON.stringify({ as_of: numbers.as_of, rows: rows.length, charts: specs.length }),
    },
  ]);
  return { sheet: DASHBOARD_SHEET, charts: specs.length };
}

type Words = (key: string, params?: Record<string, string | number>) => string;

/** The first row's notice, in any of our languages (the CRM's language may have changed since). */
export function isDashboardNotice(text: string): boolean {
  return Object.keys(LANGUAGES).some((language) => {
    const [before, after = ''] = translate(language, 'dashboard.sheet.notice', { date: '\u0000' }).split('\u0000');
    return text.startsWith(before) && text.endsWith(after) && text.length > before.length + after.length;
  });
}

/** The sheet's cells (row 1 first, every row WIDTH wide) and its charts. Pure: tests read it too. */
export function dashboardLayout(d: Dashboard, words: Words): { rows: Cell[][]; specs: ChartSpec[] } {
  const rows: Cell[][] = [];
  const specs: ChartSpec[] = [];
  const put = (...cells: Cell[]) => rows.push([...cells, ...Array<Cell>(WIDTH - cells.length).fill('')]);
  const percent = (n: DashboardNumber) => Math.round(n.value * 1000) / 10;
  /** A chart over the block whose header is on the next row, `count` data rows, label and one number. */
  const chart = (title: string, type: ChartSpec['type'], count: number) => {
    if (count > 0) specs.push({ title, type, range: { row: rows.length + 1, column: 1, rows: count + 1, columns: 2 }, anchor: { row: 3 + specs.length * CHART_ROWS, column: CHART_COLUMN } });
  };

  put(words('dashboard.sheet.notice', { date: d.as_of }));
  put();
  put(words('dashboard.sheet.people'), words('dashboard.sheet.number'), words('dashboard.sheet.share'));
  put(words('dashboard.contacts'), d.contacts.value);
  put(words('dashboard.members'), d.members.value, percent(d.members_share));
  put(words('dashboard.subscribers'), d.subscribers.value, percent(d.subscribers_share));
  put(words('dashboard.subscribed_members'), d.subscribed_members.value, percent(d.subscribed_members_share));
  put(words('dashboard.renewals_due'), d.renewals_due.value);
  put(words('dashboard.lapsed'), d.lapsed.value);
  put();

  chart(words('dashboard.sheet.chart_funnel'), 'bar', d.funnel.length);
  put(words('dashboard.sheet.step'), words('dashboard.sheet.reached'), words('dashboard.sheet.conversion'), words('dashboard.sheet.median_days'));
  for (const s of d.funnel) put(words(`dashboard.step.${s.step}`), s.reached.value, s.conversion ? percent(s.conversion) : '', s.median_days?.value ?? '');
  put();

  chart(words('dashboard.sheet.chart_donations', { currency: d.currency }), 'column', d.donations_by_month.length);
  put(words('dashboard.sheet.month'), words('dashboard.sheet.total', { currency: d.currency }), words('dashboard.sheet.gifts'), words('dashboard.sheet.donors'));
  for (const m of d.donations_by_month) put(m.month, m.total.value, m.gifts.value, m.donors.value);
  put();

  chart(words('dashboard.sheet.chart_rfm'), 'pie', d.rfm_groups.length);
  put(words('dashboard.sheet.rfm_group'), words('dashboard.sheet.rfm_donors'));
  for (const g of d.rfm_groups) put(groupName(g.group, words), g.contacts.value);
  if (!d.rfm_groups.length) put(words('dashboard.rfm.none'));
  // Every chart's anchor row must exist in the sheet (Sheets has no row there otherwise).
  const lastAnchor = specs.reduce((n, s) => Math.max(n, s.anchor.row + CHART_ROWS), 0);
  while (rows.length < lastAnchor) put();
  return { rows, specs };
}

/** A group's name in words; a group we have no words for shows as it is. */
export function groupName(group: string, words: Words): string {
  const key = `dashboard.rfm.group.${group}`;
  const text = words(key);
  return text === key ? group : text;
}
