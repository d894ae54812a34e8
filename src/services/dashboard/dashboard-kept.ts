import { Contacts } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import { todayOf } from '../today';
import { dashboardNumbers, type Dashboard } from './dashboard';

/** On a database, the dashboard's figures are kept with the moment they were worked out and how long
 *  that took (in `crm_properties`, beside the database's other properties: a document's properties hold
 *  9 KB a value, less than the figures). When working them out took SLOW_MS or more (a million contacts:
 *  about 36 s), the sidebar opens on the figures kept that day (by the night, or by the last person who
 *  asked), says when they are from, and offers to work them out now. A smaller base is worked out each
 *  time, as on a spreadsheet, which keeps nothing. The figures kept are a copy of what the tables say,
 *  like the search index: kept by whoever works them out, a viewer included, without an audit row. */

const KEPT = 'crm.dashboard_kept';
export const SLOW_MS = 3000;

/** The dashboard, with `worked_out_at` and `took_ms` when the figures are the ones kept (not worked out
 *  for this answer). */
export interface SidebarDashboard extends Dashboard {
  worked_out_at?: string;
  took_ms?: number;
}

interface Kept {
  numbers: Dashboard;
  worked_out_at: string;
  took_ms: number;
}

/** The sidebar's dashboard: the figures kept today when they are slow to work out and `fresh` is not
 *  asked, else worked out now (and kept, on a database). */
export function sidebarDashboard(workbook: Workbook, fresh = false): SidebarDashboard {
  const sql = keeps(workbook);
  if (!sql) return dashboardNumbers(workbook);
  if (!fresh) {
    const kept = slowKept(workbook);
    if (kept) return { ...kept.numbers, worked_out_at: kept.worked_out_at, took_ms: kept.took_ms };
  }
  return workOut(workbook).numbers;
}

/** The figures kept today when they were slow to work out, or undefined. */
function slowKept(workbook: Workbook): Kept | undefined {
  const kept = keptDashboard(workbook);
  return kept && kept.took_ms >= SLOW_MS && kept.numbers.as_of === todayOf(workbook) ? kept : undefined;
}

/** The database, when the dashboard opens on the figures kept (its lists then read the night's
 *  Scores table, scores-kept.ts). */
export function slowDashboard(workbook: Workbook) {
  return slowKept(workbook) ? keeps(workbook) : undefined;
}

/** Works the figures out and, on a database, keeps them (the nightly does, before it writes the
 *  Dashboard sheet from them). */
export function workOut(workbook: Workbook): Kept {
  const at = workbook.clock.now().toISOString();
  const started = Date.now();
  const numbers = dashboardNumbers(workbook);
  const kept: Kept = { numbers, worked_out_at: at, took_ms: Date.now() - started };
  keep(workbook, kept);
  return kept;
}

/** The figures kept, or undefined (none yet, a spreadsheet, or a value that cannot be read). */
export function keptDashboard(workbook: Workbook): Kept | undefined {
  const sql = keeps(workbook);
  if (!sql) return undefined;
  const [row] = sql.query('SELECT "value" FROM crm_properties WHERE "key" = $1', [KEPT]);
  try {
    const kept = row ? (JSON.parse(String(row.value)) as Kept) : undefined;
    return kept && typeof kept.took_ms === 'number' && typeof kept.worked_out_at === 'string' && typeof kept.numbers?.as_of === 'string' ? kept : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `kept` as the figures the sidebar may open on (`took_ms` says whether it will). */
export function keep(workbook: Workbook, kept: Kept): void {
  keeps(workbook)?.query('INSERT INTO crm_properties ("key", "value") VALUES ($1, $2) ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value"', [KEPT, JSON.stringify(kept)]);
}

function keeps(workbook: Workbook) {
  return workbook.database && workbook.inDatabase(Contacts.name) ? workbook.database.sql : undefined;
}
