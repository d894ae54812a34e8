/** The document lock every mutation runs under. */
export interface Lock {
  /** Waits up to `timeoutMs` for the lock; false when someone else kept it that long. */
  tryAcquire(timeoutMs: number): boolean;
  release(): void;
}

/** How long a mutation waits for another one to finish before saying "busy, try again". */
export const LOCK_WAIT_MS = 10000;
