import { AuditLog, TABLES } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import type { Workbook } from '../../store/workbook';

/** A cell or a range someone changed by hand in a CRM table (the installable edit trigger's event). */
export interface HandEdit {
  /** Who made it, when Google says (an installable trigger sees the editor's address within a
   *  Workspace domain, and often nobody's otherwise). */
  who: string;
  sheet: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
  /** For a single cell: what it held before (Google gives no "before" for a range or a paste). */
  oldValue?: Cell;
  /** What the range holds now. */
  values: Cell[][];
}

const AUDITED = new Set(TABLES.map((t) => t.name).filter((name) => name !== AuditLog.name));

/** Records a hand edit of a CRM table in the AuditLog: who, which sheet and records, which columns,
 *  before (a single cell) and after. Everyone who opens the sidebar can type into the sheets: roles
 *  protect what goes through the CRM, and this is how the rest is seen. Returns false for sheets that
 *  are not CRM tables (a person's own tabs, the AuditLog itself). */
export function auditHandEdit(workbook: Workbook, edit: HandEdit): boolean {
  if (!AUDITED.has(edit.sheet) || edit.row < 2) return false;
  const header = workbook.header(edit.sheet);
  const idColumn = header.findIndex((h) => h.trim().toLowerCase() === 'id');
  const ids = idColumn >= 0 ? workbook.grid.readColumn(edit.sheet, idColumn + 1, edit.row, edit.rows).map(String) : [];
  const columns = Array.from({ length: edit.columns }, (_, k) => header[edit.column - 1 + k] || `column ${edit.column + k}`);
  const after: Record<string, Record<string, Cell>> = {};
  edit.values.forEach((line, r) => {
    const key = ids[r] || `row ${edit.row + r}`;
    after[key] = Object.fromEntries(line.map((value, c) => [columns[c], value]));
  });
  const single = edit.rows === 1 && edit.columns === 1;
  const before = single && edit.oldValue !== undefined ? { [ids[0] || `row ${edit.row}`]: { [columns[0]]: edit.oldValue } } : null;
  workbook.table(AuditLog).appendUnread([
    {
      when: workbook.clock.now().toISOString(),
      who: edit.who || 'unknown (edited by hand)',
      action: 'hand.edit',
      table: edit.sheet,
      record_id: ids.filter(Boolean).join(' ').slice(0, 5000),
      before: before ? clip(JSON.stringify(before)) : '',
      after: clip(JSON.stringify(after)),
    },
  ]);
  workbook.table(AuditLog).flush();
  return true;
}

const clip = (text: string) => (text.length > 45000 ? `${text.slice(0, 45000)}…` : text);
