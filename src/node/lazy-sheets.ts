import type { Cell } from '../core/schema/columns';

/** Sheets by name, in the workbook's order, each read from the file the first time it is used: a
 *  command that needs Contacts does not parse 50,000 interactions. Iterating the values (saving the
 *  whole workbook) reads them all. */
export class LazySheets extends Map<string, Cell[][]> {
  private readonly unread = new Set<string>();
  private load: ((name: string) => Cell[][]) | null = null;

  /** Names to read later with `load`, in order. */
  defer(names: string[], load: (name: string) => Cell[][]): void {
    this.load = load;
    for (const name of names) {
      super.set(name, []);
      this.unread.add(name);
    }
  }

  get(name: string): Cell[][] | undefined {
    if (this.unread.has(name)) {
      this.unread.delete(name);
      super.set(name, this.load!(name));
    }
    return super.get(name);
  }

  set(name: string, rows: Cell[][]): this {
    this.unread?.delete(name);
    return super.set(name, rows);
  }

  delete(name: string): boolean {
    this.unread.delete(name);
    return super.delete(name);
  }

  private readAll(): void {
    for (const name of [...this.unread]) this.get(name);
  }

  values(): MapIterator<Cell[][]> {
    this.readAll();
    return super.values();
  }

  entries(): MapIterator<[string, Cell[][]]> {
    this.readAll();
    return super.entries();
  }

  [Symbol.iterator](): MapIterator<[string, Cell[][]]> {
    return this.entries();
  }

  forEach(callback: (value: Cell[][], key: string, map: Map<string, Cell[][]>) => void, thisArg?: unknown): void {
    this.readAll();
    super.forEach(callback, thisArg);
  }
}
