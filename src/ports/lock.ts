/** The document lock every mutation runs under. */
export interface Lock {
  /** Waits up to `timeoutMs` for the lock; false when someone else kept it that long. */
  tryAcquire(timeoutMs: number): boolean;
  release(): void;
}
