import { Staff } from '../core/schema/tables';
import * as z from 'zod/mini';
import { languageOf, LANGUAGES, LANGUAGE_CODES } from '../core/i18n';
import { sidebarDictionary, sidebarPartFile, SIDEBAR_PARTS } from '../core/i18n/sidebar-file';
import { textAsset } from '../core/assets';
import { defineAction, Action } from './action';
import { isSetUp, setUp } from '../services/setup';
import { RECORD_ACTIONS } from './record-actions';
import { EDIT_ACTIONS } from './edit-actions';
import { IMPORT_ACTIONS } from './import-actions';
import { DEDUPE_ACTIONS } from './dedupe-actions';
import { SEGMENT_ACTIONS } from './segment-actions';
import { SCORE_ACTIONS } from './score-actions';
import { DASHBOARD_ACTIONS } from './dashboard-actions';
import { TRIGGER_POINT_ACTIONS } from './trigger-point-actions';
import { STAFF_ACTIONS } from './staff-actions';
import { INTAKE_ACTIONS } from './intake-actions';
import { MAIL_ACTIONS } from './mail-actions';
import { SYNC_ACTIONS } from './sync-actions';
import { DATABASE_ACTIONS } from './database-actions';
import { hasActiveAdmin, identifyCaller, isActiveAdmin, requireRole, setOwnLanguage } from '../services/access';
import { UserError } from '../store/errors';
import { userMessage } from './call';
import type { Workbook } from '../store/workbook';

/** The top-level function the daily trigger calls (src/gas/jobs.ts). */
export const DAILY_JOB = 'dailyMaintenance';
/** The top-level function the installable onChange trigger calls (src/gas/jobs.ts). */
export const CHANGE_JOB = 'onSheetChange';
/** The top-level function the installable onEdit trigger calls: the audit of hand edits. */
export const EDIT_JOB = 'auditHandEdits';

/** Every action a UI can call, by the name the UI calls it. Each one is also a top-level function of
 *  the Apps Script bundle (src/gas/api.ts) and a POST /api/<name> route of the local server. */
export const ACTIONS = {
  /** A language's words, for a sidebar switching to it (a sidebar carries only the language it was
   *  opened in). Words only: anyone signed in may have them. */
  dictionary: defineAction({
    access: 'anyone',
    mutates: false,
    input: () => z.strictObject({ language: z.enum(LANGUAGE_CODES) }),
    run: (_ctx, input) => sidebarDictionary(LANGUAGES[input.language]),
  }),

  /** A part of the sidebar's code (a tab's), for a page opening that tab the first time: the same
   *  for everyone, like the page itself. */
  sidebarPart: defineAction({
    access: 'anyone',
    mutates: false,
    input: () => z.strictObject({ part: z.enum(SIDEBAR_PARTS) }),
    run: (_ctx, input) => ({ code: textAsset(sidebarPartFile(input.part)) }),
  }),

  /** What the sidebar needs first: who am I, may I, is the CRM set up, which language. */
  bootstrap: defineAction({
    access: 'anyone',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook, caller, runtime, language }) => {
      const setUpDone = isSetUp(workbook);
      return {
        email: runtime.identity.email(),
        role: caller?.role ?? '',
        setUp: setUpDone,
        language: languageOf(language),
        // Why a person the CRM does not let in is refused (not on Staff, inactive, a role it does not
        // know), so that the sidebar says it once instead of failing on every call.
        refused: setUpDone && !caller ? refusalOf(workbook, runtime.identity.email(), language) : '',
      };
    },
  }),

  setUp: defineAction({
    access: 'anyone',
    mutates: true,
    audit: 'setup',
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook, runtime }) => {
      const email = runtime.identity.email();
      if (!email) throw new UserError('no_identity', 'error.no_identity');
      // Once there is an active admin, only an admin may run Set up (it migrates the tables); before
      // that, the first person to run it becomes admin.
      if (workbook.sheetNames().has(Staff.name) && hasActiveAdmin(workbook)) requireRole(identifyCaller(workbook, email), 'admin');
      // Once per Set up: how this spreadsheet treats what Google does not document (apostrophes).
      runtime.calibrate?.();
      const report = setUp(workbook, email);
      // A job whose trigger belongs to someone who is no longer an active admin (they left) is taken
      // over by the admin running Set up: otherwise the nightly would run as, or stop with, them.
      const scheduler = runtime.scheduler;
      const takenOver = [DAILY_JOB, CHANGE_JOB, EDIT_JOB]
        .map((job) => ({ job, from: scheduler.ownerOf(job) }))
        .filter(({ from }) => !!from && from !== email.trim().toLowerCase() && !isActiveAdmin(workbook, from));
      const gone = (job: string) => takenOver.some((t) => t.job === job);
      // Statuses are written to the sheets every night (see refreshStatuses).
      scheduler.ensureDaily(DAILY_JOB, 3, gone(DAILY_JOB));
      // Rows deleted or columns moved by hand: caches and the search index must hear of it.
      scheduler.ensureOnChange(CHANGE_JOB, gone(CHANGE_JOB));
      // Hand edits of the CRM's tables go to the AuditLog (who, where, before and after).
      scheduler.ensureOnEdit(EDIT_JOB, gone(EDIT_JOB));
      return takenOver.length ? { ...report, triggers_taken_over: takenOver } : report;
    },
  }),

  /** The sidebar's language picker: remembered in the person's own user properties. */
  setLanguage: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.strictObject({ language: z.enum(['en', 'fr', 'es', 'pt']) }),
    run: ({ runtime }, input) => setOwnLanguage(runtime.userProperties, input.language),
  }),

  ...RECORD_ACTIONS,
  ...EDIT_ACTIONS,
  ...IMPORT_ACTIONS,
  ...DEDUPE_ACTIONS,
  ...SEGMENT_ACTIONS,
  ...SCORE_ACTIONS,
  ...DASHBOARD_ACTIONS,
  ...TRIGGER_POINT_ACTIONS,
  ...STAFF_ACTIONS,
  ...INTAKE_ACTIONS,
  ...MAIL_ACTIONS,
  ...SYNC_ACTIONS,
  ...DATABASE_ACTIONS,
} satisfies Record<string, Action<any, any>>;

export type ActionName = keyof typeof ACTIONS;

function refusalOf(workbook: Workbook, email: string, language: string): string {
  try {
    identifyCaller(workbook, email);
    return '';
  } catch (error) {
    if (error instanceof UserError) return userMessage(language, error);
    throw error;
  }
}
