/** LockService: locks always succeed unless the fakes were set busy (another execution holds them). */
import { FakeContext, gasError } from './context';

export function createLockService(ctx: FakeContext): any {
  const makeLock = () => {
    let held = false;
    return {
      tryLock(_timeoutInMillis: number): boolean {
        if (held) return true;
        if (ctx.lockBusy) return false;
        held = true;
        return true;
      },
      waitLock(_timeoutInMillis: number): void {
        if (held) return;
        if (ctx.lockBusy) throw gasError(ctx, 'Lock timeout: another process was holding the lock for too long.');
        held = true;
      },
      releaseLock(): void {
        held = false;
      },
      hasLock(): boolean {
        return held;
      },
    };
  };
  return {
    // No document in a web app: no document lock (null, as for a standalone script).
    getDocumentLock: () => (ctx.webApp ? null : makeLock()),
    getScriptLock: makeLock,
    getUserLock: makeLock,
  };
}
