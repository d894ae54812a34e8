/** The sidebar's dictionaries: the one it was built with, and any other the person switches to,
 *  fetched from the server once (`dictionary`). In the sidebar's build this module also stands in for
 *  src/core/i18n (whose four dictionaries it would otherwise carry): same translate, languageOf. */
import { BUILT, builtMessages } from './built-language';
import { languageOf, LANGUAGE_CODES, type Language } from '../src/core/i18n/languages';

export { languageOf, LANGUAGE_CODES, BUILT };
export type { Language };

const loaded = new Map<Language, Record<string, string>>([[BUILT, builtMessages]]);

export function addDictionary(language: Language, messages: Record<string, string>): void {
  loaded.set(language, messages);
}

/** Forgets a language fetched earlier (never the built one): for tests. */
export function dropDictionary(language: Language): void {
  if (language !== BUILT) loaded.delete(language);
}

export function hasDictionary(language: Language): boolean {
  return loaded.has(language);
}

/** Whether `key` is a message (every language has the same keys). */
export function hasKey(key: string): boolean {
  return key in builtMessages;
}

/** The message in `locale`'s language when its dictionary is here, else in the built one. */
export function translate(locale: string, key: string, params: Record<string, string | number> = {}): string {
  const messages = loaded.get(languageOf(locale)) ?? builtMessages;
  const template = messages[key] ?? builtMessages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
