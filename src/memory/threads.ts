import type { Threads, ThreadTask, ThreadWork } from '../ports/threads';
import { THREAD_TASKS } from '../core/thread-tasks';

/** Threads for tests: each task works on the caller's thread, step by step as the caller receives,
 *  replies and waits, from structured copies of its input and of the replies, taken when they are
 *  given (what a worker receives: no object shared with the caller). A caller that waits for the
 *  answer before replying, or replies before receiving, gets the error a worker would leave it with.
 *  `failing`: every task fails, as a worker that ran out of memory. `started` counts the tasks, for
 *  tests that work was handed over at all. */
export class SameThread implements Threads {
  started = 0;

  constructor(
    readonly helpers = 1,
    private readonly failing = false,
  ) {}

  start(task: ThreadTask, input: unknown): ThreadWork {
    this.started++;
    const steps = THREAD_TASKS[task](structuredClone(input) as never) as Generator<unknown, unknown, unknown>;
    let reply: { message: unknown } | undefined;
    let received = false;
    let stopped = false;
    const check = () => {
      if (this.failing || stopped) throw new Error(`The ${task} task stopped.`);
    };
    return {
      receive: () => {
        check();
        const step = received ? steps.next(reply?.message) : steps.next();
        if (step.done) throw new Error(`The ${task} task answered instead of sending.`);
        [received, reply] = [true, undefined];
        return structuredClone(step.value);
      },
      send: (message) => (reply = { message: structuredClone(message) }),
      wait: () => {
        check();
        if (received && !reply) throw new Error(`The ${task} task waits for a reply that was never sent.`);
        const step = received ? steps.next(reply!.message) : steps.next();
        if (!step.done) throw new Error(`The ${task} task sent a message nobody received.`);
        return structuredClone(step.value);
      },
      stop: () => (stopped = true),
    };
  }
}
