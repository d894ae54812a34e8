import type { KeyValue } from '../../ports/key-value';
import type { Workbook } from '../../store/workbook';
import { todayIn } from '../../core/dates';

/** All the sheets of a Google spreadsheet share one limit of 10 million cells. */
export const CELL_LIMIT = 10_000_000;
/** Shares of the limit past which admins are warned, and then warned again more firmly. */
export const WARN_AT = [0.7, 0.85] as const;

export interface CellBudget {
  used: number;
  limit: number;
  /** used / limit, 0–1. */
  share: number;
  /** 'ok', 'warn' (70%), 'critical' (85%). */
  level: 'ok' | 'warn' | 'critical';
  /** Sheets, the biggest first. */
  sheets: { sheet: string; cells: number; share: number }[];
  /** At the pace of the last weeks (the nightly records the size each day): cells added per day, and in
   *  how many days the limit is reached; null until a week has been recorded, or when not growing. */
  forecast: { perDay: number; fullInDays: number; fullOn: string } | null;
}

/** The sizes the nightly recorded, [day, cells], oldest first (at most 90 days). */
export const BUDGET_HISTORY_KEY = 'budget.history';
const HISTORY_DAYS = 90;
const MIN_HISTORY_DAYS = 7;
const DAY_MS = 86_400_000;

/** The nightly's record of today's size (one entry a day, the last 90 kept). */
export function recordCellBudget(workbook: Workbook, properties: KeyValue): void {
  const budget = cellBudget(workbook);
  const today = todayIn(workbook.clock.now(), workbook.clock.timeZone());
  const history = readHistory(properties).filter(([day]) => day !== today);
  history.push([today, budget.used]);
  properties.set(BUDGET_HISTORY_KEY, JSON.stringify(history.slice(-HISTORY_DAYS)));
}

function readHistory(properties: KeyValue | undefined): [string, number][] {
  try {
    const list = JSON.parse(properties?.get(BUDGET_HISTORY_KEY) ?? '[]') as unknown;
    if (!Array.isArray(list)) return [];
    return list.filter((e): e is [string, number] => Array.isArray(e) && /^\d{4}-\d{2}-\d{2}$/.test(String(e[0])) && Number.isFinite(e[1])).sort((a, b) => a[0].localeCompare(b[0]));
  } catch {
    return [];
  }
}

/** Growth per day from the oldest to the newest recorded size (over at least a week), and when the
 *  limit is reached at that pace. */
function forecastOf(history: [string, number][], used: number, today: string): CellBudget['forecast'] {
  if (history.length < 2) return null;
  const [firstDay, firstCells] = history[0];
  const [lastDay, lastCells] = history[history.length - 1];
  const days = (Date.parse(lastDay) - Date.parse(firstDay)) / DAY_MS;
  if (days < MIN_HISTORY_DAYS) return null;
  const perDay = (lastCells - firstCells) / days;
  if (perDay <= 0) return null;
  const fullInDays = Math.max(0, Math.ceil((CELL_LIMIT - used) / perDay));
  const fullOn = new Date(Date.parse(today) + fullInDays * DAY_MS).toISOString().slice(0, 10);
  return { perDay: Math.round(perDay), fullInDays, fullOn };
}

/** How much of the spreadsheet's 10-million-cell limit each sheet takes, and whether to warn. The
 *  database backend (a later step) takes over past it. */
export function cellBudget(workbook: Workbook, properties?: KeyValue): CellBudget {
  const sheets = workbook.grid
    .sheetSizes()
    .map(({ sheet, rows, columns }) => ({ sheet, cells: rows * columns, share: (rows * columns) / CELL_LIMIT }))
    .sort((a, b) => b.cells - a.cells);
  const used = sheets.reduce((n, s) => n + s.cells, 0);
  const share = used / CELL_LIMIT;
  const today = todayIn(workbook.clock.now(), workbook.clock.timeZone());
  const forecast = forecastOf(readHistory(properties), used, today);
  return { used, limit: CELL_LIMIT, share, level: share >= WARN_AT[1] ? 'critical' : share >= WARN_AT[0] ? 'warn' : 'ok', sheets, forecast };
}
