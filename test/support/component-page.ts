/** The sidebar's components in jsdom's page (a test file marked `@jest-environment jsdom`), their
 *  calls answered by the real CRM in memory through a google.script.run that answers later, as Google
 *  does. Preact runs effects at the next animation frame; here at the next turn, so that `settle()`
 *  can wait for what the page shows without waiting a fixed time. */
import { options } from 'preact';
import { callAction } from '../../src/api/call';
import type { MemoryRuntime } from '../../src/memory/services';

export function useComponentPage(): void {
  const saved = options.requestAnimationFrame;
  beforeAll(() => {
    options.requestAnimationFrame = (callback) => setTimeout(callback, 0);
  });
  afterAll(() => {
    options.requestAnimationFrame = saved;
    delete (globalThis as { google?: unknown }).google;
  });
}

export interface ServedPage {
  /** The actions the page called, in order. */
  calls: string[];
  /** Waits until no answer is on its way and the page has drawn what came (every effect run). */
  settle(): Promise<void>;
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

/** google.script.run answered by callAction over `rt`; `rewrite` may change an answer. */
export function serveFrom(rt: MemoryRuntime, rewrite: (action: string, answer: any) => any = (_a, answer) => answer): ServedPage {
  const calls: string[] = [];
  let waiting = 0;
  const runner = (success: (v: unknown) => void = () => {}, failure: (e: unknown) => void = () => {}): unknown =>
    new Proxy(
      {},
      {
        get(_target, name: string) {
          if (name === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn, failure);
          if (name === 'withFailureHandler') return (fn: (e: unknown) => void) => runner(success, fn);
          return (input: unknown, language?: string) => {
            calls.push(name);
            const answer = rewrite(name, callAction(rt, name, input, language));
            waiting++;
            setTimeout(() => {
              waiting--;
              success(answer);
            }, 0);
          };
        },
      },
    );
  (globalThis as { google?: unknown }).google = { script: { run: runner() } };
  return {
    calls,
    async settle() {
      // Quiet for a few turns in a row: the answers came, the renders and the effects they caused ran.
      for (let quiet = 0, turns = 0; quiet < 3; turns++) {
        if (turns > 10000) throw new Error('the page never settled');
        await turn();
        quiet = waiting ? 0 : quiet + 1;
      }
    },
  };
}

/** The elements of the page marked `data-testid="id"`, in order. */
export function byTestid<T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T[] {
  return Array.from(root.querySelectorAll<T>(`[data-testid="${id}"]`));
}

/** The first element marked `data-testid="id"` (an input unless said otherwise). */
export function one<T extends HTMLElement = HTMLInputElement>(root: ParentNode, id: string): T {
  return byTestid<T>(root, id)[0];
}
