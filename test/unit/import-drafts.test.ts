import { readFileSync } from 'fs';
import { join } from 'path';
import { buildDrafts, decodeBytes, detectEncoding, IMPORT_MESSAGES_EN, mapHeaders, parseDelimited } from '../../src/core/import';
import type { ColumnMapping, DraftResult, ParsedFile } from '../../src/core/import';
import { MAX_CELL_CHARS } from '../../src/core/schema/columns';

const parseFixture = (name: string) => {
  const bytes = new Uint8Array(readFileSync(join(__dirname, '../fixtures/import', name)));
  return parseDelimited(decodeBytes(bytes, detectEncoding(bytes)));
};
/** A file read, mapped automatically and turned into drafts, as the wizard's first preview does. */
const importFixture = (name: string): DraftResult => {
  const file = parseFixture(name);
  return buildDrafts(file, mapHeaders(file.header));
};
const empty = { custom: {}, tags: [], external_id: '', membership: null, donation: null, note: '', newsletter: null };
const fileOf = (header: string[], ...rows: string[][]): ParsedFile => ({ delimiter: ';', header, rows: rows.map((cells, i) => ({ line: i + 2, cells })), problems: [] });
const mapped = (pairs: Record<string, string>): ColumnMapping[] => Object.entries(pairs).map(([header, target]) => ({ header, target, confidence: 'exact' }));

describe('buildDrafts on the French Excel file', () => {
  const result = importFixture('fr-excel-utf8-bom.csv');

  it('reads dates day first, decimal commas, tags, and keeps text as typed', () => {
    expect(result.dateOrder).toBe('dmy');
    expect(result.drafts).toEqual([
      {
        ...empty,
        line: 2,
        contact: {
          first_name: 'Élodie',
          last_name: 'Lefèvre',
          email: 'elodie.lefevre@orange.fr',
          phone: '01 42 68 53 00',
          mobile: '06 12 34 56 78',
          street: "12, rue de l'Église",
          postal_code: '01000',
          city: 'Bourg-en-Bresse',
          birthday: '1985-12-31',
          notes: '« Très motivée », cœur sur la main',
        },
        custom: { Civilité: 'Mme' },
        tags: ['Bénévole', 'Donatrice'],
        membership: { amount: 45.5, start_date: '2024-01-15' },
      },
      {
        ...empty,
        line: 3,
        contact: {
          first_name: 'François',
          last_name: 'Garçon',
          email: 'f.garcon@laposte.net',
          mobile: '+33 6 98 76 54 32',
          street: '3 bis avenue Foch',
          postal_code: '75016',
          city: 'Paris',
          birthday: '1962-04-07',
          notes: 'Don de 20 € en espèces',
        },
        custom: { Civilité: 'M.' },
        tags: ['Donateur'],
        membership: { amount: 1200, start_date: '2023-09-02' },
      },
      {
        ...empty,
        line: 4,
        contact: {
          first_name: 'Jean-Pierre',
          last_name: 'Œuvray',
          email: 'jp.oeuvray@free.fr',
          phone: '04 78 00 00 00',
          postal_code: '69001',
          city: 'Lyon',
          notes: '=HYPERLINK("http://exemple.fr";"clic")',
        },
        custom: { Civilité: 'M.' },
        membership: { amount: 30 },
      },
      {
        ...empty,
        line: 5,
        contact: { first_name: 'Anne-Sophie', last_name: 'Dupont', postal_code: '13001', city: 'Marseille', birthday: '1990-05-12' },
        custom: { Civilité: 'Mme', Courriel: 'anne-sophie.dupont@' },
      },
      {
        ...empty,
        line: 6,
        contact: { first_name: 'Agnès', last_name: 'Martin', email: 'agnes.martin@gmail.com', postal_code: '33000', city: 'Bordeaux' },
        custom: { Civilité: 'Mme', 'Date de naissance': '31/02/1990' },
      },
    ]);
  });

  it('keeps a row with an unreadable cell (the cell as typed, reported with its line, column and value); only a row with nobody is an error', () => {
    expect(result.warnings).toEqual([
      { line: 5, column: 'Courriel', key: 'problem.email', params: { value: 'anne-sophie.dupont@' }, value: 'anne-sophie.dupont@', kept_in: 'Courriel' },
      { line: 6, column: 'Date de naissance', key: 'import.bad_date', params: { value: '31/02/1990', format: 'DD/MM/YYYY' }, value: '31/02/1990', kept_in: 'Date de naissance' },
    ]);
    expect(result.errors).toEqual([{ line: 7, column: '', key: 'import.empty_row', params: {} }]);
  });

  it('gives the same drafts from the windows-1252 copy', () => {
    expect(importFixture('fr-excel-windows-1252.csv')).toEqual(result);
  });

  it('reads the dates in the order given instead of the detected one', () => {
    const file = parseFixture('fr-excel-utf8-bom.csv');
    const us = buildDrafts(file, mapHeaders(file.header), { dateOrder: 'mdy' });
    expect(us.dateOrder).toBe('mdy');
    expect(us.drafts.map((d) => [d.line, d.contact.birthday, d.membership?.start_date])).toEqual([
      [2, undefined, undefined],
      [3, '1962-07-04', '2023-02-09'],
      [4, undefined, undefined],
      [5, '1990-12-05', undefined],
      [6, undefined, undefined],
    ]);
    expect(us.warnings.filter((e) => e.key === 'import.bad_date').map((e) => [e.line, e.column, e.params.format])).toEqual([
      [2, 'Date de naissance', 'MM/DD/YYYY'],
      [2, "Date d'adhésion", 'MM/DD/YYYY'],
      [6, 'Date de naissance', 'MM/DD/YYYY'],
    ]);
  });
});

describe('buildDrafts on Spanish and Brazilian files', () => {
  it('reads donations, yes/no columns and compound first names', () => {
    const { drafts, errors, dateOrder } = importFixture('es-excel.csv');
    expect(dateOrder).toBe('dmy');
    expect(drafts.map((d) => [d.line, d.contact.first_name, d.contact.last_name, d.contact.email_opt_out, d.contact.postal_code, d.donation])).toEqual([
      [2, 'María José', 'García López', false, '08001', { amount: 1234.56, date: '2024-03-05', campaign: 'Navidad 2023' }],
      [3, 'José Luis', 'Fernández de la Peña', true, '41001', { amount: 50, date: '2023-12-28', campaign: 'Navidad 2023' }],
      // Two unreadable cells keep the row; a gift with no amount is no gift: its date stays as typed.
      [4, 'Lucía', 'Núñez', undefined, '28013', null],
    ]);
    expect(drafts[2].custom).toMatchObject({ Baja: 'quizás', Donativo: '12,34,56', 'Fecha del donativo': '01/02/2024' });
    expect(drafts[1].contact.organisation_name).toBe('Fundación Luz, S.L.');
    expect(errors).toEqual([]);
  });

  it('keeps CEPs and reads R$ amounts, with their currency', () => {
    const { drafts, errors } = importFixture('pt-br-excel.csv');
    expect(drafts[0]).toEqual({
      ...empty,
      line: 2,
      contact: {
        first_name: 'João Pedro',
        last_name: 'da Silva Santos',
        email: 'joao.pedro@exemplo.com.br',
        mobile: '+55 11 91234-5678',
        phone: '(11) 3456-7890',
        street: 'Av. Paulista, 1000, apto 52',
        postal_code: '01310-100',
        city: 'São Paulo',
        region: 'SP',
      },
      tags: ['Doador', 'Voluntário'],
      donation: { amount: 1234.56, currency: 'BRL', date: '2024-08-15', method: 'Pix' },
    });
    expect(drafts[1].contact.first_name).toBe('Maria da Conceição');
    expect(drafts[1].donation).toEqual({ amount: 50, currency: 'BRL', date: '2024-09-01', method: 'Boleto' });
    expect(errors).toEqual([]);
    const { warnings } = importFixture('pt-br-excel.csv');
    expect(warnings).toEqual([{ line: 4, column: 'Data da doação', key: 'import.bad_date', params: { value: '31/09/2024', format: 'DD/MM/YYYY' }, value: '31/09/2024', kept_in: 'Data da doação' }]);
  });
});

describe('buildDrafts on tab-separated and messy files', () => {
  it('keeps leading zeros, "+" phones and "@" or "-" text; lower-cases only the email’s domain', () => {
    const { drafts, errors, dateOrder } = importFixture('contacts.tsv');
    expect(errors).toEqual([]);
    expect(dateOrder).toBe('ymd');
    expect(drafts).toEqual([
      {
        ...empty,
        line: 2,
        contact: { first_name: 'Mary', last_name: "O'Brien", email: 'mary.obrien@example.org', phone: '+1 (555) 010-2030', postal_code: '00501' },
        custom: { Twitter: '@maryob' },
        tags: ['Board', 'Volunteer'],
        membership: { start_date: '2021-06-01', amount: 1250 },
      },
      {
        ...empty,
        line: 3,
        contact: { first_name: 'Tom', last_name: 'Holt', email: 'TOM.HOLT@example.org', phone: '555.010.4455', postal_code: '02134' },
        custom: { Twitter: '-' },
        membership: { start_date: '2022-11-30', amount: 75 },
      },
    ]);
  });

  it('splits a "Name" column into first and last names, and keeps line breaks in notes', () => {
    const { drafts, errors } = importFixture('messy.csv');
    expect(errors).toEqual([]);
    expect(drafts.map((d) => [d.line, d.contact.first_name, d.contact.last_name, d.contact.email_2 ?? '', d.contact.notes ?? ''])).toEqual([
      [3, 'Marie', 'Dupont', 'marie.pro@example.fr', 'Line one\nLine two\n"quoted"'],
      [6, 'Bob', 'Smith', '', ''],
      [9, 'Zoë', 'Adams', '', 'She said "hi"'],
      [11, 'Li', 'Wei', '', ''],
    ]);
    expect(drafts[0].custom).toEqual({ '(column 4)': 'x' });
  });
});

describe('buildDrafts on exports', () => {
  it('reads a Mailchimp audience: opt-in time as consent, tags, the EUID as external id', () => {
    const { drafts, errors } = importFixture('mailchimp-audience.csv');
    expect(errors).toEqual([]);
    expect(drafts[0]).toEqual({
      ...empty,
      line: 2,
      contact: {
        email: 'jane.doe@example.com',
        first_name: 'Jane',
        last_name: 'Doe',
        street: '123 Main St  Springfield  IL  62701  US',
        phone: '+1 217-555-0134',
        consent_at: '2023-05-14T09:12:33',
        country: 'US',
        region: 'IL',
        notes: 'Met at the spring gala',
      },
      custom: { MEMBER_RATING: '4', CONFIRM_TIME: '2023-05-14 09:13:02' },
      tags: ['Donor', 'Volunteer'],
      external_id: 'a1b2c3d4e5',
    });
    expect(drafts[1].contact).toEqual({ email: 'pedro.alvarez@example.com', first_name: 'Pedro', last_name: 'Álvarez', consent_at: '2022-11-02T18:40:00', country: 'ES' });
  });

  it('reads Eventbrite attendees with US dates', () => {
    const { drafts, errors, dateOrder } = importFixture('eventbrite-attendees.csv');
    expect(errors).toEqual([]);
    expect(dateOrder).toBe('mdy');
    expect(drafts.map((d) => [d.contact.birthday, d.contact.postal_code, d.contact.mobile, d.external_id, d.custom['Order #'], d.custom['Home Address 2']])).toEqual([
      ['1980-03-24', '02118', '617-555-0199', '1122334455', '8812345671', 'Apt 3B'],
      ['1990-07-04', '02139', '(617) 555-0123', '1122334466', '8812345672', undefined],
    ]);
    expect(drafts[0].contact.organisation_name).toBe('Harbor Arts, Inc.');
  });

  it('reads Google Forms responses: questions as fields, a comment as a note', () => {
    const { drafts, errors } = importFixture('google-forms-fr.csv');
    expect(errors).toEqual([]);
    expect(drafts[0]).toEqual({
      ...empty,
      line: 2,
      contact: { email: 'claire.moreau@example.fr', first_name: 'Claire', last_name: 'Moreau', phone: '06 11 22 33 44', postal_code: '44000' },
      custom: { Horodateur: '14/03/2024 10:22:31', "Vos centres d'intérêt": 'Culture, Environnement' },
      note: 'Merci pour la soirée !\nÀ bientôt',
      // "Would you like to receive our newsletter?" — "Yes": a yes/no column read as the newsletter.
      newsletter: true,
    });
    expect([drafts[1].line, drafts[1].contact.postal_code, drafts[1].note]).toEqual([4, '07100', '']);
  });

  it('reads HubSpot contacts, an organisation alone included', () => {
    const { drafts, errors } = importFixture('hubspot-contacts.csv');
    expect(errors).toEqual([]);
    expect(drafts[0].external_id).toBe('51234567801');
    expect(drafts[0].contact.postal_code).toBe('06600');
    expect(drafts[0].custom['Lifecycle Stage']).toBeUndefined();
    expect(drafts[1]).toEqual({ ...empty, line: 3, contact: { organisation_name: 'Acme Corp' }, custom: { 'Create Date': '2024-01-15 11:00' }, external_id: '51234567802' });
  });

  it('keeps the rows of a file with an unclosed quote, and the UTF-16 file’s emoji', () => {
    expect(importFixture('broken-unclosed-quote.csv').drafts.map((d) => d.line)).toEqual([2, 4]);
    const unicode = importFixture('excel-unicode-text-utf16le.txt');
    expect(unicode.drafts[1].contact).toEqual({ first_name: 'Ólafur', last_name: 'Þórsson', email: 'olafur@example.is', city: 'Reykjavík', notes: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢' });
  });
});

describe('buildDrafts, rules', () => {
  it('keeps text starting with = + - @ literally, in every kind of text column', () => {
    const file = fileOf(['Nom', 'Tél', 'Ville', 'Remarques', 'Pointure', 'Tags', 'Commentaire'], ['=cmd|"/c calc"!A1', '+33 6 12 34 56 78', '-Paris', '@home', '=1+1', '=evil, +tag', '-5']);
    const { drafts } = buildDrafts(file, mapHeaders(file.header));
    expect(drafts[0].contact).toEqual({ last_name: '=cmd|"/c calc"!A1', phone: '+33 6 12 34 56 78', city: '-Paris', notes: '@home' });
    expect(drafts[0].custom).toEqual({ Pointure: '=1+1' });
    expect(drafts[0].tags).toEqual(['=evil', '+tag']);
    expect(drafts[0].note).toBe('-5');
  });

  it('reports a cell over the spreadsheet’s limit, and never cuts it', () => {
    const long = 'é'.repeat(MAX_CELL_CHARS + 1);
    const file = fileOf(['Email', 'Notes', 'Pointure'], ['a@example.com', long, 'x'.repeat(MAX_CELL_CHARS)], ['b@example.com', 'ok', long]);
    const { drafts, errors, warnings } = buildDrafts(file, mapHeaders(file.header));
    // The rows are people: they come in, without the cell no spreadsheet can hold (reported, not cut).
    expect(drafts.map((d) => [d.line, d.contact.email, d.contact.notes, Object.keys(d.custom)])).toEqual([
      [2, 'a@example.com', undefined, ['Pointure']],
      [3, 'b@example.com', 'ok', []],
    ]);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => [w.line, w.column, w.key, w.params, w.kept_in])).toEqual([
      [2, 'Notes', 'import.too_long', { length: MAX_CELL_CHARS + 1, max: MAX_CELL_CHARS }, ''],
      [3, 'Pointure', 'import.too_long', { length: MAX_CELL_CHARS + 1, max: MAX_CELL_CHARS }, ''],
    ]);
  });

  it('reads enum values written in another case or language, and names the allowed ones otherwise', () => {
    const file = fileOf(['Email', 'Level', 'Frequency', 'kind', 'newsletter_status'], ['a@example.com', 'Gold', 'Mensuel', 'Person', 'Subscribed'], ['b@example.com', 'Gold', 'weekly', '', '']);
    const mapping = mapped({ Email: 'email', Level: 'membership.level', Frequency: 'membership.frequency', kind: 'kind', newsletter_status: 'newsletter_status' });
    const { drafts, warnings } = buildDrafts(file, mapping);
    expect(drafts[0].contact).toEqual({ email: 'a@example.com', kind: 'person', newsletter_status: 'subscribed' });
    expect(drafts[0].membership).toEqual({ level: 'Gold', frequency: 'monthly' });
    expect(warnings).toEqual([
      { line: 3, column: 'Frequency', key: 'problem.enum', params: { value: 'weekly', allowed: 'one_off, monthly, quarterly, yearly, lifetime' }, value: 'weekly', kept_in: 'Frequency' },
    ]);
    expect(drafts[1].custom).toEqual({ Frequency: 'weekly' });
  });

  it('trims text, leaves empty cells out, and lets dedicated name columns win over a full name', () => {
    const file = fileOf(['Name', 'First name', 'Email', 'Ville'], ['  Dupont, Marie  ', ' Marie-Claire ', '  m@Example.FR ', '   ']);
    const { drafts } = buildDrafts(file, mapHeaders(file.header));
    expect(drafts[0].contact).toEqual({ first_name: 'Marie-Claire', last_name: 'Dupont', email: 'm@example.fr' });
  });

  it('adds up the tags of several tag columns, each tag once', () => {
    const file = fileOf(['Email', 'Tags', 'Étiquettes'], ['a@example.com', 'Donor; Volunteer', 'bénévole, DONOR, Bénévole, Presse']);
    expect(buildDrafts(file, mapHeaders(file.header)).drafts[0].tags).toEqual(['Donor', 'Volunteer', 'bénévole', 'Presse']);
  });

  it('refuses a row with nobody in it, and a row whose only identity cannot be read (saying why)', () => {
    const file = fileOf(['Email', 'Ville', 'Tags', 'Prénom'], ['', 'Paris', 'VIP', ''], ['not-an-email', 'Lyon', '', ''], ['not-an-email', 'Nantes', '', 'Rosa']);
    const { errors, warnings, drafts } = buildDrafts(file, mapHeaders(file.header));
    expect(errors).toEqual([
      { line: 2, column: '', key: 'import.empty_row', params: {} },
      { line: 3, column: '', key: 'import.empty_row', params: {} },
    ]);
    // With a name, the same bad address is kept as typed and the person comes in.
    expect(drafts.map((d) => [d.line, d.contact.first_name, d.custom])).toEqual([[4, 'Rosa', { 'Email (import)': 'not-an-email' }]]);
    expect(warnings.map((w) => [w.line, w.column, w.key, w.kept_in])).toEqual([[4, 'Email', 'problem.email', 'Email (import)']]);
  });

  it('ignores columns mapped to "ignore" or missing from the mapping, and refuses a target that does not exist', () => {
    const file = fileOf(['Email', 'Secret', 'Other'], ['a@example.com', 'x', 'y']);
    expect(buildDrafts(file, mapped({ Email: 'email', Secret: 'ignore' })).drafts[0]).toEqual({ ...empty, line: 2, contact: { email: 'a@example.com' } });
    expect(() => buildDrafts(file, mapped({ Email: 'email', Secret: 'deleted' }))).toThrow(RangeError);
  });

  it('has an English text for every import key it reports', () => {
    const keys = new Set<string>();
    for (const name of ['fr-excel-utf8-bom.csv', 'es-excel.csv', 'pt-br-excel.csv']) for (const e of [...importFixture(name).errors, ...importFixture(name).warnings]) keys.add(e.key);
    const file = fileOf(['Notes', 'Email'], ['x'.repeat(MAX_CELL_CHARS + 1), 'a@example.com']);
    for (const e of buildDrafts(file, mapHeaders(file.header)).warnings) keys.add(e.key);
    const importKeys = [...keys].filter((k) => k.startsWith('import.')).sort();
    expect(importKeys).toEqual(['import.bad_amount', 'import.bad_boolean', 'import.bad_date', 'import.empty_row', 'import.too_long']);
    for (const key of importKeys) expect(Object.keys(IMPORT_MESSAGES_EN)).toContain(key);
  });
});
