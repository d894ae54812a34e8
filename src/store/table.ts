import type { Cell } from '../core/schema/columns';
import type { TableDef } from '../core/schema/tables';
import { newId } from '../core/ids';
import { checkValue, newRecord, rejectUnknown } from './record-rules';
import type { Grid } from '../ports/grid';
import { liveRecords, requireRecord, type CrmTable } from './crm-table';
import { decode, encode, sameValue } from './codec';
import { UserError } from './errors';
import { changedAreas, scatteredAreas, type ChangedArea } from './write-plan';
import { FEW_CONTACTS, LOOKUPS_BEFORE_LOAD, runsOf, RUNS_BEFORE_LOAD } from './targeted-reads';

type Values = Record<string, unknown>;

/** Two readings of a header row, empty cells after the last name aside. */
function sameHeader(a: string[], b: string[]): boolean {
  const end = (h: string[]) => {
    let n = h.length;
    while (n > 0 && h[n - 1] === '') n--;
    return n;
  };
  const n = end(a);
  if (n !== end(b)) return false;
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return false;
  return true;
}
export type Stored = { id: string; custom?: Record<string, Cell> } & Values;

/** What a new record or a change may hold: the table's own fields with their types ('' clears one),
 *  and the columns people added, by header, under `custom`. A misspelt field or a wrong type is a
 *  build error, not a cell written wrong. */
export type Fields<R> = { [K in Exclude<keyof R, 'custom'>]?: R[K] | '' } & { custom?: Record<string, Cell> };

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
  /** The custom columns' headers, in the order of customColumns(). */
  customNames(): string[];
  /** The sheet row (1-based) of scan row i; 0 for a record added this execution, not written yet. */
  row(i: number): number;
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
  /** Where targeted reads (lookup) get the header from (a cache) instead of reading row 1; a write
   *  checks it against the sheet first, and calls `staleHeader` when they differ. */
  peekHeader?: () => { header: string[]; cached: boolean };
  staleHeader?: () => void;
}

/** One sheet as a table of records, Sheetfu-style: read once per execution, indexed by id, changed in
 *  memory, written back in as few calls as the changes allow (see write-plan.ts).
 *  Before the whole table is read, `lookup` (and `get`, `update`) work on the rows the spreadsheet
 *  finds (see targeted-reads.ts): opening or editing one contact reads that contact's rows only.
 *  Known columns are mapped by header name, so people may reorder them; columns people add are kept
 *  as custom fields, read and written by their header text, and never dropped. */
export class Table<R extends Stored = Stored, W = Values> implements CrmTable<R, W> {
  private loaded = false;
  /** The header is known (from a full read, or for targeted reads from the cache or row 1). */
  private headerKnown = false;
  private headerFromCache = false;
  /** Before the full read: the rows targeted reads brought, by position. */
  private peeked = new Map<number, Cell[]>();
  /** Before the full read: the column/value pairs looked up, and how many lookups were made. */
  private looked = new Set<string>();
  private lookups = 0;
  /** Before the full read: how many records insert kept aside (at positions -1, -2, …). */
  private added = 0;
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

  constructor(
    readonly def: TableDef,
    private readonly ctx: TableContext,
  ) {
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
    if (!this.loaded) this.fetch('id', [id]);
    const i = this.byId.get(id);
    return i === undefined || this.deleted.has(i) ? undefined : this.recordAt(i);
  }

  /** The record `id`, looked for first on the sheet row a caller expects it on (the card said where it
   *  is): one small read, decoded as every record is, kept for a write that follows. Anywhere else,
   *  found as get() finds it. */
  atRow(id: string, row: number | undefined): R | undefined {
    if (row && this.onRow(row)?.id === id) this.looked.add(`id\u0000${id}`);
    return this.get(id);
  }

  /** The record on a sheet row (1-based, the header being row 1), read alone and decoded as every record
   *  is (the row a person selected); undefined for a row without an id. */
  onRow(row: number): R | undefined {
    if (row < 2) return undefined;
    if (!this.loaded && !this.peeked.has(row - 2)) {
      this.knowHeader();
      const [cells] = this.ctx.grid.readRows(this.name, row, 1, this.header.length);
      if (!cells) return undefined;
      while (cells.length < this.header.length) cells.push('');
      this.peeked.set(row - 2, cells);
      this.byIdMap = null;
    }
    const cells = this.rowAt(row - 2);
    const idColumn = this.index.get('id');
    if (!cells || idColumn === undefined || String(cells[idColumn] ?? '') === '') return undefined;
    return this.recordAt(row - 2);
  }

  require(id: string): R {
    return requireRecord(this, id);
  }

  /** Records whose `column` holds exactly `value` (e.g. a contact's interactions). Once the table is
   *  read, by scanning that column's raw cells (only the matches are decoded, which matters on a
   *  500,000-row log); before, by a targeted read of the matching rows only (see fetch). */
  where(column: string, value: string): R[] {
    return liveRecords(this.scanWhere(column, [value]));
  }

  /** Brings the rows whose `column` holds one of `values` in one targeted read, for the lookups and
   *  gets that follow (a card's related contacts). Does nothing once the table is read. */
  prefetch(column: string, values: string[]): void {
    if (!this.loaded) this.fetch(column, values);
  }

  scanFor(column: string, values: string[]): TableScan<R> {
    return values.length <= FEW_CONTACTS ? this.scanWhere(column, values) : this.scan();
  }

  /** `scan`, over the rows whose `column` holds one of `values` only (read by lookup before the table
   *  is read whole): one contact's facts for the query engine. */
  scanWhere(column: string, values: string[]): TableScan<R> {
    if (!this.loaded) this.fetch(column, values);
    const wanted = new Set(values.filter((v) => v !== ''));
    const c = this.index.get(column);
    const positions: number[] = [];
    if (c !== undefined && wanted.size) {
      if (this.loaded) {
        for (let i = 0; i < this.rows.length; i++) if (wanted.has(String(this.rows[i][c] ?? ''))) positions.push(i);
      } else {
        for (const [i, row] of this.peeked) if (wanted.has(String(row[c] ?? ''))) positions.push(i);
        // Sheet order, then the records kept aside by insert, in the order they came.
        const order = (i: number) => (i < 0 ? Number.MAX_SAFE_INTEGER + i * -1e-9 : i);
        positions.sort((a, b) => (a < 0 && b < 0 ? b - a : order(a) - order(b)));
      }
    }
    return {
      size: positions.length,
      column: (name) => this.index.get(name) ?? -1,
      customColumns: () => this.custom.map((x) => x.index),
      customNames: () => this.custom.map((x) => x.name),
      cells: (k) => this.rowAt(positions[k]),
      row: (k) => (positions[k] < 0 || (this.loaded && positions[k] >= this.persisted) ? 0 : positions[k] + 2),
      live: (k) => !this.deleted.has(positions[k]),
      record: (k) => this.recordAt(positions[k]),
    };
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
      customNames: () => this.custom.map((c) => c.name),
      cells: (i) => rows[i],
      row: (i) => (i >= this.persisted ? 0 : i + 2),
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
    if (!this.loaded) this.fetch('id', [id]);
    const i = this.byId.get(id);
    // A record added this execution has no row until it is written and read again.
    return i === undefined || i < 0 ? undefined : i + 2;
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

  /** New records. Before the table is read they are kept aside, at negative positions, and appended
   *  after the sheet's last row by flush: adding a gift or a tag reads nothing but the header. */
  insert(values: ReadonlyArray<Fields<W>>, keepIds = false): R[] {
    if (!this.loaded) this.knowHeader();
    this.requireAllColumns();
    return (values as Values[]).map((input) => {
      const sheetRow = (this.loaded ? this.rows.length : this.added) + 2;
      const record = newRecord(this.def, input, { keepIds, now: this.ctx.now(), random: this.ctx.random, row: sheetRow });
      if (keepIds && this.get(record.id as string)) throw new UserError('conflict', 'error.id_taken', { table: this.name, id: record.id as string });
      const cells = new Array<Cell>(this.header.length).fill('');
      for (const [name, column] of Object.entries(this.def.columns)) cells[this.index.get(name)!] = encode(column, record[name]);
      for (const [name, value] of Object.entries((input.custom as Values) ?? {})) cells[this.customIndex(name)] = encode({ kind: 'text', required: false }, value);
      let i: number;
      if (this.loaded) i = this.rows.push(cells) - 1;
      else this.peeked.set((i = -++this.added), cells);
      this.byId.set(record.id as string, i);
      const created = this.recordAt(i);
      this.changes.created.push(created);
      return created;
    });
  }

  /** Appends records to a sheet without reading it (only its header): for logs, which only grow and
   *  are never read back in the same execution. Returns the records as written. */
  appendUnread(values: ReadonlyArray<Fields<W>>): R[] {
    if (this.loaded) return this.insert(values);
    const header = (this.ctx.header ? this.ctx.header() : this.ctx.grid.readHeader(this.name)).map((h) => h.trim().toLowerCase());
    const stamp = this.ctx.now().toISOString();
    const records: R[] = [];
    const rows = (values as Values[]).map((input, k) => {
      this.rejectUnknown(input);
      const record: Values = { ...input, id: newId(this.def.idPrefix, this.ctx.now().getTime(), this.ctx.random) };
      if ('created_at' in this.def.columns && !record.created_at) record.created_at = stamp;
      if ('updated_at' in this.def.columns && !record.updated_at) record.updated_at = stamp;
      for (const name of Object.keys(this.def.columns)) {
        if (!header.includes(name)) throw new UserError('missing_column', 'error.missing_column', { table: this.name, column: name });
        record[name] ??= '';
        this.check(name, record[name], k + 2);
      }
      records.push(record as R);
      return header.map((h) => (h in this.def.columns ? encode(this.def.columns[h], record[h]) : ''));
    });
    if (rows.length) this.ctx.grid.append(this.name, rows);
    this.changes.created.push(...records);
    return records;
  }

  /** Changes some fields of one record; returns the record as it now is. Unchanged fields cost nothing. */
  update(id: string, patch: Fields<W>): R {
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
    const problem = this.def.guard?.(current as Values, next);
    if (problem) throw new UserError('refused', problem.key, problem.params);
    if ('updated_at' in this.def.columns && !next.updated_at) next.updated_at = this.ctx.now().toISOString();
    delete next.custom;
    for (const [name, value] of Object.entries(next)) {
      if (name === 'id') continue;
      if (sameValue(current[name], value)) continue;
      const column = this.def.columns[name];
      this.check(name, value, i + 2);
      const c = this.index.get(name);
      if (c === undefined) throw new UserError('missing_column', 'error.missing_column', { table: this.name, column: name });
      this.rowAt(i)[c] = encode(column, value);
      this.markDirty(i, c);
      this.forgetLookups(name);
      before[name] = current[name];
      after[name] = value;
    }
    for (const [name, value] of Object.entries(customPatch)) {
      if (sameValue(current.custom?.[name] ?? '', value)) continue;
      const c = this.customIndex(name);
      this.rowAt(i)[c] = encode({ kind: 'text', required: false }, value);
      this.markDirty(i, c);
      before[name] = current.custom?.[name] ?? '';
      after[name] = value;
    }
    this.decoded[i] = undefined;
    this.changes.updated.push({ id, before, after });
    return this.recordAt(i);
  }

  /** Deletes records. Before the table is read, a few records found by lookup are deleted where they
   *  were found (their ids checked first, see verifyPeeked): undoing a logged call reads one row. */
  remove(ids: string[]): void {
    if (!ids.length) return;
    if (!this.loaded && ids.length <= FEW_CONTACTS) {
      const found = ids.map((id) => this.byId.get(id) ?? (this.get(id), this.byId.get(id)));
      if (found.every((i) => i !== undefined && i >= 0)) {
        ids.forEach((id, k) => {
          if (this.deleted.has(found[k]!)) throw new UserError('not_found', 'error.not_found', { table: this.name, id });
          this.changes.deleted.push(this.recordAt(found[k]!));
          this.deleted.add(found[k]!);
        });
        return;
      }
      if (found.some((i) => i === undefined)) throw new UserError('not_found', 'error.not_found', { table: this.name, id: ids[found.findIndex((i) => i === undefined)] });
    }
    this.load();
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
    if (!this.loaded) return this.verifyPeeked();
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

  /** verifyRows before the table is read: the header, when it came from the cache (changed rows and
   *  appended ones are laid out by it), and the ids of the changed rows, a run of nearby rows per read. */
  private verifyPeeked(): void {
    const changed = [...this.dirty.keys(), ...this.deleted].filter((i) => i >= 0);
    if (!changed.length && !this.added) return;
    if (this.headerFromCache) {
      const header = this.ctx.grid.readHeader(this.name).map((h) => String(h).trim());
      if (!sameHeader(header, this.header)) {
        this.ctx.staleHeader?.();
        throw new UserError('moved', 'error.rows_moved', { table: this.name });
      }
      this.headerFromCache = false;
    }
    const idColumn = this.index.get('id');
    if (idColumn === undefined) return;
    for (const run of runsOf(changed.map((i) => i + 2))) {
      const ids = this.ctx.grid.readColumn(this.name, idColumn + 1, run.row, run.count);
      for (let k = 0; k < run.count; k++) {
        const row = this.peeked.get(run.row - 2 + k);
        const i = run.row - 2 + k;
        if (row && (this.dirty.has(i) || this.deleted.has(i)) && String(ids[k] ?? '') !== String(row[idColumn] ?? '')) throw new UserError('moved', 'error.rows_moved', { table: this.name });
      }
    }
  }

  /** The blocks `flush` writes for the updated rows (see write-plan.ts). Before the table is read, only
   *  the changed rows are known: they are never stretched into tall blocks. */
  private plannedAreas(): { areas: ChangedArea[]; stretched: boolean } {
    const liveDirty = [...this.dirty.entries()].filter(([i]) => i >= 0 && (!this.loaded || i < this.persisted) && !this.deleted.has(i));
    const custom = new Set(this.custom.map((c) => c.index));
    const areas = changedAreas(liveDirty, this.header.length, custom);
    return this.loaded ? scatteredAreas(areas, custom) : { areas, stretched: false };
  }

  /** Writes what changed: updated runs, then one append, then deletions from the bottom up.
   *  Returns what changed (for the audit log) and forgets it. */
  flush(): TableChanges {
    const grid = this.ctx.grid;
    const blocks = this.plannedAreas().areas.map((b) => ({
      row: b.firstRow + 2,
      column: b.firstColumn + 1,
      values: Array.from({ length: b.rowCount }, (_, r) => this.rowAt(b.firstRow + r)).map((r) => Array.from({ length: b.columnCount }, (_, k) => r[b.firstColumn + k] ?? '')),
    }));
    if (blocks.length) grid.write(this.name, blocks);
    if (!this.loaded) {
      if (this.added) {
        const rows = Array.from({ length: this.added }, (_, k) => this.peeked.get(-1 - k)!);
        this.ctx.grid.append(this.name, rows);
        // Their rows are unknown until found again: they are forgotten here, and so are the lookups
        // they would now be part of.
        for (let k = 1; k <= this.added; k++) this.peeked.delete(-k);
        this.looked.clear();
        this.added = 0;
        this.byIdMap = null;
        this.decoded = [];
      }
      const gone = [...this.deleted].sort((a, b) => b - a);
      for (const i of gone) grid.deleteRows(this.name, i + 2, 1);
      if (gone.length) {
        // The rows below moved up: what was found is forgotten, to be looked up again.
        this.peeked.clear();
        this.looked.clear();
        this.byIdMap = null;
        this.decoded = [];
        this.deleted.clear();
      }
      this.dirty.clear();
      return this.takeChanges();
    }
    const appended: Cell[][] = [];
    for (let i = this.persisted; i < this.rows.length; i++) if (!this.deleted.has(i)) appended.push(this.rows[i]);
    if (appended.length) grid.append(this.name, appended, this.persisted + 1);
    const gone = [...this.deleted].filter((i) => i < this.persisted).sort((a, b) => b - a);
    for (let k = 0; k < gone.length;) {
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
    const header = (cells[0] ?? []).map((h) => String(h).trim());
    const rows = cells.slice(1);
    // Rows changed before the whole read keep their changes, if the sheet still has them where they were.
    const kept = [...this.dirty.keys()].filter((i) => i >= 0);
    if (kept.length || this.added) {
      const idColumn = this.index.get('id');
      if (!sameHeader(header, this.header) || idColumn === undefined) throw new UserError('moved', 'error.rows_moved', { table: this.name });
      for (const i of kept) {
        const row = this.peeked.get(i)!;
        if (String(rows[i]?.[idColumn] ?? '') !== String(row[idColumn] ?? '')) throw new UserError('moved', 'error.rows_moved', { table: this.name });
        rows[i] = row;
      }
    }
    this.setHeader(header);
    this.rows = rows;
    this.persisted = this.rows.length;
    // Records insert kept aside follow the rows read, to be appended by flush.
    for (let k = 1; k <= this.added; k++) {
      this.rows.push(this.peeked.get(-k)!);
      this.dirty.delete(-k);
    }
    this.added = 0;
    this.peeked.clear();
    this.looked.clear();
    this.reindex();
    this.loaded = true;
  }

  private setHeader(header: string[]): void {
    this.header = header;
    this.index.clear();
    this.custom = [];
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
    this.headerKnown = true;
  }

  /** Targeted read: the rows whose `column` holds one of `values`, found by the spreadsheet and read a
   *  run of nearby rows per call. Past a few lookups, or rows too scattered, the whole table is read
   *  instead (then cheaper). A row already here keeps what this execution changed in it. */
  private fetch(column: string, values: string[]): void {
    this.knowHeader();
    const c = this.index.get(column);
    const fresh = [...new Set(values)].filter((v) => v !== '' && !this.looked.has(`${column}\u0000${v}`));
    if (c === undefined || !fresh.length) return;
    if (++this.lookups > LOOKUPS_BEFORE_LOAD) return this.load();
    const runs = runsOf(this.ctx.grid.findRows(this.name, c + 1, fresh).filter((row) => !this.peeked.has(row - 2)));
    if (runs.length > RUNS_BEFORE_LOAD) return this.load();
    for (const run of runs) {
      const cells = this.ctx.grid.readRows(this.name, run.row, run.count, this.header.length);
      cells.forEach((row, k) => {
        const i = run.row - 2 + k;
        if (this.peeked.has(i)) return;
        while (row.length < this.header.length) row.push('');
        this.peeked.set(i, row);
      });
    }
    for (const v of fresh) this.looked.add(`${column}\u0000${v}`);
    this.byIdMap = null;
  }

  /** The header, for work before the table is read: from the cache (a write then checks it) or row 1. */
  private knowHeader(): void {
    if (this.headerKnown) return;
    const { header, cached } = this.ctx.peekHeader?.() ?? { header: this.ctx.grid.readHeader(this.name), cached: false };
    this.headerFromCache = cached;
    this.setHeader(header.map((h) => String(h).trim()));
  }

  /** A changed column makes earlier lookups by it out of date. */
  private forgetLookups(column: string): void {
    if (this.loaded) return;
    for (const key of this.looked) if (key.startsWith(`${column}\u0000`)) this.looked.delete(key);
  }

  private rowAt(i: number): Cell[] {
    return this.loaded ? this.rows[i] : this.peeked.get(i)!;
  }

  private reindex(): void {
    this.byIdMap = null;
    this.decoded = new Array(this.rows.length);
  }

  private get byId(): Map<string, number> {
    if (this.byIdMap) return this.byIdMap;
    const map = new Map<string, number>();
    const idColumn = this.index.get('id');
    if (idColumn !== undefined && this.loaded)
      for (let i = 0; i < this.rows.length; i++) {
        const id = this.rows[i][idColumn];
        if (id !== '') map.set(String(id), i);
      }
    else if (idColumn !== undefined) for (const [i, row] of this.peeked) if (row[idColumn] !== '') map.set(String(row[idColumn]), i);
    return (this.byIdMap = map);
  }

  private recordAt(i: number): R {
    const cached = this.decoded[i];
    if (cached) return cached;
    const row = this.rowAt(i);
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

  private check(name: string, value: unknown, sheetRow: number): void {
    checkValue(this.def, name, value, sheetRow);
  }

  private rejectUnknown(values: Values): void {
    rejectUnknown(this.def, values);
  }

  private requireAllColumns(): void {
    for (const name of Object.keys(this.def.columns)) if (!this.index.has(name)) throw new UserError('missing_column', 'error.missing_column', { table: this.name, column: name });
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
