import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { projectFiles } from '../support/project-files';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SIDEBAR_PARTS } from '../../src/core/i18n/sidebar-file';
import vm from 'node:vm';
// gas-local evaluates every .js file of a folder in one vm context whose global object we give it.
const gas = require('gas-local');
import { createAppsScriptFakes, AppsScriptFakes } from '../fakes';
import { ACTIONS } from '../../src/api/actions';
import { TABLES, Staff, Contacts } from '../../src/core/schema/tables';
import { HOSTILE_TEXT } from '../support/hostile';

const DIST = join(__dirname, '..', '..', 'dist');

function loadBundle(options: Parameters<typeof createAppsScriptFakes>[0] = {}) {
  const fakes = createAppsScriptFakes({ sheets: ['Sheet1'], ...options });
  projectFiles(fakes.html);
  const context = gas.require(DIST, fakes.globals);
  fakes.setRealm(vm.runInContext('({ Date: Date, Error: Error })', context));
  return { fakes, script: context as Record<string, any> };
}

function headerOf(fakes: AppsScriptFakes, sheet: string): string[] {
  return fakes.spreadsheet.__dump(sheet)[0] as string[];
}

describe('dist/Code.js under gas-local', () => {
  it('declares every entry point as a top-level function Apps Script can see', () => {
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    const expected = [
      'onOpen',
      'onInstall',
      'onEdit',
      'onSheetChange',
      'dailyMaintenance',
      'continueNightly',
      'continueImports',
      'doGet',
      'doPost',
      'showSidebar',
      'runSetUp',
      ...Object.keys(ACTIONS),
    ];
    for (const name of expected) expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    const { script } = loadBundle();
    for (const name of expected) expect(typeof script[name]).toBe('function');
  });

  it('reads at a call only the project files it needs: one language, the phone plans for a phone, the import’s code and libraries for an import, the intake’s for the Inbox, finding duplicates’ for the Duplicates tab', () => {
    const { fakes, script } = loadBundle({ locale: 'pt_BR' });
    const read: string[] = [];
    const files = fakes.html.files;
    fakes.html.files = new Proxy(files, { get: (target, name: string) => (read.push(name), target[name]) });
    // Set up speaks Portuguese: it reads those words, no other language's, no library.
    script.runSetUp();
    expect(script.createContact({ contact: {} }).error.message).toBe('Um contato precisa de um nome, um e-mail ou um telefone.');
    expect(read.filter((name) => name !== 'Sidebar')).toEqual(['i18n_pt']);
    read.length = 0;
    expect(script.createContact({ contact: { first_name: 'Bia', phone: '+351 912 345 678' } }).ok).toBe(true);
    // No feature's code: a contact is the script's own work.
    expect(read.sort()).toEqual(['lib_libphonenumber', 'phone_metadata']);
    read.length = 0;
    const csv = Buffer.from('Nome;Email\nCaio;caio@example.pt\n', 'utf8').toString('base64');
    expect(script.importFile({ file_name: 'a.csv', content_base64: csv, mode: 'skip' }).data).toMatchObject({ created: 1 });
    expect(read).toEqual(expect.arrayContaining(['feature_imports', 'lib_papaparse', 'import_header_names']));
    expect(read).not.toContain('lib_fflate');
    expect(read).not.toContain('feature_intake');
    read.length = 0;
    // The intake's code is read by the Inbox's calls only.
    expect(script.inbox({}).ok).toBe(true);
    expect(read).toEqual(['feature_intake']);
    read.length = 0;
    // Finding duplicates is the Duplicates tab's: its code is read by that call, and finds Caio twice.
    expect(script.createContact({ contact: { first_name: 'Caio', email: 'caio@example.pt' }, allow_duplicate: true }).ok).toBe(true);
    read.length = 0;
    expect(script.findDuplicates({}).data.pairs).toHaveLength(1);
    expect(read).toEqual(['feature_dedupe']);
    // What the bundle itself holds: none of the four dictionaries, no numbering plans.
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    expect(code).not.toContain('Um contato precisa de um nome');
    expect(code).not.toContain('A contact needs a name, an email or a phone.');
    // The budget for what every call parses.
    expect(code.length).toBeLessThan(300 * 1024);
  });

  it('ships one sidebar per language, each carrying its own words only', () => {
    const words = { en: 'Recurring gift', fr: 'Moyen de paiement', es: 'Medio de pago', pt: 'Forma de pagamento' };
    const files = { en: 'Sidebar.html', fr: 'Sidebar_fr.html', es: 'Sidebar_es.html', pt: 'Sidebar_pt.html' };
    for (const [language, file] of Object.entries(files)) {
      const html = readFileSync(join(DIST, file), 'utf8');
      expect(html).toContain(`<html lang="${language}">`);
      for (const [other, phrase] of Object.entries(words)) expect(html.includes(phrase)).toBe(other === language);
      // The budget: under 60 KB gzipped, the tabs most people open now and then being parts.
      expect(gzipSync(html, { level: 9 }).length).toBeLessThan(60 * 1024);
      // No part's code rides along: the bin's and the Staff tab's calls are theirs only.
      expect(html).not.toContain('"deletedContacts"');
      expect(html).not.toContain('"listStaff"');
    }
    expect(readFileSync(join(DIST, 'sidebar_bin.html'), 'utf8')).toContain('"deletedContacts"');
    expect(readFileSync(join(DIST, 'sidebar_staff.html'), 'utf8')).toContain('"listStaff"');
  });

  it('sends each part of the sidebar from its project file, in no language, and refuses any other name', () => {
    const { fakes, script } = loadBundle({ locale: 'fr_FR' });
    script.runSetUp();
    for (const part of SIDEBAR_PARTS) {
      const code = readFileSync(join(DIST, `sidebar_${part}.html`), 'utf8');
      expect(script.sidebarPart({ part }, 'fr')).toEqual({ ok: true, data: { code } });
      // The words are the page's: a part carries none of any language.
      expect(code).not.toContain('Moyen de paiement');
      expect(code).not.toContain('Payment method');
    }
    const read: string[] = [];
    const files = fakes.html.files;
    fakes.html.files = new Proxy(files, { get: (target, name: string) => (read.push(name), target[name]) });
    for (const part of ['../Code', 'Sidebar', 'i18n_fr', 'segments.html', '']) {
      const answer = script.sidebarPart({ part }, 'fr');
      expect(answer.ok).toBe(false);
      expect(answer.error.message).toContain('part');
    }
    expect(read.filter((name) => name !== 'i18n_fr')).toEqual([]);
  });

  it('has a manifest with V8 and only the scopes it needs', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toEqual([
      // Not currentonly: the archive is another spreadsheet (SpreadsheetApp.create, openById).
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/userinfo.email',
      // UrlFetchApp: PayPal's check of a payment message (and, next, the mailers).
      'https://www.googleapis.com/auth/script.external_request',
      // MailApp: mail merges and automated emails, sent as the person (or trigger) sending.
      'https://www.googleapis.com/auth/script.send_mail',
    ]);
  });

  it('deploys the staff page for the signed-in person of the domain, and the intake (npm run push:intake) for anyone, as the deployer', () => {
    expect(JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8')).webapp).toEqual({ access: 'DOMAIN', executeAs: 'USER_ACCESSING' });
    const script = "import('./scripts/manifest.mjs').then((m) => console.log(JSON.stringify(m.manifestFor(JSON.parse(require('fs').readFileSync('appsscript.json', 'utf8')), 'intake'))))";
    const intake = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' }));
    expect(intake.webapp).toEqual({ access: 'ANYONE_ANONYMOUS', executeAs: 'USER_DEPLOYING' });
    // The same scopes: one project, one consent.
    expect(intake.oauthScopes).toEqual(JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8')).oauthScopes);
  });

  it('builds only the menu in onOpen under AuthMode.NONE', () => {
    const { fakes, script } = loadBundle();
    fakes.setAuthMode('NONE');
    fakes.resetCounters();
    script.onOpen({ authMode: 'NONE' });
    expect(fakes.ui.menus).toHaveLength(1);
    expect(fakes.ui.menus[0].items.map((i: any) => i.functionName)).toEqual(['showSidebar', 'runSetUp']);
    expect(fakes.counters.calls).toBe(0);
    fakes.setAuthMode('FULL');
    expect(fakes.spreadsheet.getSheets().map((s: any) => s.getName())).toEqual(['Sheet1']);
  });

  it('names the menu in the user’s language', () => {
    const { fakes, script } = loadBundle({ locale: 'pt_BR' });
    script.onOpen({});
    expect(fakes.ui.menus[0].items[0]).toMatchObject({ caption: 'Abrir o painel' });
  });

  it('creates every table from the menu’s Set up, and the first user becomes admin', () => {
    const { fakes, script } = loadBundle({ user: 'founder@example.org' });
    script.runSetUp();
    const names = fakes.spreadsheet.getSheets().map((s: any) => s.getName());
    for (const t of TABLES) {
      expect(names).toContain(t.name);
      expect(headerOf(fakes, t.name)).toEqual(Object.keys(t.columns));
      expect(fakes.spreadsheet.getSheetByName(t.name)!.getFrozenRows()).toBe(1);
    }
    const staff = fakes.spreadsheet.__dump(Staff.name);
    expect(staff[1][staff[0].indexOf('email')]).toBe('founder@example.org');
    expect(staff[1][staff[0].indexOf('role')]).toBe('admin');
    expect(fakes.ui.toasts[0].message).toBe(`The CRM is ready: ${TABLES.length} tables created, 0 columns added. You are admin.`);
    // Staff.role and Staff.active get a strict dropdown, below the header only.
    const staffSheet = fakes.spreadsheet.getSheetByName(Staff.name)!;
    const role = staffSheet.getRange(2, staff[0].indexOf('role') + 1).getDataValidation()!;
    expect(role.getCriteriaValues()).toEqual([['viewer', 'editor', 'admin'], true]);
    expect(role.getAllowInvalid()).toBe(false);
    expect(
      staffSheet
        .getRange(2, staff[0].indexOf('active') + 1)
        .getDataValidation()!
        .getCriteriaValues()[0],
    ).toEqual(['TRUE', 'FALSE']);
    expect(staffSheet.getRange(1, staff[0].indexOf('role') + 1).getDataValidation()).toBeNull();
    script.runSetUp();
    expect(fakes.spreadsheet.getSheets().length).toBe(names.length);
  });

  it('refuses a viewer any write, in the viewer’s language', () => {
    const { fakes, script } = loadBundle({ user: 'founder@example.org', locale: 'fr_FR' });
    script.runSetUp();
    const staff = fakes.spreadsheet.getSheetByName(Staff.name)!;
    const header = headerOf(fakes, Staff.name);
    const row = header.map((h) => (h === 'id' ? 'stf_viewer' : h === 'email' ? 'lecteur@example.org' : h === 'role' ? 'viewer' : h === 'active' ? true : ''));
    staff.appendRow(row);
    fakes.setUser('lecteur@example.org');
    const answer = script.createContact({ contact: { first_name: 'Nope' } });
    expect(answer.ok).toBe(false);
    expect(answer.error).toEqual({ code: 'forbidden', message: 'Cette action demande le rôle éditeur ; lecteur@example.org est lecteur. Demandez à un administrateur.' });
    expect(fakes.spreadsheet.__dump(Contacts.name)).toHaveLength(1);
    expect(script.searchContacts({}).ok).toBe(true);
  });

  it('round-trips hostile values through google.script.run losslessly and never writes a formula', () => {
    const { fakes, script } = loadBundle();
    script.runSetUp();
    for (const text of HOSTILE_TEXT) {
      // (Not in the phone: a phone must be a number, and is refused otherwise.)
      const created = script.createContact({ contact: { first_name: text, postal_code: text, city: text, notes: text } });
      expect(created.ok).toBe(true);
      const read = script.getContactCard({ id: created.data.id });
      expect(read.ok).toBe(true);
      expect([read.data.contact.first_name, read.data.contact.postal_code, read.data.contact.city, read.data.contact.notes]).toEqual([text, text, text, text]);
    }
    const cells = fakes.spreadsheet.__dump(Contacts.name);
    const formulas = fakes.spreadsheet.getSheetByName(Contacts.name)!.getDataRange().getFormulas();
    expect(formulas.flat().filter(Boolean)).toEqual([]);
    expect(cells.length).toBe(HOSTILE_TEXT.length + 1);
  });

  it('says busy when the document lock stays taken', () => {
    const { fakes, script } = loadBundle();
    script.runSetUp();
    fakes.setLockBusy(true);
    const answer = script.createContact({ contact: { first_name: 'Later' } });
    expect(answer).toEqual({ ok: false, error: { code: 'busy', message: 'Someone else is saving changes right now. Please try again in a few seconds.' } });
  });
});
