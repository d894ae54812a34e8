import type { Cell } from '../core/schema/columns';
import type { Block, Grid } from '../ports/grid';
import { copyBlocks, type GridOp } from './grid-ops';
import { fold } from '../core/text';

/** The in-memory Grid: tests, and the working copy of the local runtime's .xlsx workbook. Stores
 *  exactly what it is given, and counts calls and cells like the Apps Script fakes do. */
export class MemoryGrid implements Grid {
  /** The sheets' rows by name. The local workbook passes a map that reads each sheet on first use. */
  constructor(readonly sheets: Map<string, Cell[][]> = new Map()) {}

  readonly frozen = new Map<string, number>();
  /** Dropdowns by sheet: column (1-based) → the values offered. */
  readonly choices = new Map<string, Map<number, string[]>>();
  calls = 0;
  cellsRead = 0;
  cellsWritten = 0;
  /** While a change is open (`begin`): each touched sheet as it was (its rows array, copied shallowly;
   *  undefined when the sheet did not exist), so that `rollBack` restores it exactly. Rows are copied on
   *  write: a row is copied the first time the change writes to it, so the saved arrays stay intact. */
  private before: Map<string, { rows: Cell[][] | undefined; frozen: number | undefined }> | null = null;
  private fresh = new WeakSet<Cell[]>();
  /** The open change's ops, in order (see grid-ops.ts): what the local runtime journals. */
  private ops: GridOp[] = [];

  /** Starts a change that `commitChange` keeps or `rollBack` undoes (the local runtime wraps each call
   *  in one, so that a refused or failed call leaves nothing behind). */
  begin(recordOps = true): void {
    this.before = new Map();
    this.fresh = new WeakSet();
    this.ops = [];
    this.recording = recordOps;
  }

  /** Whether the open change keeps its ops: not for a change saved whole (demo data), where they would
   *  be one more copy of every row written. */
  private recording = true;

  /** Keeps the open change, and gives its ops (to journal them). */
  commitChange(): GridOp[] {
    this.before = null;
    const ops = this.ops;
    this.ops = [];
    return ops;
  }

  /** The open change's ops so far, without ending it (the journal is written before the change is kept). */
  pendingOps(): readonly GridOp[] {
    return this.ops;
  }

  private record(op: GridOp | (() => GridOp)): void {
    if (this.before && this.recording) this.ops.push(typeof op === 'function' ? op() : op);
  }

  rollBack(): void {
    if (!this.before) return;
    for (const [name, was] of this.before) {
      if (was.rows === undefined) {
        this.sheets.delete(name);
        this.frozen.delete(name);
      } else {
        this.sheets.set(name, was.rows);
        if (was.frozen === undefined) this.frozen.delete(name);
        else this.frozen.set(name, was.frozen);
      }
    }
    this.before = null;
    this.ops = [];
  }

  /** Whether a change is open and has touched anything. */
  changing(): boolean {
    return !!this.before && this.before.size > 0;
  }

  /** Remembers a sheet as it was before the open change first touches it. */
  protected touch(name: string): void {
    if (!this.before || this.before.has(name)) return;
    const rows = this.sheets.get(name);
    this.before.set(name, { rows: rows?.slice(), frozen: this.frozen.get(name) });
  }

  /** Called with each sheet a write, row deletion, dropdown or new sheet changes (the local workbook
   *  copies the sheets nobody changed from its file as they are). */
  protected changed(_sheet: string): void {}

  /** The row to write into: during a change, a copy made on first write. */
  private writable(rows: Cell[][], index: number): Cell[] {
    const row = rows[index];
    if (!this.before) return (rows[index] ??= []);
    if (row && this.fresh.has(row)) return row;
    const copy = row ? row.slice() : [];
    this.fresh.add(copy);
    rows[index] = copy;
    return copy;
  }

  sheetNames(): string[] {
    this.calls++;
    return [...this.sheets.keys()];
  }

  createSheet(name: string, header: string[]): void {
    this.calls++;
    if (this.sheets.has(name)) throw new Error(`A sheet named "${name}" already exists`);
    this.touch(name);
    this.record({ t: 'create', sheet: name, header: header.slice() });
    this.changed(name);
    this.sheets.set(name, [header.slice()]);
    this.frozen.set(name, 1);
  }

  read(sheet: string): Cell[][] {
    this.calls++;
    const rows = this.rows(sheet);
    const width = rows.reduce((w, r) => Math.max(w, lastFilled(r)), 0);
    const height = lastFilledRow(rows);
    const out: Cell[][] = [];
    for (let r = 0; r < height; r++) {
      const row = rows[r];
      const copy = new Array<Cell>(width);
      for (let c = 0; c < width; c++) copy[c] = row[c] ?? '';
      out.push(copy);
    }
    this.cellsRead += height * width;
    return out;
  }

  write(sheet: string, blocks: Block[]): void {
    const rows = this.rows(sheet);
    this.touch(sheet);
    this.record(() => ({ t: 'write', sheet, blocks: copyBlocks(blocks) }));
    this.changed(sheet);
    for (const { row, column, values } of blocks) {
      this.calls++;
      // A write below the last row leaves empty rows between, never holes.
      for (let r = rows.length; r < row - 1; r++) rows[r] = [];
      for (let r = 0; r < values.length; r++) {
        const target = this.writable(rows, row - 1 + r);
        for (let c = 0; c < values[r].length; c++) target[column - 1 + c] = values[r][c];
        this.cellsWritten += values[r].length;
      }
    }
  }

  readHeader(sheet: string): string[] {
    this.calls++;
    const header = this.rows(sheet)[0] ?? [];
    return header.slice(0, lastFilled(header)).map(String);
  }

  readRows(sheet: string, row: number, count: number, width?: number): Cell[][] {
    this.calls++;
    const rows = this.rows(sheet);
    width ??= rows.reduce((w, r) => Math.max(w, lastFilled(r)), 0);
    const out: Cell[][] = [];
    for (let r = row - 1; r < row - 1 + count; r++) {
      const source = rows[r] ?? [];
      out.push(Array.from({ length: width }, (_, c) => source[c] ?? ''));
    }
    this.cellsRead += count * width;
    return out;
  }

  findRows(sheet: string, column: number, values: string[], loose = false): number[] {
    this.calls++;
    const rows = this.rows(sheet);
    const key = (v: Cell | undefined) => (loose ? fold(String(v ?? '')) : String(v ?? ''));
    const wanted = new Set(values.filter((v) => v !== '').map(key));
    const found: number[] = [];
    if (!wanted.size) return found;
    for (let r = 1; r < rows.length; r++) if (wanted.has(key(rows[r]?.[column - 1]))) found.push(r + 1);
    return found;
  }

  readColumn(sheet: string, column: number, row: number, count: number): Cell[] {
    this.calls++;
    const rows = this.rows(sheet);
    this.cellsRead += count;
    return Array.from({ length: count }, (_, k) => rows[row - 1 + k]?.[column - 1] ?? '');
  }

  append(sheet: string, rows: Cell[][], afterRow?: number): void {
    this.write(sheet, [{ row: (afterRow ?? lastFilledRow(this.rows(sheet))) + 1, column: 1, values: rows }]);
  }

  deleteRows(sheet: string, row: number, count: number): void {
    this.calls++;
    const rows = this.rows(sheet);
    this.touch(sheet);
    this.record({ t: 'deleteRows', sheet, row, count });
    this.changed(sheet);
    rows.splice(row - 1, count);
  }

  addColumns(sheet: string, afterColumn: number, names: string[]): void {
    this.write(sheet, [{ row: 1, column: afterColumn + 1, values: [names] }]);
  }

  deleteSheet(name: string): void {
    this.calls++;
    this.touch(name);
    if (this.sheets.has(name)) this.record({ t: 'deleteSheet', sheet: name });
    this.sheets.delete(name);
    this.frozen.delete(name);
  }

  setChoices(sheet: string, column: number, values: string[]): void {
    this.calls++;
    this.rows(sheet);
    this.record({ t: 'choices', sheet, column, values: values.slice() });
    this.changed(sheet);
    const bySheet = this.choices.get(sheet) ?? new Map<number, string[]>();
    bySheet.set(column, values.slice());
    this.choices.set(sheet, bySheet);
  }

  sheetSizes(): { sheet: string; rows: number; columns: number }[] {
    this.calls++;
    return [...this.sheets.keys()].map((sheet) => {
      const rows = this.sheets.get(sheet)!;
      return { sheet, rows: lastFilledRow(rows), columns: rows.reduce((w, r) => Math.max(w, lastFilled(r)), 0) };
    });
  }

  resetCounters(): void {
    this.calls = this.cellsRead = this.cellsWritten = 0;
  }

  private rows(sheet: string): Cell[][] {
    const rows = this.sheets.get(sheet);
    if (!rows) throw new Error(`There is no sheet named "${sheet}"`);
    return rows;
  }
}

function lastFilled(row: Cell[]): number {
  for (let c = row.length - 1; c >= 0; c--) if (row[c] !== '' && row[c] !== undefined) return c + 1;
  return 0;
}

function lastFilledRow(rows: Cell[][]): number {
  for (let r = rows.length - 1; r >= 0; r--) if (rows[r] && lastFilled(rows[r]) > 0) return r + 1;
  return 0;
}
