import { AuditLog, TableDef, RecordOf, tableDef } from '../core/schema/tables';
import type { Cache, Clock, Grid } from '../ports';
import type { Cell } from '../core/schema/columns';
import type { Database } from '../ports/database';
import type { CrmTable } from './crm-table';
import { SqlTable } from './sql/sql-table';
import { type AuditRow, auditRows } from './audit';
import { allCacheKeys, CACHED_HEADERS, CACHED_TABLES, cacheKeys, forget, throughCache } from './cached';
import { Stored, Table, type TableChanges } from './table';

/** Derived data kept beside the tables (the search index): told of each commit's writes. */
export interface WriteWatcher {
  before(tables: string[]): void;
  /** `changes`: what was written, null when the write failed part-way. */
  after(tables: string[], changes: TableChanges[] | null, workbook: Workbook): void;
}

/** Where the CRM's tables are: the spreadsheet, and the database when one is connected (then the
 *  tables it holds live there, the others on the spreadsheet). A Runtime is one. */
export interface Storage {
  grid: Grid;
  database?: Database;
}

/** One execution's view of the spreadsheet (and of the database, when one holds the big tables): each
 *  table is read at most once, changes are kept in memory, and `commit` writes them all, then one
 *  audit row per table changed, in one database transaction. */
export class Workbook {
  private readonly tables = new Map<string, CrmTable>();
  readonly grid: Grid;
  readonly database?: Database;
  private names?: Set<string>;
  /** Cached tables as parsed once in this execution. */
  private readonly snapshots = new Map<string, Stored[]>();
  /** Changes outside the sheets, audited with the next commit. */
  private outside: Omit<AuditRow, 'action'>[] = [];
  /** The database tables' custom columns, by table (customColumnsOf). */
  private customColumns: Map<string, string[]> | null = null;

  constructor(
    storage: Storage,
    readonly clock: Clock,
    readonly who: string,
    private readonly random?: () => number,
    /** Optional: spares each execution the reads of rarely changing facts (see cached.ts). */
    readonly cache?: Cache,
    /** Optional: told the tables a commit writes, before and after writing them (so that derived data
     *  such as the search index knows it is stale even when a write fails half-way, and can follow a
     *  write that succeeded). */
    private readonly watcher?: WriteWatcher,
  ) {
    this.grid = storage.grid;
    this.database = storage.database;
  }

  /** Every database table's custom columns, read once by the first table that needs its own. */
  private customColumnsOf(table: string): string[] {
    if (!this.customColumns) {
      this.customColumns = new Map();
      for (const row of this.database!.sql.query('SELECT "table_name", "name" FROM crm_custom_columns ORDER BY "table_name", "position"')) {
        const table = String(row.table_name);
        if (!this.customColumns.has(table)) this.customColumns.set(table, []);
        this.customColumns.get(table)!.push(String(row.name));
      }
    }
    return this.customColumns.get(table) ?? [];
  }

  /** True when `name` is one of the tables the connected database holds. */
  inDatabase(name: string): boolean {
    return !!this.database?.tables.has(name);
  }

  table<T extends TableDef>(def: T): CrmTable<RecordOf<T> & Stored, RecordOf<T>> {
    let table = this.tables.get(def.name);
    if (!table && this.database && this.inDatabase(def.name)) {
      table = new SqlTable(def, this.database.sql, { now: () => this.clock.now(), random: this.random, customColumns: (name) => this.customColumnsOf(name) });
      this.tables.set(def.name, table);
    }
    if (!table) {
      const header = CACHED_HEADERS.includes(def.name) ? () => this.header(def.name) : undefined;
      table = new Table(def, {
        grid: this.grid,
        now: () => this.clock.now(),
        random: this.random,
        header,
        peekHeader: () => this.peekHeader(def.name),
        staleHeader: () => forget(this.cache, [cacheKeys.header(def.name)]),
      });
      this.tables.set(def.name, table);
    }
    return table as unknown as CrmTable<RecordOf<T> & Stored, RecordOf<T>>;
  }

  /** The tables there are: the spreadsheet's sheets, and the database's tables. */
  sheetNames(): Set<string> {
    if (this.names) return this.names;
    const names = new Set(throughCache(this.cache, cacheKeys.sheets, () => this.grid.sheetNames()));
    // A database is migrated before it is used (Set up, or its opener refuses it).
    if (this.database) for (const name of this.database.tables) names.add(name);
    return (this.names = names);
  }

  /** Forget sheet names, headers and cached tables (Set up has created sheets or added columns). */
  refreshSheetNames(): void {
    this.names = undefined;
    this.snapshots.clear();
    forget(this.cache, allCacheKeys());
  }

  /** A sheet's header row, from the cache when it is there. */
  header(sheet: string): string[] {
    if (this.inDatabase(sheet)) return (this.table(tableDef(sheet)) as SqlTable).header();
    return throughCache(this.cache, cacheKeys.header(sheet), () => this.grid.readHeader(sheet));
  }

  /** A table as a sheet holds it: the header, then every row's cells (custom columns included). */
  cellsOf(def: TableDef): Cell[][] {
    if (!this.inDatabase(def.name)) return this.grid.read(def.name);
    const table = this.table(def);
    const scan = table.scan();
    const rows: Cell[][] = [this.header(def.name)];
    for (let i = 0; i < scan.size; i++) if (scan.live(i)) rows.push([...scan.cells(i)]);
    return rows;
  }

  /** A sheet's header for targeted reads, and whether it came from the cache (then a write checks it). */
  private peekHeader(sheet: string): { header: string[]; cached: boolean } {
    let cached = true;
    const header = throughCache(this.cache, cacheKeys.header(sheet), () => {
      cached = false;
      return this.grid.readHeader(sheet);
    });
    return { header, cached };
  }

  /** The records of a small, often-read table (Staff, Settings, RelationshipTypes): from the table
   *  when this execution has loaded it, else from the cache, else read once and cached. Read-only. */
  rowsOf<T extends TableDef>(def: T): (RecordOf<T> & Stored)[] {
    const loaded = this.tables.get(def.name);
    if (loaded || !CACHED_TABLES.includes(def.name)) return this.table(def).all();
    let rows = this.snapshots.get(def.name);
    if (!rows) this.snapshots.set(def.name, (rows = throughCache(this.cache, cacheKeys.rows(def.name), () => this.table(def).all())));
    return rows as (RecordOf<T> & Stored)[];
  }

  /** Writes every pending change and audits it under `action`. Returns the ids of the audit rows it
   *  wrote (what an Undo names).
   *  Tables named in `last` are written after the others (a cursor that must not run ahead of the rows
   *  it counts). */
  /** A change the CRM keeps outside the sheets (a document property: a platform connected, a token
   *  made), audited with the next commit as `(properties)` rows. Secrets never go in `after`. */
  auditOutside(setting: string, after: Record<string, unknown>): void {
    this.outside.push({ table: '(properties)', record_id: setting, before: '', after: JSON.stringify(after) });
  }

  /** True while a table the database holds has changes not written yet (what SQL would not see). The
   *  tables on the spreadsheet are read through this workbook, pending changes included, so a change
   *  there (a segment's count, a tag) does not stop the database from answering. */
  private hasPendingChanges(): boolean {
    return [...this.tables.values()].some((t) => t.name !== AuditLog.name && this.inDatabase(t.name) && t.hasChanges());
  }

  /** True when the database holds every one of these tables and every change this execution made to
   *  its tables is written: a statement then answers what reading the tables would. */
  answersInDatabase(...names: string[]): boolean {
    return names.every((name) => this.inDatabase(name)) && !this.hasPendingChanges();
  }

  commit(action: string, last: string[] = []): string[] {
    return this.database ? this.database.sql.transaction(() => this.commitNow(action, last)) : this.commitNow(action, last);
  }

  private commitNow(action: string, last: string[]): string[] {
    const pending = [...this.tables.values()].filter((t) => t.name !== AuditLog.name && t.hasChanges());
    pending.sort((a, b) => Number(last.includes(a.name)) - Number(last.includes(b.name)));
    const written = pending.map((t) => t.name);
    // Every table checks its rows are where it read them before any table writes.
    for (const t of pending) t.verifyRows();
    if (written.length) this.watcher?.before(written);
    let changes: TableChanges[] | null = null;
    try {
      changes = pending.map((t) => t.flush());
    } finally {
      if (written.length) this.watcher?.after(written, changes, this);
    }
    forget(
      this.cache,
      changes.filter((c) => CACHED_TABLES.includes(c.table)).map((c) => cacheKeys.rows(c.table)),
    );
    const rows = [...auditRows(action, changes), ...this.outside.map((o) => ({ action, ...o }))];
    this.outside = [];
    return this.writeAudit(rows);
  }

  /** Audits changes a service wrote straight into the database (one set-based statement rather than
   *  a record at a time: the nightly statuses), in the same compact rows a commit writes. Returns their
   *  ids. The caller runs it in the transaction that made the changes. */
  auditWritten(action: string, changes: TableChanges[]): string[] {
    return this.writeAudit(auditRows(action, changes));
  }

  private writeAudit(rows: AuditRow[]): string[] {
    if (!rows.length) return [];
    const when = this.clock.now().toISOString();
    const log = this.table(AuditLog);
    const audited = log.appendUnread(rows.map((r) => ({ ...r, when, who: this.who })));
    log.flush();
    return audited.map((r) => r.id);
  }
}
