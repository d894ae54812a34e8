import type { TableDef } from '../core/schema/tables';
import type { Fields, Stored, TableChanges, TableScan } from './table';
import { UserError } from './errors';

type Values = Record<string, unknown>;

/** One CRM table as services see it, wherever it lives: a sheet of the spreadsheet (table.ts) or a
 *  table of the database (sql/sql-table.ts). Records are read once per execution and changed in
 *  memory; the Workbook's commit writes every table's changes and audits them. */
export interface CrmTable<R extends Stored = Stored, W = Values> {
  readonly def: TableDef;
  readonly name: string;
  /** Every live record, in the order rows were added (a sheet's order). */
  all(): R[];
  get(id: string): R | undefined;
  /** `get`, looking first on the row a caller expects the record on (a sheet's row). */
  atRow(id: string, row: number | undefined): R | undefined;
  /** The record on a sheet row (1-based, the header being row 1). */
  onRow(row: number): R | undefined;
  require(id: string): R;
  /** Records whose `column` holds exactly `value`. */
  where(column: string, value: string): R[];
  prefetch(column: string, values: string[]): void;
  scanWhere(column: string, values: string[]): TableScan<R>;
  /** The rows of these values (a page of contacts' memberships or tags) the cheaper way: looked up
   *  when the table can find them by index (a database, or a sheet for a few values), else the whole
   *  table, which the caller filters. */
  scanFor(column: string, values: string[]): TableScan<R>;
  scan(): TableScan<R>;
  count(): number;
  /** Where a record is: its sheet row, or its place in this execution's read of a database table. */
  rowOf(id: string): number | undefined;
  customColumns(): string[];
  addMissingColumns(): string[];
  ensureCustomColumns(names: string[]): string[];
  insert(values: ReadonlyArray<Fields<W>>, keepIds?: boolean): R[];
  appendUnread(values: ReadonlyArray<Fields<W>>): R[];
  update(id: string, patch: Fields<W>): R;
  remove(ids: string[]): void;
  verifyRows(): void;
  flush(): TableChanges;
  hasChanges(): boolean;
}

/** The record `id`, or the refusal naming the table (both kinds of table). */
export function requireRecord<R>(table: { name: string; get(id: string): R | undefined }, id: string): R {
  const found = table.get(id);
  if (!found) throw new UserError('not_found', 'error.not_found', { table: table.name, id });
  return found;
}

/** The live records of a scan (both kinds of table's `where`). */
export function liveRecords<R>(scan: TableScan<R>): R[] {
  const out: R[] = [];
  for (let k = 0; k < scan.size; k++) if (scan.live(k)) out.push(scan.record(k));
  return out;
}
