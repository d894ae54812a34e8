import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import type { Lock } from '../ports/lock';

/** A lock shared by every process working on one workbook file (the local server and the CLI): a
 *  `.lock` file created exclusively, holding the owner's pid. A lock left by a dead process, or older
 *  than `staleMs`, is taken over. Re-entrant within the process: the server holds it around an action
 *  *and* the file save that follows, and the action's own acquire then succeeds at once. */
export class FileLock implements Lock {
  private depth = 0;

  constructor(
    private readonly path: string,
    private readonly staleMs = 120000,
  ) {}

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

  private isStale(): boolean {
    try {
      const age = Date.now() - statSync(this.path).mtimeMs;
      const pid = Number(readFileSync(this.path, 'utf8'));
      return age > this.staleMs || (pid > 0 && pid !== process.pid && !alive(pid));
    } catch {
      return false;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
