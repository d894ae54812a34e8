/** The one way a component calls the server: what it reads (with loading and a refusal in words), and
 *  what it changes (busy while it saves, the refusal, and the confirmation line with Undo). */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorText, t } from '../i18n';
import type { Changed } from '../server';
import { confirmChange } from '../undo-bar';

export interface Read<T> {
  data: T | null;
  loading: boolean;
  /** The refusal or the failure, in the person's words ('' when none). */
  error: string;
  /** Asks again (a later answer replaces an earlier one; an answer that comes late is dropped). */
  reload(): Promise<void>;
  /** Changes what is shown without asking (an item a change took away). */
  set(data: T): void;
}

/** Reads with `ask` when the component appears, again on reload(), and again each time `again`
 *  changes after that (a tab shown again: its `asked` count). */
export function useRead<T>(ask: () => Promise<T>, again?: unknown): Read<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const seq = useRef(0);
  const asking = useRef(ask);
  asking.current = ask;
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const answer = await asking.current();
      if (mine !== seq.current) return;
      setData(answer);
      setError('');
    } catch (e) {
      if (mine !== seq.current) return;
      setError(errorText(e));
    }
    setLoading(false);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  useAgain(again, () => void reload());
  return { data, loading, error, reload, set: setData };
}

/** Runs `fn` each time `again` changes after the first render (a tab shown again). */
export function useAgain(again: unknown, fn: () => void): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else fn();
  }, [again]);
}

export interface Change {
  /** What is being changed ('' when nothing): its key, for the button to show it is busy. */
  busy: string;
  error: string;
  /** Runs a change once at a time; on success says `said` with Undo (then `onUndone`). Answers ''
   *  when it was done, else what went wrong, in words. */
  run<T>(key: string, change: () => Promise<Changed<T>>, said: (data: T) => string, after?: (data: T) => void, onUndone?: () => void): Promise<string>;
}

export function useChange(): Change {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const running = useRef(false);
  const run = useCallback(async <T>(key: string, change: () => Promise<Changed<T>>, said: (data: T) => string, after?: (data: T) => void, onUndone?: () => void) => {
    if (running.current) return t('common.saving');
    running.current = true;
    setBusy(key);
    setError('');
    try {
      const answer = await change();
      after?.(answer.data);
      confirmChange(said(answer.data), answer.undo, onUndone);
      return '';
    } catch (e) {
      const said = errorText(e);
      setError(said);
      return said;
    } finally {
      running.current = false;
      setBusy('');
    }
  }, []);
  return { busy, error, run };
}

export interface Act {
  /** What is being done ('' when nothing): its key, for its button to show it is busy. */
  busy: string;
  /** What the last action said it did, or '' (shown as a notice). */
  notice: string;
  /** What went wrong with the last action, in the person's words, or ''. */
  error: string;
  /** Runs one action at a time: `work` answers the sentence that says what it did; then `after`
   *  (the lists read again). A second action while one runs is ignored. */
  run(key: string, work: () => Promise<string>): Promise<void>;
  /** Forgets what the last action said (the tab shown again says what it brings instead). */
  reset(): void;
}

/** For changes that have no Undo (settings, sending): busy while it runs, then what it did or what
 *  went wrong. */
export function useAct(after?: () => Promise<unknown>): Act {
  const [busy, setBusy] = useState('');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const running = useRef(false);
  const afterRef = useRef(after);
  afterRef.current = after;
  const run = useCallback(async (key: string, work: () => Promise<string>) => {
    if (running.current) return;
    running.current = true;
    setBusy(key);
    setError('');
    setNotice('');
    try {
      setNotice(await work());
    } catch (e) {
      setError(errorText(e));
    }
    running.current = false;
    setBusy('');
    await afterRef.current?.();
  }, []);
  const reset = useCallback(() => {
    setNotice('');
    setError('');
  }, []);
  return { busy, notice, error, run, reset };
}
