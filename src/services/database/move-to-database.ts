import { ISO_DATE, type Column } from '../../core/schema/columns';
import { TABLES, type TableDef } from '../../core/schema/tables';
import type { Sql } from '../../ports/database';
import { SqlTable } from '../../store/sql/sql-table';
import { sqlTable } from '../../store/sql/sql-types';
import { sameValue } from '../../store/codec';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';

type Values = Record<string, unknown>;

/** What moving one table did. */
export interface MovedTable {
  table: string;
  /** Rows on the sheet. */
  rows: number;
  /** Rows added to the database now; the others were there already (an earlier run). */
  added: number;
  /** Values a typed column of the database cannot hold (text in an amount, a date that is no date),
   *  kept as typed in a custom column named "<column> (as typed)". */
  keptAsTyped: number;
  /** Rows without an id, or with another row's id, given one (never dropped). */
  idsGiven: number;
  /** Rows read back and compared field by field. */
  checked: number;
  /** False when the time ran out before every row of the table was copied (run again to go on). */
  finished: boolean;
}

/** When to stop copying (an Apps Script execution has 6 minutes): checked between batches. */
export interface MoveBudget {
  deadline: number;
  now(): number;
}

/** Rows copied per batch: one INSERT statement, one check of the time. */
const BATCH = 500;

/** How many rows of each table are read back and compared after the copy. */
const SAMPLE = 25;

/** A column the database types strictly: a value that does not fit it is kept as typed elsewhere. */
function fits(column: Column, value: unknown): boolean {
  if (value === '' || value === null || value === undefined) return true;
  switch (column.kind) {
    case 'number':
    case 'money':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return column.partial || (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value));
    default:
      return true;
  }
}

const asTyped = (column: string): string => `${column} (as typed)`;

/** Moves a workbook's tables into a migrated database: every row (custom columns included) copied
 *  once, in the order of the sheet, then counted and a sample read back. Safe to run again: a row
 *  already there (by id) is left as it is, so nothing is duplicated and nothing changed in the
 *  database since is overwritten. Throws, naming the table, when the database does not hold what the
 *  sheet holds. */
export function moveToDatabase(source: Workbook, sql: Sql, tables: readonly TableDef[] = TABLES, budget?: MoveBudget): MovedTable[] {
  const present = source.sheetNames();
  const report: MovedTable[] = [];
  for (const def of tables) {
    if (!present.has(def.name)) continue;
    const moved = moveTable(source, sql, def, budget);
    report.push(moved);
    if (!moved.finished) break;
  }
  return report;
}

/** Whether every table of a move was copied whole. */
export const moveFinished = (report: MovedTable[], tables: readonly TableDef[], source: Workbook): boolean =>
  report.every((t) => t.finished) && tables.filter((t) => source.sheetNames().has(t.name)).length === report.length;

function moveTable(source: Workbook, sql: Sql, def: TableDef, budget?: MoveBudget): MovedTable {
  const scan = source.table(def).scan();
  const custom = scan.customNames();
  const records: Values[] = [];
  const seen = new Set<string>();
  let keptAsTyped = 0;
  let idsGiven = 0;
  const extra = new Set<string>();
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const record: Values = { ...scan.record(i) };
    const values: Record<string, unknown> = Object.assign(Object.create(null), record.custom ?? {});
    for (const [name, column] of Object.entries(def.columns)) {
      if (fits(column, record[name])) continue;
      values[asTyped(name)] = String(record[name]);
      extra.add(asTyped(name));
      record[name] = '';
      keptAsTyped++;
    }
    let id = String(record.id ?? '');
    if (!id || seen.has(id)) {
      // Stable across runs (the same sheet gives the same id): moving again adds it once.
      id = `${id || def.idPrefix}_row${scan.row(i) || i + 2}`;
      idsGiven++;
    }
    seen.add(id);
    record.id = id;
    record.custom = values;
    records.push(record);
  }
  const target = new SqlTable(def, sql, { now: () => new Date() });
  target.ensureCustomColumns([...custom, ...extra]);
  // The rows an earlier run copied are not sent again: a move cut off by the time goes on from there.
  const there = new Set(sql.queryArrays(`SELECT "id" FROM ${sqlTable(def.name)}`).rows.map((r) => String(r[0])));
  const missing = records.filter((r) => !there.has(String(r.id)));
  const added = new Set<string>();
  let finished = true;
  for (let k = 0; k < missing.length; k += BATCH) {
    if (budget && budget.now() > budget.deadline) {
      finished = false;
      break;
    }
    for (const id of target.copyIn(missing.slice(k, k + BATCH))) added.add(id);
  }
  const checked = finished ? verify(def, sql, records, added) : 0;
  // The planner's statistics, fresh for the rows just moved (else the first queries may be planned
  // for an empty table until autovacuum comes round).
  if (finished && added.size) sql.query(`ANALYZE ${sqlTable(def.name)}`);
  return { table: def.name, rows: records.length, added: added.size, keptAsTyped, idsGiven, checked, finished };
}

/** Every id is in the database, and a sample of rows, spread over the table, reads back as on the
 *  sheet (rows there from an earlier run may have changed since: those are only counted). */
function verify(def: TableDef, sql: Sql, records: Values[], added: Set<string>): number {
  // Every id, in one read of the ids alone; then the sample's rows, in one read.
  const stored = new Set(sql.queryArrays(`SELECT "id" FROM ${sqlTable(def.name)}`).rows.map((r) => String(r[0])));
  const missing = records.find((r) => !stored.has(String(r.id)));
  if (missing) throw new UserError('move_check', 'database.error.move_missing', { table: def.name, id: String(missing.id) });
  const differs = (id: unknown, column: string, stored: unknown, typed: unknown) =>
    new UserError('move_check', 'database.error.move_differs', { table: def.name, id: String(id), column, stored: JSON.stringify(stored ?? ''), typed: JSON.stringify(typed ?? '') });
  const fresh = records.filter((r) => added.has(String(r.id)));
  const step = Math.max(1, Math.floor(fresh.length / SAMPLE));
  const sample = fresh.filter((_, k) => k % step === 0);
  const table = new SqlTable(def, sql, { now: () => new Date() });
  table.prefetch(
    'id',
    sample.map((r) => String(r.id)),
  );
  let checked = 0;
  for (const expected of sample) {
    const back = table.get(String(expected.id))!;
    for (const name of Object.keys(def.columns)) {
      if (!sameValue(back[name], expected[name]) && !(expected[name] === '' && back[name] === '')) throw differs(expected.id, name, back[name], expected[name]);
    }
    for (const [name, value] of Object.entries(expected.custom as Values)) {
      if (String(back.custom?.[name] ?? '') !== String(value ?? '')) throw differs(expected.id, name, back.custom?.[name], value);
    }
    checked++;
  }
  return checked;
}
