/** Just enough of a DOM for the sidebar's h() in Node: text nodes, elements with attributes, listeners
 *  and style. Any attempt to parse markup (innerHTML and friends) fails the test. */
export class FakeNode {
  parentNode: FakeNode | null = null;
  childNodes: FakeNode[] = [];
  get firstChild() {
    return this.childNodes[0] ?? null;
  }
  appendChild(child: FakeNode) {
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }
  removeChild(child: FakeNode) {
    this.childNodes = this.childNodes.filter((c) => c !== child);
    return child;
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
}

export class FakeText extends FakeNode {
  constructor(readonly data: string) {
    super();
  }
  override get textContent() {
    return this.data;
  }
}

export class FakeElement extends FakeNode {
  attributes = new Map<string, string>();
  listeners = new Map<string, unknown>();
  style: Record<string, string> = {};
  [property: string]: unknown;
  constructor(readonly tagName: string) {
    super();
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  addEventListener(type: string, listener: unknown) {
    this.listeners.set(type, listener);
  }
  set innerHTML(_html: string) {
    throw new Error('innerHTML used');
  }
  set outerHTML(_html: string) {
    throw new Error('outerHTML used');
  }
  insertAdjacentHTML() {
    throw new Error('insertAdjacentHTML used');
  }
  /** Every element below this one, depth first. */
  all(): FakeElement[] {
    return this.childNodes.flatMap((c) => (c instanceof FakeElement ? [c, ...c.all()] : []));
  }
}

/** Installs the fake document for a describe block (beforeAll/afterAll). */
export function useFakeDocument(): void {
  const saved = (globalThis as { document?: unknown }).document;
  beforeAll(() => {
    (globalThis as { document?: unknown }).document = {
      documentElement: new FakeElement('html'),
      createElement: (tag: string) => new FakeElement(tag),
      createTextNode: (text: string) => new FakeText(text),
    };
  });
  afterAll(() => {
    (globalThis as { document?: unknown }).document = saved;
  });
}
