/** Import (editors): pick a CSV or text file; the server reads it without writing anything (a dry run)
 *  and the sidebar shows what it understood: encoding, separator, where each column goes (editable),
 *  what to do with contacts already in the CRM, the counts and every row with a problem. Import then
 *  runs with exactly those choices; the result names the batch, which Undo takes back. Below, Export
 *  a table. A Preact component (see sidebar/components). */
import type { ImportReport } from '../../src/services/imports/imports';
import type { UndoReport } from '../../src/services/imports/import-undo';
import { useRef, useState } from 'preact/hooks';
import { errorText, plural, t, uiLocale } from '../i18n';
import { formatSize, MAX_FILE_BYTES, PickedFile, readPickedFile } from '../files';
import { call, isTransportError } from '../server';
import type { Session, View } from '../session';
import { shownTab, type Shown } from '../components/mount';
import { useFocusLater } from '../components/focus-later';
import { useAgain } from '../components/server-hooks';
import { TableExporter } from './export-parts';
import { ImportHistory } from './import-history';
import { defaultChoices, ImportChoices, mappingChanged, previewInput, rowsToImport, runInput, uploadParts } from './import-options';
import { UPLOAD_PART_CHARS } from '../../src/core/upload';
import { CountsList, FileSettings, FileWarnings, MappingTable, ModePicker, number, ProblemsList, UndoSummary } from './import-parts';
import { Failed, Notice } from '../components/said';

const formatCount = (n: number) => n.toLocaleString(uiLocale());

/** From this many rows on, the sidebar says the import will take a while. */
const LARGE_FILE_ROWS = 5000;

/** The report, with what a newer server adds (a mapping remembered from the last file like it). */
type Report = ImportReport & { mapping_remembered?: boolean };

type Busy = '' | 'reading' | 'upload' | 'preview' | 'import' | 'undo';

export interface ImportView extends View {
  refresh(notice?: string): void;
}

export function importView(host: HTMLElement, session: Session, handlers: { onOpen(id: string): void }): ImportView {
  return shownTab(host, (shown) => <Import {...shown} role={session.role} onOpen={handlers.onOpen} />);
}

/** `unsaved`: a file picked and not imported yet (the sidebar then stays here). */
interface Props extends Shown {
  role: string;
  onOpen(id: string): void;
}

/** The file picked; `upload`: the server has it already, sent in parts (a big file). */
type Picked = PickedFile & { upload?: string };

function Import({ asked, notice: given, role, onOpen, unsaved }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const focusLater = useFocusLater(root);
  const [file, setFile] = useState<Picked | null>(null);
  const [sent, setSent] = useState({ part: 0, parts: 0 });
  const [choices, setChoices] = useState<ImportChoices>(defaultChoices);
  const [preview, setPreview] = useState<Report | null>(null);
  const [result, setResult] = useState<Report | null>(null);
  const [undone, setUndone] = useState<UndoReport | null>(null);
  const [busy, setBusy] = useState<Busy>('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  /** Past imports read again after an import or an undo. */
  const [imports, setImports] = useState(0);
  /** Number of the latest call: an older answer (the person changed a setting meanwhile) is dropped. */
  const seq = useRef(0);
  unsaved.now = file !== null && result === null;
  useAgain(asked, () => given !== undefined && setNotice(given));

  function refused(e: unknown, picked: Picked | null): string {
    const message = errorText(e);
    // A request the server cut off (too large for it) never gets an answer of the CRM's own.
    return isTransportError(e) && picked && picked.size > 1024 * 1024 ? `${message} ${t('lists.import.too_large_hint')}` : message;
  }

  async function pick(input: HTMLInputElement): Promise<void> {
    const chosen = input.files?.[0];
    if (!chosen) return;
    // The same file picked again later is a new choice too.
    input.value = '';
    const kept = reset();
    if (chosen.size > MAX_FILE_BYTES) {
      setError(t('lists.import.too_large', { file: chosen.name, size: formatSize(chosen.size, uiLocale()), max: formatSize(MAX_FILE_BYTES, uiLocale()) }));
      return;
    }
    const mine = ++seq.current;
    setBusy('reading');
    let picked: Picked;
    try {
      picked = await readPickedFile(chosen);
      if (mine !== seq.current) return;
      setFile(picked);
    } catch (e) {
      if (mine !== seq.current) return;
      setBusy('');
      setError(t('lists.import.read_failed', { file: chosen.name, details: e instanceof Error ? e.message : String(e) }));
      return;
    }
    if (!(await upload(mine, picked))) return;
    await runPreview(picked, kept, null);
  }

  /** A big file goes up once, in parts of a few MB (one call each, in order, a part sent again after a
   *  lost answer being taken once); previews and the import then name the upload. */
  async function upload(mine: number, picked: Picked): Promise<boolean> {
    const parts = uploadParts(picked.base64, UPLOAD_PART_CHARS);
    if (!parts.length) return true;
    setBusy('upload');
    let id: string | undefined;
    try {
      for (let part = 0; part < parts.length; part++) {
        setSent({ part: part + 1, parts: parts.length });
        const answer = await call('uploadImportFile', { upload: id, file_name: picked.name, part, parts: parts.length, data_base64: parts[part] });
        if (mine !== seq.current) return false;
        id = answer.upload;
      }
    } catch (e) {
      if (mine !== seq.current) return false;
      setBusy('');
      setError(refused(e, picked));
      return false;
    }
    picked.upload = id;
    return true;
  }

  /** A dry run with `asked` choices. `previous`: the preview the mapping was read with; null when the
   *  file is read anew (a new file, another encoding or separator: the columns may differ and the
   *  mapping is worked out again). */
  async function runPreview(picked: Picked, asked: ImportChoices, previous: Report | null): Promise<void> {
    const mine = ++seq.current;
    setBusy('preview');
    setError('');
    setNotice('');
    try {
      const report = await call('importFile', previewInput(picked, asked, previous));
      if (mine !== seq.current) return;
      setPreview(report);
      // Edits now in the preview's mapping are kept (they are what it was read with).
      setChoices({ ...asked, edits: Object.fromEntries(Object.entries(asked.edits).filter(([header]) => report.mapping.some((m) => m.header === header))) });
    } catch (e) {
      if (mine !== seq.current) return;
      setError(refused(e, picked));
    }
    setBusy('');
  }

  async function runImport(): Promise<void> {
    if (!file || !preview || busy) return;
    const mine = ++seq.current;
    setBusy('import');
    setError('');
    let done: Report | null = null;
    try {
      let report = await call('importFile', runInput(file, choices, preview));
      if (mine !== seq.current) return;
      done = report;
      setResult(report);
      // A big file goes in by chunks, one call each, with the progress shown in between.
      while (report.status === 'running') {
        const next = await call('continueImport', { batch: report.batch });
        if (mine !== seq.current) return;
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
        done = report;
        setResult(report);
      }
    } catch (e) {
      if (mine !== seq.current) return;
      setError(refused(e, file));
    }
    setBusy('');
    setImports((n) => n + 1);
    if (done) focusLater('[data-testid="import-result"] h2');
  }

  async function undo(): Promise<void> {
    if (!result?.batch || busy) return;
    const mine = ++seq.current;
    setBusy('undo');
    setError('');
    try {
      const report = await call('undoImport', { batch: result.batch });
      if (mine !== seq.current) return;
      setUndone(report);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(errorText(e));
    }
    setBusy('');
    setImports((n) => n + 1);
  }

  /** Starts again with no file (the mode chosen stays); answers the choices a new file starts with. */
  function reset(): ImportChoices {
    seq.current++;
    const fresh = { ...defaultChoices(), mode: choices.mode };
    setFile(null);
    setChoices(fresh);
    setPreview(null);
    setResult(null);
    setUndone(null);
    setBusy('');
    setError('');
    setNotice('');
    return fresh;
  }

  function setChoice(change: Partial<ImportChoices>, fresh: boolean): void {
    if (!file) return;
    const next = { ...choices, ...change };
    if (fresh) next.edits = {};
    setChoices(next);
    void runPreview(file, next, fresh ? null : preview);
  }

  const working = busy !== '';
  const busyText = () => {
    if (busy === 'reading') return t('lists.import.reading');
    if (busy === 'upload') return t('lists.import.uploading', { part: sent.part, parts: sent.parts });
    if (busy === 'preview') return t('lists.import.previewing');
    if (busy === 'import') return t('lists.import.running');
    return t('lists.import.undoing');
  };

  const previewPanel = (report: Report) => {
    const stale = mappingChanged(report.mapping, choices.edits);
    const toWrite = rowsToImport(report);
    return (
      <div class="import-preview" data-testid="import-preview" aria-busy={busy === 'preview'}>
        <FileSettings
          preview={report}
          choices={choices}
          busy={working}
          on={{
            encoding: (value) => setChoice({ encoding: value }, true),
            delimiter: (value) => setChoice({ delimiter: value }, true),
            dateOrder: (value) => setChoice({ dateOrder: value }, false),
          }}
        />
        <section class="panel-section" aria-labelledby="import-columns-title">
          <h2 id="import-columns-title">{t('lists.import.columns')}</h2>
          <p class="muted small">{report.mapping_remembered ? t('lists.import.remembered') : t('lists.import.columns_help')}</p>
          <MappingTable mapping={report.mapping} edits={choices.edits} busy={working} onPick={(header, target) => setChoices((c) => ({ ...c, edits: { ...c.edits, [header]: target } }))} />
        </section>
        <section class="panel-section" aria-labelledby="import-check-title">
          <h2 id="import-check-title">{t('lists.import.check')}</h2>
          <ModePicker mode={choices.mode} busy={working} onPick={(mode) => setChoice({ mode }, false)} />
          <CountsList report={report} testid="preview-counts" />
          {report.rows >= LARGE_FILE_ROWS && <p class="small">{t('lists.import.large')}</p>}
          <p class="small strong" data-testid="import-will">
            {toWrite > 0 ? plural('lists.import.will_import', toWrite, { count: number(toWrite) }) : t('lists.import.nothing')}
          </p>
          <ProblemsList errors={report.errors} testid="preview-error" />
          <FileWarnings report={report} testid="preview" />
        </section>
        {stale && (
          <p class="notice warn" role="status" data-testid="import-stale">
            {t('lists.import.stale')}
          </p>
        )}
        <div class="buttons">
          <button type="button" data-testid="preview-again" disabled={working} onClick={() => file && void runPreview(file, choices, preview)}>
            {t('lists.import.preview_again')}
          </button>
          <button type="button" class="action" data-testid="import-run" disabled={working || stale || toWrite === 0} aria-busy={busy === 'import'} onClick={() => void runImport()}>
            {busy === 'import' ? t('lists.import.running') : toWrite > 0 ? plural('lists.import.run', toWrite, { count: number(toWrite) }) : t('lists.import.run_nothing')}
          </button>
        </div>
      </div>
    );
  };

  const resultPanel = (report: Report) => (
    <section class="panel-section import-result" data-testid="import-result" data-batch={report.batch} aria-labelledby="import-result-title">
      <h2 id="import-result-title" tabIndex={-1}>
        {report.status === 'running' ? t('lists.import.in_progress', { file: report.file }) : t('lists.import.done', { file: report.file })}
      </h2>
      {report.status === 'running' && (
        <p data-testid="import-progress" role="status">
          <progress max={report.total_rows} value={report.done_rows} />{' '}
          {t('lists.import.progress', { done: formatCount(report.done_rows), total: formatCount(report.total_rows), left: formatCount(report.total_rows - report.done_rows) })}
        </p>
      )}
      <CountsList report={report} testid="result-counts" />
      <p class="small">
        {t('lists.import.batch')} <code data-testid="import-batch">{report.batch}</code>
      </p>
      <ProblemsList errors={report.errors} testid="import-error" />
      <FileWarnings report={report} testid="import" />
      {undone ? (
        <UndoSummary report={undone} onOpen={onOpen} />
      ) : (
        <div class="buttons">
          <button type="button" class="danger-button" data-testid="import-undo" disabled={working || !report.batch} onClick={() => void undo()}>
            {busy === 'undo' ? t('lists.import.undoing') : t('lists.import.undo')}
          </button>
        </div>
      )}
      <div class="buttons">
        <button
          type="button"
          data-testid="import-again"
          disabled={working}
          onClick={() => {
            reset();
            focusLater('[data-testid="import-file"]');
          }}
        >
          {t('lists.import.another')}
        </button>
      </div>
    </section>
  );

  return (
    <div class="import" data-testid="import-view" ref={root}>
      <header class="view-header">
        <h1>{t('lists.import.title')}</h1>
        <p class="muted small">{t('lists.import.intro')}</p>
      </header>
      <Notice text={notice} />
      {!result && (
        <div class="file-picker">
          {/* The browser's own file button says "No file chosen" once the page redraws: ours says what is there. */}
          <input
            type="file"
            id="import-file"
            class="file-input"
            accept=".csv,.tsv,.txt,.xlsx,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-help"
            data-testid="import-file"
            disabled={working && busy !== 'preview'}
            onChange={(e) => void pick(e.target as HTMLInputElement)}
          />
          <label for="import-file" class="file-button">
            {file ? t('lists.import.choose_another') : t('lists.import.choose')}
          </label>
          {file && (
            <span class="small" data-testid="import-file-name">
              {t('lists.import.file_info', { file: file.name, size: formatSize(file.size, uiLocale()) })}
            </span>
          )}
          <p id="import-file-help" class="muted small">
            {t('lists.import.file', { max: formatSize(MAX_FILE_BYTES, uiLocale()) })}
          </p>
        </div>
      )}
      <div class="status" aria-live="polite">
        {working && <span data-testid="loading">{busyText()}</span>}
      </div>
      <Failed error={error} onRetry={file && !result && busy === '' ? () => void runPreview(file, choices, preview) : undefined} />
      {preview && !result && previewPanel(preview)}
      {result && resultPanel(result)}
      <ImportHistory role={role} asked={imports} />
      <TableExporter />
    </div>
  );
}
