/** Moves the focus where the person's next step is (a result's title, Undo, the pair they came back
 *  to) once the component has drawn it: `focusLater(selector)`, within `root`. */
import { useEffect, useRef, type MutableRef } from 'preact/hooks';

export function useFocusLater(root: MutableRef<HTMLElement | null>): (selector: string) => void {
  const next = useRef('');
  useEffect(() => {
    // Kept until the element is drawn: an earlier render's effect may come first.
    const target = next.current && root.current?.querySelector<HTMLElement>(next.current);
    if (!target) return;
    target.focus();
    next.current = '';
  });
  return (selector: string) => {
    next.current = selector;
  };
}
