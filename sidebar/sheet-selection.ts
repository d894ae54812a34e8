/** Follows the selection in the Contacts sheet: every few seconds, while the sidebar is visible and no
 *  form holds unsaved typing, asks which contact's row is selected; a new one opens its card. A failed
 *  ask is retried less and less often, quietly (it is not something the person asked for). */

export interface SelectionFollowerDeps {
  activeContact(): Promise<{ id: string }>;
  /** document.visibilityState === 'visible'. */
  isVisible(): boolean;
  /** False while a form holds unsaved edits (or nothing should move the screen). */
  mayFollow(): boolean;
  open(id: string): void;
  setTimer?(fn: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
}

export interface SelectionFollower {
  /** The sidebar itself showed this contact: not a new selection. `selecting`: the call that selects
   *  its row in the sheet; until it settles answers are not trusted, and if it fails we no longer know
   *  what is selected. */
  seen(id: string, selecting?: Promise<unknown>): void;
  stop(): void;
  /** The wait before the next ask (for tests). */
  readonly delay: number;
}

export const POLL_MS = 2500;
export const MAX_POLL_MS = 60000;
/** While nothing changes, the asks space out up to this (each one is an Apps Script execution). */
export const IDLE_POLL_MS = 20000;

export function followSelection(deps: SelectionFollowerDeps, interval = POLL_MS, maxInterval = MAX_POLL_MS): SelectionFollower {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  /** null until the first answer: what was selected before the sidebar opened is not a new choice. */
  let last: string | null = null;
  let failures = 0;
  /** Changes when the sidebar itself moves the selection: an answer asked for before is stale. */
  let generation = 0;
  let pending = 0;
  let stopped = false;
  let timer: unknown = null;
  let delay = interval;
  /** Answers in a row that changed nothing: the next ask waits longer (back to `interval` on a change). */
  let quiet = 0;
  const idle = () => Math.min(Math.max(interval, IDLE_POLL_MS), interval * 2 ** Math.min(quiet, 6));

  function schedule(ms: number): void {
    if (stopped) return;
    delay = ms;
    timer = setTimer(() => void tick(), ms);
  }

  async function tick(): Promise<void> {
    timer = null;
    if (stopped) return;
    if (pending > 0 || !deps.isVisible() || !deps.mayFollow()) return schedule(interval);
    const asked = generation;
    try {
      const answer = await deps.activeContact();
      if (stopped) return;
      failures = 0;
      if (asked !== generation) return schedule(interval);
      const id = String(answer?.id ?? '');
      const previous = last;
      last = id;
      // The person may have started typing while we asked: never pull the screen from under them.
      if (previous !== null && id && id !== previous && deps.mayFollow()) deps.open(id);
      quiet = id === previous ? quiet + 1 : 0;
      schedule(idle());
    } catch {
      failures += 1;
      schedule(Math.min(maxInterval, interval * 2 ** failures));
    }
  }

  // The first ask comes at once: it only sets the starting point.
  schedule(0);
  return {
    seen(id: string, selecting?: Promise<unknown>) {
      generation += 1;
      last = id;
      quiet = 0;
      if (!selecting) return;
      pending += 1;
      selecting.then(
        () => {
          pending -= 1;
          generation += 1;
        },
        () => {
          pending -= 1;
          generation += 1;
          last = null;
        },
      );
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
    },
    get delay() {
      return delay;
    },
  };
}
