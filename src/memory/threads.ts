import type { Threads, ThreadTask, ThreadWork } from '../ports/threads';
import { THREAD_TASKS } from '../core/thread-tasks';

/** Threads for tests: each task works on the caller's thread when it is waited for, from structured
 *  copies of its input and of the messages sent to it, taken when they are given (what a worker
 *  receives: no object shared with the caller). A task that waits for a message its caller has not
 *  sent fails, as it would never be answered. `failing`: every task fails when waited for, as a worker
 *  that ran out of memory. `started` counts the tasks, for tests that work was handed over at all. */
export class SameThread implements Threads {
  started = 0;

  constructor(
    readonly helpers = 1,
    private readonly failing = false,
  ) {}

  start(task: ThreadTask, input: unknown): ThreadWork {
    this.started++;
    const copy = structuredClone(input) as never;
    const messages: unknown[] = [];
    let stopped = false;
    return {
      send: (message) => messages.push(structuredClone(message)),
      wait: () => {
        if (this.failing || stopped) throw new Error(`The ${task} task stopped.`);
        const receive = () => {
          if (messages.length === 0) throw new Error(`The ${task} task waits for a message that was never sent.`);
          return messages.shift();
        };
        return structuredClone(THREAD_TASKS[task](copy, receive));
      },
      stop: () => (stopped = true),
    };
  }
}
