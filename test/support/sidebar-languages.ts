/** The sidebar carries one language and fetches the others from the server when the person switches;
 *  tests that render it in several languages give it all four at once. */
import { LANGUAGES, type Language } from '../../src/core/i18n';
import { addDictionary } from '../../sidebar/dictionaries';

export function withEveryLanguage(): void {
  for (const [code, messages] of Object.entries(LANGUAGES)) addDictionary(code as Language, messages);
}
