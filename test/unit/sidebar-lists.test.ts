/** The list tools' pieces that need no browser: a file's bytes in base64, what the import wizard sends
 *  for the person's choices (mapping edits, encoding, separator, mode), the counts, the merge choices
 *  read from the radios, the CSV download text (the screens themselves: import-view and
 *  duplicates-view). */
import { fromBase64 } from '../../src/core/base64';
import { TARGETS } from '../../src/core/import/headers';
import { MAPPING, report } from '../support/import-reports';
import { setLanguage } from '../../sidebar/i18n';
import { bufferToBase64, formatSize } from '../../sidebar/files';
import { BOM, csvDownloadText, csvFileName, fileAddress } from '../../sidebar/download';
import { tabsFor } from '../../sidebar/navigation';
import { defaultChoices, delimiterName, invalidRows, mappingChanged, mappingToSend, previewInput, rowsToImport, runInput, targetGroups } from '../../sidebar/views/import-options';
import { choicesFromRadios, compareRows, defaultPicks, shownValue } from '../../sidebar/views/duplicates-compare';
import { IDS, LEFT, RIGHT } from '../support/duplicate-cards';
import { agreeingFields, pairsTruncated, scorePercent } from '../../sidebar/views/duplicates';
import { fieldName, targetName } from '../../sidebar/views/field-names';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();

const bytes = (...values: number[]) => new Uint8Array(values).buffer;

describe('a picked file, in base64', () => {
  it('encodes an ArrayBuffer as Node does, whatever its length', () => {
    for (let length = 0; length < 10; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 97 + 200) % 256);
      expect(bufferToBase64(data.buffer)).toBe(Buffer.from(data).toString('base64'));
    }
  });

  it('keeps every byte: a BOM, accents in UTF-8 and in windows-1252, a NUL', () => {
    const file = bytes(0xef, 0xbb, 0xbf, 0x50, 0x72, 0xc3, 0xa9, 0x6e, 0x6f, 0x6d, 0x3b, 0xe9, 0x00, 0xff);
    const encoded = bufferToBase64(file);
    expect(encoded).toBe('77u/UHLDqW5vbTvpAP8=');
    expect(Array.from(fromBase64(encoded)!)).toEqual(Array.from(new Uint8Array(file)));
  });

  it('says a size in the reader’s numbers', () => {
    expect(formatSize(512, 'en')).toBe('512 B');
    expect(formatSize(1536, 'en')).toBe('1.5 KB');
    expect(formatSize(30 * 1024 * 1024, 'fr')).toBe('30 MB');
    expect(formatSize(2.5 * 1024 * 1024, 'fr')).toBe('2,5 MB');
  });
});

const FILE = { name: 'adhérents.csv', size: 12, base64: 'UHLDqW5vbQ==' };

describe('what the import wizard sends', () => {
  it('sends the mapping with the person’s edits, an edited column as confirmed', () => {
    const sent = mappingToSend(MAPPING, { 'Ville natale': 'ignore', 'Code adhérent': 'external_id' });
    expect(sent).toEqual([
      { header: 'Prénom', target: 'first_name', confidence: 'exact' },
      { header: 'Nom', target: 'last_name', confidence: 'exact' },
      { header: 'Ville natale', target: 'ignore', confidence: 'exact' },
      { header: 'Code adhérent', target: 'external_id', confidence: 'exact' },
    ]);
    // An edit back to what the server had changes nothing; an edit for a header not in the file is dropped.
    expect(mappingToSend(MAPPING, { Nom: 'last_name', Ailleurs: 'email' })).toEqual(MAPPING);
    expect(mappingChanged(MAPPING, { Nom: 'last_name' })).toBe(false);
    expect(mappingChanged(MAPPING, { Nom: 'full_name' })).toBe(true);
  });

  it('lets the server detect and map on the first preview, then sends only what the person chose', () => {
    const choices = defaultChoices();
    expect(previewInput(FILE, choices, null)).toEqual({ file_name: 'adhérents.csv', content_base64: 'UHLDqW5vbQ==', mode: 'skip', dry_run: true });
    const edited = { ...choices, delimiter: ';', dateOrder: 'dmy' as const, mode: 'fill' as const, edits: { 'Ville natale': 'ignore' } };
    const input = previewInput(FILE, edited, report());
    expect(input).toMatchObject({ delimiter: ';', date_order: 'dmy', mode: 'fill', dry_run: true });
    expect(input.encoding).toBeUndefined();
    expect(input.mapping?.find((m) => m.header === 'Ville natale')?.target).toBe('ignore');
  });

  it('imports with exactly what the preview read, the mapping always included', () => {
    const choices = { ...defaultChoices(), mode: 'update' as const, edits: { 'Code adhérent': 'ignore' } };
    const input = runInput(FILE, choices, report({ encoding: 'windows-1252', delimiter: '\t' }));
    expect(input).toMatchObject({ encoding: 'windows-1252', delimiter: '\t', mode: 'update', dry_run: false });
    expect(input.mapping).toEqual(mappingToSend(MAPPING, choices.edits));
    expect(runInput(FILE, defaultChoices(), report()).mapping).toEqual(MAPPING);
  });

  it('counts the invalid rows and the rows that will be written', () => {
    expect(invalidRows(report())).toBe(1);
    expect(rowsToImport(report())).toBe(6);
    expect(rowsToImport(report({ mode: 'update', updated: 2, skipped: 0 }))).toBe(8);
    expect(invalidRows(report({ rows: 3, created: 3, skipped: 0, duplicates_in_file: 0 }))).toBe(0);
  });

  it('offers every import target once, in groups, with words in each language', () => {
    const groups = targetGroups();
    const offered = groups.flatMap((g) => g.targets);
    expect(offered.sort()).toEqual([...new Set(TARGETS)].sort());
    expect(groups.find((g) => g.group === 'donation')!.targets).toEqual(['donation.amount', 'donation.date', 'donation.fund', 'donation.campaign', 'donation.method']);
    for (const language of ['en', 'fr', 'es', 'pt']) {
      setLanguage(language);
      // Every target has words of its own, not its code.
      for (const target of offered) expect({ target, words: targetName(target) !== target }).toEqual({ target, words: true });
    }
    setLanguage('fr');
    expect(targetName('donation.amount')).toBe('Don : montant');
    expect(fieldName('postal_code')).toBe('Code postal');
    setLanguage('en');
    expect(delimiterName('\t')).toBe('tab');
  });
});

describe('comparing two contacts and the merge choices', () => {
  it('lists the fields either one has, marks those that differ, and leaves out what a merge does not copy', () => {
    const rows = compareRows(LEFT.contact, RIGHT.contact);
    const byField = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(rows.map((r) => r.field)).toEqual(['kind', 'first_name', 'last_name', 'email', 'phone', 'city', 'birthday', 'Code adhérent', 'Remarque']);
    expect(byField.last_name.differs).toBe(false);
    expect(byField.email).toMatchObject({ left: '', right: 'e@exemple.fr', differs: true });
    expect(byField.Remarque).toMatchObject({ custom: true, differs: true });
  });

  it('keeps the kept contact’s value by default, the other’s where it is empty, and follows a new survivor', () => {
    const rows = compareRows(LEFT.contact, RIGHT.contact);
    expect(defaultPicks(rows, IDS, 'left')).toEqual({ first_name: 'con_a', email: 'con_b', phone: 'con_a', city: 'con_a', birthday: 'con_b', Remarque: 'con_b' });
    expect(defaultPicks(rows, IDS, 'right')).toEqual({ first_name: 'con_b', email: 'con_b', phone: 'con_b', city: 'con_b', birthday: 'con_b', Remarque: 'con_b' });
  });

  it('builds the choices from the radios that are checked', () => {
    const radio = (field: string | null, value: string, checked: boolean) => ({ checked, value, getAttribute: (name: string) => (name === 'data-field' ? field : null) });
    const radios = [
      radio('city', 'con_a', false),
      radio('city', 'con_b', true),
      radio('email', 'con_a', false),
      radio('email', 'con_b', true),
      radio('first_name', 'con_a', true),
      radio('first_name', 'con_b', false),
      radio(null, 'con_a', true),
    ];
    expect(choicesFromRadios(radios)).toEqual({ city: 'con_b', email: 'con_b', first_name: 'con_a' });
  });

  it('shows values in words: days, empty, yes/no, kind', () => {
    expect(shownValue('birthday', '1985-03-07')).toBe('Mar 7, 1985');
    expect(shownValue('email', '')).toBe('(empty)');
    expect(shownValue('email_opt_out', 'true')).toBe('Yes');
    setLanguage('fr');
    expect(shownValue('birthday', '1985-03-07')).toBe('7 mars 1985');
    expect(shownValue('kind', 'organisation')).toBe('Organisation');
    expect(shownValue('newsletter_status', 'unsubscribed')).toBe('Désabonné');
    setLanguage('en');
  });

  it('gives a pair’s score as a percentage in the reader’s language and names the fields that agree', () => {
    expect(scorePercent(0.923, 'en')).toBe('92%');
    expect(scorePercent(0.923, 'fr')).toBe('92\u00a0%');
    expect(agreeingFields({ fields: { email: 1, phone: 1, first_name: 0.9, organisation: 1 } })).toEqual(['Email', 'Phone', 'Organisation']);
  });
});

describe('the CSV download', () => {
  it('starts with a BOM and escapes what a spreadsheet would run', () => {
    const text = csvDownloadText([
      ['first_name', 'phone', 'organisation_name', 'amount', 'active'],
      ['Éloïse', '+33 6 12 34 56 78', '=1+1', 12.5, true],
      ['Zoé "Zaza"', '', 'Café; Le Zinc, Lyon', 0, false],
    ]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.slice(1)).toBe('first_name,phone,organisation_name,amount,active\r\nÉloïse,\'+33 6 12 34 56 78,\'=1+1,12.5,TRUE\r\n"Zoé ""Zaza""",,"Café; Le Zinc, Lyon",0,FALSE\r\n');
  });

  it('names the file after the table and the day, in plain letters', () => {
    expect(csvFileName('Contacts (search)', '2024-03-05')).toBe('contacts-search-2024-03-05.csv');
    expect(csvFileName('Adhérents à relancer', '')).toBe('adherents-a-relancer.csv');
    expect(csvFileName('../../', '2024-03-05')).toBe('export-2024-03-05.csv');
  });

  it('links a blob where it can, a data: address where it cannot', () => {
    const made: { parts: unknown[]; type: string }[] = [];
    class FakeBlob {
      constructor(parts: unknown[], options: { type: string }) {
        made.push({ parts, type: options.type });
      }
    }
    expect(fileAddress('\ufeffa,b\r\n', undefined, { Blob: FakeBlob as unknown as typeof Blob, URL: { createObjectURL: () => 'blob:x/1' } })).toBe('blob:x/1');
    expect(made).toEqual([{ parts: ['\ufeffa,b\r\n'], type: 'text/csv;charset=utf-8' }]);
    const data = fileAddress('\ufeffé,=1\r\n', undefined, {});
    expect(data).toBe('data:text/csv;charset=utf-8,%EF%BB%BF%C3%A9%2C%3D1%0D%0A');
    expect(decodeURIComponent(data.slice(data.indexOf(',') + 1))).toBe('\ufeffé,=1\r\n');
  });
});

describe('who sees what', () => {
  it('shows Import to editors and admins only', () => {
    expect(tabsFor('viewer')).toEqual(['contacts', 'followups', 'segments', 'dashboard', 'duplicates']);
    expect(tabsFor('editor')).toContain('import');
    expect(tabsFor('admin')).toContain('import');
  });
});

describe('a list of duplicates cut at the most alike', () => {
  it("says how many of how many, in the page's language", () => {
    const texts = (['en', 'fr', 'es', 'pt'] as const).map((language) => {
      setLanguage(language);
      return pairsTruncated(5000, 48213);
    });
    setLanguage('en');
    for (const text of texts) {
      expect(text).toContain('5000');
      expect(text).toContain('48213');
      expect(text).not.toMatch(/\{|lists\./);
    }
    expect(new Set(texts).size).toBe(4);
    expect(texts[1]).toContain('plus ressemblantes');
  });
});
