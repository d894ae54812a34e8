/** The dictionary this sidebar is built with. Here English (for the type check and the tests); the
 *  build makes one sidebar per language and puts that language's dictionary in place of this module
 *  (scripts/build.mjs), so that a sidebar carries one language, not four. */
import { en } from '../src/core/i18n/en';
import type { Language } from '../src/core/i18n/languages';

export const BUILT: Language = 'en';
export const builtMessages: Record<string, string> = en;
