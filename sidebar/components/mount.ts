/** A Preact component as one of the sidebar's views (navigation.ts shows views). The component keeps
 *  its own root element, so that another view drawn in between does not confuse Preact's diff; drawn
 *  again, it comes back with its state, and the focus and the caret where they were. */
import { render, type ComponentChild } from 'preact';
import type { View } from '../session';

export function componentView(host: HTMLElement, view: () => ComponentChild): View {
  const root = document.createElement('div');
  return {
    render() {
      if (root.parentNode !== host) host.replaceChildren(root);
      render(view(), root);
    },
  };
}

/** How a tab is shown: `asked` counts the times it was shown again (its lists then asked again),
 *  `notice` is the message it came back with (from a card: "Saved."), and the component says in
 *  `unsaved` whether it holds something typed and not saved. */
export interface Shown {
  asked: number;
  notice: string | undefined;
  unsaved: { now: boolean };
}

export interface ShownTab extends View {
  refresh(notice?: string): void;
  hasUnsavedEdits(): boolean;
}

/** A tab whose component keeps its state while other tabs are shown, and hears when it is shown again. */
export function shownTab(host: HTMLElement, view: (shown: Shown) => ComponentChild): ShownTab {
  const shown: Shown = { asked: 0, notice: undefined, unsaved: { now: false } };
  const screen = componentView(host, () => view({ ...shown }));
  return {
    render: () => screen.render(),
    refresh(message?: string) {
      shown.notice = message;
      shown.asked++;
    },
    hasUnsavedEdits: () => shown.unsaved.now,
  };
}

/** A tab whose component starts afresh each time the tab is shown again (its lists asked again): the
 *  Inbox, Newsletter and Database tabs. */
export interface TabScreen extends View {
  refresh(): void;
}

export function tabScreen(host: HTMLElement, view: (shown: number) => ComponentChild): TabScreen {
  let shown = 0;
  const screen = componentView(host, () => view(shown));
  return {
    render: () => screen.render(),
    refresh() {
      shown++;
    },
  };
}
