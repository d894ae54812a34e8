/** The sidebar's parts: the tabs most people open now and then (Segments, Dashboard, Email, Import,
 *  Duplicates, the admins' tabs) and the bin are not in the page a sidebar opens with. Each is a
 *  project file of its own (dist/sidebar_<part>.html, scripts/build.mjs), asked for with
 *  `sidebarPart` the first time its tab is shown, and run as a script the page makes: the modules it
 *  shares with the page (Preact, the server calls, the words…) are the page's own, found in the
 *  registry the page fills (sidebar/shared-modules.ts). The page a person opens parses only what the
 *  search, the card and the follow-ups need. */
import type { SidebarPart } from '../src/core/i18n/sidebar-file';
import { call, ServerError } from './server';

/** Each part, by its name, and the module it is. */
export interface Parts {
  segments: typeof import('./views/segments');
  dashboard: typeof import('./views/dashboard');
  mail: typeof import('./views/mail');
  import: typeof import('./views/import');
  duplicates: typeof import('./views/duplicates');
  inbox: typeof import('./views/inbox');
  newsletter: typeof import('./views/newsletter');
  database: typeof import('./views/database');
  staff: typeof import('./views/staff');
  bin: typeof import('./views/bin');
}
export type PartName = keyof Parts;
/** The server sends the parts it knows (SIDEBAR_PARTS): the two lists are the same, or the build fails. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const PARTS_MATCH_SERVER: Same<PartName, SidebarPart> = true;

/** Where a part's module comes from: the server's project file in the built sidebar; tests give the
 *  module itself. */
export type PartLoader = (name: PartName) => Promise<unknown>;

/** The global the parts register in (a part's code ends with `__crmParts[name] = its exports`). */
const PARTS_GLOBAL = '__crmParts';

let loader: PartLoader = fromServer;
const loading = new Map<PartName, Promise<unknown>>();

/** A part's module, asked for once per page (again after a failure: the next try asks again). */
export function loadPart<K extends PartName>(name: K): Promise<Parts[K]> {
  let part = loading.get(name);
  if (!part) {
    part = loader(name);
    loading.set(name, part);
    part.catch(() => loading.delete(name));
  }
  return part as Promise<Parts[K]>;
}

/** For tests: where parts come from, and nothing asked yet. */
export function setPartLoader(next: PartLoader): void {
  loader = next;
  loading.clear();
}

/** The part's code from the server, run as a script of the page: where the page's own script may run,
 *  so may it (a Content-Security-Policy that allows inline scripts and not eval lets it through). */
async function fromServer(name: PartName): Promise<unknown> {
  const { code } = await call('sidebarPart', { part: name });
  const registry = ((globalThis as Record<string, unknown>)[PARTS_GLOBAL] ??= {}) as Record<string, unknown>;
  const script = document.createElement('script');
  script.textContent = code;
  document.head.appendChild(script);
  script.remove();
  if (!registry[name]) throw new ServerError(`The sidebar's ${name} part did not run`, 'bad_answer');
  return registry[name];
}
