import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Threads, ThreadTask, ThreadWork } from '../ports/threads';

/** Worker threads for the CRM's synchronous services (one fewer than the cores, at most MOST_HELPERS):
 *  a task runs in a worker built from threads-worker.js, and the caller waits for its messages and
 *  answer with Atomics.wait. One worker per task, ended when it answers. Without a built worker file
 *  (sources run by a test runner before `npm run build`), there are no helpers and the work stays on
 *  the caller's thread. */

/** At most this many helpers, however many cores: each holds its own copy of what the task works on
 *  (a million contacts prepared are over a gigabyte), and on this machine two threads already slow
 *  each other by about 40 %. */
export const MOST_HELPERS = 3;

/** The least wait for a task's answer once the caller waits: a loaded machine gives a worker less time. */
const LEAST_WAIT_MS = 60_000;

/** flag[POSTED] counts what the worker posted (messages, then its answer), which the caller waits on;
 *  flag[SENT] counts the caller's replies, which the worker waits on. */
export const POSTED = 0;
export const SENT = 1;

/** Loads the task's file in the worker; a file that cannot load is answered as a failed task, not left
 *  without an answer. */
const BOOT = `const data = require('node:worker_threads').workerData;
try { require(data.file); } catch (error) {
  data.port.postMessage({ ok: false, failure: String(error && error.message) });
  Atomics.add(data.flag, ${POSTED}, 1);
  Atomics.notify(data.flag, ${POSTED});
}`;

function builtWorker(): string | undefined {
  // Beside the bundle (build/node/cli.js), or the built copy when these sources run directly.
  return [join(__dirname, 'threads-worker.js'), join(__dirname, '..', '..', 'build', 'node', 'threads-worker.js')].find((file) => existsSync(file));
}

export class WorkerThreads implements Threads {
  readonly helpers: number;

  constructor(
    private readonly file = builtWorker(),
    helpers = availableParallelism() - 1,
  ) {
    this.helpers = file ? Math.max(0, Math.min(helpers, MOST_HELPERS)) : 0;
  }

  start(task: ThreadTask, input: unknown): ThreadWork {
    if (!this.file) throw new Error('No worker thread is built (npm run build).');
    const flag = new Int32Array(new SharedArrayBuffer(8));
    const { port1, port2 } = new MessageChannel();
    // As much memory as this thread may use: the task holds a copy of what this thread holds.
    const heapMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
    const worker = new Worker(BOOT, { eval: true, workerData: { file: this.file, task, input, port: port2, flag }, transferList: [port2], resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    worker.unref();
    worker.on('error', () => undefined); // said to the waiting caller as no answer
    const started = Date.now();
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      port1.close();
      void worker.terminate();
    };
    let seen = 0;
    /** The worker's next post: a message, its answer, or its failure. A worker that stopped (out of
     *  memory) posts nothing: it is given twice the time the caller has taken since the start, then
     *  its work is done elsewhere. */
    const next = (): { ok: boolean; message?: unknown; result?: unknown; failure?: string } => {
      if (ended) throw new Error(`The ${task} task was ended.`);
      const deadline = Date.now() + Math.max(LEAST_WAIT_MS, 2 * (Date.now() - started));
      for (;;) {
        const received = receiveMessageOnPort(port1);
        if (received) {
          seen++;
          return received.message as { ok: boolean; message?: unknown; result?: unknown; failure?: string };
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`The ${task} task did not answer in time.`);
        Atomics.wait(flag, POSTED, seen, Math.min(left, 1000));
      }
    };
    return {
      receive: () => {
        const post = next();
        if (!post.ok || 'result' in post) {
          end();
          throw new Error(`The ${task} task ${post.ok ? 'answered instead of sending' : `failed on its thread: ${post.failure}`}.`);
        }
        return post.message;
      },
      send: (message) => {
        if (ended) return;
        port1.postMessage(message);
        Atomics.add(flag, SENT, 1);
        Atomics.notify(flag, SENT);
      },
      wait: () => {
        try {
          const post = next();
          if (!post.ok) throw new Error(`The ${task} task failed on its thread: ${post.failure}`);
          if (!('result' in post)) throw new Error(`The ${task} task sent a message nobody received.`);
          return post.result;
        } finally {
          end();
        }
      },
      stop: end,
    };
  }
}
