import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSheetsFake, type SheetsFake } from '../fakes/sheets-api';
import Papa from 'papaparse';
import { readWorkbookFast } from '../../src/node/xlsx-fast-read';

/** The command line on a Google spreadsheet, through the Sheets API (`--spreadsheet ID`), against a
 *  local fake of the API that is as strict as Google (grid limits, RAW vs USER_ENTERED, the cell
 *  budget, quota errors as 429). The CLI runs as a person runs it, a process of its own. */

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');

function run(fake: SheetsFake | null, dir: string, args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const credentials = join(dir, 'credentials.json');
  writeFileSync(credentials, JSON.stringify({ access_token: fake?.token ?? 'x' }));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, CRM_GOOGLE_CREDENTIALS: credentials, CRM_SHEETS_API_URL: fake?.url ?? 'http://127.0.0.1:9/', CRM_SHEETS_BACKOFF_MS: '20', ...env } },
      (error, stdout, stderr) => resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const header = (fake: SheetsFake, sheet: string) => fake.values(sheet)[0] as string[];
const column = (fake: SheetsFake, sheet: string, name: string) =>
  fake
    .values(sheet)
    .slice(1)
    .map((r) => r[header(fake, sheet).indexOf(name)]);

describe('crm on a Google spreadsheet (--spreadsheet)', () => {
  let fake: SheetsFake;
  let dir: string;
  beforeEach(async () => {
    fake = await startSheetsFake();
    dir = mkdtempSync(join(tmpdir(), 'crm-sheets-'));
  });
  afterEach(() => fake.close());

  it('sets up the CRM, imports a file written RAW (text stays text), searches it and backs it up', async () => {
    const init = await run(fake, dir, ['init', '--spreadsheet', `https://docs.google.com/spreadsheets/d/${fake.spreadsheetId}/edit#gid=0`, '--demo', '30']);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    const contacts = fake.sheets.find((s) => s.title === 'Contacts')!;
    expect(contacts.frozenRowCount).toBe(1);
    expect(contacts.protectedRanges).toHaveLength(1);
    expect(fake.values('Contacts')).toHaveLength(31);
    expect(fake.sheets.find((s) => s.title === 'Staff')!.validations.length).toBeGreaterThan(0);

    const csv = join(dir, 'members.csv');
    const rows = ['first_name,last_name,email,postal_code,city'];
    rows.push('Zoë,=1+1,zoe@example.org,00123,TRUE');
    for (let k = 0; k < 1200; k++) rows.push(`Member${k},Lima,m${k}@example.org,0${k},1/2`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const imported = await run(fake, dir, ['import', csv, '--spreadsheet', fake.spreadsheetId, '--json']);
    expect(imported.stderr).toBe('');
    const report = JSON.parse(imported.stdout);
    expect(report).toMatchObject({ created: 1201 });
    // The audit rows were appended without reading the AuditLog sheet (values.append).
    expect(fake.log.some((l) => l.path.includes('AuditLog') && l.path.endsWith(':append') && l.status === 200)).toBe(true);
    // Written RAW: what was typed is what the spreadsheet holds, never a number, a boolean or a formula.
    expect(column(fake, 'Contacts', 'last_name')).toContain('=1+1');
    expect(column(fake, 'Contacts', 'postal_code')).toContain('00123');
    expect(column(fake, 'Contacts', 'city')).toContain('TRUE');
    expect(column(fake, 'Contacts', 'city').filter((c) => c === '1/2')).toHaveLength(1200);
    // In requests of at most 20,000 cells, the sheet grown first (the fake refuses a range past its grid).
    const writes = fake.log.filter((l) => l.path.endsWith('values:batchUpdate') && l.status === 200);
    expect(writes.length).toBeGreaterThan(3);

    const found = await run(fake, dir, ['search', 'zoe', '--spreadsheet', fake.spreadsheetId, '--json']);
    expect(JSON.parse(found.stdout).items.map((h: { name: string }) => h.name)).toContain('Zoë =1+1');

    const exported = join(dir, 'contacts.csv');
    expect((await run(fake, dir, ['export', '--spreadsheet', fake.spreadsheetId, '--table', 'Contacts', '--format', 'csv', '--out', exported])).status).toBe(0);
    expect(readFileSync(exported, 'utf8')).toContain('00123');

    const out = join(dir, 'backup.xlsx');
    const backup = await run(fake, dir, ['backup', '--spreadsheet', fake.spreadsheetId, '--out', out, '--json']);
    expect(backup.stderr).toBe('');
    const backedUpSheets = JSON.parse(backup.stdout).sheets;
    expect(backedUpSheets.find((s: { sheet: string }) => s.sheet === 'Contacts').rows).toBe(1231);
    const file = readWorkbookFast(readFileSync(out));
    const backedUp = file.parse('Contacts');
    const zoe = backedUp.find((r) => r.includes('zoe@example.org'))!;
    expect(zoe[(backedUp[0] as string[]).indexOf('postal_code')]).toBe('00123');
    expect(zoe[(backedUp[0] as string[]).indexOf('last_name')]).toBe('=1+1');

    // Undoing the import deletes its rows from the spreadsheet (rows deleted through the API).
    const undone = await run(fake, dir, ['import', '--undo', report.batch, '--spreadsheet', fake.spreadsheetId]);
    expect(undone.stderr).toBe('');
    expect(fake.values('Contacts')).toHaveLength(31);
  });

  it("undoes an import that filled an empty CRM's grown sheet, though Sheets keeps a row below the header", async () => {
    expect((await run(fake, dir, ['init', '--spreadsheet', fake.spreadsheetId])).status).toBe(0);
    const csv = join(dir, 'many.csv');
    writeFileSync(csv, `first_name,email\n${Array.from({ length: 1100 }, (_, k) => `Ana${k},a${k}@example.org`).join('\n')}\n`);
    const report = JSON.parse((await run(fake, dir, ['import', csv, '--spreadsheet', fake.spreadsheetId, '--json'])).stdout);
    expect(report.created).toBe(1100);
    const contacts = fake.sheets.find((s) => s.title === 'Contacts')!;
    expect(contacts.rowCount).toBe(1101);
    const undone = await run(fake, dir, ['import', '--undo', report.batch, '--spreadsheet', fake.spreadsheetId]);
    expect(undone.stderr).toBe('');
    expect(fake.values('Contacts')).toHaveLength(1);
    expect(contacts.rowCount).toBeGreaterThan(contacts.frozenRowCount);
  });

  it('reads a date a person typed in Sheets as the date, whatever its format shows, and text that looks like one as text', async () => {
    expect((await run(fake, dir, ['init', '--spreadsheet', fake.spreadsheetId, '--demo', '3'])).status).toBe(0);
    const at = (name: string) => header(fake, 'Contacts').indexOf(name) + 1;
    const day = (Date.UTC(2026, 11, 3) - Date.UTC(1899, 11, 30)) / 86400000;
    // Typed in a French spreadsheet: a date, a date and time, a date shown with its month's name.
    fake.typeDate('Contacts', 2, at('next_contact_date'), day, '03/12/2026');
    fake.typeDate('Contacts', 2, at('consent_at'), day + 0.4375, '03/12/2026 10:30:00');
    fake.typeDate('Contacts', 3, at('next_contact_date'), day + 1, '4 déc. 2026');
    // A time alone is on the day Sheets counts from, as the add-on reads it (a Date of 1899-12-30).
    fake.typeDate('Contacts', 3, at('consent_at'), 0.4375, '10:30');
    // Text typed as text (a plain-text cell, or written RAW) that looks like a date stays as typed.
    fake.values('Contacts')[3][at('city') - 1] = '03/12/2026';
    // Another sheet: a membership's end typed in a Spanish spreadsheet.
    const ends = header(fake, 'Memberships').indexOf('end_date') + 1;
    const typedRow = fake.values('Memberships').length;
    expect(typedRow).toBeGreaterThan(1);
    fake.typeDate('Memberships', typedRow, ends, day + 28, '31/12/2026');
    const out = join(dir, 'contacts.csv');
    const exported = await run(fake, dir, ['export', '--spreadsheet', fake.spreadsheetId, '--table', 'Contacts', '--format', 'csv', '--out', out]);
    expect(exported.status).toBe(0);
    const lines = Papa.parse<string[]>(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const names = lines[0];
    const cells = (k: number) => lines[k];
    expect(cells(1)[names.indexOf('next_contact_date')]).toBe('2026-12-03');
    expect(cells(1)[names.indexOf('consent_at')]).toBe('2026-12-03T10:30:00');
    expect(cells(2)[names.indexOf('next_contact_date')]).toBe('2026-12-04');
    expect(cells(2)[names.indexOf('consent_at')]).toBe('1899-12-30T10:30:00');
    expect(cells(3)[names.indexOf('city')]).toBe('03/12/2026');
    const memberships = join(dir, 'memberships.csv');
    expect((await run(fake, dir, ['export', '--spreadsheet', fake.spreadsheetId, '--table', 'Memberships', '--format', 'csv', '--out', memberships])).status).toBe(0);
    const rows = Papa.parse<string[]>(readFileSync(memberships, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[typedRow - 1][rows[0].indexOf('end_date')]).toBe('2026-12-31');
    // The sheets read were read again, with dates as serial numbers, where text may show one.
    const reads = fake.log.filter((l) => l.path.endsWith('values:batchGet'));
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('waits out the quota (429) with backoff and finishes the work', async () => {
    fake.quota = { requests: 8, windowMs: 300 };
    const init = await run(fake, dir, ['init', '--spreadsheet', fake.spreadsheetId, '--demo', '5']);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(fake.log.some((l) => l.status === 429)).toBe(true);
    expect(fake.values('Contacts')).toHaveLength(6);
  });

  it('says what is wrong: no credentials, refused credentials, no such spreadsheet, no CRM there, the cell budget', async () => {
    const noCredentials = await run(fake, dir, ['search', 'x', '--spreadsheet', fake.spreadsheetId], { CRM_GOOGLE_CREDENTIALS: '', GOOGLE_APPLICATION_CREDENTIALS: '' });
    expect(noCredentials.status).toBe(1);
    expect(noCredentials.stderr).toContain('CRM_GOOGLE_CREDENTIALS');
    const wrongToken = join(dir, 'other.json');
    writeFileSync(wrongToken, JSON.stringify({ access_token: 'someone-else' }));
    expect((await run(fake, dir, ['search', 'x', '--spreadsheet', fake.spreadsheetId], { CRM_GOOGLE_CREDENTIALS: wrongToken })).stderr).toContain('Google refused the credentials');
    expect((await run(fake, dir, ['search', 'x', '--spreadsheet', 'nosuchspreadsheet123'])).stderr).toContain('was not found');
    expect((await run(fake, dir, ['search', 'x', '--spreadsheet', fake.spreadsheetId])).stderr).toContain('has no CRM yet. Set it up with: crm init --spreadsheet');
    expect((await run(fake, dir, ['search', 'x', '--spreadsheet', 'bad id!'])).stderr).toContain('--spreadsheet must be');
    expect((await run(fake, dir, ['search', 'x', '--spreadsheet', fake.spreadsheetId, '--workbook', 'a.xlsx'])).stderr).toContain('not both');
    // A spreadsheet near Google's 10 million cells refuses the CRM's sheets: the refusal says so.
    fake.sheets[0].rowCount = 9_990_000;
    fake.sheets[0].columnCount = 1;
    const full = await run(fake, dir, ['init', '--spreadsheet', fake.spreadsheetId]);
    expect(full.status).toBe(1);
    expect(full.stderr).toContain('above the limit of 10000000 cells');
  });
});
