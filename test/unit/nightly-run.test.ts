import { FixedClock, MemoryKeyValue } from '../../src/memory/services';
import { CONTINUE_AFTER_KILL_MS, CONTINUE_SOON_MS, NIGHTLY_BUDGET_MS, NIGHTLY_CURSOR_KEY, runNightly } from '../../src/services/nightly/nightly-run';

const STEPS = ['statuses', 'scores', 'segments', 'triggers', 'dashboard', 'index'];

/** Hooks that record what ran and what was scheduled; each step takes `minutes[step]` (default half a minute). */
function night(clock: FixedClock, minutes: Record<string, number> = {}, failing: string[] = []) {
  const ran: string[] = [];
  const scheduled: number[] = [];
  let done = false;
  const hooks = {
    run(step: string) {
      ran.push(step);
      clock.advance((minutes[step] ?? 0.5) * 60_000);
      return failing.includes(step) ? { ok: false as const, message: 'broke' } : { ok: true as const };
    },
    continueIn: (ms: number) => void scheduled.push(ms),
    finished: () => void (done = true),
  };
  return { ran, scheduled, hooks, done: () => done };
}

describe('the nightly run and its cursor', () => {
  it('a short night runs every step once, keeps a continuation only while it runs, and reports failures at the end', () => {
    const clock = new FixedClock(new Date('2026-12-03T02:00:00Z'));
    const props = new MemoryKeyValue();
    const n = night(clock, {}, ['scores']);
    const outcome = runNightly(STEPS, props, clock, n.hooks);
    expect(n.ran).toEqual(STEPS);
    expect(outcome).toEqual({ finished: true, failed: ['scores: broke'] });
    expect(n.scheduled).toEqual([CONTINUE_AFTER_KILL_MS]);
    expect(n.done()).toBe(true);
    expect(props.get(NIGHTLY_CURSOR_KEY)).toBeNull();
  });

  it('a night longer than one execution stops between steps and the continuation finishes it, each step once', () => {
    const clock = new FixedClock(new Date('2026-12-03T02:00:00Z'));
    const props = new MemoryKeyValue();
    const first = night(clock, { statuses: 2, scores: 1.5, segments: 1.5 }, ['statuses']);
    expect(runNightly(STEPS, props, clock, first.hooks)).toEqual({ finished: false, next: 'triggers' });
    expect(first.ran).toEqual(['statuses', 'scores', 'segments']);
    expect(first.scheduled).toEqual([CONTINUE_AFTER_KILL_MS, CONTINUE_SOON_MS]);
    expect(first.done()).toBe(false);

    clock.advance(CONTINUE_SOON_MS);
    const second = night(clock);
    // The failure of the first execution is still reported when the night ends.
    expect(runNightly(STEPS, props, clock, second.hooks)).toEqual({ finished: true, failed: ['statuses: broke'] });
    expect(second.ran).toEqual(['triggers', 'dashboard', 'index']);
  });

  it('a step Google stopped is run again by the continuation; stopped twice, it is given up and reported', () => {
    const clock = new FixedClock(new Date('2026-12-03T02:00:00Z'));
    const props = new MemoryKeyValue();
    // Google stops the execution in the middle of "segments" (the step never returns).
    const killed = night(clock);
    killed.hooks.run = (step: string) => {
      killed.ran.push(step);
      if (step === 'segments') throw new Error('Exceeded maximum execution time');
      return { ok: true };
    };
    expect(() => runNightly(STEPS, props, clock, killed.hooks)).toThrow(/maximum execution time/);
    expect(killed.scheduled).toEqual([CONTINUE_AFTER_KILL_MS]); // the continuation was set before any step

    clock.advance(CONTINUE_AFTER_KILL_MS);
    expect(() => runNightly(STEPS, props, clock, killed.hooks)).toThrow();
    expect(killed.ran).toEqual(['statuses', 'scores', 'segments', 'segments']);

    clock.advance(CONTINUE_AFTER_KILL_MS);
    const last = night(clock);
    const outcome = runNightly(STEPS, props, clock, last.hooks);
    expect(last.ran).toEqual(['triggers', 'dashboard', 'index']);
    expect(outcome).toEqual({ finished: true, failed: [expect.stringContaining('segments: stopped by Google')] });
  });

  it('a cursor left from another night, or edited by hand, starts the night over', () => {
    const clock = new FixedClock(new Date('2026-12-03T02:00:00Z'));
    const props = new MemoryKeyValue();
    props.set(NIGHTLY_CURSOR_KEY, JSON.stringify({ day: '2026-12-02', next: 4, attempts: 0, failed: ['old'] }));
    const n = night(clock);
    expect(runNightly(STEPS, props, clock, n.hooks)).toEqual({ finished: true, failed: [] });
    expect(n.ran).toEqual(STEPS);
    props.set(NIGHTLY_CURSOR_KEY, '{ not json');
    const again = night(clock);
    runNightly(STEPS, props, clock, again.hooks);
    expect(again.ran).toEqual(STEPS);
    expect(NIGHTLY_BUDGET_MS).toBeLessThan(6 * 60_000);
  });
});
