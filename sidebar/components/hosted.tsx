/** An element made by hand (the export buttons, which the Contacts and Segments tabs draw by hand
 *  too) inside a component: drawn again by its owner, kept in place by Preact. */
import { useLayoutEffect, useRef } from 'preact/hooks';

export function Hosted({ element, class: className }: { element: HTMLElement; class?: string }) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (host.current && element.parentNode !== host.current) host.current.replaceChildren(element);
  });
  return <div class={className} ref={host} />;
}
