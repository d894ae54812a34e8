import { en, MessageKey, Messages } from './en';
import { fr } from './fr';
import { es } from './es';
import { pt } from './pt';

import { languageOf, type Language } from './languages';

export type { MessageKey, Messages, Language };
export { languageOf, LANGUAGE_CODES } from './languages';
export const LANGUAGES: Record<Language, Messages> = { en, fr, es, pt };

/** A field's name in words ('postal_code' → 'Postal code'): the card's, the lists' or the forms' own
 *  words when they have some, else the name as it is (a custom column). */
export function fieldWords(locale: string, name: string): string {
  const messages: Record<string, string> = LANGUAGES[languageOf(locale)];
  for (const key of [`contact.${name}`, `record.field.${name}`, `lists.field.${name}`, `record.gift.${name}`, `record.membership.${name}`, `record.log.${name}`])
    if (key in messages) return messages[key];
  return name;
}

export function translate(locale: string, key: string, params: Record<string, string | number> = {}): string {
  const messages: Record<string, string> = LANGUAGES[languageOf(locale)];
  const template = messages[key] ?? (en as Record<string, string>)[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
