/** Import, de-duplication, merge and export in a real browser against `crm serve`: the import wizard
 *  with a French semicolon file (read, mapped, counted, imported, exported, undone), and a merge of two
 *  spellings of one person (compared, merged with the other's city, undone, then marked "not a
 *  duplicate"). What the page did is checked through the API, not only on screen. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { callServer, startLocalServer, RunningServer } from '../support/local-server';
import { until as waitUntil } from '../support/until';

let server: RunningServer;
let browser: Browser;
let page: Page;

const api = <T>(action: string, input: unknown): Promise<T> => callServer<T>(server, action, input);

interface Hit {
  id: string;
  name: string;
  email: string;
  phone: string;
  organisation: string;
  city: string;
}

interface Card {
  name: string;
  contact: Record<string, unknown> & { id: string };
}

const search = (text: string) => api<{ total: number; items: Hit[] }>('searchContacts', { text, limit: 50 });
const card = (id: string) => api<Card>('getContactCard', { id });

beforeAll(async () => {
  server = await startLocalServer({ demo: 30 });
  browser = await launchBrowser();
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 360, height: 900 }, acceptDownloads: true });
});

afterEach(async () => {
  await page.close();
});

const until = (condition: () => Promise<boolean>, timeoutMs = 10000) => waitUntil(condition, timeoutMs);

const testid = (id: string) => `[data-testid="${id}"]`;

async function openSidebar(): Promise<void> {
  await page.goto(server.page('sidebar'));
  await page.locator(testid('contact-row')).first().waitFor();
}

/** The API calls the page makes, with what it sent. */
function recordCalls(): { action: string; input: Record<string, unknown> }[] {
  const calls: { action: string; input: Record<string, unknown> }[] = [];
  page.on('request', (request) => {
    const match = /\/api\/(\w+)$/.exec(request.url());
    if (match) calls.push({ action: match[1], input: JSON.parse(request.postData() ?? '{}') });
  });
  return calls;
}

describe('the import wizard', () => {
  it('reads a French semicolon file, imports it as typed, exports it and undoes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-lists-'));
    const path = join(dir, 'adhérents-salon.csv');
    const lines = [
      'Prénom;Nom;Courriel;Téléphone;Ville;Date de naissance;Organisation',
      'Éloïse;Lefèvre-Châtelet;eloise.lefevre@exemple.fr;+33 6 12 34 56 78;Besançon;07/03/1985;=1+1',
      'François;Duchêne-Arnaud;francois.duchene@exemple.fr;01 23 45 67 89;Saint-Étienne;25/12/1990;"Café; Le Zinc"',
      'Zoé;Mercier-Quintal;pas-une-adresse;;Lyon;;',
    ];
    // Excel's "CSV UTF-8": a byte order mark, then CRLF lines.
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]));

    await openSidebar();
    const calls = recordCalls();
    await page.locator(testid('nav-import')).click();
    await page.locator(testid('import-file')).setInputFiles(path);
    await page.locator(testid('preview-counts')).waitFor();

    // What the server understood of the file.
    expect(await page.locator(testid('import-delimiter')).inputValue()).toBe(';');
    expect(await page.locator(testid('import-encoding')).inputValue()).toBe('utf-8');
    expect(await page.locator(`${testid('import-delimiter')} option:checked`).textContent()).toBe('Semicolon (;) (detected)');
    const mapping = async () =>
      Object.fromEntries(await page.locator(testid('mapping-select')).evaluateAll((selects) => selects.map((s) => [s.getAttribute('data-header'), (s as HTMLSelectElement).value])));
    expect(await mapping()).toEqual({
      Prénom: 'first_name',
      Nom: 'last_name',
      Courriel: 'email',
      Téléphone: 'phone',
      Ville: 'city',
      'Date de naissance': 'birthday',
      Organisation: 'organisation_name',
    });
    expect(await page.locator(testid('import-mode')).inputValue()).toBe('skip');
    const count = (name: string) => page.locator(`${testid('preview-counts')} [data-count="${name}"]`).textContent();
    expect([await count('rows'), await count('created'), await count('skipped'), await count('duplicates_in_file'), await count('invalid')]).toEqual(['3', '3', '0', '0', '0']);
    expect(await page.locator(testid('import-will')).textContent()).toBe('3 rows will be imported.');
    // Zoé's address cannot be read: she comes in all the same, the address kept as typed, and it is said.
    expect(await page.locator(testid('preview-error')).count()).toBe(0);
    const warned = page.locator(testid('preview-warning'));
    expect(await warned.count()).toBe(1);
    expect(await warned.getAttribute('data-line')).toBe('4');
    expect(await warned.getAttribute('data-column')).toBe('Courriel');
    expect(await warned.textContent()).toContain('pas-une-adresse');
    expect(await warned.textContent()).toContain('kept as typed');
    const [problems] = await Promise.all([page.waitForEvent('download'), page.locator(testid('import-problems-download')).click()]);
    const problemCsv = readFileSync((await problems.path())!, 'utf8')
      .slice(1)
      .trimEnd()
      .split('\r\n');
    expect(problemCsv[0]).toBe('line,problem,Prénom,Nom,Courriel,Téléphone,Ville,Date de naissance,Organisation');
    expect(problemCsv).toHaveLength(2);
    expect(problemCsv[1]).toMatch(/^4,"?Courriel: .*pas-une-adresse.*Zoé,Mercier-Quintal,pas-une-adresse/);

    // A column sent elsewhere: the counts are stale until previewed again, and the edit is what is sent.
    await page.locator(`${testid('mapping-select')}[data-header="Ville"]`).selectOption('ignore');
    await page.locator(testid('import-stale')).waitFor();
    expect(await page.locator(testid('import-run')).isDisabled()).toBe(true);
    await page.locator(testid('preview-again')).click();
    await page.locator(testid('import-stale')).waitFor({ state: 'detached' });
    const sent = calls.filter((c) => c.action === 'importFile').pop()!.input;
    expect(sent.dry_run).toBe(true);
    expect((sent.mapping as { header: string; target: string }[]).find((m) => m.header === 'Ville')?.target).toBe('ignore');
    await page.locator(`${testid('mapping-select')}[data-header="Ville"]`).selectOption('city');
    await page.locator(testid('preview-again')).click();
    await page.locator(testid('import-stale')).waitFor({ state: 'detached' });
    await until(async () => !(await page.locator(testid('import-run')).isDisabled()));

    await page.locator(testid('import-run')).click();
    await page.locator(testid('import-result')).waitFor();
    const run = calls.filter((c) => c.action === 'importFile').pop()!.input;
    expect({ dry_run: run.dry_run, delimiter: run.delimiter, encoding: run.encoding, mode: run.mode }).toEqual({ dry_run: false, delimiter: ';', encoding: 'utf-8', mode: 'skip' });
    const batch = (await page.locator(testid('import-batch')).textContent()) ?? '';
    expect(batch).not.toBe('');
    expect(await page.locator(`${testid('result-counts')} [data-count="created"]`).textContent()).toBe('3');

    // In the CRM exactly as typed: accents, the + phone, a formula-looking text kept as text, the date read day first.
    const [eloise] = (await search('Lefèvre-Châtelet')).items;
    expect(eloise).toMatchObject({ name: 'Éloïse Lefèvre-Châtelet', email: 'eloise.lefevre@exemple.fr', phone: '+33 6 12 34 56 78', city: 'Besançon', organisation: '=1+1' });
    expect((await card(eloise.id)).contact).toMatchObject({ birthday: '1985-03-07', import_batch: batch });
    const [francois] = (await search('Duchêne-Arnaud')).items;
    expect(francois).toMatchObject({ name: 'François Duchêne-Arnaud', phone: '01 23 45 67 89', city: 'Saint-Étienne', organisation: 'Café; Le Zinc' });
    expect((await card(francois.id)).contact.birthday).toBe('1990-12-25');
    const [zoe] = (await search('Mercier-Quintal')).items;
    expect((await card(zoe.id)).contact).toMatchObject({ email: '', custom: { Courriel: 'pas-une-adresse' } });

    // Export of a search: a CSV with a BOM, the accents intact and the formula escaped.
    await page.locator(testid('nav-contacts')).click();
    await page.locator(testid('search')).fill('Lefèvre-Châtelet');
    await until(async () => (await page.locator(testid('contact-row')).count()) === 1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(testid('export-search')).click()]);
    expect(download.suggestedFilename()).toMatch(/^contacts-search-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, row, ...rest] = csv.slice(1).trimEnd().split('\r\n');
    expect(rest).toEqual([]);
    expect(header.split(',').slice(0, 3)).toEqual(['id', 'kind', 'first_name']);
    expect(row).toContain(`${eloise.id},person,Éloïse,Lefèvre-Châtelet`);
    // toCsv escapes every text a spreadsheet would run, a leading + included.
    expect(row).toContain(",'=1+1,");
    expect(row).toContain(",'+33 6 12 34 56 78,");
    expect(await page.locator(testid('export-link')).textContent()).toContain(download.suggestedFilename());

    // Back to the import as it was left: Undo removes what it created.
    await page.locator(testid('nav-import')).click();
    await page.locator(testid('import-undo')).click();
    await page.locator(testid('undo-result')).waitFor();
    expect(await page.locator(`${testid('undo-result')} [data-count="removed"]`).textContent()).not.toBe('0');
    expect((await search('Lefèvre-Châtelet')).total).toBe(0);
    expect((await search('Duchêne-Arnaud')).total).toBe(0);
    // The Import screen lists it among the past imports, undone, with no Undo left to press.
    const past = page.locator(`${testid('past-import')}[data-batch="${batch}"]`);
    await until(async () => (await past.getAttribute('data-status')) === 'undone');
    expect(await past.locator(testid('past-import-undo')).count()).toBe(0);

    // A whole table: the Imports sheet names the batch, undone.
    await page.locator(testid('export-table-name')).selectOption('Imports');
    const [tableDownload] = await Promise.all([page.waitForEvent('download'), page.locator(testid('export-table')).click()]);
    const imports = readFileSync((await tableDownload.path())!, 'utf8');
    expect(imports.startsWith('\ufeffid,')).toBe(true);
    expect(imports).toContain(batch);
    expect(imports).toContain('adhérents-salon.csv');
  });
});

describe('a big import', () => {
  it('goes up in parts, then in by chunks, and shows the rows done and left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-big-'));
    const path = join(dir, 'grande-liste.csv');
    // A long note on each row: 3.5 MB, over one part (4 MB of base64 is 3 MB of file).
    const lines = ['Prénom;Nom;Courriel;Notes'];
    for (let i = 0; i < 11000; i++) lines.push(`Personne${i};Grandliste;grand${i}@exemple.fr;${'note '.repeat(60)}${i}`);
    writeFileSync(path, lines.join('\r\n') + '\r\n', 'utf8');

    await openSidebar();
    const calls = recordCalls();
    await page.locator(testid('nav-import')).click();
    await page.locator(testid('import-file')).setInputFiles(path);
    await page.locator(testid('preview-counts')).waitFor({ timeout: 60000 });
    // Sent once, in two parts; the preview names the upload instead of sending the file again.
    const uploads = calls.filter((c) => c.action === 'uploadImportFile');
    expect(uploads.map((c) => [c.input.part, c.input.parts])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const upload = String(uploads[1].input.upload);
    const previews = calls.filter((c) => c.action === 'importFile');
    expect(previews.map((c) => [c.input.upload, 'content_base64' in c.input])).toEqual([[upload, false]]);
    await page.locator(testid('import-run')).click();
    // After the first chunk of 5,000 rows: the progress, with what is left.
    const progress = page.locator(testid('import-progress'));
    await progress.waitFor({ timeout: 60000 });
    expect(await progress.textContent()).toMatch(/^ ?(5,000|10,000) of 11,000 rows in, (6,000|1,000) to go\./);
    await until(async () => (await page.locator(testid('import-progress')).count()) === 0 && (await page.locator(testid('import-result')).count()) === 1, 60000);
    expect(await page.locator(`${testid('import-result')} h2`).textContent()).toContain('grande-liste.csv');
    const found = await api<{ total: number }>('searchContacts', { text: 'grandliste' });
    expect(found.total).toBe(11000);
    expect(calls.filter((c) => c.action === 'importFile').every((c) => c.input.upload === upload && !('content_base64' in c.input))).toBe(true);
  }, 180000);
});

describe('duplicates and merge', () => {
  it('merges two spellings of one person with the other one’s city, undoes it, then marks them not duplicates', async () => {
    const one = (await api<{ id: string }>('createContact', { contact: { first_name: 'Éloïse', last_name: 'Fontainebleau', phone: '+33 6 98 76 54 32', city: 'Besançon' } })).id;
    const two = (await api<{ id: string }>('createContact', { contact: { first_name: 'Eloise', last_name: 'Fontainebleau', phone: '06 98 76 54 32', city: 'Dijon' }, allow_duplicate: true })).id;
    const [left, right] = one < two ? [one, two] : [two, one];
    const cityOf = { [one]: 'Besançon', [two]: 'Dijon' };

    await openSidebar();
    const calls = recordCalls();
    await page.locator(testid('nav-duplicates')).click();
    await page.locator(testid('find-duplicates')).click();
    await page.locator(testid('duplicate-pairs')).waitFor();
    const pair = page.locator(`${testid('duplicate-pair')}[data-a="${left}"][data-b="${right}"]`);
    await until(async () => {
      if ((await pair.count()) > 0) return true;
      const more = page.locator(testid('more-pairs'));
      if ((await more.count()) > 0) await more.click();
      return false;
    });
    await until(async () => (await pair.locator(testid('pair-name-b')).textContent()) !== '…');
    const names = [await pair.locator(testid('pair-name-a')).textContent(), await pair.locator(testid('pair-name-b')).textContent()];
    expect(names.sort()).toEqual(['Eloise Fontainebleau', 'Éloïse Fontainebleau']);
    expect(await pair.locator(testid('pair-score')).textContent()).toMatch(/^\d{1,3}% alike$/);

    await pair.click();
    await page.locator(testid('compare-table')).waitFor();
    expect(await page.locator(testid('keep-left')).isChecked()).toBe(true);
    const cityRow = page.locator(`${testid('compare-row')}[data-field="city"]`);
    expect(await cityRow.getAttribute('data-differs')).toBe('true');
    expect(await page.locator(`${testid('compare-row')}[data-field="last_name"]`).getAttribute('data-differs')).toBe('false');
    // By default the kept contact's values; pick the other one's city.
    expect(await page.locator(`${testid('pick-value')}[data-field="city"][value="${left}"]`).isChecked()).toBe(true);
    await page.locator(`${testid('pick-value')}[data-field="city"][value="${right}"]`).check();
    await page.locator(testid('merge-pair')).click();
    await page.locator(testid('merge-undo')).waitFor();
    expect(await page.locator(testid('notice')).textContent()).toContain('was merged into');
    expect(await pair.count()).toBe(0);
    const sent = calls.find((c) => c.action === 'mergeContacts')!.input;
    expect(sent).toMatchObject({ keep: left, others: [right] });
    expect((sent.choices as Record<string, string>).city).toBe(right);
    expect((sent.choices as Record<string, string>).first_name).toBe(left);

    expect((await card(left)).contact.city).toBe(cityOf[right]);
    expect((await card(right)).contact.merged_into).toBe(left);
    const afterMerge = (await search('Fontainebleau')).items.map((h) => h.id);
    expect(afterMerge).toContain(left);
    expect(afterMerge).not.toContain(right);

    // Undo: both back as they were, and the pair is proposed again.
    await page.locator(testid('merge-undo')).click();
    await until(async () => (await page.locator(testid('notice')).textContent()) === 'The merge was undone.');
    expect((await card(left)).contact.city).toBe(cityOf[left]);
    expect((await card(right)).contact.merged_into).toBe('');
    expect((await search('Fontainebleau')).items.map((h) => h.id).sort()).toEqual([left, right].sort());
    await until(async () => (await pair.count()) === 1 || (await page.locator(testid('more-pairs')).count()) > 0);

    // Not a duplicate: the pair leaves the list and does not come back.
    await until(async () => {
      if ((await pair.count()) > 0) return true;
      await page.locator(testid('more-pairs')).click();
      return false;
    });
    await pair.click();
    await page.locator(testid('not-duplicate')).click();
    await until(async () => (await page.locator(testid('compare')).count()) === 0);
    expect(await pair.count()).toBe(0);
    const found = await api<{ pairs: { a: string; b: string }[] }>('findDuplicates', {});
    expect(found.pairs.some((p) => p.a === left && p.b === right)).toBe(false);
  });
});

describe('the archive', () => {
  it('is made beside the workbook by the admin’s Archive button, and the card looks there for older interactions', async () => {
    await openSidebar();
    await page.locator(testid('nav-dashboard')).click();
    await page.locator(testid('archive-run')).click();
    await until(async () => (await page.locator(testid('archive-said')).count()) === 1);
    // The demo's logs are recent: nothing moves, yet the archive now exists, linked, beside the workbook.
    expect(await page.locator(testid('archive-said')).textContent()).toBe('Nothing old enough to archive.');
    const budget = await api<{ archive: { id: string; url: string } | null }>('cellBudget', {});
    expect(budget.archive?.id).toMatch(/\.archive\.xlsx$/);
    expect(existsSync(join(dirname(server.workbook), budget.archive!.id))).toBe(true);

    const [someone] = (await search('')).items;
    await page.locator(testid('nav-contacts')).click();
    await page.locator(`${testid('contact-row')}[data-id="${someone.id}"]`).click();
    await page.locator(testid('show-archived')).click();
    await until(async () => (await page.locator(testid('archived')).count()) === 1);
    expect(await page.locator(testid('archived')).textContent()).toContain('Nothing of this contact is in the archive.');
  });
});
