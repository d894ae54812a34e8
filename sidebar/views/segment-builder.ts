/** The segment builder: a name, a kind, and for a dynamic segment its query, edited as rows of
 *  dropdowns or as text — the two stay in step (rows → text as you choose, text → rows as you type when
 *  the query fits rows). The count of contacts it selects follows every change. */
import { parseQuery } from '../../src/core/query/parse';
import { printQuery } from '../../src/core/query/print';
import { queryMessage } from '../../src/core/query/messages';
import { QUERY_FIELDS } from '../../src/core/query/tree';
import { fill, h } from '../dom';
import { currentLanguage, errorText, plural, t } from '../i18n';
import { rowsOf, Rows, treeOf } from '../query-rows';
import { call, type InputOf } from '../server';
import { conditionRow, QueryVocabulary } from './query-condition';
import { queryInWords } from './query-in-words';
import type { QueryPreview, SegmentView } from './segment-types';

export interface SegmentBuilderOptions {
  /** The segment being edited; none for a new one. */
  segment?: SegmentView;
  /** A query to start from (a number of the dashboard, a search), and a name to suggest. */
  query?: string;
  name?: string;
  canSave: boolean;
  onSaved(segment: SegmentView): void;
  onCancel(): void;
}

export interface SegmentBuilder {
  element: HTMLElement;
  render(): void;
  hasUnsavedEdits(): boolean;
}

const PREVIEW_DELAY_MS = 350;

export function segmentBuilder(options: SegmentBuilderOptions): SegmentBuilder {
  const root = h('form', { class: 'segment-builder', 'data-testid': 'segment-builder', onsubmit: (e) => (e.preventDefault(), void save()) });
  const start = options.segment;
  let name = start?.name ?? options.name ?? '';
  let description = start?.description ?? '';
  let kind: 'dynamic' | 'static' = start?.kind === 'static' ? 'static' : 'dynamic';
  let viewColumns = start?.view_columns ?? '';
  let text = start?.query ?? options.query ?? '';
  let model: Rows | null = { join: 'and', rows: [] };
  let parseError = '';
  /** A mistake at the very end of the text is the person still typing: said once they pause. */
  let parseErrorHeld = false;
  let vocabulary: QueryVocabulary = { fields: QUERY_FIELDS, custom: [], tags: [], segments: [], relationships: [] };
  let preview: QueryPreview | null = null;
  let previewError = '';
  let previewSeq = 0;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  let saving = false;
  let saveError = '';
  let edited = false;
  const textBox = h('textarea', {
    id: 'segment-query',
    rows: 3,
    spellcheck: 'false',
    'data-testid': 'segment-query',
    oninput: (e) => {
      text = (e.target as HTMLTextAreaElement).value;
      edited = true;
      fromText(false);
      paintRows();
      paintFooter();
      schedulePreview();
    },
  });

  /** Reads the text into rows; an error says where (1-based, as people count). */
  function fromText(initial: boolean): void {
    const parsed = parseQuery(text);
    if (!parsed.ok) {
      parseError = t('builder.query_error', { position: parsed.error.position + 1, message: queryMessage(parsed.error.detail, currentLanguage()) });
      parseErrorHeld = !initial && parsed.error.position >= text.trimEnd().length;
      return;
    }
    parseError = '';
    parseErrorHeld = false;
    model = rowsOf(parsed.tree);
    if (initial && model && !text.trim()) model.rows = [];
  }

  /** Writes the rows back as text (the canonical spelling). `redraw`: false while the person types in
   *  a row, which must keep its caret. */
  function fromRows(redraw = true): void {
    if (!model) return;
    text = printQuery(treeOf(model));
    textBox.value = text;
    parseError = '';
    edited = true;
    if (redraw) paintRows();
    else {
      fill(errorHost);
      paintWords();
    }
    paintFooter();
    schedulePreview();
  }

  const wordsHost = h('p', { class: 'muted small query-words', 'data-testid': 'query-in-words', 'aria-live': 'polite' });
  function paintWords(): void {
    fill(wordsHost, model && kind === 'dynamic' ? [h('strong', null, t('builder.words.title'), ' '), queryInWords(model)] : null);
  }

  function paintParseError(): void {
    fill(errorHost, parseError && !parseErrorHeld && h('p', { class: 'error', role: 'alert', 'data-testid': 'query-error' }, parseError));
  }

  function schedulePreview(): void {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      // The pause: a mistake held back while typing is said now.
      if (parseErrorHeld) {
        parseErrorHeld = false;
        paintParseError();
      }
      void loadPreview();
    }, PREVIEW_DELAY_MS);
  }

  async function loadPreview(): Promise<void> {
    const mine = ++previewSeq;
    if (parseError || kind === 'static') {
      preview = null;
      paintPreview();
      return;
    }
    try {
      // An empty query selects everyone; the action wants some text, and a space parses as empty.
      const answer = await call('queryContacts', { query: text.trim() || ' ', limit: 5 });
      if (mine !== previewSeq) return;
      preview = answer;
      previewError = '';
    } catch (e) {
      if (mine !== previewSeq) return;
      preview = null;
      previewError = errorText(e);
    }
    paintPreview();
  }

  async function save(): Promise<void> {
    if (saving || !options.canSave) return;
    saving = true;
    saveError = '';
    paintFooter();
    const input: InputOf<'saveSegment'> = { name: name.trim(), kind, description };
    if (start) input.id = start.id;
    if (kind === 'dynamic') input.query = text;
    if (viewColumns.trim() || start?.view_columns) input.view_columns = viewColumns.trim();
    try {
      const saved = await call('saveSegment', input);
      saving = false;
      edited = false;
      options.onSaved(saved);
    } catch (e) {
      saving = false;
      saveError = errorText(e);
      paintFooter();
    }
  }

  const rowsHost = h('div', { class: 'query-rows' });
  const previewHost = h('div', { class: 'query-preview', 'aria-live': 'polite' });
  const footer = h('div', { class: 'builder-footer' });
  const errorHost = h('div', { 'aria-live': 'polite' });

  function paintRows(): void {
    paintWords();
    if (kind === 'static') return fill(rowsHost, h('p', { class: 'muted small', 'data-testid': 'static-hint' }, t('builder.static_hint')));
    paintParseError();
    if (!model) return fill(rowsHost, h('p', { class: 'muted small', 'data-testid': 'text-only' }, t('builder.text_only')));
    const current = model;
    const joins = (['and', 'or'] as const).map((join) =>
      h(
        'button',
        {
          type: 'button',
          'aria-pressed': String(current.join === join),
          'data-testid': `join-${join}`,
          onclick: () => {
            current.join = join;
            fromRows();
          },
        },
        t(join === 'and' ? 'builder.join_and' : 'builder.join_or'),
      ),
    );
    fill(
      rowsHost,
      current.rows.length > 1 && h('div', { class: 'segmented', role: 'group', 'aria-label': t('builder.join_label') }, joins),
      h(
        'ol',
        { class: 'condition-list', 'data-testid': 'conditions' },
        current.rows.map((row, index) =>
          conditionRow(row, vocabulary, {
            onChange: (next) => {
              current.rows[index] = next;
              fromRows();
            },
            onInput: (next) => {
              current.rows[index] = next;
              fromRows(false);
            },
            onRemove: () => {
              current.rows.splice(index, 1);
              fromRows();
            },
          }),
        ),
      ),
      !current.rows.length && h('p', { class: 'muted small', 'data-testid': 'everyone' }, t('builder.everyone')),
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'add-condition',
          onclick: () => {
            current.rows.push({ not: false, condition: { kind: 'condition', field: 'tag', op: ':', value: vocabulary.tags[0] ?? '' } });
            fromRows();
          },
        },
        t('builder.add_condition'),
      ),
    );
  }

  function paintPreview(): void {
    if (kind === 'static') return fill(previewHost);
    fill(
      previewHost,
      preview && h('p', { class: 'preview-count', 'data-testid': 'preview-count' }, plural('builder.preview', preview.total)),
      preview?.items.length
        ? h(
            'ul',
            { class: 'card-list compact', 'data-testid': 'preview' },
            preview.items.map((i) => h('li', null, i.name || i.email || i.id)),
          )
        : null,
      previewError && h('p', { class: 'error', role: 'alert' }, previewError),
    );
  }

  function paintFooter(): void {
    fill(
      footer,
      options.canSave && h('button', { type: 'submit', class: 'action', 'data-testid': 'segment-save', disabled: saving || Boolean(parseError) }, saving ? t('common.saving') : t('builder.save')),
      h('button', { type: 'button', 'data-testid': 'segment-cancel', onclick: () => options.onCancel() }, t('builder.cancel')),
      saveError && h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, saveError)),
    );
  }

  function render(): void {
    textBox.value = text;
    const kinds = (['dynamic', 'static'] as const).map((value) =>
      h(
        'label',
        { class: 'inline' },
        h('input', {
          type: 'radio',
          name: 'segment-kind',
          value,
          checked: kind === value,
          disabled: Boolean(start),
          'data-testid': `kind-${value}`,
          onchange: () => {
            kind = value;
            edited = true;
            render();
            schedulePreview();
          },
        }),
        ' ',
        t(value === 'dynamic' ? 'builder.kind_dynamic' : 'builder.kind_static'),
      ),
    );
    fill(
      root,
      h('h2', null, start ? t('builder.edit_title', { name: start.name }) : t('builder.new_title')),
      h('label', { for: 'segment-name' }, t('builder.name')),
      h('input', {
        id: 'segment-name',
        type: 'text',
        value: name,
        maxlength: 200,
        required: true,
        'data-testid': 'segment-name',
        oninput: (e) => ((name = (e.target as HTMLInputElement).value), (edited = true)),
      }),
      h('fieldset', { class: 'kinds' }, h('legend', null, t('builder.kind')), kinds),
      kind === 'dynamic' && h('p', { class: 'muted small' }, t('builder.dynamic_hint')),
      rowsHost,
      wordsHost,
      kind === 'dynamic' && [h('label', { for: 'segment-query' }, t('builder.as_text')), textBox, errorHost],
      previewHost,
      h('label', { for: 'segment-description' }, t('builder.description')),
      h('input', {
        id: 'segment-description',
        type: 'text',
        value: description,
        maxlength: 500,
        'data-testid': 'segment-description',
        oninput: (e) => ((description = (e.target as HTMLInputElement).value), (edited = true)),
      }),
      kind === 'dynamic' && [
        h('label', { for: 'segment-view-columns' }, t('builder.view_columns')),
        h('input', {
          id: 'segment-view-columns',
          type: 'text',
          value: viewColumns,
          'data-testid': 'segment-view-columns',
          placeholder: 'first_name, last_name, email',
          oninput: (e) => ((viewColumns = (e.target as HTMLInputElement).value), (edited = true)),
        }),
        h('p', { class: 'muted small' }, t('builder.view_columns_hint')),
      ],
      footer,
    );
    paintRows();
    paintPreview();
    paintFooter();
  }

  async function loadVocabulary(): Promise<void> {
    try {
      vocabulary = await call('queryOptions', {});
      paintRows();
    } catch {
      // The dropdowns still offer every field; only the suggestions for values are missing.
    }
  }

  fromText(true);
  void loadVocabulary();
  schedulePreview();
  return { element: root, render, hasUnsavedEdits: () => edited };
}
