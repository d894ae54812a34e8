import type { ThreadTask } from '../core/thread-tasks';

/** Work shared with other threads, where the runtime has them. In Node: worker threads
 *  (src/node/threads.ts), one fewer than the machine's cores, at most three. Apps Script runs one
 *  thread per execution and has no port: its work stays on that thread. In tests: a double that works
 *  each task on the caller's thread from a copy of its input, as a worker receives it
 *  (src/memory/threads.ts). The tasks themselves are in src/core/thread-tasks.ts. */

export type { ThreadTask };

/** A task started on another thread. A task (src/core/thread-tasks.ts) is a generator: each value it
 *  yields is a message the caller receives, and it is resumed with the caller's next message (a reply,
 *  or what the caller sent meanwhile, in the order sent); it yields `undefined` to take the caller's
 *  next message without sending one (contacts sent as they are read). At last the caller waits for its
 *  answer. */
export interface ThreadWork {
  /** Waits for the task's next message; throws when it failed, answered instead, or stopped answering. */
  receive(): unknown;
  /** Sends the task a message (plain data, copied): a reply to the message received, or any time,
   *  queued until the task takes it. */
  send(message: unknown): void;
  /** Waits for the task's answer; throws when it failed or stopped answering. Called once. */
  wait(): unknown;
  /** Ends the task without its answer (the caller failed before waiting). */
  stop(): void;
}

export interface Threads {
  /** How many threads besides the caller's may work at once (0: none). */
  readonly helpers: number;
  /** Starts `task` on another thread with a copy of `input` (plain data: text, numbers, arrays, typed
   *  arrays, objects, sets). */
  start(task: ThreadTask, input: unknown): ThreadWork;
}
