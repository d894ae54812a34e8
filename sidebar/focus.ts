/** Keeping the focus where it was when a view redraws itself (a redraw replaces the elements): the
 *  focused control is found again by its test id and data attributes, or its id or name. */

/** A selector for the focused element inside `root`, or null when the focus is elsewhere. */
export function focusKey(root: Element, element: Element | null): string | null {
  if (!element || element === document.body || !root.contains(element)) return null;
  const quote = (v: string) => JSON.stringify(v);
  const testid = element.getAttribute('data-testid');
  if (testid) {
    let key = `[data-testid=${quote(testid)}]`;
    for (const name of ['data-id', 'data-header', 'data-field', 'data-a', 'data-b']) {
      const value = element.getAttribute(name);
      if (value !== null) key += `[${name}=${quote(value)}]`;
    }
    const value = element instanceof HTMLInputElement && element.type === 'radio' ? element.value : null;
    return value !== null ? `${key}[value=${quote(value)}]` : key;
  }
  if (element.id) return `[id=${quote(element.id)}]`;
  const name = element.getAttribute('name');
  return name ? `[name=${quote(name)}]` : null;
}

/** Focuses the element `key` names again, unless something inside `root` already has the focus. */
export function restoreFocus(root: Element, key: string | null): void {
  if (!key) return;
  const active = document.activeElement;
  if (active && active !== document.body && root.contains(active)) return;
  const target = root.querySelector<HTMLElement>(key);
  if (target && !(target as HTMLButtonElement).disabled) target.focus();
}
