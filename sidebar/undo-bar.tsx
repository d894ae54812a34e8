/** The one place a change says it is done: a short line at the foot of the sidebar ("Renewed until
 *  31 Dec 2026.") with Undo when the server gave a way back. Every view shows its confirmations here,
 *  so Undo looks and works the same everywhere. Undo asks the server to put the change back
 *  (undoChange), then `onUndone` redraws what changed; a refusal (someone changed the record since)
 *  shows in the same line, in the person's language. */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, t } from './i18n';
import { call } from './server';

/** How long a confirmation stays (longer while the pointer or the focus is on it). */
export const NOTICE_MS = 10000;

/** What the line says: its text, and Undo when the change has a way back. */
interface Said {
  /** Counts the confirmations: an Undo's answer about an older one says nothing. */
  which: number;
  message: string;
  failed?: boolean;
  undo?: string;
  onUndone?: () => void;
}

let bar: HTMLElement | null = null;
let shown = 0;

function draw(said: Said | null): void {
  if (!bar || !bar.isConnected) {
    bar = document.createElement('div');
    document.body.appendChild(bar);
  }
  render(<UndoBar said={said} />, bar);
}

export function hideNotice(): void {
  if (bar) draw(null);
}

/** Says a change is done; with `undo`, offers to put it back. */
export function confirmChange(message: string, undo?: string, onUndone?: () => void): void {
  draw({ which: ++shown, message, undo, onUndone });
}

function UndoBar({ said }: { said: Said | null }) {
  const [undoing, setUndoing] = useState(false);
  const [held, setHeld] = useState(false);
  /** The change being undone (a double click undoes once). */
  const asked = useRef<Said | null>(null);
  useEffect(() => setUndoing(false), [said]);
  // Gone after a while, unless the pointer or the focus is on it.
  useEffect(() => {
    if (!said || held) return;
    const timer = setTimeout(() => said.which === shown && hideNotice(), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [said, held]);
  const undo = async () => {
    if (!said?.undo || asked.current === said) return;
    asked.current = said;
    setUndoing(true);
    try {
      await call('undoChange', { change: said.undo });
      if (said.which !== shown) return;
      draw({ which: said.which, message: t('edit.undone') });
      said.onUndone?.();
    } catch (error) {
      if (said.which === shown) draw({ which: said.which, message: errorText(error), failed: true });
    }
  };
  return (
    <div class="undo-bar" role="status" aria-live="polite" data-testid="undo-bar" hidden={!said} onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)} onFocusIn={() => setHeld(true)}>
      {said && (
        <>
          <span class={said.failed ? 'undo-text error-text' : 'undo-text'} data-testid={said.failed ? 'undo-error' : 'undo-message'}>
            {said.message}
          </span>
          {said.undo && (
            <button type="button" class="link" data-testid="undo" disabled={undoing} onClick={() => void undo()}>
              {undoing ? t('edit.undoing') : t('edit.undo')}
            </button>
          )}
          <button type="button" class="link" data-testid="undo-bar-close" aria-label={t('edit.close')} onClick={hideNotice}>
            ×
          </button>
        </>
      )}
    </div>
  );
}
