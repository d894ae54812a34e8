import { projectFiles } from '../support/project-files';
import { join } from 'node:path';
import vm from 'node:vm';
const gas = require('gas-local');
import { createAppsScriptFakes } from '../fakes';
import { Contacts } from '../../src/core/schema/tables';
import { allCacheKeys } from '../../src/store/cached';
import * as Excel from 'exceljs';

const DIST = join(__dirname, '..', '..', 'dist');

function loadBundle(options: Parameters<typeof createAppsScriptFakes>[0] = {}) {
  const fakes = createAppsScriptFakes({ sheets: ['Sheet1'], user: 'admin@example.org', ...options });
  projectFiles(fakes.html);
  const context = gas.require(DIST, fakes.globals);
  fakes.setRealm(vm.runInContext('({ Date: Date, Error: Error })', context));
  return { fakes, script: context as Record<string, any> };
}

describe('The contact record in Apps Script (dist/Code.js under gas-local)', () => {
  it('makes one daily trigger (and one onChange trigger) at Set up, however often Set up runs, and the trigger refreshes statuses', () => {
    const { fakes, script } = loadBundle();
    script.runSetUp();
    script.runSetUp();
    expect(fakes.triggers.map((t: any) => [t.functionName, t.eventType, t.schedule])).toEqual([
      ['dailyMaintenance', 'CLOCK', { everyDays: 1, atHour: 3, inTimezone: 'Europe/Paris' }],
      ['onSheetChange', 'ON_CHANGE', undefined],
      ['auditHandEdits', 'ON_EDIT', undefined],
    ]);
    const contact = script.createContact({ contact: { first_name: 'Ana' } }).data;
    const membership = script.addMembership({ membership: { contact_id: contact.id, start_date: '2020-01-01', end_date: '2020-12-31' } });
    expect(membership.data.status).toBe('expired');
    // Someone typed "current" into the sheet by hand; the nightly job puts the truth back.
    const sheet = fakes.spreadsheet.getSheetByName('Memberships')!;
    const header = fakes.spreadsheet.__dump('Memberships')[0] as string[];
    sheet.getRange(2, header.indexOf('status') + 1).setValue('current');
    script.dailyMaintenance();
    expect(fakes.spreadsheet.__dump('Memberships')[1][header.indexOf('status')]).toBe('expired');
  });

  it('logs a call, shows it on the card, and follows the row selected in the sheet', () => {
    const { fakes, script } = loadBundle();
    script.runSetUp();
    const ana = script.createContact({ contact: { first_name: 'Ana', last_name: 'Lima', phone: '06 12 34 56 78' } }).data;
    const ben = script.createContact({ contact: { first_name: 'Ben' } }).data;
    const found = script.searchContacts({ text: '+33612345678' });
    expect(found.data.items.map((i: any) => i.id)).toEqual([ana.id]);
    const logged = script.logInteraction({ interaction: { contact_id: ana.id, type: 'call', subject: '=HYPERLINK("x")' }, row_hint: found.data.items[0].row });
    expect(logged.ok).toBe(true);
    expect(script.getContactCard({ id: ana.id }).data.interactions[0].subject).toBe('=HYPERLINK("x")');
    const formulas = fakes.spreadsheet.getSheetByName('Interactions')!.getDataRange().getFormulas();
    expect(formulas.flat().filter(Boolean)).toEqual([]);

    // The person clicks Ben's row: the sidebar asks who is selected.
    const contacts = fakes.spreadsheet.getSheetByName(Contacts.name)!;
    contacts.getRange(3, 2).activate();
    expect(script.activeContact({}).data).toEqual({ id: ben.id });
    // The sidebar shows Ana in the sheet.
    expect(script.showContactInSheet({ id: ana.id }).data).toEqual({ row: 2 });
    expect(fakes.spreadsheet.getActiveRange().getRow()).toBe(2);
    expect(script.activeContact({}).data).toEqual({ id: ana.id });

    // With the simple onSelectionChange trigger, the position comes from the person's cache: the
    // spreadsheet is not asked where the selection is.
    const benRow = contacts.getRange(3, 1);
    benRow.activate();
    script.onSelectionChange({ range: benRow });
    const asked = jest.spyOn(fakes.spreadsheet, 'getActiveRange');
    expect(script.activeContact({}).data).toEqual({ id: ben.id });
    expect(asked).not.toHaveBeenCalled();
    asked.mockRestore();
  });

  it('imports a CSV and an .xlsx file through google.script.run, and exports what it imported', async () => {
    const { fakes, script } = loadBundle();
    script.runSetUp();
    const csv = Buffer.from('\ufeffPrénom;Nom;Courriel\nZoé;Durand;zoe@example.fr\n', 'utf8').toString('base64');
    expect(script.importFile({ file_name: 'a.csv', content_base64: csv, mode: 'skip' }).data).toMatchObject({ created: 1, delimiter: ';' });
    const book = new Excel.Workbook();
    book.addWorksheet('Liste').addRow(['First Name', 'Last Name', 'Email']);
    book.getWorksheet('Liste')!.addRow(['Ana', '=1+1', 'ana@example.pt']);
    const xlsx = Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
    expect(script.importFile({ file_name: 'b.xlsx', content_base64: xlsx, mode: 'skip' }).data).toMatchObject({ created: 1, delimiter: '' });
    const contacts = fakes.spreadsheet.__dump(Contacts.name);
    expect(contacts.map((r: unknown[]) => r[contacts[0].indexOf('last_name')])).toEqual(['last_name', 'Durand', '=1+1']);
    const formulas = fakes.spreadsheet.getSheetByName(Contacts.name)!.getDataRange().getFormulas();
    expect(formulas.flat().filter(Boolean)).toEqual([]);
    const exported = script.exportRows({ table: 'Contacts' }).data;
    expect(exported.rows).toHaveLength(3);
  });

  it('forgets the cached staff list when the Staff sheet is edited by hand (onEdit)', () => {
    const { fakes, script } = loadBundle();
    script.runSetUp();
    expect(script.searchContacts({}).ok).toBe(true); // fills the cache
    const cache = fakes.globals.CacheService.getDocumentCache();
    expect(cache.get(allCacheKeys()[1])).not.toBeNull();
    const staff = fakes.spreadsheet.getSheetByName('Staff')!;
    const header = fakes.spreadsheet.__dump('Staff')[0] as string[];
    const roleCell = staff.getRange(2, header.indexOf('role') + 1);
    roleCell.setValue('viewer');
    script.onEdit({ range: roleCell });
    for (const key of allCacheKeys()) expect(cache.get(key)).toBeNull();
    expect(script.createContact({ contact: { first_name: 'Nope' } }).error.code).toBe('forbidden');
  });

  it('records a hand edit of a CRM table in the AuditLog: who, which record and column, before and after', () => {
    const { fakes, script } = loadBundle();
    script.runSetUp();
    const contact = script.createContact({ contact: { first_name: 'Ana', city: 'Lyon' } }).data;
    const sheet = fakes.spreadsheet.getSheetByName('Contacts')!;
    const header = fakes.spreadsheet.__dump('Contacts')[0] as string[];
    const cell = sheet.getRange(2, header.indexOf('city') + 1);
    cell.setValue('Paris');
    script.auditHandEdits({ range: cell, oldValue: 'Lyon', value: 'Paris', user: { getEmail: () => 'colleague@example.org' } });
    // A paste over two cells: no "before" from Google, the "after" of both.
    const pasted = sheet.getRange(2, header.indexOf('first_name') + 1, 1, 2);
    pasted.setValues([['Ana', 'Lima']]);
    script.auditHandEdits({ range: pasted, user: { getEmail: () => '' } });
    // A tab of one's own is nobody's business.
    const own = fakes.spreadsheet.insertSheet('My notes');
    script.auditHandEdits({ range: own.getRange(1, 1), value: 'x' });
    const log = fakes.spreadsheet.__dump('AuditLog');
    const at = (name: string) => (log[0] as string[]).indexOf(name);
    const edits = log.filter((r: unknown[]) => r[at('action')] === 'hand.edit');
    expect(edits.map((r: unknown[]) => [r[at('who')], r[at('table')], r[at('record_id')]])).toEqual([
      ['colleague@example.org', 'Contacts', contact.id],
      ['unknown (edited by hand)', 'Contacts', contact.id],
    ]);
    expect(JSON.parse(edits[0][at('before')])).toEqual({ [contact.id]: { city: 'Lyon' } });
    expect(JSON.parse(edits[0][at('after')])).toEqual({ [contact.id]: { city: 'Paris' } });
    expect(edits[1][at('before')]).toBe('');
    expect(JSON.parse(edits[1][at('after')])).toEqual({ [contact.id]: { first_name: 'Ana', last_name: 'Lima' } });
  });

  it('keeps one set of triggers per spreadsheet whoever runs Set up, and the nightly hour is the spreadsheet’s', () => {
    const { fakes, script } = loadBundle({ user: 'first@example.org' });
    script.runSetUp();
    expect(script.addStaff({ email: 'second@example.org', role: 'admin' }).ok).toBe(true);
    fakes.setUser('second@example.org');
    script.runSetUp();
    expect(fakes.triggers.map((t: any) => [t.functionName, t.user])).toEqual([
      ['dailyMaintenance', 'first@example.org'],
      ['onSheetChange', 'first@example.org'],
      ['auditHandEdits', 'first@example.org'],
    ]);
    expect(fakes.triggers[0].schedule).toMatchObject({ everyDays: 1, atHour: 3, inTimezone: fakes.spreadsheet.getSpreadsheetTimeZone() });
  });

  it('lets a new admin take the nightly over when its owner is no longer an admin; the old trigger then deletes itself', () => {
    const { fakes, script } = loadBundle({ user: 'first@example.org' });
    script.runSetUp();
    expect(script.addStaff({ email: 'second@example.org', role: 'admin' }).ok).toBe(true);
    // While the first admin is still here, Set up by the second changes nothing.
    fakes.setUser('second@example.org');
    expect(script.setUp({}).data.triggers_taken_over).toBeUndefined();
    // The first admin leaves.
    expect(script.deactivateStaff({ email: 'first@example.org' }).ok).toBe(true);
    const answer = script.setUp({});
    expect(answer.data.triggers_taken_over).toEqual([
      { job: 'dailyMaintenance', from: 'first@example.org' },
      { job: 'onSheetChange', from: 'first@example.org' },
      { job: 'auditHandEdits', from: 'first@example.org' },
    ]);
    const owners = (job: string) => fakes.triggers.filter((t: any) => t.functionName === job).map((t: any) => t.user);
    expect(owners('dailyMaintenance')).toEqual(['first@example.org', 'second@example.org']);
    // The first admin's trigger fires once more: it sees the job is no longer its own, deletes itself.
    fakes.setUser('first@example.org');
    script.dailyMaintenance();
    expect(owners('dailyMaintenance')).toEqual(['second@example.org']);
  });

  it('runs every nightly step, then fails the execution when one failed (so that Google emails the owner)', () => {
    const { fakes, script } = loadBundle();
    script.runSetUp();
    // A hand-made sheet where the CRM writes the Dashboard: the Dashboard step refuses to replace it.
    fakes.spreadsheet.insertSheet('Dashboard').getRange(1, 1).setValue('my own notes');
    expect(() => script.dailyMaintenance()).toThrow(/1 failed step\(s\): refreshDashboard/);
    // The steps after it ran all the same: the search index was rebuilt last.
    expect(fakes.spreadsheet.getSheetByName('SearchIndex')).not.toBeNull();
  });

  it('deletes the hourly import trigger once no import is left running', () => {
    const { fakes, script } = loadBundle();
    script.runSetUp();
    fakes.globals.ScriptApp.newTrigger('continueImports').timeBased().everyHours(1).create();
    fakes.globals.PropertiesService.getDocumentProperties().setProperty('trigger.owner.continueImports', fakes.globals.Session.getEffectiveUser().getEmail());
    script.continueImports();
    expect(fakes.triggers.map((t: any) => t.functionName)).not.toContain('continueImports');
  });

  it.each([
    [false, 'eaten'],
    [true, 'kept'],
  ])('learns at Set up what Sheets does with a leading apostrophe (keeps it: %s), and no text grows a character per write', (keeps, found) => {
    const { fakes, script } = loadBundle({ keepsApostrophe: keeps });
    script.runSetUp();
    expect(fakes.globals.PropertiesService.getDocumentProperties().getProperty('sheets.apostrophe')).toBe(found);
    // The probe's scratch sheet is gone.
    expect(fakes.spreadsheet.getSheets().some((s: any) => s.getName().startsWith('CRM probe'))).toBe(false);
    const ana = script.createContact({ contact: { first_name: 'Ana', notes: "'tis the season", city: "'s-Hertogenbosch" } }).data;
    for (const city of ["'s-Hertogenbosch", "'s-Hertogenbosch", 'Lyon', "'s-Hertogenbosch"]) {
      expect(script.updateContact({ id: ana.id, patch: { city } }).ok).toBe(true);
      const card = script.getContactCard({ id: ana.id }).data.contact;
      expect([card.city, card.notes]).toEqual([city, "'tis the season"]);
    }
  });
});
