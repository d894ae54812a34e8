/** Someone saves the workbook in Excel while the CRM still has changes in its journal (Excel locked
 *  the file, so the CRM could not fold them in; or they saved within a second of a change). Replayed
 *  onto Excel's file, where rows may have moved, those changes could land on other contacts: they are
 *  set aside in a file of their own instead, the person is told, and Excel's file is what the CRM shows. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Excel from 'exceljs';
import { LocalCrm } from '../../src/node/local-crm';

const USER = 'admin@crm.local';
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'crm-excel-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function ok(answer: Promise<{ ok: boolean; data?: any; error?: { message: string } }>): Promise<any> {
  const a = await answer;
  if (!a.ok) throw new Error(a.error!.message);
  return a.data;
}

/** What Excel does: opens the file, inserts a row at the top of Contacts (everyone moves down one), saves. */
async function excelInsertsARow(path: string, name: string): Promise<void> {
  const file = new Excel.Workbook();
  await file.xlsx.readFile(path);
  const sheet = file.getWorksheet('Contacts')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const row = header.map((h) => (h === 'id' ? 'con_TYPEDINEXCEL01' : h === 'kind' ? 'person' : h === 'first_name' ? name : ''));
  sheet.spliceRows(2, 0, row);
  await file.xlsx.writeFile(path);
}

describe('a workbook saved by another program while changes wait in the journal', () => {
  it('sets those changes aside instead of replaying them onto moved rows, and says where they are', async () => {
    const path = join(dir, 'crm.xlsx');
    const first = await LocalCrm.open(path, USER, 'en', { foldInProcess: true });
    await ok(first.call('setUp', {}));
    const ana = (await ok(first.call('createContact', { contact: { first_name: 'Ana', city: 'Porto' } }))).id;
    const bo = (await ok(first.call('createContact', { contact: { first_name: 'Bo', city: 'Faro' } }))).id;
    await first.close();

    // The CRM changes Bo's city; the change is journalled, not yet in the .xlsx.
    const crm = await LocalCrm.open(path, USER, 'en', { foldInProcess: true });
    await ok(crm.call('updateContact', { id: bo, patch: { city: 'Lyon' } }));
    expect(existsSync(`${path}.journal`)).toBe(true);

    // Excel saves its own version meanwhile.
    await excelInsertsARow(path, 'Typed in Excel');
    const said: string[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => void said.push(args.join(' '));
    try {
      const contacts = (await ok(crm.call('searchContacts', { limit: 50 }))).items as { id: string; name: string }[];
      expect(contacts.map((c) => c.name).sort()).toEqual(['Ana', 'Bo', 'Typed in Excel']);
      const card = async (id: string) => (await ok(crm.call('getContactCard', { id }))).contact;
      // Nobody got the change meant for Bo's old row: not Bo, not Ana, not the row Excel added.
      expect((await card(bo)).city).toBe('Faro');
      expect((await card(ana)).city).toBe('Porto');
      expect((await card('con_TYPEDINEXCEL01')).city).toBe('');
    } finally {
      console.error = error;
    }
    const asideFile = readdirSync(dir).find((f) => f.startsWith('crm.xlsx.journal.set-aside-'));
    expect(asideFile).toBeDefined();
    expect(readFileSync(join(dir, asideFile!), 'utf8')).toContain('Lyon');
    expect(said.join('\n')).toContain(`1 change(s) made in the CRM just before another program saved ${path}`);
    expect(said.join('\n')).toContain(asideFile);

    // Work goes on from Excel's file, and lands on the right rows.
    await ok(crm.call('updateContact', { id: bo, patch: { city: 'Nice' } }));
    await crm.close();
    const again = await LocalCrm.open(path, USER, 'en', { foldInProcess: true });
    expect((await ok(again.call('getContactCard', { id: bo }))).contact.city).toBe('Nice');
    expect((await ok(again.call('getContactCard', { id: 'con_TYPEDINEXCEL01' }))).contact.city).toBe('');
    await again.close();
  });

  it('replays, as before, the changes a crash left in the journal of a file nobody else saved', async () => {
    const path = join(dir, 'crm.xlsx');
    const crm = await LocalCrm.open(path, USER, 'en', { foldInProcess: true });
    await ok(crm.call('setUp', {}));
    const id = (await ok(crm.call('createContact', { contact: { first_name: 'Ana' } }))).id;
    await crm.close();
    const next = await LocalCrm.open(path, USER, 'en', { foldInProcess: true });
    await ok(next.call('updateContact', { id, patch: { city: 'Lyon' } }));
    // No close: as after kill -9. Another process opens the workbook.
    const other = await LocalCrm.open(path, USER, 'en', { foldInProcess: true });
    expect((await ok(other.call('getContactCard', { id }))).contact.city).toBe('Lyon');
    expect(readdirSync(dir).some((f) => f.includes('set-aside'))).toBe(false);
    await other.close();
    await next.close();
  });

  it('a fold after the workbook’s folder was removed says so and does not stop the process', async () => {
    const path = join(dir, 'gone', 'crm.xlsx');
    mkdirSync(join(dir, 'gone'));
    const crm = await LocalCrm.open(path, USER, 'en', { foldInProcess: true });
    await ok(crm.call('setUp', {}));
    await ok(crm.call('createContact', { contact: { first_name: 'Ana' } }));
    rmSync(join(dir, 'gone'), { recursive: true, force: true });
    const said: string[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => void said.push(args.join(' '));
    try {
      await expect(crm.fold()).resolves.toBeUndefined();
      await crm.close(); // its fold timer too
    } finally {
      console.error = error;
    }
    expect(said.join('\n')).toContain(`${path} cannot be locked to fold its journal`);
  });
});
