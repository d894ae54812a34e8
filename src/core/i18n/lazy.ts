/** Dictionaries read when first needed (see ../assets.ts). A call needs one language (two when a word
 *  is missing and English stands in): the Apps Script build keeps the four out of dist/Code.js, as
 *  project files of JSON (dist/i18n_fr.html…). Everywhere else they are plain modules. */
import type { Messages } from './en';
import { jsonAsset } from '../assets';

/** The project file that holds a language's words. */
export const dictionaryAsset = (language: string): string => `i18n_${language}`;

/** A dictionary that reads its file the first time a word is asked of it; it then behaves as the
 *  plain object it read (keys, `in`, entries). */
export function lazyMessages(language: string): Messages {
  const load = () => jsonAsset<Record<string, string>>(dictionaryAsset(language));
  return new Proxy({} as Record<string, string>, {
    get: (_target, key) => (typeof key === 'string' ? load()[key] : undefined),
    has: (_target, key) => typeof key === 'string' && key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_target, key) => Object.getOwnPropertyDescriptor(load(), key),
  }) as unknown as Messages;
}
