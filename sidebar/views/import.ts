/** Import (editors): pick a CSV or text file; the server reads it without writing anything (a dry run)
 *  and the sidebar shows what it understood: encoding, separator, where each column goes (editable),
 *  what to do with contacts already in the CRM, the counts and every row with a problem. Import then
 *  runs with exactly those choices; the result names the batch, which Undo takes back. Below, Export
 *  a table. */
import type { ImportReport } from '../../src/services/imports/imports';
import type { UndoReport } from '../../src/services/imports/import-undo';
import { fill, h } from '../dom';
import { errorText, plural, t, uiLocale } from '../i18n';
import { focusKey, restoreFocus } from '../focus';

const formatCount = (n: number) => n.toLocaleString(uiLocale());
import { formatSize, MAX_FILE_BYTES, PickedFile, readPickedFile } from '../files';
import { call, isTransportError } from '../server';
import type { Session, View } from '../session';
import { tableExporter } from './export-parts';
import { importHistory } from './import-history';
import { defaultChoices, ImportChoices, ImportMode, mappingChanged, previewInput, rowsToImport, runInput, uploadParts, DateOrderChoice } from './import-options';
import { UPLOAD_PART_CHARS } from '../../src/core/upload';
import { countsList, fileSettings, fileWarnings, mappingTable, modePicker, number, problemsList, undoSummary } from './import-parts';

/** From this many rows on, the sidebar says the import will take a while. */
const LARGE_FILE_ROWS = 5000;

/** The report, with what a newer server adds (a mapping remembered from the last file like it). */
type Report = ImportReport & { mapping_remembered?: boolean };

type Busy = '' | 'reading' | 'upload' | 'preview' | 'import' | 'undo';

export interface ImportView extends View {
  refresh(notice?: string): void;
}

export function importView(host: HTMLElement, _session: Session, handlers: { onOpen(id: string): void }): ImportView {
  const root = h('div', { class: 'import', 'data-testid': 'import-view' });
  const exportSection = tableExporter();
  const history = importHistory(_session.role);
  /** The file picked; `upload`: the server has it already, sent in parts (a big file). */
  let file: (PickedFile & { upload?: string }) | null = null;
  let sent = { part: 0, parts: 0 };
  let choices: ImportChoices = defaultChoices();
  let preview: Report | null = null;
  let result: Report | null = null;
  let undone: UndoReport | null = null;
  let busy: Busy = '';
  let error = '';
  let notice = '';
  /** Number of the latest call: an older answer (the person changed a setting meanwhile) is dropped. */
  let seq = 0;

  function refused(e: unknown): string {
    const message = errorText(e);
    // A request the server cut off (too large for it) never gets an answer of the CRM's own.
    return isTransportError(e) && file && file.size > 1024 * 1024 ? `${message} ${t('lists.import.too_large_hint')}` : message;
  }

  async function pick(input: HTMLInputElement): Promise<void> {
    const chosen = input.files?.[0];
    if (!chosen) return;
    reset();
    if (chosen.size > MAX_FILE_BYTES) {
      error = t('lists.import.too_large', { file: chosen.name, size: formatSize(chosen.size, uiLocale()), max: formatSize(MAX_FILE_BYTES, uiLocale()) });
      paint();
      return;
    }
    const mine = ++seq;
    busy = 'reading';
    paint();
    try {
      const picked = await readPickedFile(chosen);
      if (mine !== seq) return;
      file = picked;
    } catch (e) {
      if (mine !== seq) return;
      busy = '';
      error = t('lists.import.read_failed', { file: chosen.name, details: e instanceof Error ? e.message : String(e) });
      paint();
      return;
    }
    if (!(await upload(mine))) return;
    await runPreview(false);
  }

  /** A big file goes up once, in parts of a few MB (one call each, in order, a part sent again after a
   *  lost answer being taken once); previews and the import then name the upload. */
  async function upload(mine: number): Promise<boolean> {
    const parts = file ? uploadParts(file.base64, UPLOAD_PART_CHARS) : [];
    if (!file || !parts.length) return true;
    busy = 'upload';
    let id: string | undefined;
    try {
      for (let part = 0; part < parts.length; part++) {
        sent = { part: part + 1, parts: parts.length };
        paint();
        const answer = await call('uploadImportFile', { upload: id, file_name: file.name, part, parts: parts.length, data_base64: parts[part] });
        if (mine !== seq) return false;
        id = answer.upload;
      }
    } catch (e) {
      if (mine !== seq) return false;
      busy = '';
      error = refused(e);
      paint();
      return false;
    }
    file.upload = id;
    return true;
  }

  /** A dry run with the current choices. `fresh`: the file is read anew (encoding or separator changed),
   *  so the columns may differ and the mapping is worked out again. */
  async function runPreview(fresh: boolean): Promise<void> {
    if (!file) return;
    const mine = ++seq;
    busy = 'preview';
    error = '';
    notice = '';
    paint();
    try {
      const report = await call('importFile', previewInput(file, choices, fresh ? null : preview));
      if (mine !== seq) return;
      preview = report;
      // Edits now in the preview's mapping are kept (they are what it was read with).
      choices.edits = Object.fromEntries(Object.entries(choices.edits).filter(([header]) => report.mapping.some((m) => m.header === header)));
    } catch (e) {
      if (mine !== seq) return;
      error = refused(e);
    }
    busy = '';
    paint();
  }

  async function runImport(): Promise<void> {
    if (!file || !preview || busy) return;
    const mine = ++seq;
    busy = 'import';
    error = '';
    paint();
    try {
      let report = await call('importFile', runInput(file, choices, preview));
      if (mine !== seq) return;
      result = report;
      // A big file goes in by chunks, one call each, with the progress shown in between.
      while (report.status === 'running') {
        paint();
        const next = await call('continueImport', { batch: report.batch });
        if (mine !== seq) return;
        report = {
          ...report,
          ...next,
          mapping: report.mapping,
          mapping_remembered: report.mapping_remembered,
          errors: [...report.errors, ...next.errors],
          warnings: report.warnings,
          problem_rows: report.problem_rows,
          duplicates_warning: report.duplicates_warning,
        };
        result = report;
      }
    } catch (e) {
      if (mine !== seq) return;
      error = refused(e);
    }
    busy = '';
    history.reload();
    paint();
    if (result) root.querySelector<HTMLElement>('[data-testid="import-result"] h2')?.focus();
  }

  async function undo(): Promise<void> {
    if (!result?.batch || busy) return;
    const mine = ++seq;
    busy = 'undo';
    error = '';
    paint();
    try {
      const report = await call('undoImport', { batch: result.batch });
      if (mine !== seq) return;
      undone = report;
    } catch (e) {
      if (mine !== seq) return;
      error = errorText(e);
    }
    busy = '';
    history.reload();
    paint();
  }

  function reset(): void {
    seq++;
    file = null;
    choices = { ...defaultChoices(), mode: choices.mode };
    preview = null;
    result = null;
    undone = null;
    busy = '';
    error = '';
    notice = '';
  }

  function setChoice(change: Partial<ImportChoices>, fresh: boolean): void {
    choices = { ...choices, ...change };
    if (fresh) choices.edits = {};
    void runPreview(fresh);
  }

  // ---- drawing ----

  function paint(): void {
    const focus = focusKey(root, document.activeElement);
    const working = busy !== '';
    // The browser's own file button says "No file chosen" once the page redraws: ours says what is there.
    const input = h('input', {
      type: 'file',
      id: 'import-file',
      class: 'file-input',
      accept: '.csv,.tsv,.txt,.xlsx,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'aria-describedby': 'import-file-help',
      'data-testid': 'import-file',
      disabled: working && busy !== 'preview',
      onchange: (e) => void pick(e.target as HTMLInputElement),
    });
    const picker = h(
      'div',
      { class: 'file-picker' },
      input,
      h('label', { for: 'import-file', class: 'file-button' }, file ? t('lists.import.choose_another') : t('lists.import.choose')),
      file && h('span', { class: 'small', 'data-testid': 'import-file-name' }, t('lists.import.file_info', { file: file.name, size: formatSize(file.size, uiLocale()) })),
      h('p', { id: 'import-file-help', class: 'muted small' }, t('lists.import.file', { max: formatSize(MAX_FILE_BYTES, uiLocale()) })),
    );
    fill(
      root,
      h('header', { class: 'view-header' }, h('h1', null, t('lists.import.title')), h('p', { class: 'muted small' }, t('lists.import.intro'))),
      notice && h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, notice),
      !result && picker,
      h('div', { class: 'status', 'aria-live': 'polite' }, working && h('span', { 'data-testid': 'loading' }, busyText())),
      error &&
        h(
          'div',
          { class: 'error', role: 'alert' },
          h('p', { 'data-testid': 'error' }, error),
          file && !result && busy === '' && h('button', { type: 'button', 'data-testid': 'retry', onclick: () => void runPreview(false) }, t('common.retry')),
        ),
      preview && !result && previewPanel(preview),
      result && resultPanel(result),
      history.render(),
      exportSection.render(),
    );
    restoreFocus(root, focus);
  }

  function busyText(): string {
    if (busy === 'reading') return t('lists.import.reading');
    if (busy === 'upload') return t('lists.import.uploading', { part: sent.part, parts: sent.parts });
    if (busy === 'preview') return t('lists.import.previewing');
    if (busy === 'import') return t('lists.import.running');
    return t('lists.import.undoing');
  }

  function previewPanel(report: Report): HTMLElement {
    const working = busy !== '';
    const stale = mappingChanged(report.mapping, choices.edits);
    const toWrite = rowsToImport(report);
    return h(
      'div',
      { class: 'import-preview', 'data-testid': 'import-preview', 'aria-busy': String(busy === 'preview') },
      fileSettings(report, choices, working, {
        encoding: (value) => setChoice({ encoding: value }, true),
        delimiter: (value) => setChoice({ delimiter: value }, true),
        dateOrder: (value: DateOrderChoice) => setChoice({ dateOrder: value }, false),
      }),
      h(
        'section',
        { class: 'panel-section', 'aria-labelledby': 'import-columns-title' },
        h('h2', { id: 'import-columns-title' }, t('lists.import.columns')),
        h('p', { class: 'muted small' }, report.mapping_remembered ? t('lists.import.remembered') : t('lists.import.columns_help')),
        mappingTable(report.mapping, choices.edits, working, (header, target) => {
          choices.edits = { ...choices.edits, [header]: target };
          paint();
        }),
      ),
      h(
        'section',
        { class: 'panel-section', 'aria-labelledby': 'import-check-title' },
        h('h2', { id: 'import-check-title' }, t('lists.import.check')),
        modePicker(choices.mode, working, (mode: ImportMode) => setChoice({ mode }, false)),
        countsList(report, 'preview-counts'),
        report.rows >= LARGE_FILE_ROWS && h('p', { class: 'small' }, t('lists.import.large')),
        h('p', { class: 'small strong', 'data-testid': 'import-will' }, toWrite > 0 ? plural('lists.import.will_import', toWrite, { count: number(toWrite) }) : t('lists.import.nothing')),
        problemsList(report.errors, 'preview-error'),
        fileWarnings(report, 'preview'),
      ),
      stale && h('p', { class: 'notice warn', role: 'status', 'data-testid': 'import-stale' }, t('lists.import.stale')),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', 'data-testid': 'preview-again', disabled: working, onclick: () => void runPreview(false) }, t('lists.import.preview_again')),
        h(
          'button',
          { type: 'button', class: 'action', 'data-testid': 'import-run', disabled: working || stale || toWrite === 0, 'aria-busy': String(busy === 'import'), onclick: () => void runImport() },
          busy === 'import' ? t('lists.import.running') : toWrite > 0 ? plural('lists.import.run', toWrite, { count: number(toWrite) }) : t('lists.import.run_nothing'),
        ),
      ),
    );
  }

  function resultPanel(report: Report): HTMLElement {
    const working = busy !== '';
    return h(
      'section',
      { class: 'panel-section import-result', 'data-testid': 'import-result', 'data-batch': report.batch, 'aria-labelledby': 'import-result-title' },
      h('h2', { id: 'import-result-title', tabindex: -1 }, report.status === 'running' ? t('lists.import.in_progress', { file: report.file }) : t('lists.import.done', { file: report.file })),
      report.status === 'running' &&
        h(
          'p',
          { 'data-testid': 'import-progress', role: 'status' },
          h('progress', { max: report.total_rows, value: report.done_rows }),
          ' ',
          t('lists.import.progress', { done: formatCount(report.done_rows), total: formatCount(report.total_rows), left: formatCount(report.total_rows - report.done_rows) }),
        ),
      countsList(report, 'result-counts'),
      h('p', { class: 'small' }, t('lists.import.batch'), ' ', h('code', { 'data-testid': 'import-batch' }, report.batch)),
      problemsList(report.errors, 'import-error'),
      fileWarnings(report, 'import'),
      undone
        ? undoSummary(undone, handlers.onOpen)
        : h(
            'div',
            { class: 'buttons' },
            h(
              'button',
              { type: 'button', class: 'danger-button', 'data-testid': 'import-undo', disabled: working || !report.batch, onclick: () => void undo() },
              busy === 'undo' ? t('lists.import.undoing') : t('lists.import.undo'),
            ),
          ),
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          {
            type: 'button',
            'data-testid': 'import-again',
            disabled: working,
            onclick: () => {
              reset();
              paint();
              root.querySelector<HTMLInputElement>('[data-testid="import-file"]')?.focus();
            },
          },
          t('lists.import.another'),
        ),
      ),
    );
  }

  return {
    render() {
      fill(host, root);
      paint();
    },
    refresh(message?: string) {
      if (message !== undefined) notice = message;
    },
    hasUnsavedEdits: () => file !== null && result === null,
  };
}
