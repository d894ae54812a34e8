import { SyncWorker, WorkerError } from '../../src/node/sync-worker';

/** The bridge the CRM's synchronous services reach PostgreSQL and the Sheets API through. */
describe('SyncWorker', () => {
  it('answers each call, and passes a refusal on with its code', () => {
    const worker = new SyncWorker(`port.on('message', (m) => answer(m.fail ? { ok: false, message: 'no', code: '42' } : { ok: true, twice: m.n * 2 }));`, {});
    try {
      expect(worker.call({ n: 21 }, 10_000).twice).toBe(42);
      expect(() => worker.call({ fail: true }, 10_000)).toThrow(expect.objectContaining({ message: 'no', code: '42' }));
    } finally {
      worker.close();
    }
  });

  it('says at once that a worker which stopped will never answer, instead of waiting out the whole wait', () => {
    const worker = new SyncWorker(`port.on('message', () => process.exit(1));`, {}, 2_000);
    const started = Date.now();
    let error: unknown;
    try {
      worker.call({}, 120_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkerError);
    expect((error as WorkerError).code).toBe('stopped');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(() => worker.call({}, 1_000)).toThrow(/closed/);
  });
});
