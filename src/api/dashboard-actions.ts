import * as z from 'zod/mini';
import { cellBudget, recordCellBudget } from '../services/dashboard/budget';
import { defineAction, type Action } from './action';
import { sidebarDashboard } from '../services/dashboard/dashboard-kept';
import { refreshDashboardSheet } from '../services/dashboard/dashboard-sheet';
import { archivedInteractions, archiveOldRows, linkedArchive } from '../services/nightly/archive';
import { settingsOf } from '../services/today';

/** The membership funnel dashboard: its numbers (the sidebar, `crm dashboard`), and the Dashboard sheet
 *  with native charts (for people who work in plain Sheets; also rebuilt every night). */
export const DASHBOARD_ACTIONS = {
  /** How much of the spreadsheet's 10-million-cell limit the CRM takes, per sheet (the dashboard shows
   *  it; admins are warned at 70% and 85%). */
  cellBudget: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook, runtime }) => ({ ...cellBudget(workbook, runtime.properties), archive: linkedArchive(runtime.properties), archive_months: settingsOf(workbook).archive.logMonths }),
  }),

  /** Old log rows (and, by choice, old interactions) moved to the archive spreadsheet. An admin's click
   *  makes the archive when none is linked; the nightly only moves rows once one is (create false). */
  archiveOldRows: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'archive',
    input: () => z.optional(z.strictObject({ create: z.optional(z.boolean()) })),
    run: ({ workbook, runtime }, input) => archiveOldRows(workbook, runtime.archives, runtime.properties, input?.create === true),
  }),

  /** A contact's interactions that were moved to the archive (the card's "older, in the archive"). */
  archivedInteractions: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.strictObject({ contact_id: z.string().check(z.minLength(1), z.maxLength(80)) }),
    run: ({ runtime }, input) => archivedInteractions(runtime.archives, runtime.properties, input.contact_id),
  }),

  /** The numbers; on a database where they are slow to work out, those kept today unless `fresh`
   *  (services/dashboard/dashboard-kept.ts). */
  dashboard: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({ fresh: z.optional(z.boolean()) })),
    run: ({ workbook }, input) => sidebarDashboard(workbook, input?.fresh === true),
  }),

  refreshDashboard: defineAction({
    access: 'editor',
    // It rewrites a sheet: under the document lock, like every write.
    mutates: true,
    audit: 'dashboard.refresh',
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook, runtime }) => {
      // Each night the size is recorded, for the forecast the dashboard shows.
      recordCellBudget(workbook, runtime.properties);
      return refreshDashboardSheet(workbook, runtime.charts);
    },
  }),
} satisfies Record<string, Action<any, any>>;
