import { todayIn } from '../../core/dates';
import type { Clock, KeyValue } from '../../ports';

/** Where a night's run is: the day it belongs to, the next step, how many times that step was started
 *  (Google stops an execution at 6 minutes, without a word), and the steps that failed. */
interface Cursor {
  day: string;
  next: number;
  attempts: number;
  failed: string[];
}

export const NIGHTLY_CURSOR_KEY = 'nightly.cursor';

/** Time a run gives itself before it stops and lets its continuation go on (Google allows 6 minutes). */
export const NIGHTLY_BUDGET_MS = 4.5 * 60 * 1000;
/** How soon a run that stopped on its own is continued, and how soon one Google stopped is. */
export const CONTINUE_SOON_MS = 60 * 1000;
export const CONTINUE_AFTER_KILL_MS = 7 * 60 * 1000;
/** A step stopped this many times by the time limit is given up for the night (and reported). */
const MAX_ATTEMPTS = 2;

export interface NightlyHooks {
  /** Runs one step; a failure is reported, not thrown. */
  run(step: string): { ok: true } | { ok: false; message: string };
  /** Makes sure the run is continued in `ms` (one continuation at most: a new one replaces the old). */
  continueIn(ms: number): void;
  /** No continuation is needed any more. */
  finished(): void;
}

export type NightlyOutcome = { finished: true; failed: string[] } | { finished: false; next: string };

/** The nightly steps, resumed from where the last execution of the same night stopped, so that a
 *  night that outgrows one execution is finished by the next rather than cut short. Before the first
 *  step a continuation is scheduled, in case Google stops this execution; a step that was stopped
 *  twice is given up and reported; past the budget the run stops between steps and is continued a
 *  minute later. The cursor lives in the document's properties. */
export function runNightly(steps: string[], properties: KeyValue, clock: Clock, hooks: NightlyHooks, budgetMs = NIGHTLY_BUDGET_MS): NightlyOutcome {
  const start = clock.now().getTime();
  const day = todayIn(clock.now(), clock.timeZone());
  const cursor = readCursor(properties, day);
  const save = () => properties.set(NIGHTLY_CURSOR_KEY, JSON.stringify(cursor));
  hooks.continueIn(CONTINUE_AFTER_KILL_MS);
  while (cursor.next < steps.length) {
    const step = steps[cursor.next];
    if (cursor.attempts >= MAX_ATTEMPTS) {
      cursor.failed.push(`${step}: stopped by Google's time limit ${MAX_ATTEMPTS} times`);
      cursor.next++;
      cursor.attempts = 0;
      save();
      continue;
    }
    if (clock.now().getTime() - start > budgetMs) {
      save();
      hooks.continueIn(CONTINUE_SOON_MS);
      return { finished: false, next: step };
    }
    cursor.attempts++;
    save();
    const answer = hooks.run(step);
    if (!answer.ok) cursor.failed.push(`${step}: ${answer.message}`);
    cursor.next++;
    cursor.attempts = 0;
    save();
  }
  properties.delete(NIGHTLY_CURSOR_KEY);
  hooks.finished();
  return { finished: true, failed: cursor.failed };
}

function readCursor(properties: KeyValue, day: string): Cursor {
  try {
    const saved = JSON.parse(properties.get(NIGHTLY_CURSOR_KEY) ?? 'null') as Partial<Cursor> | null;
    if (saved && saved.day === day && Number.isInteger(saved.next) && saved.next! >= 0) {
      return { day, next: saved.next!, attempts: Number(saved.attempts) || 0, failed: Array.isArray(saved.failed) ? saved.failed.map(String) : [] };
    }
  } catch {
    // A cursor edited by hand: the night starts over.
  }
  return { day, next: 0, attempts: 0, failed: [] };
}
