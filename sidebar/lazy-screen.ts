/** A tab whose code is a part of the sidebar (parts.ts): "Loading…" until the part is here, then the
 *  tab itself, with what was asked of it meanwhile (shown again with a notice, a dashboard number's
 *  query, a search as a mailing's audience) done in order. A part that cannot be had says why, with
 *  Try again. */
import { errorText } from './i18n';
import type { View } from './session';
import { loadingView, problemView } from './views/status';

/** A tab's screen: drawn, and asked for its list again when shown (with the message it brings). */
export interface TabView extends View {
  refresh(notice?: string): void;
}

export interface LazyScreen<T extends TabView> extends TabView {
  /** Runs `fn` with the tab once its part is here (at once when it is), after every earlier request. */
  whenReady(fn: (screen: T) => void): void;
}

/** `make`: the tab, once its part is here. `drawn`: the part came (or failed), draw again if this
 *  screen is still the one shown. */
export function lazyScreen<T extends TabView>(host: HTMLElement, make: () => Promise<T>, drawn: (screen: LazyScreen<T>) => void): LazyScreen<T> {
  let screen: T | null = null;
  let failure: unknown = null;
  /** What was asked before the part came, in order. */
  let waiting: ((screen: T) => void)[] = [];

  const start = () => {
    failure = null;
    make().then(
      (made) => {
        screen = made;
        const asked = waiting;
        waiting = [];
        for (const fn of asked) fn(made);
        drawn(self);
      },
      (error: unknown) => {
        failure = error;
        drawn(self);
      },
    );
  };

  const self: LazyScreen<T> = {
    render() {
      if (screen) screen.render();
      else if (failure) problemView(host, errorText(failure), retry).render();
      else loadingView(host).render();
    },
    refresh(notice?: string) {
      self.whenReady((made) => made.refresh(notice));
    },
    hasUnsavedEdits: () => screen?.hasUnsavedEdits?.() ?? false,
    whenReady(fn) {
      if (screen) fn(screen);
      else waiting.push(fn);
    },
  };
  const retry = () => {
    start();
    self.render();
  };
  start();
  return self;
}
