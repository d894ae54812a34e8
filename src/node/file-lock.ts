import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import type { Lock } from '../ports/lock';

/** A lock shared by every process working on one workbook file (the local server and the CLI): a
 *  `.lock` file created exclusively, holding the owner's pid. A lock left by a dead process is taken
 *  over; one held by a live process never is. Re-entrant within the process (by path): the server
 *  holds it around an action, its journal write and a fold in the background, and the action's own
 *  acquire then succeeds at once. */
export class FileLock implements Lock {
  constructor(private readonly path: string) {}

  /** Held by this process (whichever FileLock of the same path took it), how many times over. */
  private get depth(): number {
    return held.get(this.path) ?? 0;
  }

  private set depth(n: number) {
    if (n > 0) held.set(this.path, n);
    else held.delete(this.path);
  }

  /** Whether this process holds it. */
  heldHere(): boolean {
    return this.depth > 0;
  }

  tryAcquire(timeoutMs: number): boolean {
    if (this.depth > 0) {
      this.depth++;
      return true;
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const fd = openSync(this.path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.depth = 1;
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (this.isStale()) {
        try {
          unlinkSync(this.path);
        } catch {
          /* another process took it over first */
        }
        continue;
      }
      if (Date.now() >= deadline) return false;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }

  release(): void {
    if (this.depth === 0) return;
    if (--this.depth > 0) return;
    try {
      unlinkSync(this.path);
    } catch {
      /* already gone */
    }
  }

  /** Left by a process that is gone. A live owner keeps it, however long it takes: a lock is never
   *  taken from a live process. A file with no pid in it (a crash between creating and writing it) is
   *  stale once it is a few seconds old. */
  private isStale(): boolean {
    try {
      const text = readFileSync(this.path, 'utf8').trim();
      const pid = Number(text);
      if (!text || !Number.isInteger(pid) || pid <= 0) return Date.now() - statSync(this.path).mtimeMs > 5000;
      return pid !== process.pid && !alive(pid);
    } catch {
      return false;
    }
  }
}

/** Locks this process holds, by path: every LocalCrm of one workbook in this process shares them. */
const held = new Map<string, number>();

/** Whether a process of this machine is running (one we may not signal is running too). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
