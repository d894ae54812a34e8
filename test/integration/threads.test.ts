/** De-duplication shared with a worker thread (Node's adapter of the threads port): the same answer as
 *  one thread, the worker's part really worked there, and a worker that fails leaves its part to the
 *  caller without losing a pair. Needs the built worker (npm run build, which npm test runs first). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDemoData, seededRandom } from '../../src/services/demo-data';
import { findContactDuplicates } from '../../src/services/dedupe/duplicates';
import { Workbook } from '../../src/store/workbook';
import { WorkerThreads } from '../../src/node/threads';
import type { PairsPart } from '../../src/core/dedupe/engine';
import type { ThreadTask } from '../../src/ports/threads';
import { setUpRuntime } from '../support/crm';

function demo(): Workbook {
  const rt = setUpRuntime();
  const wb = new Workbook(rt, rt.clock, 'admin@example.org');
  addDemoData(wb, 800, seededRandom(31));
  wb.commit('demo');
  return new Workbook(rt, rt.clock, 'admin@example.org');
}

/** The threads, recording each answer a worker gave. */
function recorded(threads: WorkerThreads): { threads: WorkerThreads; answers: PairsPart[] } {
  const answers: PairsPart[] = [];
  const start = threads.start.bind(threads);
  threads.start = (task: ThreadTask, input: unknown) => {
    const work = start(task, input);
    return { ...work, wait: () => (answers.push(work.wait() as PairsPart), answers[answers.length - 1]) };
  };
  return { threads, answers };
}

describe('De-duplication on worker threads', () => {
  // A low threshold: more pairs than the demo's few duplicates, for each thread to find some.
  const low = { threshold: 0.55 };
  // Made for each test: on a database (the postgres project), the contacts are read a chunk at a time
  // and each chunk is sent to the worker as it is read; the database is emptied after each test.
  let wb: Workbook;
  let alone: ReturnType<typeof findContactDuplicates>;
  beforeEach(() => {
    wb = demo();
    alone = findContactDuplicates(wb, low);
  });

  it('finds the pairs of its part on a worker thread, and answers what one thread answers', () => {
    const { threads, answers } = recorded(new WorkerThreads(undefined, 1));
    expect(threads.helpers).toBe(1); // 0 when build/node/threads-worker.js is missing: npm run build
    expect(alone.total_pairs).toBeGreaterThan(10);
    expect(findContactDuplicates(wb, low, { threads, sharedFrom: 0, readChunk: 300 })).toEqual(alone);
    expect(answers).toHaveLength(1);
    expect(answers[0].length > 0 && answers[0].length < alone.total_pairs).toBe(true);
    // The contacts to match travel to the worker as well.
    const ids = [alone.pairs[0].a, alone.pairs[3].b];
    expect(findContactDuplicates(wb, { ...low, ids }, { threads, sharedFrom: 0 })).toEqual(findContactDuplicates(wb, { ...low, ids }));
  });

  it('works the part of a worker that fails here, and loses no pair', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'crm-threads-')), 'broken-worker.js');
    writeFileSync(broken, "throw new Error('this worker cannot start');\n");
    const { threads, answers } = recorded(new WorkerThreads(broken, 1));
    expect(findContactDuplicates(wb, low, { threads, sharedFrom: 0, readChunk: 300 })).toEqual(alone);
    expect(answers).toHaveLength(0);
  });

  it('starts one fewer helper than the cores, and never more than three', () => {
    expect([1, 2, 3, 4, 16].map((cores) => new WorkerThreads(undefined, cores - 1).helpers)).toEqual([0, 1, 2, 3, 3]);
    expect(new WorkerThreads('', 3).helpers).toBe(0); // no built worker
  });

  it('leaves a small base to the caller alone', () => {
    const { threads, answers } = recorded(new WorkerThreads(undefined, 1));
    expect(findContactDuplicates(wb, low, { threads })).toEqual(alone);
    expect(answers).toHaveLength(0);
  });
});
