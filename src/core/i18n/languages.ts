/** The languages the CRM speaks, without their dictionaries (the sidebar carries only one: see
 *  sidebar/dictionaries.ts). */
export const LANGUAGE_CODES = ['en', 'fr', 'es', 'pt'] as const;
export type Language = (typeof LANGUAGE_CODES)[number];

/** 'fr_FR', 'pt-BR', 'ES' → 'fr', 'pt', 'es'; anything we do not speak → 'en'. */
export function languageOf(locale: string | undefined | null): Language {
  const code = String(locale ?? '')
    .slice(0, 2)
    .toLowerCase();
  return (LANGUAGE_CODES as readonly string[]).includes(code) ? (code as Language) : 'en';
}
