import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import type { GridOp } from '../memory/grid-ops';
import { writeFileAtomicSync } from './atomic-file';

/** One acknowledged call: its number and what it changed. */
export interface JournalEntry {
  seq: number;
  /** The workbook file the call's working copy stood on (XlsxWorkbook.baseStamp): the entry is
   *  replayed onto that file only (or onto the one folded from it), never onto one another program
   *  wrote since, where rows may have moved. */
  base?: string;
  ops: GridOp[];
}

/** The local runtime's write-ahead journal, beside the workbook (`crm.xlsx.journal`): one line of JSON
 *  per call that changed something, appended and flushed to disk (fsync) before the call answers. A
 *  write costs what it changes, not a rewrite of the whole .xlsx; the journal is folded into the
 *  workbook in the background (see LocalCrm), and the workbook remembers the last entry it holds, so
 *  that replaying the journal after a crash never applies an entry twice. */
export class Journal {
  /** Bytes of the journal as this process last knew it (another process may append). */
  private size = 0;

  constructor(
    readonly path: string,
    /** Tests only: how a line reaches the file (one that fails half-way stands for a full disk). */
    private readonly writeLine: (fd: number, line: Buffer) => void = writeAll,
  ) {
    this.size = this.currentSize();
  }

  currentSize(): number {
    return statSync(this.path, { throwIfNoEntry: false })?.size ?? 0;
  }

  /** Whether someone else appended or compacted it since we last read or wrote it. */
  changedElsewhere(): boolean {
    return this.currentSize() !== this.size;
  }

  /** Appends an entry and flushes it to disk. On failure (a full disk), the journal is cut back to what
   *  it was, so that a torn line never sits before the next entry, and the error is thrown. */
  append(entry: JournalEntry): void {
    const line = Buffer.from(JSON.stringify(entry) + '\n', 'utf8');
    const fd = openSync(this.path, 'a');
    const before = fstatSync(fd).size;
    try {
      this.writeLine(fd, line);
      fsyncSync(fd);
      this.size = before + line.length;
    } catch (error) {
      try {
        ftruncateSync(fd, before);
      } catch {
        // nothing more to do: a torn last line is ignored when read
      }
      throw error;
    } finally {
      closeSync(fd);
    }
  }

  /** Every complete entry, in order. A last line cut short by a crash was never acknowledged: skipped. */
  read(): JournalEntry[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.size = 0;
        return [];
      }
      throw error;
    }
    this.size = Buffer.byteLength(text, 'utf8');
    const entries: JournalEntry[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]) continue;
      try {
        entries.push(JSON.parse(lines[i]) as JournalEntry);
      } catch (error) {
        if (i >= lines.length - 2) break; // the torn tail of a crash
        throw new Error(
          `${this.path} line ${i + 1} cannot be read (${(error as Error).message}); the workbook was not opened so that nothing is lost. Move that file aside to open the workbook as it was last saved.`,
        );
      }
    }
    return entries;
  }

  /** Drops the entries from `seq` on. */
  keepBefore(seq: number): void {
    this.rewrite(this.read().filter((e) => e.seq < seq));
  }

  /** Drops the entries the workbook now holds (seq ≤ `upTo`), keeping any appended since; those now
   *  stand on the file just written (`rebase`, its stamp). */
  compact(upTo: number, rebase?: string): void {
    const rest = this.read()
      .filter((e) => e.seq > upTo)
      .map((e) => (rebase === undefined ? e : { ...e, base: rebase }));
    this.rewrite(rest);
  }

  private rewrite(entries: JournalEntry[]): void {
    if (!entries.length) {
      rmSync(this.path, { force: true });
      this.size = 0;
      return;
    }
    const text = entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
    writeFileAtomicSync(this.path, Buffer.from(text, 'utf8'));
    this.size = Buffer.byteLength(text, 'utf8');
  }
}

/** Writes `entries` to a file of their own beside the journal, and drops them from the journal (the
 *  entries another program's save made impossible to replay safely). Returns that file's path. */
export function setAside(journal: Journal, entries: JournalEntry[], now: Date): string {
  const path = `${journal.path}.set-aside-${now.toISOString().replace(/[:.]/g, '-')}`;
  writeFileAtomicSync(path, Buffer.from(entries.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8'));
  const first = Math.min(...entries.map((e) => e.seq));
  journal.keepBefore(first);
  return path;
}

function writeAll(fd: number, line: Buffer): void {
  let done = 0;
  while (done < line.length) done += writeSync(fd, line, done, line.length - done);
}
