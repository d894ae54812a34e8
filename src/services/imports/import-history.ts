import { Imports } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';

/** A past import as the Import screen lists it. */
export interface PastImport {
  batch: string;
  file: string;
  who: string;
  started_at: string;
  status: string;
  created: number;
  updated: number;
  skipped: number;
  errors: number;
  warnings: number;
  undone_at: string;
  /** Done and not undone: its undo is offered (contacts changed since are kept, and said). */
  can_undo: boolean;
}

/** Every import, newest first (at most `limit`): who, when, what it did, and whether it can be undone. */
export function listImports(workbook: Workbook, limit = 50): { imports: PastImport[]; total: number } {
  // A file still going up in parts is no import yet.
  const all = workbook
    .table(Imports)
    .all()
    .filter((b) => b.status !== 'uploading');
  const imports = all
    .slice()
    .sort((a, b) => String(b.started_at).localeCompare(String(a.started_at)))
    .slice(0, limit)
    .map((b) => ({
      batch: b.id,
      file: b.file_name,
      who: b.who,
      started_at: b.started_at,
      status: b.status,
      created: Number(b.created) || 0,
      updated: Number(b.updated) || 0,
      skipped: Number(b.skipped) || 0,
      errors: Number(b.errors) || 0,
      warnings: Number(b.warnings) || 0,
      undone_at: b.undone_at,
      can_undo: b.status === 'done' && !b.undone_at,
    }));
  return { imports, total: all.length };
}
