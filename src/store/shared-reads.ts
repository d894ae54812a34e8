import type { Cell } from '../core/schema/columns';
import type { Grid } from '../ports/grid';
import type { KeyValue } from '../ports/key-value';

/** A document property every mutation (and every hand edit the triggers see) changes: a reader that
 *  kept tables between executions knows by it whether someone else wrote meanwhile. */
export const DATA_VERSION = 'data.version';

export function markDataChanged(properties: KeyValue): void {
  properties.set(DATA_VERSION, `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`);
}

const WRITES = new Set(['write', 'append', 'deleteRows', 'addColumns', 'deleteSheet', 'createSheet', 'setChoices']);

/** One nightly execution's reads, shared by its steps: a table one step read is handed to the next
 *  instead of being read again (at 100,000 contacts the steps each read the 500,000 interactions),
 *  unless it was written since: by the step itself (any write to a sheet forgets it), or by anyone
 *  else between two steps (the data version moved: everything is forgotten). A step that failed may
 *  have changed rows in memory it never wrote: everything is forgotten too. */
export class SharedReads {
  private readonly sheets = new Map<string, Cell[][]>();
  private version: string | null = null;
  reads = 0;

  constructor(private readonly properties: KeyValue) {}

  /** Before a step. */
  begin(): void {
    if (this.properties.get(DATA_VERSION) !== this.version) this.sheets.clear();
  }

  /** After a step: the version it leaves is its own doing. */
  end(ok: boolean): void {
    if (!ok) this.sheets.clear();
    this.version = this.properties.get(DATA_VERSION);
  }

  /** `inner` with whole-sheet reads shared (the rows themselves: a Table changes them only on the way
   *  to writing them, which forgets the sheet). */
  grid(inner: Grid): Grid {
    const sheets = this.sheets;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the proxy's handler has its own `this`
    const self = this;
    return new Proxy(inner, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        if (name === 'read')
          return (sheet: string) => {
            const kept = sheets.get(sheet);
            if (kept) return kept;
            self.reads++;
            const rows = (value as Grid['read']).call(target, sheet);
            sheets.set(sheet, rows);
            return rows;
          };
        if (WRITES.has(String(name)))
          return (sheet: string, ...rest: unknown[]) => {
            sheets.delete(sheet);
            return (value as (...a: unknown[]) => unknown).call(target, sheet, ...rest);
          };
        return value.bind(target);
      },
    });
  }
}
