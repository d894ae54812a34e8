import type { Database, DatabaseAddress, Sql, SqlRow, SqlValue } from '../ports/database';
import { DATABASE_TABLES } from '../store/sql/sql-types';
import { migrateDatabase } from '../store/sql/migrate';
import { databaseLabelOf } from '../services/database/connection';

/** java.sql.Types the adapter reads as numbers or booleans; everything else is read as text. */
const NUMERIC_TYPES = new Set([-6, 5, 4, -5, 6, 7, 8, 2, 3]);
const BOOLEAN_TYPES = new Set([-7, 16]);

/** `$1 … $n` (PostgreSQL's placeholders, the port's) as JDBC's `?`, with the parameters in the order
 *  the `?` come (a `$1` used twice is bound twice). Placeholders inside quoted text are left alone. */
export function toJdbc(text: string, params: readonly SqlValue[]): { sql: string; values: SqlValue[] } {
  const values: SqlValue[] = [];
  const sql = text.replace(/'(?:[^']|'')*'|\$\$[\s\S]*?\$\$|\$(\d+)/g, (whole, n?: string) => {
    if (n === undefined) return whole;
    values.push(params[Number(n) - 1] ?? null);
    return '?';
  });
  return { sql, values };
}

/** The database through Apps Script's JDBC service: one connection per execution, opened at the first
 *  statement, prepared statements always (no value is ever spliced into SQL), batches for repeated
 *  statements, transactions by turning auto-commit off. `stringtype=unspecified` lets PostgreSQL type
 *  the text parameters by their column, as the Node adapter's are. */
export class JdbcSql implements Sql {
  private connection: GoogleAppsScript.JDBC.JdbcConnection | null = null;
  private depth = 0;

  constructor(private readonly address: DatabaseAddress) {}

  query(text: string, params: readonly SqlValue[] = []): SqlRow[] {
    const { columns, rows } = this.queryArrays(text, params);
    return rows.map((row) => Object.fromEntries(columns.map((name, k) => [name, row[k]])));
  }

  queryArrays(text: string, params: readonly SqlValue[] = []): { columns: string[]; rows: SqlValue[][] } {
    const { sql, values } = toJdbc(text, params);
    const statement = this.open().prepareStatement(sql);
    try {
      values.forEach((value, k) => bind(statement, k + 1, value));
      if (!statement.execute()) return { columns: [], rows: [] };
      return readRows(statement.getResultSet());
    } finally {
      statement.close();
    }
  }

  batch(text: string, rows: readonly (readonly SqlValue[])[]): void {
    if (!rows.length) return;
    const statement = this.open().prepareStatement(toJdbc(text, rows[0]).sql);
    try {
      for (const row of rows) {
        toJdbc(text, row).values.forEach((value, k) => bind(statement, k + 1, value));
        statement.addBatch();
      }
      statement.executeBatch();
    } finally {
      statement.close();
    }
  }

  transaction<T>(work: () => T): T {
    if (this.depth > 0) return work();
    const connection = this.open();
    connection.setAutoCommit(false);
    this.depth++;
    try {
      const result = work();
      connection.commit();
      return result;
    } catch (error) {
      connection.rollback();
      throw error;
    } finally {
      this.depth--;
      connection.setAutoCommit(true);
    }
  }

  close(): void {
    this.connection?.close();
    this.connection = null;
  }

  private open(): GoogleAppsScript.JDBC.JdbcConnection {
    if (this.connection) return this.connection;
    const url = /[?&]stringtype=/.test(this.address.url) ? this.address.url : `${this.address.url}${this.address.url.includes('?') ? '&' : '?'}stringtype=unspecified`;
    const connection = Jdbc.getConnection(url, this.address.user, this.address.password);
    // No JIT compilation: past a million rows it costs a segment's count or a search more than it saves.
    const statement = connection.prepareStatement('SET jit = off');
    statement.execute();
    statement.close();
    return (this.connection = connection);
  }
}

function bind(statement: GoogleAppsScript.JDBC.JdbcPreparedStatement, at: number, value: SqlValue): void {
  if (value === null) statement.setNull(at, 0);
  else if (typeof value === 'boolean') statement.setBoolean(at, value);
  else if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) <= 2 ** 31 - 1) statement.setInt(at, value);
    else statement.setDouble(at, value);
  } else statement.setString(at, value);
}

function readRows(results: GoogleAppsScript.JDBC.JdbcResultSet): { columns: string[]; rows: SqlValue[][] } {
  const meta = results.getMetaData();
  const count = meta.getColumnCount();
  const types = Array.from({ length: count }, (_, k) => meta.getColumnType(k + 1));
  const columns = Array.from({ length: count }, (_, k) => meta.getColumnLabel(k + 1));
  const rows: SqlValue[][] = [];
  while (results.next()) {
    rows.push(
      types.map((type, k) => {
        const text = results.getString(k + 1);
        if (text === null || text === undefined) return null;
        if (BOOLEAN_TYPES.has(type)) return text === 't' || text === 'true';
        return NUMERIC_TYPES.has(type) ? Number(text) : text;
      }),
    );
  }
  results.close();
  return { columns, rows };
}

/** A connected database for an execution of the script. */
export function jdbcDatabase(address: DatabaseAddress): Database {
  const sql = new JdbcSql(address);
  return { sql, tables: new Set(DATABASE_TABLES), label: databaseLabelOf(address), migrate: () => migrateDatabase(sql) };
}
