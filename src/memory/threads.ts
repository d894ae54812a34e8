import type { Threads, ThreadTask, ThreadWork } from '../ports/threads';
import { THREAD_TASKS } from '../core/thread-tasks';

/** Threads for tests: each task works on the caller's thread, step by step as the caller receives and
 *  waits, from structured copies of its input and of the messages sent, taken when they are sent (what
 *  a worker receives: no object shared with the caller). Messages sent wait in order until the task
 *  takes them. A caller that waits for a message or the answer while the task waits for a message
 *  never sent, or waits for the answer while the task sends a message, gets the error a worker would
 *  leave it with. `failing`: every task fails, as a worker that ran out of memory. `started` counts the
 *  tasks, for tests that work was handed over at all. */
export class SameThread implements Threads {
  started = 0;

  constructor(
    readonly helpers = 1,
    private readonly failing = false,
  ) {}

  start(task: ThreadTask, input: unknown): ThreadWork {
    this.started++;
    const steps = THREAD_TASKS[task](structuredClone(input) as never) as Generator<unknown, unknown, unknown>;
    const sent: unknown[] = [];
    let begun = false;
    let stopped = false;
    const check = () => {
      if (this.failing || stopped) throw new Error(`The ${task} task stopped.`);
    };
    /** The task worked until it sends a message or answers: each time it takes a message, the next sent. */
    const advance = (): IteratorResult<unknown, unknown> => {
      check();
      for (;;) {
        if (begun && !sent.length) throw new Error(`The ${task} task waits for a message that was never sent.`);
        const step = begun ? steps.next(sent.shift()) : steps.next();
        begun = true;
        if (step.done || step.value !== undefined) return step;
      }
    };
    return {
      receive: () => {
        const step = advance();
        if (step.done) throw new Error(`The ${task} task answered instead of sending.`);
        return structuredClone(step.value);
      },
      send: (message) => void sent.push(structuredClone(message)),
      wait: () => {
        const step = advance();
        if (!step.done) throw new Error(`The ${task} task sent a message nobody received.`);
        return structuredClone(step.value);
      },
      stop: () => (stopped = true),
    };
  }
}
