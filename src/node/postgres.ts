import { SyncWorker, WorkerError } from './sync-worker';
import type { Sql, SqlRow, SqlValue } from '../ports/database';

/** A statement the database refused: PostgreSQL's message and its SQLSTATE code (`23505` a duplicate
 *  key, `42P01` a missing table…). */
export class SqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** How long one statement may take before the CRM gives up on the database (a migration of a big
 *  table included); the server's own statement_timeout may be shorter. */
const ANSWER_WAIT_MS = 10 * 60 * 1000;

/** The worker: one `pg` client, statements one at a time, each answer posted back (see SyncWorker). */
const WORKER = `
const pg = require(workerData.pg);
// Numbers come back as numbers, dates and times as the text the database holds (never a Date).
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(20, (v) => Number(v));
for (const oid of [1082, 1083, 1114, 1184]) pg.types.setTypeParser(oid, (v) => v);
// No JIT compilation: it costs the CRM's statements (a segment's count, a search) more than it saves.
const client = new pg.Client({ connectionString: workerData.url, application_name: 'crm', options: '-c jit=off' });
const ready = client.connect();
ready.catch(() => undefined);
client.on('error', () => undefined);
port.on('message', async (m) => {
  try {
    await ready;
    if (m.op === 'close') { await client.end(); return answer({ ok: true, rows: [] }); }
    if (m.op === 'arrays') { const result = await client.query({ text: m.text, values: m.params, rowMode: 'array' }); return answer({ ok: true, rows: result.rows, columns: result.fields.map((f) => f.name) }); }
    if (m.op === 'batch') { for (const params of m.rows) await client.query(m.text, params); return answer({ ok: true, rows: [] }); }
    const result = await client.query(m.text, m.params);
    answer({ ok: true, rows: result.rows });
  } catch (error) {
    answer({ ok: false, message: String(error && error.message || error), code: String(error && error.code || '') });
  }
});
`;

/** PostgreSQL for code that cannot wait asynchronously (every service of the CRM, written for Apps
 *  Script): the `pg` client runs in a worker thread and each call waits for its answer (SyncWorker).
 *  One connection, as JDBC gives an execution. */
export class Postgres implements Sql {
  private readonly worker: SyncWorker;
  private depth = 0;

  constructor(readonly url: string) {
    this.worker = new SyncWorker(WORKER, { pg: require.resolve('pg'), url });
  }

  query(text: string, params: readonly SqlValue[] = []): SqlRow[] {
    return this.ask({ op: 'query', text, params });
  }

  queryArrays(text: string, params: readonly SqlValue[] = []): { columns: string[]; rows: SqlValue[][] } {
    const answer = this.answer({ op: 'arrays', text, params });
    return { columns: answer.columns ?? [], rows: answer.rows as unknown as SqlValue[][] };
  }

  batch(text: string, rows: readonly (readonly SqlValue[])[]): void {
    if (rows.length) this.ask({ op: 'batch', text, rows });
  }

  transaction<T>(work: () => T): T {
    if (this.depth > 0) return work();
    this.query('BEGIN');
    this.depth++;
    try {
      const result = work();
      this.query('COMMIT');
      return result;
    } catch (error) {
      this.query('ROLLBACK');
      throw error;
    } finally {
      this.depth--;
    }
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  close(): void {
    if (this.worker.isClosed) return;
    try {
      this.ask({ op: 'close' });
    } catch {
      // Already gone: nothing to close.
    }
    this.worker.close();
  }

  private ask(message: Record<string, unknown>): SqlRow[] {
    return this.answer(message).rows;
  }

  private answer(message: Record<string, unknown>): { rows: SqlRow[]; columns?: string[] } {
    if (this.worker.isClosed) throw new SqlError('The database connection is closed.', '08003');
    try {
      return this.worker.call(message, ANSWER_WAIT_MS) as unknown as { rows: SqlRow[]; columns?: string[] };
    } catch (error) {
      if (!(error instanceof WorkerError)) throw error;
      if (error.code === 'timeout') throw new SqlError(`The database did not answer within ${ANSWER_WAIT_MS / 1000} s.`, '57014');
      throw new SqlError(error.message, error.code);
    }
  }
}

/** A PostgreSQL address without its password, for messages and the audit. */
export function databaseLabel(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString().replace(/\?.*$/, '');
  } catch {
    return '(a database address that cannot be read)';
  }
}
