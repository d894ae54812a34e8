import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { searchIndexWatcher } from '../services/search/search-index';
import { ACTIONS } from '../api/actions';
import { callAction, LOCK_WAIT_MS, userMessage } from '../api/call';
import type { Answer } from '../api/action';
import { Workbook } from '../store/workbook';
import { UserError } from '../store/errors';
import { applyOp } from '../memory/grid-ops';
import { translate } from '../core/i18n';
import type { XlsxOptions } from './xlsx-workbook';
import { Journal, setAside, type JournalEntry } from './journal';
import { foldJournal, openJournalled } from './fold';
import { nodeRuntime, NodeRuntime } from './runtime';
import { alive } from './file-lock';
import { followSavedDatabase } from './database-runtime';

/** The change could not be made durable (disk full, no permission): the call changed nothing. */
class SaveError extends Error {}

/** How long after the last write the journal is folded into the workbook (and at exit).
 *  CRM_FOLD_DELAY_MS changes it (the crash tests fold all the time). */
const FOLD_DELAY_MS = foldDelay(process.env.CRM_FOLD_DELAY_MS);

function foldDelay(setting: string | undefined): number {
  const ms = Number(setting);
  return setting && Number.isFinite(ms) && ms >= 0 ? ms : 1500;
}

export interface LocalOptions extends XlsxOptions {
  /** Fold in this thread rather than in a worker (tests; a worker needs the built fold-worker.js). */
  foldInProcess?: boolean;
  /** Tests only: how a journal line reaches the disk (see journal.ts). */
  writeJournal?: (fd: number, line: Buffer) => void;
}

const open = new Set<LocalCrm>();

/** Folds every open workbook's journal: what `crm` does before it exits, and `crm serve` on Ctrl+C. */
export async function closeAll(): Promise<void> {
  await Promise.all([...open].map((crm) => crm.close()));
}

/** The CRM over one .xlsx file, as the local server and the CLI use it. Each call is one "execution",
 *  like in Apps Script: it re-reads what another process changed, runs the action under the file lock,
 *  and makes what it changed durable before it answers: one line appended to the journal and flushed
 *  to disk (a write costs what it changes), never a rewrite of the whole workbook. The journal is
 *  folded into the .xlsx in a worker thread shortly after the writes stop, and at exit; a crash at any
 *  moment loses no acknowledged write (the next open replays the journal). Calls run one at a time. */
export class LocalCrm {
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped after every change: the local page polls it to refresh its grid. */
  version = 0;
  private readonly journal: Journal;
  private folding: Promise<void> | null = null;
  private foldTimer: NodeJS.Timeout | null = null;

  private constructor(
    public runtime: NodeRuntime,
    private readonly options: LocalOptions,
    /** The last journal entry in the working copy. */
    private seq: number,
  ) {
    this.journal = new Journal(`${runtime.grid.path}.journal`, options.writeJournal);
    open.add(this);
  }

  static async open(path: string, user: string, locale?: string, options: LocalOptions = {}): Promise<LocalCrm> {
    removeStaleTemps(path);
    const { workbook, seq, conflict } = await openJournalled(path, options);
    const crm = new LocalCrm(nodeRuntime(workbook, user, locale), options, seq);
    if (conflict.length) await crm.setAside(conflict);
    return crm;
  }

  /** Journal entries written on top of a file another program (Excel) has saved over since: replayed
   *  there, they could land on other rows. They are kept in a file of their own, out of the journal,
   *  and the person is told where; the workbook is what the other program saved. */
  private async setAside(conflict: JournalEntry[]): Promise<void> {
    if (!(await this.acquire(LOCK_WAIT_MS))) return; // the next call tries again
    try {
      const kept = setAside(this.journal, conflict, new Date());
      console.error(translate(this.runtime.identity.locale(), 'local.journal_set_aside', { count: conflict.length, file: this.path, kept }));
    } finally {
      this.runtime.lock.release();
    }
  }

  get path(): string {
    return this.runtime.grid.path;
  }

  call(name: string, input: unknown, language?: string): Promise<Answer> {
    const mutates = Object.prototype.hasOwnProperty.call(ACTIONS, name) && (ACTIONS as Record<string, { mutates: boolean }>)[name].mutates;
    return this.serially(async () => {
      if (!mutates) {
        await this.reloadIfChanged();
        // A read changes nothing: whatever it touched in the working copy is put back.
        const grid = this.runtime.grid;
        grid.begin();
        try {
          return callAction(this.runtime, name, input, language);
        } finally {
          grid.rollBack();
        }
      }
      return this.locked(async () => {
        const grid = this.runtime.grid;
        grid.begin();
        try {
          const answer = callAction(this.runtime, name, input, language);
          // A refused call leaves nothing behind, not even a column it added before it was refused.
          if (!answer.ok) grid.rollBack();
          else this.keep();
          return answer;
        } catch (error) {
          grid.rollBack();
          throw error;
        }
      }).catch((error) => this.refusal(error));
    });
  }

  /** Makes the open change durable (journal), then keeps it. If the journal cannot be written, the
   *  change is rolled back and the call fails: the next save can never carry it. */
  private keep(): void {
    const grid = this.runtime.grid;
    const ops = grid.pendingOps();
    if (ops.length) {
      try {
        this.journal.append({ seq: this.seq + 1, base: grid.baseStamp, ops: [...ops] });
      } catch (error) {
        grid.rollBack();
        throw new SaveError((error as Error).message);
      }
      this.seq++;
      this.version++;
      this.scheduleFold();
    }
    grid.commitChange();
  }

  private refusal(error: unknown): Answer {
    const language = this.runtime.identity.locale();
    if (error instanceof UserError) return { ok: false, error: { code: error.code, message: userMessage(language, error) } };
    if (error instanceof SaveError) return { ok: false, error: { code: 'save_failed', message: translate(language, 'error.save_failed', { file: this.path, details: error.message }) } };
    throw error;
  }

  /** For bulk work only the CLI does on the file (demo data): runs `work` on a Workbook under the lock,
   *  commits it under `action` (audited) and writes the whole workbook at once (a journal line of
   *  100,000 contacts would be the same write, twice). */
  mutate<T>(action: string, work: (workbook: Workbook) => T): Promise<T> {
    return this.serially(() =>
      this.locked(async () => {
        const grid = this.runtime.grid;
        grid.begin(false); // saved whole, never journalled: no ops to keep
        try {
          const workbook = new Workbook(
            { grid, database: this.runtime.database },
            this.runtime.clock,
            this.runtime.identity.email(),
            undefined,
            this.runtime.cache,
            searchIndexWatcher(this.runtime.properties),
          );
          const result = work(workbook);
          workbook.commit(action);
          await this.saveWhole();
          grid.commitChange();
          return result;
        } catch (error) {
          grid.rollBack();
          throw error;
        }
      }),
    );
  }

  /** The web app's intake (a delivery received, the Inbox applied): no person's action, so no role; the
   *  same lock, journal and rollback as an action. */
  intake<T>(work: (runtime: NodeRuntime) => T): Promise<T> {
    return this.serially(() =>
      this.locked(async () => {
        const grid = this.runtime.grid;
        grid.begin();
        try {
          const result = work(this.runtime);
          this.keep();
          return result;
        } catch (error) {
          grid.rollBack();
          throw error;
        }
      }),
    );
  }

  /** Writes the journal into the workbook now (what happens by itself shortly after writes stop). */
  fold(): Promise<void> {
    if (this.folding) return this.folding;
    if (this.runtime.grid.journalSeq >= this.seq) return Promise.resolve();
    this.folding = this.foldNow().finally(() => (this.folding = null));
    return this.folding;
  }

  /** Folds what is left and lets the workbook go. */
  async close(): Promise<void> {
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldTimer = null;
    await this.queue.catch(() => undefined);
    await this.fold();
    if (this.runtime.grid.journalSeq < this.seq) await this.fold(); // writes that came in during the first
    this.runtime.database?.sql.close();
    open.delete(this);
  }

  private async foldNow(): Promise<void> {
    // Other processes wait for the lock while the file is rewritten; calls of this process go on
    // (the lock is re-entrant), each appending to the journal after what is being folded.
    let locked: boolean;
    try {
      locked = await this.acquire(LOCK_WAIT_MS);
    } catch (error) {
      // The workbook's folder is gone or closed to us: say so, and keep the journal for the next try.
      console.error(`crm: ${this.path} cannot be locked to fold its journal (${(error as Error).message}); the journal is kept.`);
      return;
    }
    if (!locked) {
      this.scheduleFold();
      return;
    }
    try {
      const upTo = this.seq;
      const grid = this.runtime.grid;
      await this.runFold(upTo);
      grid.restamp(upTo);
      // The entries appended during the fold now stand on the file just written.
      this.journal.compact(upTo, grid.baseStamp);
    } catch (error) {
      // Nothing is lost: the journal keeps every entry, and the next fold (or open) tries again.
      console.error(`crm: the journal could not be written into ${this.path} yet (${(error as Error).message}); it is kept and will be tried again.`);
      this.scheduleFold(FOLD_DELAY_MS * 10);
    } finally {
      this.runtime.lock.release();
    }
  }

  private runFold(upTo: number): Promise<void> {
    const worker = join(__dirname, 'fold-worker.js');
    if (this.options.foldInProcess || this.options.writeBytes || !existsSync(worker)) return foldJournal(this.path, upTo, this.options);
    return new Promise((resolve, reject) => {
      const thread = new Worker(worker, { workerData: { path: this.path, upTo } });
      thread.once('message', (m: { ok: boolean; message?: string }) => (m.ok ? resolve() : reject(new Error(m.message))));
      thread.once('error', reject);
      thread.once('exit', (code) => code !== 0 && reject(new Error(`the fold stopped with code ${code}`)));
    });
  }

  private scheduleFold(delay = FOLD_DELAY_MS): void {
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldTimer = setTimeout(() => {
      this.foldTimer = null;
      void this.fold();
    }, delay);
    this.foldTimer.unref?.();
  }

  private async saveWhole(): Promise<void> {
    try {
      await this.runtime.grid.save(this.seq);
      this.journal.compact(this.seq, this.runtime.grid.baseStamp);
    } catch (error) {
      throw new SaveError((error as Error).message);
    }
    this.version++;
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    if (!(await this.acquire(LOCK_WAIT_MS))) throw new UserError('busy', 'error.busy');
    try {
      await this.reloadIfChanged();
      return await work();
    } finally {
      this.runtime.lock.release();
    }
  }

  /** Another process (the CLI, the server, Excel) changed the workbook or its journal: take it in.
   *  New journal entries are applied to the working copy as they are; a workbook rewritten by someone
   *  else is opened again. Our own fold in progress is not someone else. */
  private async reloadIfChanged(): Promise<void> {
    const grid = this.runtime.grid;
    if (!this.folding && grid.modifiedOnDisk()) {
      const { workbook, seq, conflict } = await openJournalled(this.path, this.options);
      this.runtime = { ...this.runtime, grid: workbook };
      this.seq = seq;
      if (conflict.length) await this.setAside(conflict);
      this.journal.read();
    } else if (this.journal.changedElsewhere()) {
      for (const entry of this.journal.read()) {
        if (entry.seq <= this.seq) continue;
        for (const op of entry.ops) applyOp(grid, op);
        this.seq = entry.seq;
      }
    } else return;
    // Someone else wrote: nothing we remember about the file holds.
    this.runtime.cache.clear();
    this.version++;
  }

  /** Waits for the file lock without blocking this process: the server keeps answering reads while
   *  another process (a CLI import, its fold) holds the workbook. */
  private async acquire(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.runtime.lock.tryAcquire(0)) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return true;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    // Each call works where the data is: a database an admin connected (or left) since the last one.
    const step = () => (followSavedDatabase(this.runtime), work());
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** Temporary files a crash left beside the workbook (`.crm.xlsx.PID.xxxx.tmp`) whose process is gone. */
function removeStaleTemps(path: string): void {
  const folder = dirname(path);
  const own = new RegExp(`^\\.${basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.journal|\\.properties\\.json)?\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(own.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    rmSync(join(folder, name), { force: true });
  }
}
