/** The sidebar's language: the same dictionaries as the server (bundled in by esbuild). */
import { LANGUAGES, languageOf, translate } from '../src/core/i18n';
import type { Language, MessageKey } from '../src/core/i18n';
import { isTransportError } from './server';

export type { Language, MessageKey };

/** Each language by its own name, in the order of the picker. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', es: 'Español', pt: 'Português' };
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as Language[];

const STORAGE_KEY = 'crm.sidebar.language';

let current: Language = 'en';

/** The message `key` in the current language, with `{name}` replaced by params. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return translate(current, key, params);
}

/** 'fr', 'pt-BR', 'ES' → that language; anything we do not speak → English. */
export function setLanguage(locale: string | null | undefined): Language {
  current = languageOf(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = current;
  return current;
}

export function currentLanguage(): Language {
  return current;
}

/** The role's name ('' when the person has none yet). */
export function roleName(role: string): string {
  return role ? t(`role.${role}` as MessageKey) : '';
}

/** What to tell the person about a failed call: the server's own sentence, or for a call that never
 *  reached the CRM, ours. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return isTransportError(error) ? t('error.network', { details: message }) : message;
}

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** localStorage, if the page may use it (a sandboxed iframe may throw on the mere access). */
function storage(): StorageLike | null {
  try {
    return (globalThis as { localStorage?: StorageLike }).localStorage ?? null;
  } catch {
    return null;
  }
}

/** The language the person picked in this browser before, if any. */
export function savedLanguage(store: StorageLike | null = storage()): Language | null {
  try {
    const value = store?.getItem(STORAGE_KEY);
    return value && value in LANGUAGES ? (value as Language) : null;
  } catch {
    return null;
  }
}

export function saveLanguage(language: Language, store: StorageLike | null = storage()): void {
  try {
    store?.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (private mode, sandbox): the choice lasts until the sidebar closes.
  }
}
