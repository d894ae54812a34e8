/** Where one sync run reads and writes the spreadsheet (see SyncBook). */
import type { Runtime } from '../../ports';
import { LOCK_WAIT_MS } from '../../ports/lock';
import { Contacts } from '../../core/schema/tables';
import { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { DATA_VERSION, markDataChanged } from '../../store/shared-reads';
import { searchIndexWatcher } from '../search/search-index';
import { ActivityRows } from './activity';
import type { Connection } from './connection';
import { MemberLinks } from './member-links';

/** The sync's view of the spreadsheet across one execution: each page is worked under the script lock
 *  and committed as one change set; the rows read (and the indexes built over them) are kept for the
 *  next page unless someone else wrote meanwhile (the data version moved), when they are read again. */
export class SyncBook {
  private workbook: Workbook | null = null;
  private links: MemberLinks | null = null;
  private activity: ActivityRows | null = null;
  private version: string | null = null;

  constructor(
    private readonly runtime: Runtime,
    private readonly connection: Connection,
    private readonly actor: string,
    private readonly fields: readonly string[],
  ) {}

  run<T>(action: string, work: (workbook: Workbook, links: MemberLinks, activity: () => ActivityRows) => T): T {
    const runtime = this.runtime;
    if (!runtime.lock.tryAcquire(LOCK_WAIT_MS)) throw new UserError('busy', 'error.busy');
    try {
      if (!this.workbook || runtime.properties.get(DATA_VERSION) !== this.version) {
        // As every change: the search index patched, other executions' shared reads told the data changed.
        this.workbook = new Workbook(runtime, runtime.clock, this.actor, undefined, runtime.cache, searchIndexWatcher(runtime.properties));
        // A custom column an extra field names is made when missing (the platform's values land there).
        const custom = this.fields.filter((f) => f.startsWith('custom.')).map((f) => f.slice(7));
        if (custom.length) this.workbook.table(Contacts).ensureCustomColumns(custom);
        this.links = new MemberLinks(this.workbook, this.connection);
        this.activity = null;
      }
      const workbook = this.workbook;
      let result: T;
      try {
        result = work(workbook, this.links!, () => (this.activity ??= new ActivityRows(workbook)));
      } catch (error) {
        this.workbook = null;
        throw error;
      }
      try {
        workbook.commit(action);
      } catch (error) {
        this.workbook = null;
        throw error;
      } finally {
        markDataChanged(runtime.properties);
        this.version = runtime.properties.get(DATA_VERSION);
      }
      return result;
    } finally {
      runtime.lock.release();
    }
  }
}
