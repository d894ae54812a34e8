import { AuditLog, TableDef, RecordOf } from '../core/schema/tables';
import type { Clock, Grid } from '../ports';
import { auditRows } from './audit';
import { Stored, Table } from './table';

/** One execution's view of the spreadsheet: each table is read at most once, changes are kept in
 *  memory, and `commit` writes them all, then one audit row per table changed. */
export class Workbook {
  private readonly tables = new Map<string, Table>();
  private names?: Set<string>;

  constructor(
    readonly grid: Grid,
    readonly clock: Clock,
    readonly who: string,
    private readonly random?: () => number,
  ) {}

  table<T extends TableDef>(def: T): Table<RecordOf<T> & Stored> {
    let table = this.tables.get(def.name);
    if (!table) {
      table = new Table(def, { grid: this.grid, now: () => this.clock.now(), random: this.random });
      this.tables.set(def.name, table);
    }
    return table as unknown as Table<RecordOf<T> & Stored>;
  }

  sheetNames(): Set<string> {
    return (this.names ??= new Set(this.grid.sheetNames()));
  }

  /** Forget cached sheet names (after Set up has created sheets). */
  refreshSheetNames(): void {
    this.names = undefined;
  }

  /** Writes every pending change and audits it under `action`. Returns how many audit rows it wrote. */
  commit(action: string): number {
    const changes = [...this.tables.values()].filter((t) => t.name !== AuditLog.name && t.hasChanges()).map((t) => t.flush());
    const rows = auditRows(action, changes);
    if (!rows.length) return 0;
    const when = this.clock.now().toISOString();
    const log = this.table(AuditLog);
    log.appendUnread(rows.map((r) => ({ ...r, when, who: this.who })));
    log.flush();
    return rows.length;
  }
}
