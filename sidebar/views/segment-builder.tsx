/** The segment builder: a name, a kind, and for a dynamic segment its query, edited as rows of
 *  dropdowns or as text — the two stay in step (rows → text as you choose, text → rows as you type when
 *  the query fits rows). The count of contacts it selects follows every change. A Preact component
 *  (see sidebar/components). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { parseQuery } from '../../src/core/query/parse';
import { printQuery } from '../../src/core/query/print';
import { queryMessage } from '../../src/core/query/messages';
import { QUERY_FIELDS } from '../../src/core/query/tree';
import { currentLanguage, errorText, plural, t } from '../i18n';
import { rowsOf, Rows, treeOf } from '../query-rows';
import { call, type InputOf } from '../server';
import { ConditionRow, QueryVocabulary } from './query-condition';
import { queryInWords } from './query-in-words';
import type { QueryPreview, SegmentView } from './segment-types';
import { Failed } from '../components/said';

export interface SegmentBuilderOptions {
  /** The segment being edited; none for a new one. */
  segment?: SegmentView;
  /** A query to start from (a number of the dashboard, a search), and a name to suggest. */
  query?: string;
  name?: string;
  canSave: boolean;
  onSaved(segment: SegmentView): void;
  onCancel(): void;
  /** Whether the person changed something not saved yet (the sidebar then stays on the builder). */
  edited: { now: boolean };
}

/** The pause in typing after which the count is asked (and a mistake at the end said). */
export const PREVIEW_DELAY_MS = 350;

/** The text read into rows: the rows (kept from before when the text does not parse), and where the
 *  text is wrong (1-based, as people count). `held`: the mistake is at the very end, the person still
 *  typing: said once they pause. */
interface Reading {
  model: Rows | null;
  error: string;
  held: boolean;
}

function read(text: string, before: Rows | null, initial: boolean): Reading {
  const parsed = parseQuery(text);
  if (!parsed.ok) {
    const error = t('builder.query_error', { position: parsed.error.position + 1, message: queryMessage(parsed.error.detail, currentLanguage()) });
    return { model: before, error, held: !initial && parsed.error.position >= text.trimEnd().length };
  }
  const model = rowsOf(parsed.tree);
  if (initial && model && !text.trim()) model.rows = [];
  return { model, error: '', held: false };
}

let uid = 0;

export function SegmentBuilder({ segment: start, query, name: suggested, canSave, onSaved, onCancel, edited }: SegmentBuilderOptions) {
  const [form, setForm] = useState({
    name: start?.name ?? suggested ?? '',
    description: start?.description ?? '',
    kind: (start?.kind === 'static' ? 'static' : 'dynamic') as 'dynamic' | 'static',
    viewColumns: start?.view_columns ?? '',
  });
  const [text, setText] = useState(start?.query ?? query ?? '');
  const [reading, setReading] = useState<Reading>(() => read(start?.query ?? query ?? '', { join: 'and', rows: [] }, true));
  const [vocabulary, setVocabulary] = useState<QueryVocabulary>({ fields: QUERY_FIELDS, custom: [], tags: [], segments: [], relationships: [] });
  const [preview, setPreview] = useState<{ answer: QueryPreview | null; error: string }>({ answer: null, error: '' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState('');
  const id = useRef(`condition-${++uid}`).current;
  // The latest query, for the count asked after the pause.
  const latest = useRef({ text, kind: form.kind, error: reading.error });
  latest.current = { text, kind: form.kind, error: reading.error };
  const previewSeq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const changed = () => (edited.now = true);
  const edit = (field: 'name' | 'description' | 'viewColumns') => (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    setForm((f) => ({ ...f, [field]: value }));
    changed();
  };

  function schedulePreview(): void {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      // The pause: a mistake held back while typing is said now.
      setReading((r) => (r.held ? { ...r, held: false } : r));
      void loadPreview();
    }, PREVIEW_DELAY_MS);
  }

  async function loadPreview(): Promise<void> {
    const mine = ++previewSeq.current;
    const { text: now, kind, error } = latest.current;
    if (error || kind === 'static') return setPreview({ answer: null, error: '' });
    try {
      // An empty query selects everyone; the action wants some text, and a space parses as empty.
      const answer = await call('queryContacts', { query: now.trim() || ' ', limit: 5 });
      if (mine === previewSeq.current) setPreview({ answer, error: '' });
    } catch (e) {
      if (mine === previewSeq.current) setPreview({ answer: null, error: errorText(e) });
    }
  }

  useEffect(() => {
    call('queryOptions', {}).then(setVocabulary, () => {
      // The dropdowns still offer every field; only the suggestions for values are missing.
    });
    schedulePreview();
    return () => clearTimeout(timer.current);
  }, []);

  /** The text typed: rows follow when it fits them. */
  function typed(next: string): void {
    setText(next);
    const r = read(next, reading.model, false);
    setReading(r);
    latest.current = { text: next, kind: form.kind, error: r.error };
    changed();
    schedulePreview();
  }

  /** The rows changed: the text is written again from them (the canonical spelling). */
  function fromRows(model: Rows): void {
    const next = printQuery(treeOf(model));
    setText(next);
    setReading({ model, error: '', held: false });
    latest.current = { text: next, kind: form.kind, error: '' };
    changed();
    schedulePreview();
  }

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    if (saving || !canSave) return;
    setSaving(true);
    setSaveError('');
    const input: InputOf<'saveSegment'> = { name: form.name.trim(), kind: form.kind, description: form.description };
    if (start) input.id = start.id;
    if (form.kind === 'dynamic') input.query = text;
    if (form.viewColumns.trim() || start?.view_columns) input.view_columns = form.viewColumns.trim();
    try {
      const saved = await call('saveSegment', input);
      setSaving(false);
      edited.now = false;
      onSaved(saved);
    } catch (failure) {
      setSaving(false);
      setSaveError(errorText(failure));
    }
  }

  const dynamic = form.kind === 'dynamic';
  const model = reading.model;
  const shownError = reading.error && !reading.held ? reading.error : '';
  return (
    <form class="segment-builder" data-testid="segment-builder" onSubmit={save}>
      <h2>{start ? t('builder.edit_title', { name: start.name }) : t('builder.new_title')}</h2>
      <label for="segment-name">{t('builder.name')}</label>
      <input id="segment-name" type="text" value={form.name} maxLength={200} required data-testid="segment-name" onInput={edit('name')} />
      <fieldset class="kinds">
        <legend>{t('builder.kind')}</legend>
        {(['dynamic', 'static'] as const).map((value) => (
          <label key={value} class="inline">
            <input
              type="radio"
              name="segment-kind"
              value={value}
              checked={form.kind === value}
              disabled={Boolean(start)}
              data-testid={`kind-${value}`}
              onChange={() => {
                setForm((f) => ({ ...f, kind: value }));
                latest.current = { ...latest.current, kind: value };
                changed();
                schedulePreview();
              }}
            />{' '}
            {t(value === 'dynamic' ? 'builder.kind_dynamic' : 'builder.kind_static')}
          </label>
        ))}
      </fieldset>
      {dynamic && <p class="muted small">{t('builder.dynamic_hint')}</p>}
      <div class="query-rows">
        {!dynamic ? (
          <p class="muted small" data-testid="static-hint">
            {t('builder.static_hint')}
          </p>
        ) : !model ? (
          <p class="muted small" data-testid="text-only">
            {t('builder.text_only')}
          </p>
        ) : (
          <Conditions model={model} vocabulary={vocabulary} id={id} onRows={fromRows} />
        )}
      </div>
      <p class="muted small query-words" data-testid="query-in-words" aria-live="polite">
        {model && dynamic && (
          <>
            <strong>{t('builder.words.title')} </strong>
            {queryInWords(model)}
          </>
        )}
      </p>
      {dynamic && (
        <>
          <label for="segment-query">{t('builder.as_text')}</label>
          <textarea id="segment-query" rows={3} spellcheck={false} data-testid="segment-query" value={text} onInput={(e) => typed((e.target as HTMLTextAreaElement).value)} />
          <div aria-live="polite">
            {shownError && (
              <p class="error" role="alert" data-testid="query-error">
                {shownError}
              </p>
            )}
          </div>
        </>
      )}
      <div class="query-preview" aria-live="polite">
        {dynamic && preview.answer && (
          <p class="preview-count" data-testid="preview-count">
            {plural('builder.preview', preview.answer.total)}
          </p>
        )}
        {dynamic && preview.answer?.items.length ? (
          <ul class="card-list compact" data-testid="preview">
            {preview.answer.items.map((i) => (
              <li key={i.id}>{i.name || i.email || i.id}</li>
            ))}
          </ul>
        ) : null}
        {dynamic && preview.error && (
          <p class="error" role="alert">
            {preview.error}
          </p>
        )}
      </div>
      <label for="segment-description">{t('builder.description')}</label>
      <input id="segment-description" type="text" value={form.description} maxLength={500} data-testid="segment-description" onInput={edit('description')} />
      {dynamic && (
        <>
          <label for="segment-view-columns">{t('builder.view_columns')}</label>
          <input id="segment-view-columns" type="text" value={form.viewColumns} data-testid="segment-view-columns" placeholder="first_name, last_name, email" onInput={edit('viewColumns')} />
          <p class="muted small">{t('builder.view_columns_hint')}</p>
        </>
      )}
      <div class="builder-footer">
        {canSave && (
          <button type="submit" class="action" data-testid="segment-save" disabled={saving || Boolean(reading.error)}>
            {saving ? t('common.saving') : t('builder.save')}
          </button>
        )}
        <button type="button" data-testid="segment-cancel" onClick={() => onCancel()}>
          {t('builder.cancel')}
        </button>
        <Failed error={saveError} />
      </div>
    </form>
  );
}

/** The rows, joined by all / any, with a row to add. Each row keeps its key while others come and go
 *  (what a row holds as typed stays with it). */
function Conditions({ model, vocabulary, id, onRows }: { model: Rows; vocabulary: QueryVocabulary; id: string; onRows(model: Rows): void }) {
  const keys = useRef<number[]>([]);
  while (keys.current.length < model.rows.length) keys.current.push(++uid);
  keys.current.length = model.rows.length;
  const withRows = (rows: Rows['rows']) => onRows({ ...model, rows });
  return (
    <>
      {model.rows.length > 1 && (
        <div class="segmented" role="group" aria-label={t('builder.join_label')}>
          {(['and', 'or'] as const).map((join) => (
            <button key={join} type="button" aria-pressed={model.join === join} data-testid={`join-${join}`} onClick={() => onRows({ ...model, join })}>
              {t(join === 'and' ? 'builder.join_and' : 'builder.join_or')}
            </button>
          ))}
        </div>
      )}
      <ol class="condition-list" data-testid="conditions">
        {model.rows.map((row, index) => {
          const replace = (next: typeof row) => withRows(model.rows.map((r, i) => (i === index ? next : r)));
          const remove = () => {
            keys.current.splice(index, 1);
            withRows(model.rows.filter((_, i) => i !== index));
          };
          return <ConditionRow key={keys.current[index]} row={row} vocabulary={vocabulary} id={`${id}-${keys.current[index]}`} on={{ onChange: replace, onInput: replace, onRemove: remove }} />;
        })}
      </ol>
      {!model.rows.length && (
        <p class="muted small" data-testid="everyone">
          {t('builder.everyone')}
        </p>
      )}
      <button
        type="button"
        data-testid="add-condition"
        onClick={() => withRows([...model.rows, { not: false, condition: { kind: 'condition', field: 'tag', op: ':', value: vocabulary.tags[0] ?? '' } }])}
      >
        {t('builder.add_condition')}
      </button>
    </>
  );
}
