import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { THREAD_TASKS } from '../core/thread-tasks';
import type { ThreadTask } from '../ports/threads';
import { POSTED, SENT } from './threads';

/** One task on a worker thread (see threads.ts): each message the task yields is posted (nothing for
 *  `undefined`) and the caller's next message waited for, then its answer is posted. Each post raises
 *  the count the caller waits on; typed arrays are moved, not copied. */
const { task, input, port, flag } = workerData as { task: ThreadTask; input: never; port: MessagePort; flag: Int32Array };

/** How long the task waits for a reply from its caller before giving up (the caller failed). */
const REPLY_WAIT_MS = 30 * 60_000;

let replies = 0;
function reply(): unknown {
  const deadline = Date.now() + REPLY_WAIT_MS;
  for (;;) {
    const received = receiveMessageOnPort(port);
    if (received) {
      replies++;
      return received.message;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new Error('no reply from the caller');
    Atomics.wait(flag, SENT, replies, Math.min(left, 1000));
  }
}

function movable(value: unknown): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) return value.buffer instanceof ArrayBuffer ? [value.buffer] : [];
  if (!value || typeof value !== 'object') return [];
  return Object.values(value).flatMap((v) => (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer ? [v.buffer] : []));
}

function post(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(flag, POSTED, 1);
  Atomics.notify(flag, POSTED);
}

try {
  const work = THREAD_TASKS[task];
  if (!work) throw new Error(`no task named ${String(task)}`);
  const steps = work(input) as Generator<unknown, unknown, unknown>;
  let step = steps.next();
  while (!step.done) {
    if (step.value !== undefined) post({ ok: true, message: step.value }, movable(step.value));
    step = steps.next(reply());
  }
  post({ ok: true, result: step.value }, movable(step.value));
} catch (error) {
  post({ ok: false, failure: (error as Error).message });
}
