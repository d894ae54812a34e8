/** Following the row selected in the Contacts sheet: a new selection opens its card, never while the
 *  person types or the sidebar is hidden, and a failing server is asked less and less often. */
import { followSelection, IDLE_POLL_MS, MAX_POLL_MS, POLL_MS, SelectionFollowerDeps } from '../../sidebar/sheet-selection';

/** Timers run by hand, and the server's answers queued by the test. */
function harness(answers: (string | Error | Promise<string>)[]) {
  const timers: { fn: () => void; ms: number }[] = [];
  const opened: string[] = [];
  const state = { visible: true, typing: false, asked: 0 };
  const deps: SelectionFollowerDeps = {
    activeContact: async () => {
      state.asked += 1;
      const next = await (answers.shift() ?? '');
      if (next instanceof Error) throw next;
      return { id: next };
    },
    isVisible: () => state.visible,
    mayFollow: () => !state.typing,
    open: (id) => opened.push(id),
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    clearTimer: () => {},
  };
  /** Runs the next timer and lets its answer arrive; returns its delay. */
  const step = async () => {
    const timer = timers.shift();
    if (!timer) throw new Error('nothing scheduled');
    timer.fn();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    return timer.ms;
  };
  return { deps, opened, state, step, timers };
}

describe('following the sheet selection', () => {
  it('takes the first answer as the starting point, then opens each new selection once', async () => {
    const { deps, opened, step } = harness(['con_A', 'con_A', 'con_B', 'con_B', '', 'con_B']);
    followSelection(deps);
    expect(await step()).toBe(0);
    expect(opened).toEqual([]);
    expect(await step()).toBe(POLL_MS);
    expect(opened).toEqual([]);
    await step();
    expect(opened).toEqual(['con_B']);
    await step();
    await step(); // header row: nothing to open
    await step(); // back on B after leaving it: a new selection
    expect(opened).toEqual(['con_B', 'con_B']);
  });

  it('asks less and less often while nothing changes, and at the normal pace again after a change', async () => {
    const { deps, opened, step } = harness(['con_A', ...Array(8).fill('con_A'), 'con_B', 'con_B']);
    followSelection(deps);
    await step(); // the starting point
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) delays.push(await step());
    // Each ask that saw the same row waits twice as long, up to IDLE_POLL_MS.
    expect(delays.slice(0, 5)).toEqual([POLL_MS, 2 * POLL_MS, 4 * POLL_MS, IDLE_POLL_MS, IDLE_POLL_MS]);
    expect(opened).toEqual(['con_B']);
    // The answer that brought B was quick to come again after it.
    expect(await step()).toBe(POLL_MS);
  });

  it('does not ask while the sidebar is hidden or a form holds unsaved typing', async () => {
    const { deps, opened, state, step } = harness(['', 'con_A', 'con_B']);
    followSelection(deps);
    await step();
    state.visible = false;
    await step();
    state.visible = true;
    state.typing = true;
    await step();
    expect(state.asked).toBe(1);
    state.typing = false;
    await step();
    expect(opened).toEqual(['con_A']);
  });

  it('does not reopen a contact the sidebar itself showed, nor trust answers until its row is selected', async () => {
    // An ask already on its way when the person opens B in the sidebar: its answer (A) is stale.
    let late!: (id: string) => void;
    const onItsWay = new Promise<string>((resolve) => (late = resolve));
    const { deps, opened, step, state } = harness(['', onItsWay, 'con_B', 'con_B']);
    const follower = followSelection(deps);
    await step();
    await step();
    let selected!: () => void;
    follower.seen('con_B', new Promise<void>((resolve) => (selected = resolve)));
    late('con_A');
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(opened).toEqual([]);
    await step(); // the row is being selected: nothing asked meanwhile
    expect(state.asked).toBe(2);
    selected();
    await Promise.resolve();
    await step(); // B: already shown
    await step();
    expect(state.asked).toBe(4);
    expect(opened).toEqual([]);
  });

  it('starts afresh when selecting the row failed', async () => {
    const { deps, opened, step } = harness(['con_A', 'con_A', 'con_C']);
    const follower = followSelection(deps);
    await step();
    follower.seen('con_B', Promise.reject(new Error('not found')));
    await Promise.resolve();
    await Promise.resolve();
    await step(); // con_A: the starting point again, not a new selection
    expect(opened).toEqual([]);
    await step();
    expect(opened).toEqual(['con_C']);
  });

  it('backs off quietly when the server fails, and comes back to the normal pace', async () => {
    const failure = new Error('HTTP 500');
    const { deps, step } = harness(['', failure, failure, failure, failure, failure, failure, failure, 'con_A']);
    followSelection(deps);
    await step();
    const delays = [];
    for (let i = 0; i < 8; i++) delays.push(await step());
    expect(delays).toEqual([POLL_MS, 2 * POLL_MS, 4 * POLL_MS, 8 * POLL_MS, 16 * POLL_MS, MAX_POLL_MS, MAX_POLL_MS, MAX_POLL_MS]);
    expect(await step()).toBe(POLL_MS);
  });

  it('stops', async () => {
    const { deps, step, timers } = harness(['', 'con_A']);
    const follower = followSelection(deps);
    await step();
    follower.stop();
    await step();
    expect(timers).toHaveLength(0);
  });
});
