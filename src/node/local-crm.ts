import { searchIndexWatcher } from '../services/search-index';
import { ACTIONS } from '../api/actions';
import { callAction, LOCK_WAIT_MS, userMessage } from '../api/call';
import type { Answer } from '../api/action';
import { Workbook } from '../store/workbook';
import { UserError } from '../store/errors';
import { XlsxWorkbook, type XlsxOptions } from './xlsx-workbook';
import { translate } from '../core/i18n';

/** The workbook could not be written (disk full, no permission): the call changed nothing. */
class SaveError extends Error {}
import { nodeRuntime, NodeRuntime } from './runtime';

/** The CRM over one .xlsx file, as the local server and the CLI use it. Each call is one "execution",
 *  like in Apps Script: it takes the file lock, re-reads the file if another process changed it, runs
 *  the action, and saves the file (atomically) before letting go of the lock. Calls run one at a time. */
export class LocalCrm {
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped after every save: the local page polls it to refresh its grid. */
  version = 0;

  private constructor(
    public runtime: NodeRuntime,
    private readonly options: XlsxOptions,
  ) {}

  static async open(path: string, user: string, locale?: string, options: XlsxOptions = {}): Promise<LocalCrm> {
    return new LocalCrm(nodeRuntime(await XlsxWorkbook.open(path, options), user, locale), options);
  }

  get path(): string {
    return this.runtime.grid.path;
  }

  call(name: string, input: unknown): Promise<Answer> {
    const mutates = Object.prototype.hasOwnProperty.call(ACTIONS, name) && (ACTIONS as Record<string, { mutates: boolean }>)[name].mutates;
    return this.serially(async () => {
      if (!mutates) {
        await this.reloadIfChanged();
        // A read changes nothing: whatever it touched in the working copy is put back.
        return this.inChange(async () => {
          const answer = callAction(this.runtime, name, input);
          this.runtime.grid.rollBack();
          return answer;
        });
      }
      return this.locked(() =>
        this.inChange(async () => {
          const answer = callAction(this.runtime, name, input);
          // A refused call leaves nothing behind, not even a column it added before it was refused.
          if (!answer.ok) this.runtime.grid.rollBack();
          else await this.save();
          return answer;
        }),
      ).catch((error) => {
        const language = this.runtime.identity.locale();
        if (error instanceof UserError) return { ok: false as const, error: { code: error.code, message: userMessage(language, error) } };
        if (error instanceof SaveError) return { ok: false as const, error: { code: 'save_failed', message: translate(language, 'error.save_failed', { file: this.path, details: error.message }) } };
        throw error;
      });
    });
  }

  /** Runs `work` as one change of the working copy: kept when it ends well, rolled back when it
   *  throws (a failed save included, so that the next save cannot carry what this call did). */
  private async inChange<T>(work: () => Promise<T>): Promise<T> {
    const grid = this.runtime.grid;
    grid.begin();
    try {
      const result = await work();
      grid.commitChange();
      return result;
    } catch (error) {
      grid.rollBack();
      throw error;
    }
  }

  /** For work only the CLI does on the file (demo data, later imports): runs `work` on a Workbook under
   *  the lock, commits it under `action` (audited) and saves. */
  mutate<T>(action: string, work: (workbook: Workbook) => T): Promise<T> {
    return this.serially(() =>
      this.locked(() =>
        this.inChange(async () => {
          const workbook = new Workbook(this.runtime.grid, this.runtime.clock, this.runtime.identity.email(), undefined, this.runtime.cache, searchIndexWatcher(this.runtime.properties));
          const result = work(workbook);
          workbook.commit(action);
          await this.save();
          return result;
        }),
      ),
    );
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    if (!this.runtime.lock.tryAcquire(LOCK_WAIT_MS)) throw new UserError('busy', 'error.busy');
    try {
      await this.reloadIfChanged();
      return await work();
    } finally {
      this.runtime.lock.release();
    }
  }

  private async save(): Promise<void> {
    try {
      await this.runtime.grid.save();
    } catch (error) {
      throw new SaveError((error as Error).message);
    }
    this.version++;
  }

  private async reloadIfChanged(): Promise<void> {
    if (!this.runtime.grid.modifiedOnDisk()) return;
    // Keep the lock (it may be held right now); only the working copy of the file is replaced.
    this.runtime = { ...this.runtime, grid: await XlsxWorkbook.open(this.path, this.options) };
    // Someone else wrote the file: nothing we remember about it holds.
    this.runtime.cache.clear();
    this.version++;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
