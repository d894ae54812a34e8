/** Member files as teams really have them: yes/no columns, guessed columns, Mailchimp's yearless
 *  birthdays, Excel's serial dates, unreadable cells. Nothing a person needs is lost, and a guess never
 *  decides who is who. */
import { ok, setUpRuntime, call, rowsOf } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const importCsv = (rt: MemoryRuntime, name: string, text: string, extra: Record<string, unknown> = {}) =>
  call(rt, 'importFile', { file_name: name, content_base64: b64(text), mode: 'skip', ...extra });

const FIRST = ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Jules', 'Manon', 'Arthur', 'Inès', 'Nathan'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard'];

/** A French association's member file: 40 people, 2 of them members, one yes/no column. */
function associationFile(flagHeader: string, yes: string, no: string): string {
  const lines = [`Prénom;Nom;Ville;${flagHeader}`];
  for (let i = 0; i < 40; i++) lines.push(`${FIRST[i % 10]};${LAST[i % 6]}-${i};Lyon;${i < 2 ? yes : no}`);
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

describe('a yes/no column is a flag, never an identity', () => {
  it.each([
    ['Adhérent', 'Oui', 'Non'],
    ['Membre', 'oui', 'non'],
    ['Socio', 'Sí', 'No'],
    ['Membro', 'Sim', 'Não'],
    ['Member', 'Yes', 'No'],
    ['Adhérente', 'X', ''],
  ])('%s (%s/%s): all 40 people come in; the members get a tag named after the column', (header, yes, no) => {
    const rt = setUpRuntime();
    const preview = ok(importCsv(rt, 'adherents.csv', associationFile(header, yes, no), { dry_run: true }));
    expect(preview.mapping.find((m: { header: string }) => m.header === header)).toMatchObject({ target: 'member_flag' });
    expect(preview).toMatchObject({ created: 40, duplicates_in_file: 0, duplicates_warning: '' });
    const done = ok(importCsv(rt, 'adherents.csv', associationFile(header, yes, no)));
    expect(done.created).toBe(40);
    const tag = rowsOf(rt, 'Tags').find((t) => t.name === header)!;
    expect(tag).toBeDefined();
    expect(rowsOf(rt, 'ContactTags').filter((ct) => ct.tag_id === tag.id)).toHaveLength(2);
    expect(rowsOf(rt, 'Contacts').every((c) => c.external_id === '')).toBe(true);
  });

  it('an identifier header whose values are yes/no is not used as an identity', () => {
    const rt = setUpRuntime();
    const preview = ok(importCsv(rt, 'liste.csv', associationFile('ID', 'Oui', 'Non'), { dry_run: true }));
    expect(preview.mapping.find((m: { header: string }) => m.header === 'ID')).toMatchObject({ target: 'custom', suggestion: 'external_id' });
    expect(preview).toMatchObject({ created: 40, duplicates_in_file: 0 });
  });

  it('a column only guessed as an email or an id waits for a person to confirm it', () => {
    const rt = setUpRuntime();
    const text = 'Prénom;Nom;Votre adresse mail;N° carte adhérent\nAna;Lima;ana@example.org;A-1\nBea;Lima;ana@example.org;A-1\n';
    const preview = ok(importCsv(rt, 'famille.csv', text, { dry_run: true }));
    const byHeader = Object.fromEntries(preview.mapping.map((m: { header: string; target: string; suggestion?: string }) => [m.header, [m.target, m.suggestion]]));
    expect(byHeader['Votre adresse mail']).toEqual(['custom', 'email']);
    expect(byHeader['N° carte adhérent'][0]).toBe('custom');
    expect(preview).toMatchObject({ created: 2, duplicates_in_file: 0 });
  });

  it('when a person maps a yes/no column as the identity anyway, the preview says in red which column made rows collide', () => {
    const rt = setUpRuntime();
    const mapping = [
      { header: 'Prénom', target: 'first_name', confidence: 'exact' },
      { header: 'Nom', target: 'last_name', confidence: 'exact' },
      { header: 'Ville', target: 'city', confidence: 'exact' },
      { header: 'Adhérent', target: 'external_id', confidence: 'exact' },
    ];
    rt.identity.userLocale = 'fr';
    const preview = ok(importCsv(rt, 'adherents.csv', associationFile('Adhérent', 'Oui', 'Non'), { dry_run: true, mapping }));
    expect(preview.duplicates_in_file).toBe(38);
    expect(preview.duplicates_by[0]).toEqual({ column: 'Adhérent', value: 'Non', rows: 37 });
    expect(preview.duplicates_warning).toContain('« Adhérent »');
    expect(preview.duplicates_warning).toContain('« Non »');
    expect(preview.duplicates_warning).toMatch(/^38 lignes/);
  });

  it('a couple of true duplicates inside a file are dropped quietly, as before', () => {
    const rt = setUpRuntime();
    const text = 'First name,Last name,Email\nAna,Lima,ana@example.org\nAna,Lima,ana@example.org\nBo,Ek,bo@example.org\n';
    const preview = ok(importCsv(rt, 'list.csv', text, { dry_run: true }));
    expect(preview).toMatchObject({ created: 2, duplicates_in_file: 1, duplicates_warning: '' });
    expect(preview.duplicates_by).toEqual([{ column: 'Email', value: 'ana@example.org', rows: 1 }]);
  });
});

describe('a newsletter yes/no column', () => {
  const file = 'Prénom;Nom;Email;Abonné newsletter\nAna;Lima;ana@example.org;Oui\nBea;Sousa;bea@example.org;Non\nCaio;Reis;caio@example.org;oui\n';

  it('subscribes the yes rows with the file as the consent source', () => {
    const rt = setUpRuntime();
    ok(importCsv(rt, 'newsletter.csv', file));
    const byName = Object.fromEntries(rowsOf(rt, 'Contacts').map((c) => [c.first_name, c]));
    expect(byName.Ana).toMatchObject({ newsletter_status: 'subscribed', consent_source: 'import:newsletter.csv' });
    expect(byName.Ana.consent_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(byName.Bea).toMatchObject({ newsletter_status: 'never', consent_source: '' });
  });

  it.each(['update', 'fill'])('never subscribes again an address that unsubscribed or bounced (mode %s)', (mode) => {
    const rt = setUpRuntime();
    const ana = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', last_name: 'Lima', email: 'ana@example.org', email_opt_out: true, newsletter_status: 'unsubscribed' } })).id;
    const caio = ok(call(rt, 'createContact', { contact: { first_name: 'Caio', last_name: 'Reis', email: 'caio@example.org', newsletter_status: 'cleaned' } })).id;
    ok(importCsv(rt, 'newsletter.csv', file, { mode }));
    const rows = rowsOf(rt, 'Contacts');
    expect(rows.find((r) => r.id === ana)).toMatchObject({ email_opt_out: true, newsletter_status: 'unsubscribed' });
    expect(rows.find((r) => r.id === caio)).toMatchObject({ newsletter_status: 'cleaned' });
  });

  it('an opt-out in the same row wins over its yes', () => {
    const rt = setUpRuntime();
    ok(importCsv(rt, 'n.csv', 'Email;Newsletter;Désabonné\nana@example.org;Oui;Oui\n'));
    expect(rowsOf(rt, 'Contacts')[0]).toMatchObject({ email_opt_out: true, newsletter_status: 'never' });
  });
});

describe('one unreadable cell never drops a row', () => {
  it('imports a Mailchimp audience whose birthdays have no year, stored as --MM-DD', () => {
    const rt = setUpRuntime();
    const text = [
      'Email Address,First Name,Last Name,Birthday,MEMBER_RATING,OPTIN_TIME',
      'ana@example.org,Ana,Lima,10/08,2,2024-01-05 10:00:00',
      'bo@example.org,Bo,Ek,02/29,3,2024-01-05 10:00:00',
      'cy@example.org,Cy,Ru,13/45,1,2024-01-05 10:00:00',
      'di@example.org,Di,Ng,,1,2024-01-05 10:00:00',
    ].join('\n');
    const report = ok(importCsv(rt, 'mailchimp.csv', text));
    expect(report).toMatchObject({ created: 4, errors: [] });
    const byName = Object.fromEntries(rowsOf(rt, 'Contacts').map((c) => [c.first_name, c]));
    expect(byName.Ana.birthday).toBe('--10-08');
    expect(byName.Bo.birthday).toBe('--02-29');
    // An impossible birthday is kept as typed, in a column of its own, and said.
    expect(byName.Cy.birthday).toBe('');
    expect(byName.Cy['Birthday (import)']).toBe('13/45');
    expect(report.warnings).toEqual([expect.objectContaining({ row: 4, column: 'Birthday', value: '13/45', kept_in: 'Birthday (import)' })]);
  });

  it('reads a Mailchimp export’s MM/DD even when no day proves the order', () => {
    const rt = setUpRuntime();
    ok(importCsv(rt, 'mc.csv', 'Email Address,First Name,Birthday,MEMBER_RATING\nana@example.org,Ana,10/08,2\nbo@example.org,Bo,03/04,2\n'));
    expect(rowsOf(rt, 'Contacts').map((c) => c.birthday)).toEqual(['--10-08', '--03-04']);
  });

  it.each([
    ['14/01', 'dmy', '--01-14'],
    ['14 janvier', '', '--01-14'],
    ['3 de marzo', '', '--03-03'],
    ['January 14', '', '--01-14'],
    ['14 de janeiro', '', '--01-14'],
    ['32874', '', '1990-01-01'],
    ['1990-01-01T00:00:00+02:00', '', '1990-01-01'],
    ['1 févr. 1990', '', '1990-02-01'],
  ])('reads the birthday %j', (typed, _order, stored) => {
    const rt = setUpRuntime();
    ok(importCsv(rt, 'b.csv', `Prénom;Date de naissance\nAna;${typed}\n`));
    expect(rowsOf(rt, 'Contacts')[0].birthday).toBe(stored);
  });

  it('keeps every row of a file with broken optional cells, each cell as typed, and reports each with its line and column', () => {
    const rt = setUpRuntime();
    const text = [
      'Nombre;Apellidos;Correo electrónico;Fecha de nacimiento;Donativo;Fecha del donativo;Baja;Código postal',
      'Lucía;Núñez;lucia@correo;31/02/1980;12,34,56;01/02/2024;quizás;28013',
      'Pablo;Ruiz;pablo@correo.es;hace tiempo;50;mañana;No;08001',
    ].join('\n');
    const report = ok(importCsv(rt, 'socios.csv', text));
    expect(report.created).toBe(2);
    const rows = rowsOf(rt, 'Contacts');
    expect(rows.map((r) => [r.first_name, r.postal_code, r.email, r['Correo electrónico'], r['Fecha de nacimiento'], r.Donativo, r.Baja])).toEqual([
      ['Lucía', '28013', '', 'lucia@correo', '31/02/1980', '12,34,56', 'quizás'],
      ['Pablo', '08001', 'pablo@correo.es', '', 'hace tiempo', '', ''],
    ]);
    expect(report.warnings.map((w: { row: number; column: string }) => [w.row, w.column])).toEqual([
      [2, 'Correo electrónico'],
      [2, 'Fecha de nacimiento'],
      [2, 'Donativo'],
      [2, 'Baja'],
      [3, 'Fecha de nacimiento'],
      [3, 'Fecha del donativo'],
    ]);
    // Pablo's gift is in, without its unreadable date; Lucía's amount cannot be read: no gift, nothing lost.
    expect(rowsOf(rt, 'Donations').map((d) => [d.amount, d.date])).toEqual([[50, '']]);
    expect(rows[0]['Fecha del donativo']).toBe('01/02/2024');
  });
});

describe('remembered mappings', () => {
  it('never fill the document’s property store: the most recent ones are kept', () => {
    const { mappingMemory, MAX_MAPPINGS } = jest.requireActual('../../src/api/import-actions');
    const rt = setUpRuntime();
    const memory = mappingMemory(rt.properties);
    for (let i = 0; i < MAX_MAPPINGS + 25; i++) memory.set(`sig${i}`, [{ header: `Column ${i}`, target: 'custom', confidence: 'exact' }]);
    const stored = [...rt.properties.values.keys()].filter((k) => k.startsWith('import.mapping.'));
    expect(stored).toHaveLength(MAX_MAPPINGS);
    expect(memory.get(`sig${MAX_MAPPINGS + 24}`)).not.toBeNull();
    expect(memory.get('sig0')).toBeNull();
    const total = [...rt.properties.values.values()].reduce((n, v) => n + v.length, 0);
    expect(total).toBeLessThan(500 * 1024);
  });
});

describe('past imports', () => {
  it('are listed newest first with who, when, counts, and undo while they can be undone', () => {
    const rt = setUpRuntime();
    const first = ok(importCsv(rt, 'one.csv', 'Prénom;Email\nAna;ana@example.org\n'));
    rt.clock.current = new Date(rt.clock.current.getTime() + 60000);
    const second = ok(importCsv(rt, 'two.csv', 'Prénom;Email;Date de naissance\nBo;bo@example.org;31/02/1990\n'));
    ok(call(rt, 'undoImport', { batch: first.batch }));
    const { imports, total } = ok(call(rt, 'listImports', {}));
    expect(total).toBe(2);
    expect(imports.map((i: { file: string; status: string; can_undo: boolean; warnings: number }) => [i.file, i.status, i.can_undo, i.warnings])).toEqual([
      ['two.csv', 'done', true, 1],
      ['one.csv', 'undone', false, 0],
    ]);
    expect(imports[0]).toMatchObject({ batch: second.batch, who: 'admin@example.org', created: 1 });
  });
});
