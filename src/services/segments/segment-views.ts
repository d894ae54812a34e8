import { Contacts, Segments, Segment, TABLES } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import { translate } from '../../core/i18n';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';

/** A view tab is "Segment - <name>". Not "Segment: <name>": the same workbook lives as an .xlsx file
 *  locally, and Excel refuses : * ? / \ [ ] in sheet names and more than 31 characters (Sheets allows
 *  100), so names are cut to what both accept. */
export const VIEW_PREFIX = 'Segment - ';
const MAX_SHEET_NAME = 31;

/** The view columns a person chose (comma-separated, or a list), checked against the Contacts
 *  sheet's header (CRM columns and the custom columns people added), spelled as the header spells
 *  them. An unknown name is refused with the columns there are. */
export function viewColumnsOf(workbook: Workbook, chosen: string | string[]): string[] {
  const wanted = (Array.isArray(chosen) ? chosen : chosen.split(',')).map((c) => c.trim()).filter(Boolean);
  if (!wanted.length) return [];
  const available = [...Object.keys(Contacts.columns), ...workbook.table(Contacts).customColumns()];
  const out: string[] = [];
  for (const name of wanted) {
    const found = available.find((a) => a.toLowerCase() === name.toLowerCase());
    if (!found) throw new UserError('invalid', 'error.segment_view_column', { column: name, columns: available.join(', ') });
    if (!out.includes(found)) out.push(found);
  }
  return out;
}

/** The tab name for a segment: its name without the characters sheet names refuse, cut to fit. */
export function viewTabName(segmentName: string): string {
  const clean = segmentName
    .replace(/[*?:\\/[\]\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/'+$/, '');
  return (VIEW_PREFIX + clean).slice(0, MAX_SHEET_NAME).trim();
}

/** Only tabs the CRM wrote are ever removed: a view_sheet typed by hand could name anything. */
function isViewTab(name: string): boolean {
  return name.startsWith(VIEW_PREFIX.trim()) && !TABLES.some((t) => t.name.toLowerCase() === name.toLowerCase());
}

/** Removes a segment's view tab (the segment is deleted, or no longer has view columns). */
export function removeViewTab(workbook: Workbook, sheet: string): void {
  if (!isViewTab(sheet) || !workbook.grid.sheetNames().includes(sheet)) return;
  workbook.grid.deleteSheet(sheet);
  workbook.refreshSheetNames();
}

/** Replaces a segment's view tab with its members now: the chosen columns' values as stored (text stays
 *  text), one row per member, in sheet order. The tab is made anew each time, so nothing of the last
 *  refresh survives (fewer members leave no stale rows; a renamed segment's old tab goes). Its header is
 *  protected like a table's, and its last header cell tells people it is rewritten. Returns its name. */
export function writeViewTab(workbook: Workbook, segment: Segment, columns: string[], ids: string[], language: string): string {
  const table = workbook.table(Contacts);
  const scan = table.scan();
  const customNames = table.customColumns();
  const customIndexes = scan.customColumns();
  const indexes = columns.map((c) => (c in Contacts.columns ? scan.column(c) : (customIndexes[customNames.indexOf(c)] ?? -1)));
  const rows: Cell[][] = ids.map((id) => {
    const cells = scan.cells((table.rowOf(id) ?? 0) - 2) ?? [];
    return indexes.map((c) => (c >= 0 ? (cells[c] ?? '') : ''));
  });

  const existing = workbook.grid.sheetNames();
  const old = segment.view_sheet && existing.includes(segment.view_sheet) && isViewTab(segment.view_sheet) ? segment.view_sheet : '';
  const others = workbook
    .table(Segments)
    .all()
    .filter((s) => s.id !== segment.id)
    .map((s) => s.view_sheet);
  const taken = new Set([...existing.filter((n) => n !== old), ...others].map((n) => n.toLowerCase()));
  const base = viewTabName(segment.name);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, MAX_SHEET_NAME - ` (${n})`.length).trim()} (${n})`;

  if (old) workbook.grid.deleteSheet(old);
  workbook.grid.createSheet(name, [...columns, translate(language, 'segments.view_note', { name: segment.name })]);
  if (rows.length) workbook.grid.append(name, rows, 1);
  workbook.refreshSheetNames();
  return name;
}
