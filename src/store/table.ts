import type { Cell, Column } from '../core/schema/columns';
import { columnProblem } from '../core/schema/columns';
import type { TableDef } from '../core/schema/tables';
import { newId } from '../core/ids';
import type { Grid } from '../ports/grid';
import { decode, encode, sameValue } from './codec';
import { UserError, ValidationError } from './errors';
import { changedAreas, scatteredAreas, type ChangedArea } from './write-plan';

type Values = Record<string, unknown>;
export type Stored = { id: string; custom?: Record<string, Cell> } & Values;

/** What one table changed in one execution: the material of its audit rows. */
export interface TableChanges {
  table: string;
  created: Values[];
  updated: { id: string; before: Values; after: Values }[];
  deleted: Values[];
}

export interface TableScan<R> {
  size: number;
  /** The 0-based column of a known column, -1 when the sheet lacks it. */
  column(name: string): number;
  customColumns(): number[];
  cells(i: number): readonly Cell[];
  live(i: number): boolean;
  record(i: number): R;
}

export interface TableContext {
  grid: Grid;
  now: () => Date;
  random?: () => number;
  /** Where appendUnread gets the header from (a cache) instead of reading row 1. */
  header?: () => string[];
}

/** One sheet as a table of records, Sheetfu-style: read once per execution, indexed by id, changed in
 *  memory, written back in as few calls as the changes allow (see write-plan.ts).
 *  Known columns are mapped by header name, so people may reorder them; columns people add are kept
 *  as custom fields, read and written by their header text, and never dropped. */
export class Table<R extends Stored = Stored> {
  private loaded = false;
  private header: string[] = [];
  private index = new Map<string, number>(); // known column name → 0-based column
  private custom: { name: string; index: number }[] = [];
  private rows: Cell[][] = []; // data rows as they should be; sheet row = i + 2
  private persisted = 0; // how many of `rows` exist in the sheet
  private decoded: (R | undefined)[] = [];
  /** id → position, built on the first lookup by id (a search never needs it). */
  private byIdMap: Map<string, number> | null = null;
  private dirty = new Map<number, Set<number>>();
  private deleted = new Set<number>();
  private changes: TableChanges;

  constructor(readonly def: TableDef, private readonly ctx: TableContext) {
    this.changes = { table: def.name, created: [], updated: [], deleted: [] };
  }

  get name(): string {
    return this.def.name;
  }

  /** Every live record, in sheet order. Records are shared, read-only views: change them with update(). */
  all(): R[] {
    this.load();
    const out: R[] = [];
    for (let i = 0; i < this.rows.length; i++) if (!this.deleted.has(i)) out.push(this.recordAt(i));
    return out;
  }

  get(id: string): R | undefined {
    this.load();
    const i = this.byId.get(id);
    return i === undefined || this.deleted.has(i) ? undefined : this.recordAt(i);
  }

  require(id: string): R {
    const found = this.get(id);
    if (!found) throw new UserError('not_found', 'error.not_found', { table: this.name, id });
    return found;
  }

  /** Records whose `column` holds exactly `value` (e.g. a contact's interactions), found by scanning
   *  that column's raw cells: only the matches are decoded, which matters on a 500,000-row log. */
  where(column: string, value: string): R[] {
    this.load();
    const c = this.index.get(column);
    if (c === undefined || value === '') return [];
    const out: R[] = [];
    for (let i = 0; i < this.rows.length; i++) if (this.rows[i][c] === value && !this.deleted.has(i)) out.push(this.recordAt(i));
    return out;
  }

  /** Read-only raw access for scans over large tables (search): look at cells, decode only what you
   *  keep. Indexes are positions in the table (sheet row = index + 2). */
  scan(): TableScan<R> {
    this.load();
    const rows = this.rows;
    return {
      size: rows.length,
      column: (name) => this.index.get(name) ?? -1,
      customColumns: () => this.custom.map((c) => c.index),
      cells: (i) => rows[i],
      live: (i) => !this.deleted.has(i),
      record: (i) => this.recordAt(i),
    };
  }

  count(): number {
    this.load();
    return this.rows.length - this.deleted.size;
  }

  /** The sheet row a record lives on (1-based, header is row 1). */
  rowOf(id: string): number | undefined {
    this.load();
    const i = this.byId.get(id);
    return i === undefined ? undefined : i + 2;
  }

  /** Custom columns: the headers people added that the CRM does not know. */
  customColumns(): string[] {
    this.load();
    return this.custom.map((c) => c.name);
  }

  /** Set up's migration: adds the CRM columns this sheet lacks after its last column, keeping data
   *  and custom columns where they are. Returns the names added. */
  addMissingColumns(): string[] {
    this.load();
    const missing = Object.keys(this.def.columns).filter((name) => !this.index.has(name));
    if (!missing.length) return [];
    this.ctx.grid.addColumns(this.name, this.header.length, missing);
    for (const name of missing) {
      this.index.set(name, this.header.length);
      this.header.push(name);
    }
    for (const row of this.rows) while (row.length < this.header.length) row.push('');
    this.decoded = new Array(this.rows.length);
    return missing;
  }

  /** Adds custom columns (headers people or an import chose) after the last column, for the names
   *  the sheet lacks. Returns the names added. */
  ensureCustomColumns(names: string[]): string[] {
    this.load();
    const taken = new Set([...this.header.map((h) => h.toLowerCase()), ...this.custom.map((c) => c.name.toLowerCase())]);
    const missing = [...new Set(names)].filter((n) => n.trim() !== '' && !taken.has(n.toLowerCase()) && !(n.toLowerCase() in this.def.columns));
    if (!missing.length) return [];
    this.ctx.grid.addColumns(this.name, this.header.length, missing);
    for (const name of missing) {
      this.custom.push({ name, index: this.header.length });
      this.header.push(name);
    }
    for (const row of this.rows) while (row.length < this.header.length) row.push('');
    this.decoded = new Array(this.rows.length);
    return missing;
  }

  insert(values: ReadonlyArray<object>): R[] {
    this.load();
    this.requireAllColumns();
    const stamp = this.ctx.now().toISOString();
    return (values as Values[]).map((input) => {
      const record: Values = {};
      for (const name of Object.keys(this.def.columns)) record[name] = input[name] ?? '';
      record.id = newId(this.def.idPrefix, this.ctx.now().getTime(), this.ctx.random);
      if ('created_at' in this.def.columns && !input.created_at) record.created_at = stamp;
      if ('updated_at' in this.def.columns && !input.updated_at) record.updated_at = stamp;
      this.rejectUnknown(input);
      const sheetRow = this.rows.length + 2;
      for (const [name, column] of Object.entries(this.def.columns)) this.check(column, name, record[name], sheetRow);
      const cells = new Array<Cell>(this.header.length).fill('');
      for (const [name, column] of Object.entries(this.def.columns)) cells[this.index.get(name)!] = encode(column, record[name]);
      for (const [name, value] of Object.entries((input.custom as Values) ?? {})) cells[this.customIndex(name)] = encode({ kind: 'text', required: false }, value);
      const i = this.rows.push(cells) - 1;
      this.byId.set(record.id as string, i);
      const created = this.recordAt(i);
      this.changes.created.push(created);
      return created;
    });
  }

  /** Appends records to a sheet without reading it (only its header): for logs, which only grow and
   *  are never read back in the same execution. Returns the records as written. */
  appendUnread(values: ReadonlyArray<object>): R[] {
    if (this.loaded) return this.insert(values);
    const header = (this.ctx.header ? this.ctx.header() : this.ctx.grid.readHeader(this.name)).map((h) => h.trim().toLowerCase());
    const stamp = this.ctx.now().toISOString();
    const records: R[] = [];
    const rows = (values as Values[]).map((input, k) => {
      this.rejectUnknown(input);
      const record: Values = { ...input, id: newId(this.def.idPrefix, this.ctx.now().getTime(), this.ctx.random) };
      if ('created_at' in this.def.columns && !record.created_at) record.created_at = stamp;
      if ('updated_at' in this.def.columns && !record.updated_at) record.updated_at = stamp;
      for (const [name, column] of Object.entries(this.def.columns)) {
        if (!header.includes(name)) throw new UserError('missing_column', 'error.missing_column', { table: this.name, column: name });
        record[name] ??= '';
        this.check(column, name, record[name], k + 2);
      }
      records.push(record as R);
      return header.map((h) => (h in this.def.columns ? encode(this.def.columns[h], record[h]) : ''));
    });
    if (rows.length) this.ctx.grid.append(this.name, rows);
    this.changes.created.push(...records);
    return records;
  }

  /** Changes some fields of one record; returns the record as it now is. Unchanged fields cost nothing. */
  update(id: string, patch: object): R {
    const current = this.require(id);
    const i = this.byId.get(id)!;
    this.rejectUnknown(patch as Values);
    const before: Values = Object.create(null);
    const after: Values = Object.create(null);
    const next: Values = { ...patch };
    const changesSomething = Object.keys(next).some((k) => k !== 'custom' && k !== 'updated_at' && !sameValue(current[k], next[k]));
    const customPatch = ((patch as Values).custom as Values) ?? {};
    const changesCustom = Object.entries(customPatch).some(([k, v]) => !sameValue(current.custom?.[k] ?? '', v));
    if (!changesSomething && !changesCustom) return current;
    if ('updated_at' in this.def.columns && !next.updated_at) next.updated_at = this.ctx.now().toISOString();
    delete next.custom;
    for (const [name, value] of Object.entries(next)) {
      if (name === 'id') continue;
      if (sameValue(current[name], value)) continue;
      const column = this.def.columns[name];
      this.check(column, name, value, i + 2);
      const c = this.index.get(name);
      if (c === undefined) throw new UserError('missing_column', 'error.missing_column', { table: this.name, column: name });
      this.rows[i][c] = encode(column, value);
      this.markDirty(i, c);
      before[name] = current[name];
      after[name] = value;
    }
    for (const [name, value] of Object.entries(customPatch)) {
      if (sameValue(current.custom?.[name] ?? '', value)) continue;
      const c = this.customIndex(name);
      this.rows[i][c] = encode({ kind: 'text', required: false }, value);
      this.markDirty(i, c);
      before[name] = current.custom?.[name] ?? '';
      after[name] = value;
    }
    this.decoded[i] = undefined;
    this.changes.updated.push({ id, before, after });
    return this.recordAt(i);
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      const record = this.require(id);
      this.deleted.add(this.byId.get(id)!);
      this.changes.deleted.push(record);
    }
  }

  /** Checks, in one read of the id column, that the rows about to be rewritten or deleted still hold
   *  the records we read: someone sorting or inserting rows by hand between our read and our write
   *  would otherwise make a change land on another contact. Throws, before anything is written. */
  verifyRows(): void {
    if (!this.loaded) return;
    const touched = [...this.dirty.keys(), ...this.deleted].filter((i) => i < this.persisted);
    if (!touched.length) return;
    const idColumn = this.index.get('id');
    if (idColumn === undefined) return;
    const first = Math.min(...touched);
    const last = Math.max(...touched);
    const ids = this.ctx.grid.readColumn(this.name, idColumn + 1, first + 2, last - first + 1);
    // Tall blocks rewrite the rows between the changed ones too: then none of those may have moved.
    const checked = this.plannedAreas().stretched ? Array.from({ length: last - first + 1 }, (_, k) => first + k) : touched;
    for (const i of checked) {
      if (String(ids[i - first] ?? '') !== String(this.rows[i][idColumn] ?? '')) throw new UserError('moved', 'error.rows_moved', { table: this.name });
    }
  }

  /** The blocks `flush` writes for the updated rows (see write-plan.ts). */
  private plannedAreas(): { areas: ChangedArea[]; stretched: boolean } {
    const liveDirty = [...this.dirty.entries()].filter(([i]) => i < this.persisted && !this.deleted.has(i));
    const custom = new Set(this.custom.map((c) => c.index));
    return scatteredAreas(changedAreas(liveDirty, this.header.length, custom), custom);
  }

  /** Writes what changed: updated runs, then one append, then deletions from the bottom up.
   *  Returns what changed (for the audit log) and forgets it. */
  flush(): TableChanges {
    if (!this.loaded) return this.takeChanges();
    const grid = this.ctx.grid;
    const blocks = this.plannedAreas().areas.map((b) => ({
      row: b.firstRow + 2,
      column: b.firstColumn + 1,
      values: this.rows.slice(b.firstRow, b.firstRow + b.rowCount).map((r) => Array.from({ length: b.columnCount }, (_, k) => r[b.firstColumn + k] ?? '')),
    }));
    if (blocks.length) grid.write(this.name, blocks);
    const appended: Cell[][] = [];
    for (let i = this.persisted; i < this.rows.length; i++) if (!this.deleted.has(i)) appended.push(this.rows[i]);
    if (appended.length) grid.append(this.name, appended, this.persisted + 1);
    const gone = [...this.deleted].filter((i) => i < this.persisted).sort((a, b) => b - a);
    for (let k = 0; k < gone.length; ) {
      let start = gone[k];
      let n = 1;
      while (k + n < gone.length && gone[k + n] === start - 1) {
        start--;
        n++;
      }
      grid.deleteRows(this.name, start + 2, n);
      k += n;
    }
    if (this.deleted.size) {
      this.rows = this.rows.filter((_, i) => !this.deleted.has(i));
      this.reindex();
    }
    this.persisted = this.rows.length;
    this.dirty.clear();
    this.deleted.clear();
    return this.takeChanges();
  }

  hasChanges(): boolean {
    return this.changes.created.length + this.changes.updated.length + this.changes.deleted.length > 0;
  }

  private takeChanges(): TableChanges {
    const out = this.changes;
    this.changes = { table: this.name, created: [], updated: [], deleted: [] };
    return out;
  }

  private load(): void {
    if (this.loaded) return;
    const cells = this.ctx.grid.read(this.name);
    this.header = (cells[0] ?? []).map((h) => String(h).trim());
    this.rows = cells.slice(1);
    this.persisted = this.rows.length;
    const seen = new Set<string>();
    this.header.forEach((h, c) => {
      const key = h.toLowerCase();
      if (key in this.def.columns && !this.index.has(key)) this.index.set(key, c);
      else {
        let name = h || `(column ${c + 1})`;
        for (let n = 2; seen.has(name); n++) name = `${h} (${n})`;
        seen.add(name);
        this.custom.push({ name, index: c });
      }
    });
    this.reindex();
    this.loaded = true;
  }

  private reindex(): void {
    this.byIdMap = null;
    this.decoded = new Array(this.rows.length);
  }

  private get byId(): Map<string, number> {
    if (this.byIdMap) return this.byIdMap;
    const map = new Map<string, number>();
    const idColumn = this.index.get('id');
    if (idColumn !== undefined)
      for (let i = 0; i < this.rows.length; i++) {
        const id = this.rows[i][idColumn];
        if (id !== '') map.set(String(id), i);
      }
    return (this.byIdMap = map);
  }

  private recordAt(i: number): R {
    const cached = this.decoded[i];
    if (cached) return cached;
    const row = this.rows[i];
    const record: Values = {};
    for (const [name, column] of Object.entries(this.def.columns)) {
      const c = this.index.get(name);
      record[name] = c === undefined ? '' : decode(column, row[c] ?? '');
    }
    if (this.custom.length) {
      // No prototype: a custom column may be called '__proto__' or 'constructor'.
      const custom: Record<string, Cell> = Object.create(null);
      for (const { name, index } of this.custom) custom[name] = row[index] ?? '';
      record.custom = custom;
    }
    return (this.decoded[i] = record as R);
  }

  private check(column: Column | undefined, name: string, value: unknown, sheetRow: number): void {
    if (!column) throw new Error(`${this.name} has no column "${name}"`);
    const problem = columnProblem(column, value);
    if (problem) throw new ValidationError(this.name, sheetRow, name, problem);
  }

  private rejectUnknown(values: Values): void {
    for (const key of Object.keys(values)) if (key !== 'custom' && !(key in this.def.columns)) throw new Error(`${this.name} has no column "${key}"`);
  }

  private requireAllColumns(): void {
    for (const name of Object.keys(this.def.columns))
      if (!this.index.has(name)) throw new UserError('missing_column', 'error.missing_column', { table: this.name, column: name });
  }

  private customIndex(name: string): number {
    const found = this.custom.find((c) => c.name === name);
    if (!found) throw new UserError('missing_column', 'error.missing_column', { table: this.name, column: name });
    return found.index;
  }

  private markDirty(i: number, c: number): void {
    let set = this.dirty.get(i);
    if (!set) this.dirty.set(i, (set = new Set()));
    set.add(c);
  }
}
