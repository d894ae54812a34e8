import type { Cell } from '../../core/schema/columns';
import type { TableDef } from '../../core/schema/tables';
import type { Sql, SqlRow, SqlValue } from '../../ports/database';
import { encode, sameValue } from '../codec';
import { UserError } from '../errors';
import type { Fields, Stored, TableChanges, TableContext, TableScan } from '../table';
import { liveRecords, requireRecord, type CrmTable } from '../crm-table';
import { checkValue, newRecord, rejectUnknown } from '../record-rules';
import { q, sqlTable, sqlType } from './sql-types';

type Values = Record<string, unknown>;

/** Rows per INSERT or UPDATE statement, below PostgreSQL's 65,535 parameters for the widest table. */
const ROWS_PER_STATEMENT = 500;

/** One CRM table in the database, with the same behaviour as a sheet's (store/table.ts): records read
 *  once per execution and changed in memory, `flush` writing the changes (in the transaction the
 *  Workbook's commit holds). A contact's rows are read by an indexed query, never the whole table;
 *  the whole table is read only by the services that scan it (search, segments, the dashboard), in the
 *  order rows were added, as a sheet keeps them. Positions (`rowOf`, a scan's `row`) are the places in
 *  that read, stable for one execution. */
export class SqlTable<R extends Stored = Stored, W = Values> implements CrmTable<R, W> {
  private readonly table: string;
  private readonly columns: string[];
  /** Every record read or added, by id: what this execution knows, its changes included. */
  private readonly known = new Map<string, R>();
  /** Rows of the full read not decoded yet (most of a big table is only ever scanned): by id. */
  private readonly raw = new Map<string, SqlValue[]>();
  /** Where each column is in `raw`'s arrays. */
  private rawColumns = new Map<string, number>();
  private readonly looked = new Set<string>();
  /** After a full read: the ids in order, and their cells for scans. */
  private order: string[] | null = null;
  private cells: (Cell[] | undefined)[] = [];
  private position: Map<string, number> | null = null;
  private custom: string[] | null = null;
  /** This execution added custom columns to the table. */
  private added = false;
  private readonly inserted = new Set<string>();
  private readonly dirty = new Map<string, Set<string>>();
  private readonly deleted = new Set<string>();
  private changes: TableChanges;

  constructor(
    readonly def: TableDef,
    private readonly sql: Sql,
    private readonly ctx: Pick<TableContext, 'now' | 'random'> & {
      /** Every table's custom columns from one read an execution shares (a card reads six tables). */
      customColumns?: (table: string) => string[];
    },
  ) {
    this.table = sqlTable(def.name);
    this.columns = Object.keys(def.columns);
    this.changes = { table: def.name, created: [], updated: [], deleted: [] };
  }

  get name(): string {
    return this.def.name;
  }

  /** The header a sheet of this table would have: id and the CRM's columns, then the custom ones. */
  header(): string[] {
    return [...this.columns, ...this.customColumns()];
  }

  all(): R[] {
    return this.load()
      .filter((id) => !this.deleted.has(id))
      .map((id) => this.recordOf(id)!);
  }

  get(id: string): R | undefined {
    if (this.deleted.has(id)) return undefined;
    if (!this.known.has(id) && !this.raw.has(id)) this.fetch('id', [id]);
    return this.recordOf(id);
  }

  atRow(id: string): R | undefined {
    return this.get(id);
  }

  /** The record at a position of this execution's full read (there is no sheet row to select). */
  onRow(row: number): R | undefined {
    if (!this.order) return undefined;
    const id = this.order[row - 2];
    return id === undefined || this.deleted.has(id) ? undefined : this.recordOf(id);
  }

  require(id: string): R {
    return requireRecord(this, id);
  }

  where(column: string, value: string): R[] {
    return liveRecords(this.scanWhere(column, [value]));
  }

  prefetch(column: string, values: string[]): void {
    if (!this.order) this.fetch(column, values);
  }

  /** Looked up by index up to a few thousand values (a page, an export's worth), read whole beyond. */
  scanFor(column: string, values: string[]): TableScan<R> {
    return values.length <= 5000 ? this.scanWhere(column, values) : this.scan();
  }

  scanWhere(column: string, values: string[]): TableScan<R> {
    if (!this.order) this.fetch(column, values);
    const wanted = new Set(values.filter((v) => v !== ''));
    if (!this.columns.includes(column)) return this.scanOf([]);
    const ids = (this.order ?? this.knownInOrder()).filter((id) => !this.deleted.has(id) && wanted.has(String(this.cellOf(id, column))));
    return this.scanOf(ids);
  }

  scan(): TableScan<R> {
    return this.scanOf(this.load());
  }

  count(): number {
    if (this.order) return this.order.length - this.deleted.size;
    const stored = Number(this.sql.query(`SELECT count(*) AS n FROM ${this.table}`)[0]?.n ?? 0);
    // A record added and removed in this execution is in both sets: it cancels out.
    return stored + this.inserted.size - this.deleted.size;
  }

  /** Its place in this execution's full read; undefined before one (a card needs no row: there is no
   *  sheet to show it in, and reading a million contacts to say so would cost the card). */
  rowOf(id: string): number | undefined {
    if (!this.order) return undefined;
    const at = this.positions().get(id);
    return at === undefined || this.deleted.has(id) ? undefined : at + 2;
  }

  customColumns(): string[] {
    if (!this.custom)
      this.custom =
        this.ctx.customColumns && !this.added
          ? this.ctx.customColumns(this.name)
          : this.sql.query('SELECT "name" FROM crm_custom_columns WHERE "table_name" = $1 ORDER BY "position"', [this.name]).map((r) => String(r.name));
    return this.custom;
  }

  /** The database has every column of the schema once migrated (see migrate.ts). */
  addMissingColumns(): string[] {
    return [];
  }

  ensureCustomColumns(names: string[]): string[] {
    const taken = new Set([...this.columns, ...this.customColumns()].map((n) => n.toLowerCase()));
    const missing = [...new Set(names)].filter((n) => n.trim() !== '' && !taken.has(n.toLowerCase()));
    for (const name of missing) this.sql.query('INSERT INTO crm_custom_columns ("table_name", "name") VALUES ($1, $2) ON CONFLICT DO NOTHING', [this.name, name]);
    if (missing.length) {
      // Read again, this table's own: the execution's shared read is from before.
      this.added = true;
      this.custom = null;
      this.cells = [];
    }
    return missing;
  }

  insert(values: ReadonlyArray<Fields<W>>, keepIds = false): R[] {
    const custom = this.customColumns();
    return (values as Values[]).map((input, k) => {
      // A database has no sheet rows: a refusal names the record's place in what was given.
      const record = newRecord(this.def, input, { keepIds, now: this.ctx.now(), random: this.ctx.random, row: k + 2 });
      if (keepIds && this.get(record.id as string)) throw new UserError('conflict', 'error.id_taken', { table: this.name, id: record.id as string });
      const extra = (input.custom as Values) ?? {};
      for (const name of Object.keys(extra)) if (!custom.includes(name)) throw new UserError('missing_column', 'error.missing_column', { table: this.name, column: name });
      if (custom.length)
        record.custom = Object.assign(Object.create(null), Object.fromEntries(custom.map((name) => [name, extra[name] === undefined || extra[name] === null ? '' : String(extra[name])])));
      const id = record.id as string;
      this.known.set(id, record as R);
      this.inserted.add(id);
      if (this.order) {
        this.order.push(id);
        this.positions().set(id, this.order.length - 1);
      }
      this.changes.created.push(record);
      return record as R;
    });
  }

  /** Appends at once, as a sheet's appendUnread does (a log's rows, written by whoever holds the
   *  execution: the nightly's audit of the Scores it rewrote, a Dashboard rebuilt). */
  appendUnread(values: ReadonlyArray<Fields<W>>): R[] {
    const records = this.insert(values);
    const ids = records.map((r) => String(r.id));
    for (let k = 0; k < ids.length; k += ROWS_PER_STATEMENT) this.insertRows(ids.slice(k, k + ROWS_PER_STATEMENT));
    for (const id of ids) this.inserted.delete(id);
    return records;
  }

  update(id: string, patch: Fields<W>): R {
    const current = this.require(id);
    rejectUnknown(this.def, patch as Values);
    const next: Values = { ...patch };
    const customPatch = ((patch as Values).custom as Values) ?? {};
    const changesSomething = Object.keys(next).some((k) => k !== 'custom' && k !== 'updated_at' && !sameValue(current[k], next[k]));
    const changesCustom = Object.entries(customPatch).some(([k, v]) => !sameValue(current.custom?.[k] ?? '', v));
    if (!changesSomething && !changesCustom) return current;
    const problem = this.def.guard?.(current as Values, next);
    if (problem) throw new UserError('refused', problem.key, problem.params);
    if ('updated_at' in this.def.columns && !next.updated_at) next.updated_at = this.ctx.now().toISOString();
    delete next.custom;
    const before: Values = Object.create(null);
    const after: Values = Object.create(null);
    const record: Values = { ...current };
    const dirty = this.dirty.get(id) ?? new Set<string>();
    for (const [name, value] of Object.entries(next)) {
      if (name === 'id' || sameValue(current[name], value)) continue;
      checkValue(this.def, name, value, (this.rowOf(id) ?? 0) || 2);
      record[name] = value;
      dirty.add(name);
      before[name] = current[name];
      after[name] = value;
    }
    const custom = this.customColumns();
    const customRecord: Record<string, Cell> = Object.assign(Object.create(null), current.custom ?? {});
    for (const [name, value] of Object.entries(customPatch)) {
      if (sameValue(current.custom?.[name] ?? '', value)) continue;
      if (!custom.includes(name)) throw new UserError('missing_column', 'error.missing_column', { table: this.name, column: name });
      customRecord[name] = value === undefined || value === null ? '' : String(value);
      dirty.add('custom');
      before[name] = current.custom?.[name] ?? '';
      after[name] = value;
    }
    if (custom.length) record.custom = customRecord;
    this.dirty.set(id, dirty);
    this.known.set(id, record as R);
    this.forgetCells(id);
    this.changes.updated.push({ id, before, after });
    return record as R;
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      const record = this.require(id);
      this.deleted.add(id);
      this.changes.deleted.push(record);
    }
  }

  /** Replaces every row by `records` at once (a table rebuilt whole every night: Scores), outside
   *  the change tracking: the caller audits it in counts. */
  replaceAll(input: Values[]): void {
    let records = input;
    // What people keep in columns of their own stays with the rows that stay (by id).
    const custom = new Map(this.sql.queryArrays(`SELECT "id", "custom" FROM ${this.table} WHERE "custom" <> '{}'::jsonb`).rows.map(([id, values]) => [String(id), customOf(values)]));
    if (custom.size) records = input.map((record) => (custom.has(String(record.id)) ? { ...record, custom: custom.get(String(record.id)) } : record));
    this.sql.query(`DELETE FROM ${this.table}`);
    this.known.clear();
    this.raw.clear();
    this.looked.clear();
    this.seqOf.clear();
    this.order = null;
    const ids = records.map((record) => {
      this.known.set(String(record.id), record as R);
      return String(record.id);
    });
    for (let k = 0; k < ids.length; k += ROWS_PER_STATEMENT) this.insertRows(ids.slice(k, k + ROWS_PER_STATEMENT));
  }

  /** Nothing to check before writing: a record is found by its id, wherever it is. */
  verifyRows(): void {}

  flush(): TableChanges {
    const inserted = [...this.inserted].filter((id) => !this.deleted.has(id));
    for (let k = 0; k < inserted.length; k += ROWS_PER_STATEMENT) this.insertRows(inserted.slice(k, k + ROWS_PER_STATEMENT));
    const groups = new Map<string, string[]>();
    for (const [id, columns] of this.dirty) {
      if (this.inserted.has(id) || this.deleted.has(id)) continue;
      const key = [...columns].sort().join(',');
      // (Pushed, not copied: a night's follow-ups touch a hundred thousand contacts.)
      const group = groups.get(key);
      if (group) group.push(id);
      else groups.set(key, [id]);
    }
    for (const [key, ids] of groups) for (let k = 0; k < ids.length; k += ROWS_PER_STATEMENT) this.updateRows(key.split(','), ids.slice(k, k + ROWS_PER_STATEMENT));
    const gone = [...this.deleted].filter((id) => !this.inserted.has(id));
    for (let k = 0; k < gone.length; k += ROWS_PER_STATEMENT) {
      const chunk = gone.slice(k, k + ROWS_PER_STATEMENT);
      this.sql.query(`DELETE FROM ${this.table} WHERE "id" IN (${chunk.map((_, i) => `$${i + 1}`).join(', ')})`, chunk);
    }
    if (this.deleted.size) {
      for (const id of this.deleted) {
        this.known.delete(id);
        this.raw.delete(id);
      }
      if (this.order) {
        this.order = this.order.filter((id) => !this.deleted.has(id));
        this.position = null;
        this.cells = [];
      }
    }
    this.inserted.clear();
    this.dirty.clear();
    this.deleted.clear();
    const out = this.changes;
    this.changes = { table: this.name, created: [], updated: [], deleted: [] };
    return out;
  }

  hasChanges(): boolean {
    return this.changes.created.length + this.changes.updated.length + this.changes.deleted.length > 0;
  }

  /** Every record in the order they were added (the whole table, once per execution). */
  private load(): string[] {
    if (this.order) return this.order;
    const fresh = this.sql.queryArrays(`SELECT * FROM ${this.table} ORDER BY "_seq"`);
    this.rawColumns = new Map(fresh.columns.map((name, k) => [name, k]));
    const at = this.rawColumns.get('id')!;
    const order: string[] = [];
    for (const row of fresh.rows) {
      const id = String(row[at]);
      if (!this.known.has(id)) this.raw.set(id, row);
      order.push(id);
    }
    // Records added this execution, not written yet, follow.
    for (const id of this.inserted) order.push(id);
    this.order = order;
    this.position = null;
    this.cells = [];
    return order;
  }

  private fetch(column: string, values: string[]): void {
    if (this.order || !this.columns.includes(column)) return;
    const fresh = [...new Set(values)].filter((v) => v !== '' && !this.looked.has(`${column}\u0000${v}`));
    if (!fresh.length) return;
    const text = sqlType(this.def.columns[column]) === 'text' ? q(column) : `${q(column)}::text`;
    for (let k = 0; k < fresh.length; k += ROWS_PER_STATEMENT) {
      const chunk = fresh.slice(k, k + ROWS_PER_STATEMENT);
      const rows = this.sql.query(`SELECT * FROM ${this.table} WHERE ${text} IN (${chunk.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY "_seq"`, chunk);
      for (const row of rows) {
        const id = String(row.id);
        if (!this.known.has(id)) this.known.set(id, this.decodeRow(row));
        this.seqOf.set(id, Number(row._seq));
      }
    }
    for (const v of fresh) this.looked.add(`${column}\u0000${v}`);
  }

  /** Before the full read: the order rows were stored in, then the records added this execution. */
  private readonly seqOf = new Map<string, number>();
  private knownInOrder(): string[] {
    const stored = [...this.seqOf.keys()].filter((id) => !this.inserted.has(id)).sort((a, b) => this.seqOf.get(a)! - this.seqOf.get(b)!);
    return [...stored, ...this.inserted];
  }

  private decodeRow(row: SqlRow): R {
    return this.decode((name) => row[name]);
  }

  /** A record from the database's values (`value(column)`), as a sheet's would read. */
  private decode(value: (name: string) => unknown): R {
    const record: Values = {};
    for (const [name, column] of Object.entries(this.def.columns)) record[name] = valueOf(column.kind, value(name));
    const custom = this.customColumns();
    if (custom.length) {
      const stored = customOf(value('custom'));
      const values: Record<string, Cell> = Object.create(null);
      for (const name of custom) values[name] = textOf(stored[name]);
      record.custom = values;
    }
    return record as R;
  }

  /** The record `id`, decoded from the full read the first time it is asked for. */
  private recordOf(id: string): R | undefined {
    const known = this.known.get(id);
    if (known) return known;
    const row = this.raw.get(id);
    if (!row) return undefined;
    const record = this.decode((name) => row[this.rawColumns.get(name) ?? -1]);
    this.known.set(id, record);
    this.raw.delete(id);
    return record;
  }

  private paramsOf(record: Values, columns: string[]): SqlValue[] {
    return columns.map((name) => {
      if (name === 'custom') {
        const custom = Object.entries((record.custom as Record<string, Cell>) ?? {}).filter(([, v]) => v !== '');
        return JSON.stringify(Object.fromEntries(custom));
      }
      const value = record[name];
      return value === '' || value === undefined || value === null ? null : (value as SqlValue);
    });
  }

  /** Copies records made elsewhere (a workbook moving to the database) as they are: each id once, a
   *  record already here left as it is. Returns the ids added. */
  copyIn(records: Values[]): string[] {
    const added: string[] = [];
    for (let k = 0; k < records.length; k += ROWS_PER_STATEMENT) {
      const ids = records.slice(k, k + ROWS_PER_STATEMENT).map((record) => {
        this.known.set(String(record.id), record as R);
        return String(record.id);
      });
      added.push(...this.insertRows(ids, true));
      for (const id of ids) this.known.delete(id);
    }
    this.order = null;
    return added;
  }

  private insertRows(ids: string[], skipExisting = false): string[] {
    const columns = [...this.columns, 'custom'];
    const params: SqlValue[] = [];
    const tuples = ids.map((id) => {
      const values = this.paramsOf(this.known.get(id)!, columns);
      const start = params.length;
      params.push(...values);
      return `(${columns.map((name, i) => `$${start + i + 1}::${name === 'custom' ? 'jsonb' : sqlType(this.def.columns[name])}`).join(', ')})`;
    });
    const insert = `INSERT INTO ${this.table} (${columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}`;
    if (!skipExisting) {
      this.sql.query(insert, params);
      return ids;
    }
    return this.sql.query(`${insert} ON CONFLICT ("id") DO NOTHING RETURNING "id"`, params).map((r) => String(r.id));
  }

  /** Many records' changes of the same columns in one statement; a record someone deleted meanwhile
   *  refuses the whole write (the transaction rolls back). */
  private updateRows(columns: string[], ids: string[]): void {
    const params: SqlValue[] = [];
    const tuples = ids.map((id) => {
      const start = params.length;
      params.push(id, ...this.paramsOf(this.known.get(id)!, columns));
      return `(${[`$${start + 1}`, ...columns.map((name, i) => `$${start + i + 2}::${name === 'custom' ? 'jsonb' : sqlType(this.def.columns[name])}`)].join(', ')})`;
    });
    const set = columns.map((name) => `${q(name)} = v.${q(name)}`).join(', ');
    const names = ['id', ...columns].map(q).join(', ');
    const updated = this.sql.query(`UPDATE ${this.table} AS t SET ${set} FROM (VALUES ${tuples.join(', ')}) AS v(${names}) WHERE t."id" = v."id" RETURNING t."id"`, params);
    if (updated.length !== ids.length) {
      const found = new Set(updated.map((r) => String(r.id)));
      throw new UserError('not_found', 'error.not_found', { table: this.name, id: ids.find((id) => !found.has(id)) ?? '' });
    }
  }

  private positions(): Map<string, number> {
    if (!this.position) this.position = new Map(this.load().map((id, i) => [id, i]));
    return this.position;
  }

  /** A record's cells as a sheet would hold them; a row of the full read not decoded yet is read from
   *  its values directly (a scan of 500,000 interactions decodes none). */
  private cellsOf(id: string): Cell[] {
    const custom = this.customColumns();
    const row = this.known.has(id) ? undefined : this.raw.get(id);
    if (row) {
      const stored = custom.length ? customOf(row[this.rawColumns.get('custom') ?? -1]) : {};
      return [...this.columns.map((name) => this.cellOf(id, name)), ...custom.map((name) => textOf(stored[name]))];
    }
    const record = this.recordOf(id)!;
    return [...this.columns.map((name) => encode(this.def.columns[name], record[name])), ...custom.map((name) => record.custom?.[name] ?? '')];
  }

  /** One known column's cell of a record, read from the full read's values when it is not decoded
   *  (a `where` over 500,000 interactions looks at one value of each, and builds no row). */
  private cellOf(id: string, name: string): Cell {
    const column = this.def.columns[name];
    const row = this.known.has(id) ? undefined : this.raw.get(id);
    return encode(column, row ? valueOf(column.kind, row[this.rawColumns.get(name) ?? -1]) : this.recordOf(id)![name]);
  }

  private forgetCells(id: string): void {
    const at = this.order ? this.positions().get(id) : undefined;
    if (at !== undefined) this.cells[at] = undefined;
  }

  private scanOf(ids: string[]): TableScan<R> {
    const custom = this.customColumns();
    const full = ids === this.order;
    return {
      size: ids.length,
      column: (name) => this.columns.indexOf(name),
      customColumns: () => custom.map((_, k) => this.columns.length + k),
      customNames: () => [...custom],
      row: (i) => (full ? i + 2 : (this.rowOfKnown(ids[i]) ?? 0)),
      cells: (i) => {
        if (!full) return this.cellsOf(ids[i]);
        return (this.cells[i] ??= this.cellsOf(ids[i]));
      },
      live: (i) => !this.deleted.has(ids[i]),
      record: (i) => this.recordOf(ids[i])!,
    };
  }

  private rowOfKnown(id: string): number | undefined {
    if (!this.order) return undefined;
    const at = this.positions().get(id);
    return at === undefined ? undefined : at + 2;
  }
}

/** A database value as the record holds it: '' for none, numbers and booleans as such, text as text. */
function valueOf(kind: string, value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (kind === 'number' || kind === 'money') return Number(value);
  if (kind === 'boolean') return value === true || value === 't' || value === 'true';
  return String(value);
}

/** The custom columns' values: jsonb comes as an object from pg, as text from JDBC. */
function customOf(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return value ? (JSON.parse(value) as Record<string, unknown>) : {};
  return (value ?? {}) as Record<string, unknown>;
}

const textOf = (value: unknown): Cell => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
