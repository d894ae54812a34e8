import { en, MessageKey, Messages } from './en';
import { fr } from './fr';
import { es } from './es';
import { pt } from './pt';

export type { MessageKey, Messages };
export const LANGUAGES = { en, fr, es, pt } as const;
export type Language = keyof typeof LANGUAGES;

/** 'fr_FR', 'pt-BR', 'ES' → 'fr', 'pt', 'es'; anything we do not speak → 'en'. */
export function languageOf(locale: string | undefined | null): Language {
  const code = String(locale ?? '').slice(0, 2).toLowerCase();
  return code in LANGUAGES ? (code as Language) : 'en';
}

export function translate(locale: string, key: string, params: Record<string, string | number> = {}): string {
  const messages: Record<string, string> = LANGUAGES[languageOf(locale)];
  const template = messages[key] ?? (en as Record<string, string>)[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
