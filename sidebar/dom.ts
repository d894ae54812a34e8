/** Tiny DOM helpers. Text only ever goes in through text nodes and `textContent`, never through
 *  innerHTML, so whatever people typed into the spreadsheet (`<img src=x onerror=…>`) shows as text. */

export type Child = Node | string | number | null | undefined | false | Child[];

export type AttrValue = string | number | boolean | null | undefined;
export type Listener = (event: Event) => void;
export type Attrs = Record<string, AttrValue | Listener>;

/** Creates an element. Attributes:
 *  - `onclick`, `oninput`, … (a function): added with addEventListener;
 *  - `class`: the class name; `value`, `checked`, `disabled`, `selected`: set as properties too;
 *  - `true` sets an empty attribute, `false`/`null`/`undefined` leave it out;
 *  - anything else: setAttribute with the value as a string (never parsed as HTML).
 *  Children: nodes as they are, strings and numbers as text nodes, arrays flattened, falsy skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) setAttr(element, name, value);
  append(element, children);
  return element;
}

function setAttr(element: HTMLElement, name: string, value: AttrValue | Listener): void {
  if (/^on/i.test(name)) {
    // An event handler is a function or nothing: a string here would be code run by the browser.
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    return;
  }
  if (typeof value === 'function' || value === false || value === null || value === undefined) return;
  if (name === 'value' || name === 'checked' || name === 'disabled' || name === 'selected') {
    (element as unknown as Record<string, unknown>)[name] = name === 'value' ? String(value) : Boolean(value);
  }
  element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
}

/** Appends children (see `h`) to a node. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === 'string' || typeof child === 'number') parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child);
  }
}

/** Replaces everything inside `parent` with `children`. */
export function fill(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** Sets the text of an element (as text, never markup). */
export function setText(element: Node, text: string): void {
  element.textContent = text;
}

/** Shows or hides an element (the stylesheet makes `[hidden]` win over any display rule). */
export function show(element: HTMLElement, visible: boolean): void {
  element.hidden = !visible;
}
