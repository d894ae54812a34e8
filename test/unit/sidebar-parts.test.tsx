/**
 * @jest-environment jsdom
 */
/** A tab whose code is a part of the sidebar (sidebar/lazy-screen.ts, sidebar/parts.ts), in jsdom's
 *  page: "Loading…" until the part comes, what was asked of the tab meanwhile done in order once it
 *  is here, a part that cannot come said in words with Try again, and each part asked for once. */
import { lazyScreen, type TabView } from '../../sidebar/lazy-screen';
import { loadPart, setPartLoader, type PartName } from '../../sidebar/parts';
import { ServerError } from '../../sidebar/server';
import { setLanguage } from '../../sidebar/i18n';
import { one } from '../support/component-page';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();

const shown = (host: HTMLElement, id: string) => host.querySelector(`[data-testid="${id}"]`) !== null;

/** A part's code that comes when the test says. */
function later<T>() {
  let settle!: { resolve(value: T): void; reject(error: unknown): void };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function fakeTab(log: string[]): TabView & { openQuery(q: string): void } {
  return {
    render: () => log.push('render'),
    refresh: (notice?: string) => log.push(`refresh ${notice ?? ''}`.trim()),
    openQuery: (q: string) => log.push(`query ${q}`),
    hasUnsavedEdits: () => log.includes('query dirty'),
  };
}

describe('a tab whose code comes later', () => {
  beforeEach(() => setLanguage('en'));

  it('says it is loading, then does what was asked meanwhile, in order, and draws itself if still shown', async () => {
    const host = document.createElement('main');
    const log: string[] = [];
    const part = later<ReturnType<typeof fakeTab>>();
    const drawn: unknown[] = [];
    const screen = lazyScreen(
      host,
      () => part.promise,
      (s) => drawn.push(s),
    );
    screen.refresh('Saved.');
    screen.whenReady((tab) => tab.openQuery('stage = donor'));
    screen.render();
    expect(shown(host, 'loading')).toBe(true);
    expect(screen.hasUnsavedEdits?.()).toBe(false);
    part.resolve(fakeTab(log));
    await tick();
    expect(log).toEqual(['refresh Saved.', 'query stage = donor']);
    expect(drawn).toEqual([screen]);
    screen.render();
    screen.whenReady((tab) => tab.openQuery('dirty'));
    expect(log).toEqual(['refresh Saved.', 'query stage = donor', 'render', 'query dirty']);
    expect(screen.hasUnsavedEdits?.()).toBe(true);
  });

  it('says in the page’s language why the part did not come, and Try again asks again', async () => {
    setLanguage('fr');
    const host = document.createElement('main');
    const log: string[] = [];
    const tries = [later<ReturnType<typeof fakeTab>>(), later<ReturnType<typeof fakeTab>>()];
    let asked = 0;
    const screen = lazyScreen(
      host,
      () => tries[asked++].promise,
      () => screen.render(),
    );
    screen.refresh();
    tries[0].reject(new ServerError('HTTP 502', 'network'));
    await tick();
    const error = one(host, 'error');
    expect(error.textContent).toContain('HTTP 502');
    expect(error.textContent).toContain('Impossible de joindre le CRM');
    expect(log).toEqual([]);
    one(host, 'retry').click();
    expect(shown(host, 'loading')).toBe(true);
    tries[1].resolve(fakeTab(log));
    await tick();
    // What was asked before the failure is done once the part is here.
    expect(log).toEqual(['refresh', 'render']);
    expect(asked).toBe(2);
  });
});

describe('the parts a page asks for', () => {
  afterAll(() => setPartLoader(() => Promise.reject(new Error('no parts in this test'))));

  it('asks for each part once, and again only after a failure', async () => {
    const asked: PartName[] = [];
    let fail = true;
    setPartLoader(async (name) => {
      asked.push(name);
      if (name === 'bin' && fail) throw new ServerError('down', 'network');
      return { name };
    });
    await Promise.all([loadPart('segments'), loadPart('segments'), loadPart('dashboard')]);
    await loadPart('segments');
    await expect(loadPart('bin')).rejects.toThrow('down');
    fail = false;
    expect(await loadPart('bin')).toEqual({ name: 'bin' });
    await loadPart('bin');
    expect(asked).toEqual(['segments', 'dashboard', 'bin', 'bin']);
  });
});
