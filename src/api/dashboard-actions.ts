import * as z from 'zod/mini';
import { cellBudget, recordCellBudget } from '../services/budget';
import { defineAction, type Action } from './action';
import { dashboardNumbers } from '../services/dashboard';
import { refreshDashboardSheet } from '../services/dashboard-sheet';

/** The membership funnel dashboard: its numbers (the sidebar, `crm dashboard`), and the Dashboard sheet
 *  with native charts (for people who work in plain Sheets; also rebuilt every night). */
export const DASHBOARD_ACTIONS = {
  /** How much of the spreadsheet's 10-million-cell limit the CRM takes, per sheet (the dashboard shows
   *  it; admins are warned at 70% and 85%). */
  cellBudget: defineAction({
    access: 'viewer',
    mutates: false,
    input: z.optional(z.strictObject({})),
    run: ({ workbook, runtime }) => cellBudget(workbook, runtime.properties),
  }),

  dashboard: defineAction({
    access: 'viewer',
    mutates: false,
    input: z.optional(z.strictObject({})),
    run: ({ workbook }) => dashboardNumbers(workbook),
  }),

  refreshDashboard: defineAction({
    access: 'editor',
    // It rewrites a sheet: under the document lock, like every write.
    mutates: true,
    audit: 'dashboard.refresh',
    input: z.optional(z.strictObject({})),
    run: ({ workbook, runtime }) => {
      // Each night the size is recorded, for the forecast the dashboard shows.
      recordCellBudget(workbook, runtime.properties);
      return refreshDashboardSheet(workbook, runtime.charts);
    },
  }),
} satisfies Record<string, Action<any, any>>;
