import { IMPORT_MESSAGES_EN } from '../../src/core/import';
import { LANGUAGES, translate } from '../../src/core/i18n';

describe('Import messages', () => {
  it('has every message the import can give in the four languages, with the same placeholders', () => {
    for (const [key, english] of Object.entries(IMPORT_MESSAGES_EN)) {
      expect([key, (LANGUAGES.en as Record<string, string>)[key]]).toEqual([key, english]);
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      for (const language of ['fr', 'es', 'pt'] as const) expect([key, language, placeholders(translate(language, key))]).toEqual([key, language, placeholders(english)]);
    }
  });
});
