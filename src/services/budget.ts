import type { Workbook } from '../store/workbook';

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
}

/** How much of the spreadsheet's 10-million-cell limit each sheet takes, and whether to warn. The
 *  database backend (a later step) takes over past it. */
export function cellBudget(workbook: Workbook): CellBudget {
  const sheets = workbook.grid
    .sheetSizes()
    .map(({ sheet, rows, columns }) => ({ sheet, cells: rows * columns, share: (rows * columns) / CELL_LIMIT }))
    .sort((a, b) => b.cells - a.cells);
  const used = sheets.reduce((n, s) => n + s.cells, 0);
  const share = used / CELL_LIMIT;
  return { used, limit: CELL_LIMIT, share, level: share >= WARN_AT[1] ? 'critical' : share >= WARN_AT[0] ? 'warn' : 'ok', sheets };
}
