import { ACTIONS } from '../api/actions';
import { callAction, LOCK_WAIT_MS } from '../api/call';
import type { Answer } from '../api/action';
import { Workbook } from '../store/workbook';
import { UserError } from '../store/errors';
import { pendingMigrations } from '../store/sql/migrate';
import { DATA_VERSION } from '../store/shared-reads';
import { searchIndexWatcher } from '../services/search/search-index';
import { databaseRuntime, type DatabaseRuntime } from './database-runtime';
import type { Runtime } from '../ports';
import type { MemoryCache } from '../memory/services';

const open = new Set<DatabaseCrm>();

/** Closes every database connection this process opened (what `crm` does before it exits). */
export function closeDatabases(): void {
  for (const crm of open) crm.closeNow();
}

/** A CRM whose every call is one "execution" on a runtime, as in Apps Script: its changes committed
 *  at the end, under the runtime's lock, one call at a time. A database (below) and a Google
 *  spreadsheet through the Sheets API (spreadsheet-crm.ts) are opened this way. */
export abstract class ExecutionCrm<R extends Runtime & { cache: MemoryCache } = Runtime & { cache: MemoryCache }> {
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped after every change: the local page polls it. */
  version = 0;
  private seenVersion: string | null = null;

  protected constructor(public runtime: R) {}

  abstract get path(): string;
  abstract closeNow(): void;

  call(name: string, input: unknown, language?: string): Promise<Answer> {
    const mutates = Object.prototype.hasOwnProperty.call(ACTIONS, name) && (ACTIONS as Record<string, { mutates: boolean }>)[name].mutates;
    return this.serially(async () => {
      const answer = callAction(this.runtime, name, input, language);
      if (mutates && answer.ok) this.version++;
      return answer;
    });
  }

  /** Bulk work of the CLI (demo data): under the lock, committed as one audited change. */
  mutate<T>(action: string, work: (workbook: Workbook) => T): Promise<T> {
    return this.serially(async () =>
      this.locked(() => {
        const workbook = new Workbook(this.runtime, this.runtime.clock, this.runtime.identity.email(), undefined, this.runtime.cache, searchIndexWatcher(this.runtime.properties));
        const result = work(workbook);
        workbook.commit(action);
        this.version++;
        return result;
      }),
    );
  }

  /** The web app's intake and the timed work (no person's action, so no role), under the same lock. */
  intake<T>(work: (runtime: R) => T): Promise<T> {
    return this.serially(async () =>
      this.locked(() => {
        const result = work(this.runtime);
        this.version++;
        return result;
      }),
    );
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.closeNow();
  }

  private locked<T>(work: () => T): T {
    if (!this.runtime.lock.tryAcquire(LOCK_WAIT_MS)) throw new UserError('busy', 'error.busy');
    try {
      return work();
    } finally {
      this.runtime.lock.release();
    }
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    // Another process wrote since (its commit moved the data version, kept in the database): what this
    // one cached of Staff, Settings and the other small tables is forgotten.
    const step = () => {
      const version = this.runtime.properties.get(DATA_VERSION);
      if (version !== this.seenVersion) this.runtime.cache.clear();
      this.seenVersion = version;
      return work();
    };
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** The CRM over a PostgreSQL database, as the CLI and `crm serve --database` use it: each call's
 *  changes are written in one transaction with their audit rows (see Workbook.commit), under the
 *  database's advisory lock. */
export class DatabaseCrm extends ExecutionCrm<DatabaseRuntime> {
  private constructor(runtime: DatabaseRuntime) {
    super(runtime);
    open.add(this);
  }

  get path(): string {
    return this.runtime.database!.label;
  }

  closeNow(): void {
    this.runtime.sql.close();
    open.delete(this);
  }

  /** Opens the database at `url`; one that lacks migrations is refused with the command that applies
   *  them, unless `setUp` (Set up migrates it). */
  static open(url: string, user: string, options: { setUp?: boolean; locale?: string } = {}): DatabaseCrm {
    const runtime = databaseRuntime(url, user, options.locale);
    const crm = new DatabaseCrm(runtime);
    let pending: string[];
    try {
      pending = pendingMigrations(runtime.sql);
    } catch (error) {
      crm.closeNow();
      throw new Error(`The database ${runtime.database!.label} cannot be reached: ${(error as Error).message}`);
    }
    if (pending.length && !options.setUp) {
      crm.closeNow();
      throw new Error(`The database ${runtime.database!.label} is not set up for the CRM (${pending.join(', ')} missing). Run: crm db migrate --to URL`);
    }
    return crm;
  }
}
