import type { Column } from '../../core/schema/columns';
import { TABLES, type TableDef } from '../../core/schema/tables';

/** The SQL table of a CRM table: `Contacts` → `contacts`, `ContactTags` → `contact_tags`. */
export function sqlTable(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** A column's name as SQL reads it, quoted (`when`, `table`, `before` are SQL's own words). */
export const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** How a column is typed in PostgreSQL. What people type stays text (names, phones, ids, enums, a
 *  date and time with the zone they wrote, JSON as written); amounts exact numerics (any precision: what was typed), counts and
 *  scores double precision, a full date a `date` (a birthday may lack its year: text). */
export function sqlType(column: Column): string {
  switch (column.kind) {
    case 'money':
      return 'numeric';
    case 'number':
      return 'double precision';
    case 'boolean':
      return 'boolean';
    case 'date':
      return column.partial ? 'text' : 'date';
    default:
      return 'text';
  }
}

/** The CRM's tables that live in the database when one is connected: those that grow with the
 *  contacts. Settings, Staff and the lists people edit by hand (tags, relationship types, segments,
 *  trigger points, templates) stay on the spreadsheet, the team's window. */
export const WINDOW_TABLES: readonly string[] = ['Settings', 'Staff', 'Tags', 'RelationshipTypes', 'Segments', 'TriggerPoints', 'Templates'];

export const DATABASE_TABLES: readonly string[] = TABLES.map((t) => t.name).filter((name) => !WINDOW_TABLES.includes(name));

/** Columns worth an index: ids pointing at other records, addresses, dates (ranges), statuses. */
export function indexedColumns(def: TableDef): string[] {
  return Object.entries(def.columns)
    .filter(
      ([name, c]) =>
        name !== 'id' && (c.kind === 'ref' || (c.kind === 'date' && !c.partial) || ['email', 'external_id', 'import_batch', 'status', 'remote_id', 'campaign_id', 'mailing_id', 'key'].includes(name)),
    )
    .map(([name]) => name);
}

/** `crm_text(value)` (migration 0003: without accents, case or the spaces around it), with plain ASCII
 *  text lowered in place: the same answer, without a call to the SQL function, which is never inlined
 *  (unaccent is only STABLE) and costs several microseconds a row, seconds over a million contacts. */
export function foldedText(value: string): string {
  return `(CASE WHEN octet_length(${value}) = length(${value}) THEN lower(crm_trim(${value})) ELSE crm_text(${value}) END)`;
}
