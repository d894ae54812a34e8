/** A SQL database reached synchronously, as Apps Script's JDBC service is: each call returns its rows.
 *  Adapters: Node (`pg` in a worker thread, the caller waiting on it), Apps Script (Jdbc), and the
 *  tests' JDBC fake over the Node adapter. Parameters are written `$1`, `$2`… (PostgreSQL's way; the
 *  JDBC adapter turns them into `?`). Values are text, numbers, booleans or null; rows come back as
 *  objects keyed by column name, dates and numerics as text (never a Date, never a float parsed from
 *  a numeric by the driver). */
export type SqlValue = string | number | boolean | null;
export type SqlRow = Record<string, SqlValue>;

export interface Sql {
  query(text: string, params?: readonly SqlValue[]): SqlRow[];
  /** The same, each row an array in the order of `columns`: a whole table read at a fraction of the
   *  cost of one object per row. */
  queryArrays(text: string, params?: readonly SqlValue[]): { columns: string[]; rows: SqlValue[][] };
  /** The same statement once per parameter list, in one round trip where the driver allows. */
  batch(text: string, rows: readonly (readonly SqlValue[])[]): void;
  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. Nested
   *  calls join the open transaction. */
  transaction<T>(work: () => T): T;
  close(): void;
}

/** Where the CRM's big tables live once the spreadsheet is not enough (see store/sql). `tables`: the
 *  CRM tables kept there; the others stay on the spreadsheet, the team's window. */
export interface Database {
  sql: Sql;
  tables: ReadonlySet<string>;
  /** For people: where it is, without the password (`postgres://crm@db.example.org:5432/crm`). */
  label: string;
  /** Applies the migrations the database lacks (Set up), returning their names: the adapter brings
   *  them (store/sql/migrate.ts), so that code which never meets a database does not carry them. */
  migrate(): string[];
}

/** Where a PostgreSQL database is, as an admin gives it: `jdbc:postgresql://host:5432/name` (what Apps
 *  Script's JDBC service takes), with its user and password. */
export interface DatabaseAddress {
  url: string;
  user: string;
  password: string;
}
