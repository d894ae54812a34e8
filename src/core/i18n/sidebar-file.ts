import { languageOf } from './languages';

/** The sidebar file of a language (scripts/build.mjs makes one per language, each carrying that
 *  language's words only): Sidebar for English, Sidebar_fr, Sidebar_es, Sidebar_pt. */
export function sidebarFile(locale: string | null | undefined): string {
  const language = languageOf(locale);
  return language === 'en' ? 'Sidebar' : `Sidebar_${language}`;
}
