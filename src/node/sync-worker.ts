import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** What a worker answered: `ok`, or a refusal with its message and a code (PostgreSQL's SQLSTATE, an
 *  HTTP status). */
export interface WorkerAnswer {
  ok: boolean;
  message?: string;
  code?: string;
  [key: string]: unknown;
}

/** A refusal from the worker, or no answer in time. */
export class WorkerError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Asynchronous Node libraries (`pg`, Google's API client) for code that cannot wait asynchronously:
 *  every service of the CRM, written for Apps Script. The library runs in a worker thread; each call
 *  posts a message and waits for the answer with Atomics.wait, a fraction of a millisecond more than
 *  the work itself. `source`: the worker's plain JavaScript, evaluated there (no second file to build
 *  or find), which answers each message with `answer(...)` (defined for it, see PRELUDE). */
export class SyncWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [0]: 1 once an answer is posted; [1]: the worker's heartbeat, counted up every second. */
  private readonly flag = new Int32Array(new SharedArrayBuffer(8));
  private closed = false;

  constructor(
    source: string,
    workerData: Record<string, unknown>,
    private readonly heartbeatLostMs = HEARTBEAT_LOST_MS,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(PRELUDE + source, { eval: true, workerData: { ...workerData, port: port2, flag: this.flag }, transferList: [port2] });
    this.worker.unref();
    this.port.unref();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Posts `message` and waits up to `waitMs` for the answer; a refusal throws a WorkerError. */
  call(message: Record<string, unknown>, waitMs: number): WorkerAnswer {
    if (this.closed) throw new WorkerError('The connection is closed.', 'closed');
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(message);
    const deadline = Date.now() + waitMs;
    let beat = Atomics.load(this.flag, 1);
    let beatAt = Date.now();
    for (;;) {
      Atomics.wait(this.flag, 0, 0, Math.max(1, Math.min(deadline - Date.now(), 1000)));
      const received = receiveMessageOnPort(this.port);
      if (received) {
        const answer = received.message as WorkerAnswer;
        if (!answer.ok) throw new WorkerError(String(answer.message ?? ''), String(answer.code ?? ''));
        return answer;
      }
      const now = Date.now();
      if (now >= deadline) throw new WorkerError(`No answer within ${Math.round(waitMs / 1000)} s.`, 'timeout');
      // A worker that stopped (it crashed, or ran out of memory) never answers: said at once, not
      // after the whole wait.
      const current = Atomics.load(this.flag, 1);
      if (current !== beat) [beat, beatAt] = [current, now];
      else if (now - beatAt > this.heartbeatLostMs) {
        this.close();
        throw new WorkerError('The connection stopped (its worker thread ended).', 'stopped');
      }
    }
  }

  close(): void {
    this.closed = true;
    void this.worker.terminate();
  }
}

/** Silence from a worker's heartbeat for this long means it has stopped. */
const HEARTBEAT_LOST_MS = 30_000;

/** What every worker script starts with: its data, its heartbeat, and `answer`, which posts and wakes
 *  the caller. */
const PRELUDE = `
const { workerData } = require('node:worker_threads');
const { port, flag } = workerData;
setInterval(() => Atomics.add(flag, 1, 1), 1000).unref();
const answer = (message) => {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
};
`;
