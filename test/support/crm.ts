import { callAction } from '../../src/api/call';
import { memoryRuntime, MemoryRuntime } from '../../src/memory/services';
import { Staff, tableDef } from '../../src/core/schema/tables';
import { Workbook } from '../../src/store/workbook';
import type { Cell } from '../../src/core/schema/columns';
import { q, sqlTable } from '../../src/store/sql/sql-types';
import { onPostgres, testDatabase } from './database';

/** The data of a successful answer; a failed one fails the test with the CRM's own message. */
export function ok<T = any>(answer: ReturnType<typeof callAction>): T {
  if (!answer.ok) throw new Error(`expected success, got ${answer.error.code}: ${answer.error.message}`);
  return answer.data as T;
}

/** The error of a failed answer. */
export function refused(answer: ReturnType<typeof callAction>): { code: string; message: string } {
  if (answer.ok) throw new Error(`expected a refusal, got ${JSON.stringify(answer.data).slice(0, 200)}`);
  return answer.error;
}

/** A set-up CRM in memory, its clock at 2026-11-22 10:00 UTC (Europe/Paris), `user` its admin. In the
 *  `postgres` Jest project its big tables are in a fresh database of the test server. */
export function setUpRuntime(user = 'admin@example.org', locale = 'en'): MemoryRuntime {
  const rt = memoryRuntime(user, locale);
  if (onPostgres()) rt.database = testDatabase();
  ok(callAction(rt, 'setUp', {}));
  return rt;
}

/** Adds a person to the Staff sheet by hand, as an admin would in Sheets. */
export function addStaff(rt: MemoryRuntime, email: string, role: string): void {
  const rows = rt.grid.sheets.get(Staff.name)!;
  const header = rows[0] as string[];
  rows.push(header.map((h) => (h === 'email' ? email : h === 'role' ? role : h === 'active' ? true : h === 'id' ? `stf_${email}` : '')));
  rt.cache.clear(); // what the onEdit trigger does in Google
}

/** Runs `work` as another person. */
export function as<T>(rt: MemoryRuntime, email: string, work: () => T): T {
  const before = rt.identity.user;
  rt.identity.user = email;
  try {
    return work();
  } finally {
    rt.identity.user = before;
  }
}

export const call = (rt: MemoryRuntime, name: string, input: unknown = {}) => callAction(rt, name, input);

/** The rows of a table as records keyed by header, as stored (a sheet's cells; a database table's
 *  values as a sheet would hold them). */
export function rowsOf(rt: MemoryRuntime, sheet: string): Record<string, unknown>[] {
  if (rt.database?.tables.has(sheet)) {
    const scan = new Workbook(rt, rt.clock, 'test').table(tableDef(sheet)).scan();
    const header = [...Object.keys(tableDef(sheet).columns), ...scan.customNames()];
    return Array.from({ length: scan.size }, (_, i) => Object.fromEntries(header.map((h, k) => [h, scan.cells(i)[k]])));
  }
  const [header, ...rows] = rt.grid.read(sheet);
  return rows.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i]])));
}

/** A value changed outside the CRM, in the table's own place: typed into the sheet's cell in Sheets, or
 *  written into the database by someone with access to it (then the caches are cleared, as onEdit
 *  does in Google). */
export function typeInto(rt: MemoryRuntime, table: string, id: string, column: string, value: Cell): void {
  if (rt.database?.tables.has(table)) {
    rt.database.sql.query(`UPDATE ${sqlTable(table)} SET ${q(column)} = $1 WHERE "id" = $2`, [value === '' ? null : value, id]);
  } else {
    const rows = rt.grid.sheets.get(table)!;
    const header = rows[0] as string[];
    const row = rows.find((r) => r[header.indexOf('id')] === id);
    if (!row) throw new Error(`no ${table} row ${id}`);
    row[header.indexOf(column)] = value;
  }
  rt.cache.clear();
}

/** A row added outside the CRM, cells by column name, the rest blank: typed into the sheet in Sheets,
 *  or inserted into the database. */
export function typeRow(rt: MemoryRuntime, table: string, cells: Record<string, Cell>): void {
  if (rt.database?.tables.has(table)) {
    const names = Object.keys(cells);
    rt.database.sql.query(
      `INSERT INTO ${sqlTable(table)} (${names.map(q).join(', ')}) VALUES (${names.map((_, k) => `$${k + 1}`).join(', ')})`,
      names.map((n) => cells[n]),
    );
  } else {
    const rows = rt.grid.sheets.get(table)!;
    const header = rows[0] as string[];
    rows.push(header.map((h) => cells[h] ?? ''));
  }
  rt.cache.clear();
}

/** A column added outside the CRM (a header typed after the last one; in the database, a custom
 *  column), with values for some records by id. */
export function addColumn(rt: MemoryRuntime, table: string, name: string, values: Record<string, string>): void {
  if (rt.database?.tables.has(table)) {
    rt.database.sql.query('INSERT INTO crm_custom_columns ("table_name", "name") VALUES ($1, $2)', [table, name]);
    for (const [id, value] of Object.entries(values))
      rt.database.sql.query(`UPDATE ${sqlTable(table)} SET "custom" = "custom" || jsonb_build_object($1::text, $2::text) WHERE "id" = $3`, [name, value, id]);
  } else {
    const rows = rt.grid.sheets.get(table)!;
    const header = rows[0] as string[];
    header.push(name);
    for (const row of rows.slice(1)) row.push(values[String(row[header.indexOf('id')])] ?? '');
  }
  rt.cache.clear();
}

/** Changes a setting on the Settings sheet by hand, as an admin would in Sheets. */
export function setSetting(rt: MemoryRuntime, key: string, value: string): void {
  const rows = rt.grid.sheets.get('Settings')!;
  const header = rows[0] as string[];
  const row = rows.find((r) => r[header.indexOf('key')] === key);
  if (!row) throw new Error(`no setting ${key}`);
  row[header.indexOf('value')] = value;
  rt.cache.clear(); // what the onEdit trigger does in Google
}
