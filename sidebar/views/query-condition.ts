/** One row of the builder: [not] field, comparison, value, and for fields that count dated records a
 *  window (within / since / before a date). Values offer what the CRM has (tags, segments, relationship
 *  labels, an enum's values) and still accept anything typed: the text form checks it. */
import type { Comparison, Condition, QueryField } from '../../src/core/query/tree';
import { h } from '../dom';
import { t } from '../i18n';
import { RANGE_KINDS, RangeKind, Row, WINDOW_KINDS, WindowKind, windowOf, withField, withWindow } from '../query-rows';
import { enumLabel, FieldGroup, fieldGroup, fieldLabel, fieldOf, opLabel, shownInBuilder } from './query-words';
import { countAndUnit, dateControls, dateParts, spanValue } from './query-dates';

/** What queryOptions answers: the fields, and the values the CRM has for the open ones. */
export interface QueryVocabulary {
  fields: readonly QueryField[];
  /** Custom Contacts columns, by header. */
  custom: string[];
  tags: string[];
  segments: string[];
  relationships: string[];
}

export interface ConditionHandlers {
  /** A choice changed the row: it is drawn again. */
  onChange(row: Row): void;
  /** Something typed changed the row: the query and the count follow, the row stays as it is (the
   *  caret where it was). */
  onInput(row: Row): void;
  onRemove(): void;
}

const GROUPS: FieldGroup[] = ['people', 'giving', 'engagement', 'columns', 'custom'];

let uid = 0;

export function conditionRow(row: Row, vocabulary: QueryVocabulary, handlers: ConditionHandlers): HTMLElement {
  const c = row.condition;
  const field = fieldOf(c.field);
  const id = `condition-${++uid}`;
  const change = (next: Partial<Row> & { condition?: Condition }) => handlers.onChange({ ...row, ...next });
  const typed = (value: string) => {
    // The row object stays the same one, so that later typing and choices start from it.
    row.condition = { ...row.condition, value };
    handlers.onInput(row);
  };
  const setValue = (value: string, wasTyped: boolean) => (wasTyped ? typed(value) : change({ condition: { ...c, value } }));
  // Internal columns (merged_into, deleted, ids) are the CRM's bookkeeping, not something to select on.
  const fields = [...vocabulary.fields.filter((f) => shownInBuilder(f.field) || f.field === c.field), ...vocabulary.custom.map((name) => fieldOf(`custom.${name}`)!)];
  const fieldSelect = h(
    'select',
    { id: `${id}-field`, 'aria-label': t('builder.field'), 'data-testid': 'condition-field', onchange: (e) => change({ condition: withField(c, (e.target as HTMLSelectElement).value) }) },
    !field && h('option', { value: c.field, selected: true }, c.field),
    GROUPS.map((group) => {
      const inGroup = fields.filter((f) => fieldGroup(f) === group);
      return (
        inGroup.length > 0 &&
        h(
          'optgroup',
          { label: t(`builder.group.${group}`) },
          inGroup.map((f) => h('option', { value: f.field, selected: f.field === c.field }, fieldLabel(f.field))),
        )
      );
    }),
  );
  const ops = field?.ops ?? (['=', '!='] as Comparison[]);
  const opSelect =
    field?.type === 'flag'
      ? null
      : h(
          'select',
          {
            'aria-label': t('builder.comparison'),
            'data-testid': 'condition-op',
            onchange: (e) => {
              const chosen = (e.target as HTMLSelectElement).value;
              const range = (RANGE_KINDS as readonly string[]).includes(chosen) ? (chosen as RangeKind) : undefined;
              // Into a span: 30 days unless a span was there; out of one: a date to choose.
              if (range) change({ range, condition: { ...c, op: '>=', value: row.range ? c.value : '30d' } });
              else change({ range: undefined, condition: { ...c, op: chosen as Comparison, value: row.range ? '' : c.value } });
            },
          },
          field?.type === 'date' && RANGE_KINDS.map((kind) => h('option', { value: kind, selected: row.range === kind }, t(`builder.op.${kind}`))),
          ops.map((op) => h('option', { value: op, selected: !row.range && op === c.op }, opLabel(op, field))),
        );
  return h(
    'li',
    { class: 'condition', 'data-testid': 'condition' },
    h(
      'div',
      { class: 'condition-line' },
      h(
        'label',
        { class: 'inline small' },
        h('input', { type: 'checkbox', checked: row.not, 'data-testid': 'condition-not', onchange: (e) => change({ not: (e.target as HTMLInputElement).checked }) }),
        ' ',
        t('builder.not'),
      ),
      fieldSelect,
      h('button', { type: 'button', class: 'small-button', 'aria-label': t('builder.remove_condition'), 'data-testid': 'condition-remove', onclick: () => handlers.onRemove() }, '×'),
    ),
    h('div', { class: 'condition-line' }, opSelect, row.range ? spanInput(c.value, typed, (value) => change({ condition: { ...c, value } })) : valueInput(c, field, vocabulary, id, setValue)),
    field?.window && windowLine(c, (condition) => change({ condition })),
  );
}

/** "30 days" of a span from today. */
function spanInput(value: string, typed: (value: string) => void, chosen: (value: string) => void): HTMLElement {
  const parts = dateParts(value);
  return h(
    'span',
    { class: 'value' },
    countAndUnit(parts.count, parts.unit, (count, unit, wasTyped) => (wasTyped ? typed : chosen)(spanValue(count, unit))),
  );
}

function valueInput(c: Condition, field: QueryField | undefined, vocabulary: QueryVocabulary, id: string, set: (value: string, typed: boolean) => void): HTMLElement {
  const onchange = (e: Event) => set((e.target as HTMLInputElement | HTMLSelectElement).value, false);
  if (field?.type === 'date') return dateControls(c.value, set);
  if (field?.type === 'flag') {
    return h(
      'select',
      { 'aria-label': t('builder.value'), 'data-testid': 'condition-value', onchange },
      h('option', { value: 'true', selected: c.value !== 'false' }, t('builder.yes')),
      h('option', { value: 'false', selected: c.value === 'false' }, t('builder.no')),
    );
  }
  if (field?.values) {
    const values = field.values.includes(c.value) || !c.value ? field.values : [c.value, ...field.values];
    return h(
      'select',
      { 'aria-label': t('builder.value'), 'data-testid': 'condition-value', onchange },
      values.map((v) => h('option', { value: v, selected: v === c.value }, enumLabel(field.field, v))),
    );
  }
  const suggestions = c.field === 'tag' ? vocabulary.tags : c.field === 'segment' ? vocabulary.segments : c.field === 'relationship' ? vocabulary.relationships : [];
  const listId = `${id}-values`;
  const type = field?.type === 'number' ? 'number' : 'text';
  return h(
    'span',
    { class: 'value' },
    h('input', {
      type,
      value: c.value,
      'aria-label': t('builder.value'),
      'data-testid': 'condition-value',
      list: suggestions.length ? listId : null,
      oninput: (e: Event) => set((e.target as HTMLInputElement).value, true),
    }),
    suggestions.length > 0 &&
      h(
        'datalist',
        { id: listId },
        suggestions.map((s) => h('option', { value: s })),
      ),
  );
}

function windowLine(c: Condition, set: (c: Condition) => void): HTMLElement {
  const current = windowOf(c);
  return h(
    'div',
    { class: 'condition-line' },
    h(
      'select',
      {
        'aria-label': t('builder.window'),
        'data-testid': 'condition-window',
        onchange: (e) => {
          const kind = (e.target as HTMLSelectElement).value as WindowKind | '';
          set(withWindow(c, kind, kind ? current.value || '12m' : ''));
        },
      },
      h('option', { value: '', selected: current.kind === '' }, t('builder.window_ever')),
      WINDOW_KINDS.map((kind) => h('option', { value: kind, selected: current.kind === kind }, t(`builder.window_${kind}`))),
    ),
    current.kind &&
      h('input', {
        type: 'text',
        value: current.value,
        'aria-label': t('builder.window_value'),
        'data-testid': 'condition-window-value',
        placeholder: t('builder.date_hint'),
        onchange: (e) => set(withWindow(c, current.kind, (e.target as HTMLInputElement).value.trim())),
      }),
  );
}
