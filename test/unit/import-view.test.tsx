/**
 * @jest-environment jsdom
 */
/** The Import tab (Preact components) in jsdom's page: the mapping, counts and problems of a preview
 *  (hostile headers and messages as text), a whole import from a picked file through the real CRM in
 *  memory (a column moved, imported, undone), and a past import whose undo the server refuses. */
import { render } from 'preact';
import { Contacts } from '../../src/core/schema/tables';
import { Workbook } from '../../src/store/workbook';
import { CountsList, MappingTable, ProblemsList } from '../../sidebar/views/import-parts';
import { ImportHistory } from '../../sidebar/views/import-history';
import { importView } from '../../sidebar/views/import';
import { setLanguage, t } from '../../sidebar/i18n';
import { setUpRuntime } from '../support/crm';
import { HOSTILE_TEXT } from '../support/hostile';
import { MAPPING, report } from '../support/import-reports';
import { byTestid, one, serveFrom, useComponentPage } from '../support/component-page';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();
useComponentPage();
afterEach(() => setLanguage('en'));

const shown = (node: preact.ComponentChild) => {
  const host = document.createElement('div');
  render(node, host);
  return host;
};

describe('the pieces of a preview', () => {
  it('shows hostile headers and messages as text, and marks guessed and unknown columns', () => {
    const mapping = HOSTILE_TEXT.map((header) => ({ header, target: 'custom', confidence: 'none' as const }));
    const table = shown(<MappingTable mapping={[...MAPPING, ...mapping]} edits={{ Nom: 'full_name' }} busy={false} onPick={() => {}} />);
    const selects = byTestid(table, 'mapping-select') as HTMLSelectElement[];
    expect(selects.map((s) => s.getAttribute('data-header'))).toEqual([...MAPPING.map((m) => m.header), ...HOSTILE_TEXT]);
    for (const header of HOSTILE_TEXT) expect(table.textContent).toContain(header);
    expect(table.querySelectorAll('img')).toHaveLength(0);
    expect(byTestid(table, 'mapping-row').slice(0, 4).map((r) => r.getAttribute('data-confidence'))).toEqual(['exact', 'confirmed', 'guess', 'none']);
    // The select shows the person's edit.
    expect(selects[1].value).toBe('full_name');
    const problems = shown(<ProblemsList errors={HOSTILE_TEXT.map((message, i) => ({ row: i + 2, column: message, message }))} testid="preview-error" />);
    expect(byTestid(problems, 'preview-error')).toHaveLength(Math.min(HOSTILE_TEXT.length, 100));
    for (const text of HOSTILE_TEXT) expect(problems.textContent).toContain(text);
  });

  it('counts a preview as "will be" and the matched rows by mode', () => {
    const names = (el: HTMLElement) => Array.from(el.querySelectorAll('[data-count]')).map((e) => e.getAttribute('data-count'));
    const skip = shown(<CountsList report={report()} testid="preview-counts" />);
    expect(names(skip)).toEqual(['rows', 'created', 'skipped', 'duplicates_in_file', 'invalid']);
    expect(skip.textContent).toContain(t('lists.count.will_skip'));
    const update = shown(<CountsList report={report({ mode: 'update', dry_run: false })} testid="result-counts" />);
    expect(names(update)).toEqual(['rows', 'created', 'updated', 'skipped', 'duplicates_in_file', 'invalid']);
    expect(update.textContent).toContain(t('lists.count.created'));
    expect(names(shown(<CountsList report={report({ mode: 'none' })} testid="x" />))).toEqual(['rows', 'created', 'invalid']);
  });
});

/** Picks `text` as a file named `name` in the page's file input. */
function pickFile(host: HTMLElement, name: string, text: string): void {
  const input = one(host, 'import-file') as HTMLInputElement;
  const file = new File([text], name, { type: 'text/csv' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

describe('the Import tab', () => {
  it('reads a French file, lets a column move, imports it with those choices, and undoes it', async () => {
    const rt = setUpRuntime();
    const page = serveFrom(rt);
    const host = document.createElement('div');
    document.body.appendChild(host);
    const view = importView(host, { email: 'admin@example.org', role: 'admin', setUp: true, language: 'fr' }, { onOpen: () => {} });
    setLanguage('fr');
    view.render();
    await page.settle();
    pickFile(host, 'adhérents.csv', 'Prénom;Nom;Ville natale\nÉloïse;Fontaine;Besançon\nLuís;<b>Araújo</b>;Porto\n');
    await until(() => byTestid(host, 'import-preview').length > 0, page.settle);
    expect(view.hasUnsavedEdits?.()).toBe(true);
    expect(one(host, 'import-file-name').textContent).toContain('adhérents.csv');
    expect(one(host, 'import-delimiter').textContent).toContain('détecté');
    // "Ville natale" is left out instead.
    const city = host.querySelector<HTMLSelectElement>('[data-testid="mapping-select"][data-header="Ville natale"]')!;
    city.value = 'ignore';
    city.dispatchEvent(new Event('change'));
    await page.settle();
    expect(one(host, 'import-stale')).toBeDefined();
    one(host, 'preview-again').click();
    await page.settle();
    expect(byTestid(host, 'import-stale')).toHaveLength(0);
    one(host, 'import-run').click();
    await page.settle();
    expect(document.activeElement?.id).toBe('import-result-title');
    const wb = () => new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    const people = wb().table(Contacts).all().filter((c) => c.last_name === '<b>Araújo</b>' || c.last_name === 'Fontaine');
    expect(people.map((c) => c.city)).toEqual(['', '']);
    expect(host.textContent).toContain('adhérents.csv');
    expect(one(host, 'past-import')).toBeDefined();
    one(host, 'import-undo').click();
    await page.settle();
    expect(one(host, 'undo-result').querySelector('[data-count="removed"]')!.textContent).toBe('2');
    expect(wb().table(Contacts).all().filter((c) => c.last_name === 'Fontaine')).toHaveLength(0);
    expect(one(host, 'past-import').getAttribute('data-status')).not.toBe('done');
    one(host, 'import-again').click();
    await page.settle();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('import-file');
    expect(view.hasUnsavedEdits?.()).toBe(false);
  });

  it('refuses a file over the limit before reading it, in the page’s language', async () => {
    const rt = setUpRuntime();
    const page = serveFrom(rt);
    const host = document.createElement('div');
    setLanguage('es');
    importView(host, { email: 'admin@example.org', role: 'admin', setUp: true, language: 'es' }, { onOpen: () => {} }).render();
    await page.settle();
    const input = one(host, 'import-file') as HTMLInputElement;
    const big = new File(['x'], 'enorme.csv');
    Object.defineProperty(big, 'size', { value: 200 * 1024 * 1024 });
    Object.defineProperty(input, 'files', { value: [big], configurable: true });
    input.dispatchEvent(new Event('change'));
    await page.settle();
    expect(one(host, 'error').textContent).toContain('enorme.csv');
    expect(page.calls.filter((c) => c === 'importFile' || c === 'uploadImportFile')).toEqual([]);
  });
});

describe('the past imports', () => {
  const PAST = { batch: 'imp_1', file: 'adherents.csv', who: 'ana@example.org', started_at: '2026-12-01T10:00:00Z', status: 'done', created: 2, updated: 0, skipped: 0, errors: 0, warnings: 0, can_undo: true, undone_at: '' };

  it('shows why an undo was refused, after reading the list again; the next reading starts clean', async () => {
    const rt = setUpRuntime();
    const refuse = (action: string, answer: any) =>
      action === 'listImports' ? { ok: true, data: { imports: [PAST] } } : action === 'undoImport' ? { ok: false, error: { code: 'refused', message: 'Contacts changed since the import cannot be removed.' } } : answer;
    const page = serveFrom(rt, refuse);
    const host = shown(<ImportHistory role="editor" asked={0} />);
    await page.settle();
    one(host, 'past-import-undo').click();
    await page.settle();
    expect(host.querySelector('[role="alert"]')?.textContent).toBe('Contacts changed since the import cannot be removed.');
    expect(page.calls).toEqual(['listImports', 'undoImport', 'listImports']);
    render(<ImportHistory role="editor" asked={1} />, host);
    await page.settle();
    expect(host.querySelector('[role="alert"]')).toBeNull();
    // A viewer sees the list, and no Undo.
    render(<ImportHistory role="viewer" asked={2} />, host);
    await page.settle();
    expect(byTestid(host, 'past-import')).toHaveLength(1);
    expect(byTestid(host, 'past-import-undo')).toHaveLength(0);
  });
});

/** Reading a picked file is the browser's own work (FileReader): wait for what it leads to. */
async function until(done: () => boolean, settle: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await settle();
  if (!done()) throw new Error('the page never got there');
}
