import { ok, refused, setUpRuntime, call, addStaff, as, rowsOf } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';
import * as Excel from 'exceljs';
import { Workbook } from '../../src/store/workbook';
import { tableDef } from '../../src/core/schema/tables';
import { continueImport } from '../../src/services/imports/imports';

const BOM = '\ufeff';
const b64 = (text: string, encoding: BufferEncoding = 'utf8') => Buffer.from(text, encoding).toString('base64');

function importText(rt: MemoryRuntime, text: string, mode = 'skip', extra: Record<string, unknown> = {}) {
  return call(rt, 'importFile', { file_name: 'adherents.csv', content_base64: b64(text), mode, ...extra });
}

const FRENCH = `${BOM}Prénom;Nom;Courriel;Téléphone;Code postal;Ville;Étiquettes;Cotisation;Date d'adhésion
Zoé;Durand;zoe.durand@example.fr;06 12 34 56 78;01000;Bourg-en-Bresse;Bénévole, Presse;25,50;15/01/2026
Marc;=HYPERLINK("x");marc@example.fr;+33 7 11 22 33 44;07000;Privas;;;
;;;;;;;;
Inès;Moreau;pas-un-email;;75011;Paris;;;
`;

describe('Importing a file', () => {
  it('previews without writing anything, then imports with the same counts', () => {
    const rt = setUpRuntime();
    const preview = ok(importText(rt, FRENCH, 'skip', { dry_run: true }));
    // The line of empty cells (4) is a blank line, skipped; line 5 has an invalid email, which keeps
    // the row (a person with a name) and the address as typed.
    expect(preview).toMatchObject({ batch: '', dry_run: true, encoding: 'utf-8', delimiter: ';', rows: 3, created: 3, updated: 0, skipped: 0, duplicates_in_file: 0 });
    expect(preview.errors).toEqual([]);
    expect(preview.warnings.map((e: any) => [e.row, e.column, e.value, e.kept_in])).toEqual([[5, 'Courriel', 'pas-un-email', 'Courriel']]);
    expect(preview.warnings[0].message).toContain('"pas-un-email" is not a valid email address');
    expect(preview.warnings[0].message).toContain('kept as typed in the column “Courriel”');
    expect(rowsOf(rt, 'Contacts')).toHaveLength(0);
    expect(rowsOf(rt, 'Imports')).toHaveLength(0);

    const done = ok(importText(rt, FRENCH));
    expect(done).toMatchObject({ batch: expect.stringMatching(/^imp_/), created: 3, errors: [], warnings: preview.warnings });
    const contacts = rowsOf(rt, 'Contacts');
    expect(contacts.map((c) => [c.first_name, c.last_name, c.postal_code, c.phone, c.email, c.Courriel, c.import_batch])).toEqual([
      ['Zoé', 'Durand', '01000', '06 12 34 56 78', 'zoe.durand@example.fr', '', done.batch],
      ['Marc', '=HYPERLINK("x")', '07000', '+33 7 11 22 33 44', 'marc@example.fr', '', done.batch],
      ['Inès', 'Moreau', '75011', '', '', 'pas-un-email', done.batch],
    ]);
    expect(rowsOf(rt, 'Imports')[0]).toMatchObject({ id: done.batch, file_name: 'adherents.csv', status: 'done', created: 3, errors: 0, warnings: 1, who: 'admin@example.org' });
    expect(rowsOf(rt, 'AuditLog').some((r) => r.action === `import ${done.batch}` && r.table === 'Contacts')).toBe(true);
  });

  it('turns tags, a membership fee and its date into linked rows of the batch', () => {
    const rt = setUpRuntime();
    const { batch } = ok(importText(rt, FRENCH));
    const zoe = rowsOf(rt, 'Contacts')[0];
    expect(
      rowsOf(rt, 'Tags')
        .map((t) => t.name)
        .sort(),
    ).toEqual(['Bénévole', 'Presse']);
    expect(rowsOf(rt, 'ContactTags').every((ct) => ct.contact_id === zoe.id && ct.import_batch === batch)).toBe(true);
    const card = ok(call(rt, 'getContactCard', { id: zoe.id }));
    expect(card.tags.map((t: any) => t.name)).toEqual(['Bénévole', 'Presse']);
  });

  it('matches on strong evidence only: the same email with a compatible name, never a family sharing an address', () => {
    const rt = setUpRuntime();
    const ana = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', last_name: 'Lima', email: 'familia.lima@example.pt', city: '' } })).id;
    const file = `First Name,Last Name,Email,City\nAna,Lima,FAMILIA.LIMA@example.pt,Porto\nRui,Lima,familia.lima@example.pt,Porto\n`;
    const report = ok(importText(rt, file, 'update'));
    expect(report).toMatchObject({ created: 1, updated: 1 });
    const contacts = rowsOf(rt, 'Contacts');
    expect(contacts.find((c) => c.id === ana)).toMatchObject({ city: 'Porto', import_batch: report.batch });
    expect(
      contacts
        .filter((c) => c.last_name === 'Lima')
        .map((c) => c.first_name)
        .sort(),
    ).toEqual(['Ana', 'Rui']);
  });

  it('skips, updates, fills or ignores matches as the mode says', () => {
    const file = `Email,First Name,Last Name,City,Job Title\nana@example.org,Ana,Lima,Porto,Editor\n`;
    const run = (mode: string) => {
      const rt = setUpRuntime();
      const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', last_name: 'Lima', email: 'ana@example.org', city: 'Lisboa' } })).id;
      const report = ok(importText(rt, file, mode));
      const c = rowsOf(rt, 'Contacts').find((r) => r.id === id)!;
      return [report.created, report.updated, report.skipped, c.city, c.job_title, rowsOf(rt, 'Contacts').length];
    };
    expect(run('skip')).toEqual([0, 0, 1, 'Lisboa', '', 1]);
    expect(run('update')).toEqual([0, 1, 0, 'Porto', 'Editor', 1]);
    expect(run('fill')).toEqual([0, 1, 0, 'Lisboa', 'Editor', 1]);
    expect(run('none')).toEqual([1, 0, 0, 'Lisboa', '', 2]);
  });

  it('never undoes an unsubscribe', () => {
    const rt = setUpRuntime();
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', email: 'ana@example.org', email_opt_out: true, newsletter_status: 'unsubscribed' } })).id;
    ok(
      importText(rt, `Email,First Name,Newsletter status\nana@example.org,Ana,subscribed\n`, 'update', {
        mapping: [
          { header: 'Email', target: 'email', confidence: 'exact' },
          { header: 'First Name', target: 'first_name', confidence: 'exact' },
          { header: 'Newsletter status', target: 'newsletter_status', confidence: 'exact' },
        ],
      }),
    );
    expect(rowsOf(rt, 'Contacts').find((r) => r.id === id)).toMatchObject({ email_opt_out: true, newsletter_status: 'unsubscribed' });
  });

  it('counts duplicates inside the file once', () => {
    const rt = setUpRuntime();
    const report = ok(importText(rt, `Email,First Name\nana@example.org,Ana\nANA@example.org,Ana\nbob@example.org,Bob\n`));
    expect(report).toMatchObject({ rows: 3, created: 2, duplicates_in_file: 1 });
  });

  it('reads an old Windows-1252 file and a tab-separated one', () => {
    const rt = setUpRuntime();
    const latin = ok(call(rt, 'importFile', { file_name: 'vieux.csv', content_base64: b64('Prénom;Nom;Ville\nFrançoise;Lefèvre;Besançon\n', 'latin1'), mode: 'skip' }));
    expect(latin).toMatchObject({ encoding: 'windows-1252', created: 1 });
    const tsv = ok(importText(rt, 'Nombre\tApellidos\tCorreo electrónico\nJosé\tNúñez García\tjose@example.es\n'));
    expect(tsv).toMatchObject({ delimiter: '\t', created: 1 });
    expect(rowsOf(rt, 'Contacts').map((c) => `${c.first_name} ${c.last_name} ${c.city || c.email}`)).toEqual(['Françoise Lefèvre Besançon', 'José Núñez García jose@example.es']);
  });

  it('reads the first sheet of an .xlsx file', async () => {
    const book = new Excel.Workbook();
    const sheet = book.addWorksheet('Liste');
    sheet.addRow(['Nombre', 'Apellidos', 'Correo electrónico', 'Código postal']);
    sheet.addRow(['José', 'Núñez García', 'jose@example.es', '08001']);
    const bytes = Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const rt = setUpRuntime();
    const report = ok(call(rt, 'importFile', { file_name: 'lista.xlsx', content_base64: bytes.toString('base64'), mode: 'skip' }));
    expect(report).toMatchObject({ delimiter: '', created: 1, errors: [] });
    expect(rowsOf(rt, 'Contacts')[0]).toMatchObject({ first_name: 'José', last_name: 'Núñez García', email: 'jose@example.es', postal_code: '08001', source: 'lista.xlsx (line 2)' });
    expect(refused(call(rt, 'importFile', { file_name: 'broken.xlsx', content_base64: Buffer.from([0x50, 0x4b, 3, 4, 9, 9]).toString('base64'), mode: 'skip' })).message).toContain(
      'broken.xlsx cannot be imported',
    );
  });

  it('keeps columns it does not know as custom columns', () => {
    const rt = setUpRuntime();
    ok(importText(rt, `Email,First Name,T-shirt size\nana@example.org,Ana,XL\n`));
    const [contact] = rowsOf(rt, 'Contacts');
    expect(Object.keys(contact).pop()).toBe('T-shirt size');
    expect(contact['T-shirt size']).toBe('XL');
  });

  it('remembers the mapping a person confirmed for the next file with the same headers', () => {
    const rt = setUpRuntime();
    const file = `Nom complet,Adresse,Club\nMarie Dupont,marie@example.fr,Échecs\n`;
    const first = ok(importText(rt, file, 'skip', { dry_run: true }));
    expect(first.mapping_remembered).toBe(false);
    const confirmed = first.mapping.map((m: any) => (m.header === 'Adresse' ? { ...m, target: 'email' } : m.header === 'Club' ? { ...m, target: 'tags' } : m));
    ok(importText(rt, file, 'skip', { mapping: confirmed }));
    const next = ok(importText(rt, `Nom complet,Adresse,Club\nJean Martin,jean@example.fr,Théâtre\n`, 'skip', { dry_run: true }));
    expect(next.mapping_remembered).toBe(true);
    expect(next.mapping.map((m: any) => [m.header, m.target])).toEqual([
      ['Nom complet', 'full_name'],
      ['Adresse', 'email'],
      ['Club', 'tags'],
    ]);
  });

  it('refuses a viewer, and a file that is not base64', () => {
    const rt = setUpRuntime();
    addStaff(rt, 'v@example.org', 'viewer');
    expect(as(rt, 'v@example.org', () => refused(importText(rt, FRENCH))).code).toBe('forbidden');
    expect(refused(call(rt, 'importFile', { file_name: 'x.csv', content_base64: '***', mode: 'skip' })).message).toContain('x.csv');
  });
});

describe('Undoing an import', () => {
  it('removes what it created, restores what it updated, and refuses a second undo', () => {
    const rt = setUpRuntime();
    const ana = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', last_name: 'Lima', email: 'ana@example.org', city: 'Lisboa' } })).id;
    const file = `Email,First Name,Last Name,City,Tags\nana@example.org,Ana,Lima,Porto,Press\nbob@example.org,Bob,Stone,Leeds,Press\n`;
    const { batch } = ok(importText(rt, file, 'update'));
    expect(rowsOf(rt, 'Contacts')).toHaveLength(2);
    const undone = ok(call(rt, 'undoImport', { batch }));
    expect(undone).toMatchObject({ removed: 1, restored: 1, kept: [] });
    expect(rowsOf(rt, 'Contacts').map((c) => [c.id, c.city])).toEqual([[ana, 'Lisboa']]);
    expect(rowsOf(rt, 'ContactTags')).toEqual([]);
    expect(rowsOf(rt, 'Imports')[0]).toMatchObject({ status: 'undone' });
    expect(refused(call(rt, 'undoImport', { batch })).code).toBe('invalid');
  });

  it('keeps contacts changed since the import, and says which', () => {
    const rt = setUpRuntime();
    const { batch } = ok(importText(rt, `Email,First Name\nana@example.org,Ana\nbob@example.org,Bob\n`));
    const [ana, bob] = rowsOf(rt, 'Contacts');
    rt.clock.advance(60000);
    ok(call(rt, 'updateContact', { id: ana.id, patch: { city: 'Faro' } }));
    ok(call(rt, 'logInteraction', { interaction: { contact_id: bob.id, type: 'call', subject: 'Welcome' } }));
    const undone = ok(call(rt, 'undoImport', { batch }));
    expect(undone.removed).toBe(0);
    expect(undone.kept.map((k: any) => k.id).sort()).toEqual([ana.id, bob.id].sort());
    expect(rowsOf(rt, 'Contacts')).toHaveLength(2);
    expect(rowsOf(rt, 'Interactions')).toHaveLength(1);
  });
});

describe('A big import, in chunks', () => {
  const rows = 12000;
  const bigFile = () => {
    const lines = ['Email;First Name;Last Name;Tags'];
    for (let i = 0; i < rows; i++) lines.push(`p${i}@example.org;Person${i};Big;${i % 2 ? 'Odd' : ''}`);
    return lines.join('\n');
  };

  it('applies one chunk per call, keeps a cursor, and finishes with every row once', () => {
    const rt = setUpRuntime();
    const first = ok(importText(rt, bigFile(), 'none'));
    expect(first).toMatchObject({ status: 'running', done_rows: 5000, total_rows: rows, created: 5000 });
    expect(rowsOf(rt, 'ImportFiles').length).toBeGreaterThan(0);
    expect(rt.scheduler.hourly.has('continueImports')).toBe(true);
    const second = ok(call(rt, 'continueImport', { batch: first.batch }));
    expect(second).toMatchObject({ status: 'running', done_rows: 10000, created: 10000 });
    const last = ok(call(rt, 'continueImport', { batch: first.batch }));
    expect(last).toMatchObject({ status: 'done', done_rows: rows, created: rows });
    expect(rowsOf(rt, 'Contacts')).toHaveLength(rows);
    expect(rowsOf(rt, 'ImportFiles')).toEqual([]);
    expect(rowsOf(rt, 'Imports')[0]).toMatchObject({ status: 'done', created: rows, cursor: rows });
    // Asking again changes nothing.
    expect(ok(call(rt, 'continueImport', { batch: first.batch }))).toMatchObject({ status: 'done', created: rows });
    expect(rowsOf(rt, 'Contacts')).toHaveLength(rows);
  });

  it('creates nothing twice when an execution was cut off after writing its rows but before its cursor', () => {
    const rt = setUpRuntime();
    const first = ok(importText(rt, bigFile(), 'none'));
    // A chunk runs and writes its contacts, then the execution dies before the Imports row is written.
    const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    continueImport(wb, first.batch, 'en');
    for (const sheet of ['Contacts', 'Tags', 'ContactTags']) wb.table(tableDef(sheet)).flush();
    expect(rowsOf(rt, 'Contacts')).toHaveLength(10000);
    expect(rowsOf(rt, 'Imports')[0]).toMatchObject({ cursor: 5000 });
    let report = ok(call(rt, 'continueImport', { batch: first.batch }));
    while (report.status === 'running') report = ok(call(rt, 'continueImport', { batch: first.batch }));
    expect(rowsOf(rt, 'Contacts')).toHaveLength(rows);
    expect(new Set(rowsOf(rt, 'Contacts').map((c) => c.email)).size).toBe(rows);
    // Every odd row has the tag "Odd": each of those contacts is tagged once, no more.
    const links = rowsOf(rt, 'ContactTags');
    expect(links).toHaveLength(rows / 2);
    expect(new Set(links.map((l) => l.contact_id)).size).toBe(rows / 2);
  });

  it('can be undone while still running: what it created goes, and so does its staged file', () => {
    const rt = setUpRuntime();
    const first = ok(importText(rt, bigFile(), 'none'));
    expect(ok(call(rt, 'undoImport', { batch: first.batch }))).toMatchObject({ removed: 5000 });
    expect(rowsOf(rt, 'Contacts')).toEqual([]);
    expect(rowsOf(rt, 'ImportFiles')).toEqual([]);
    expect(ok(call(rt, 'continueImport', { batch: first.batch }))).toMatchObject({ status: 'stopped' });
  });
});
