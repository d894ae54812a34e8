/** The one place a change says it is done: a short line at the foot of the sidebar ("Renewed until
 *  31 Dec 2026.") with Undo when the server gave a way back. Every view shows its confirmations here,
 *  so Undo looks and works the same everywhere. Undo asks the server to put the change back
 *  (undoChange), then `onUndone` redraws what changed; a refusal (someone changed the record since)
 *  shows in the same line, in the person's language. */
import { fill, h } from './dom';
import { errorText, t } from './i18n';
import { call } from './server';

/** How long a confirmation stays (longer while the pointer or the focus is on it). */
export const NOTICE_MS = 10000;

let bar: HTMLElement | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let shown = 0;

function host(): HTMLElement {
  if (bar && bar.isConnected) return bar;
  bar = h('div', { class: 'undo-bar', role: 'status', 'aria-live': 'polite', 'data-testid': 'undo-bar', hidden: true });
  bar.addEventListener('mouseenter', () => clearTimeout(timer));
  bar.addEventListener('focusin', () => clearTimeout(timer));
  bar.addEventListener('mouseleave', () => later(shown));
  document.body.appendChild(bar);
  return bar;
}

function later(which: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (which === shown) hideNotice();
  }, NOTICE_MS);
}

export function hideNotice(): void {
  clearTimeout(timer);
  if (bar) {
    bar.hidden = true;
    fill(bar);
  }
}

/** Says a change is done; with `undo`, offers to put it back. */
export function confirmChange(message: string, undo?: string, onUndone?: () => void): void {
  const which = ++shown;
  const root = host();
  const close = h('button', { type: 'button', class: 'link', 'data-testid': 'undo-bar-close', 'aria-label': t('edit.close'), onclick: hideNotice }, '×');
  const undoButton =
    undo &&
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        'data-testid': 'undo',
        onclick: async (e: Event) => {
          const button = e.currentTarget as HTMLButtonElement;
          button.disabled = true;
          button.textContent = t('edit.undoing');
          try {
            await call('undoChange', { change: undo });
            if (which !== shown) return;
            say(t('edit.undone'));
            onUndone?.();
          } catch (error) {
            if (which === shown) say(errorText(error), true);
          }
        },
      },
      t('edit.undo'),
    );
  const say = (text: string, failed = false) => {
    fill(root, h('span', { class: failed ? 'undo-text error-text' : 'undo-text', 'data-testid': failed ? 'undo-error' : 'undo-message' }, text), close);
    root.hidden = false;
    later(which);
  };
  fill(root, h('span', { class: 'undo-text', 'data-testid': 'undo-message' }, message), undoButton, close);
  root.hidden = false;
  later(which);
}
