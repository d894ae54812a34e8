/** The sidebar's language: the dictionary it was built with, others fetched when the person picks
 *  them (dictionaries.ts). */
import type { MessageKey } from '../src/core/i18n';
import { addDictionary, hasDictionary, hasKey, languageOf, LANGUAGE_CODES as CODES, translate, type Language } from './dictionaries';
import { call, isTransportError, setCallLanguage } from './server';
import { formatDate, formatDateTime, formatMoney, localeFor, pluralForm } from './format';

export type { Language, MessageKey };

/** Each language by its own name, in the order of the picker. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', es: 'Español', pt: 'Português' };
export const LANGUAGE_CODES: Language[] = [...CODES];

const STORAGE_KEY = 'crm.sidebar.language';

let current: Language = 'en';

/** The message `key` in the current language, with `{name}` replaced by params. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return translate(current, key, params);
}

/** 'fr', 'pt-BR', 'ES' → that language; anything we do not speak → English. */
export function setLanguage(locale: string | null | undefined): Language {
  current = languageOf(locale);
  setCallLanguage(current);
  if (typeof document !== 'undefined') document.documentElement.lang = current;
  return current;
}

export function currentLanguage(): Language {
  return current;
}

/** Sets the language once its dictionary is here (fetched from the server the first time). */
export async function useLanguage(locale: string | null | undefined): Promise<Language> {
  const language = languageOf(locale);
  if (!hasDictionary(language)) {
    try {
      addDictionary(language, await call('dictionary', { language }));
    } catch {
      // Unreachable: the sidebar stays in the language it has.
      return current;
    }
  }
  return setLanguage(language);
}

/** Whether the dictionaries have `key` (for words made from data: stages, types, statuses…). */
export function hasMessage(key: string): boolean {
  return hasKey(key);
}

/** A value from the data in words: `valueLabel('record.stage', 'donor')` → 'Donateur'. A value we have
 *  no words for (a type someone added to the sheet) shows as it is. */
export function valueLabel(prefix: string, value: string): string {
  const key = `${prefix}.${String(value ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')}`;
  return value && hasMessage(key) ? t(key as MessageKey) : value;
}

/** The Intl locale of the sidebar's language (the browser's region when it speaks that language). */
export function uiLocale(): string {
  return localeFor(current, typeof navigator !== 'undefined' ? navigator.language : undefined);
}

/** A day in the sidebar's language ('5 mars 2024'); '' for nothing. */
export function day(value: string): string {
  return formatDate(value, uiLocale());
}

/** A moment in the sidebar's language and the reader's time zone. */
export function moment(value: string): string {
  return formatDateTime(value, uiLocale());
}

/** An amount with its currency in the sidebar's language ('1 234,50 €'). */
export function money(amount: number | '' | null | undefined, currency: string): string {
  return formatMoney(amount, currency, uiLocale());
}

/** `t(key + '_one' | key + '_other', {count})`. */
export function plural(key: string, count: number, params: Record<string, string | number> = {}): string {
  return t(`${key}_${pluralForm(count, current)}` as MessageKey, { count, ...params });
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
    return value && (CODES as readonly string[]).includes(value) ? (value as Language) : null;
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
