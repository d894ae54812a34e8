import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { THREAD_TASKS } from '../core/thread-tasks';
import type { ThreadTask } from '../ports/threads';
import { ANSWERED, SENT } from './threads';

/** One task on a worker thread (see threads.ts): its answer posted, then the flag the caller waits on
 *  raised. Typed arrays in the answer are moved, not copied. */
const { task, input, port, flag } = workerData as { task: ThreadTask; input: never; port: MessagePort; flag: Int32Array };

/** How long the task waits for a message from its caller before giving up (the caller failed). */
const MESSAGE_WAIT_MS = 30 * 60_000;

let seen = 0;
function receive(): unknown {
  const deadline = Date.now() + MESSAGE_WAIT_MS;
  for (;;) {
    const received = receiveMessageOnPort(port);
    if (received) {
      seen++;
      return received.message;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new Error('no message from the caller');
    Atomics.wait(flag, SENT, seen, Math.min(left, 1000));
  }
}

function movable(value: unknown): ArrayBuffer[] {
  if (!value || typeof value !== 'object') return [];
  return Object.values(value).flatMap((v) => (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer ? [v.buffer] : []));
}

try {
  const work = THREAD_TASKS[task];
  if (!work) throw new Error(`no task named ${String(task)}`);
  const result = work(input, receive);
  port.postMessage({ ok: true, result }, movable(result));
} catch (error) {
  port.postMessage({ ok: false, message: (error as Error).message });
} finally {
  Atomics.store(flag, ANSWERED, 1);
  Atomics.notify(flag, ANSWERED);
}
