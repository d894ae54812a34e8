/** One row of the builder: [not] field, comparison, value, and for fields that count dated records a
 *  window (within / since / before a date). Values offer what the CRM has (tags, segments, relationship
 *  labels, an enum's values) and still accept anything typed: the text form checks it. A Preact
 *  component (see sidebar/components): what is typed keeps its caret while the query follows. */
import type { Comparison, Condition, QueryField } from '../../src/core/query/tree';
import { t } from '../i18n';
import { RANGE_KINDS, RangeKind, Row, WINDOW_KINDS, WindowKind, windowOf, withField, withWindow } from '../query-rows';
import { enumLabel, FieldGroup, fieldGroup, fieldLabel, fieldOf, opLabel, shownInBuilder } from './query-words';
import { CountAndUnit, DateControls, dateParts, spanValue } from './query-dates';

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
  /** A choice changed the row. */
  onChange(row: Row): void;
  /** Something typed changed the row: the query and the count follow. */
  onInput(row: Row): void;
  onRemove(): void;
}

const GROUPS: FieldGroup[] = ['people', 'giving', 'engagement', 'columns', 'custom'];

const chosen = (e: Event) => (e.target as HTMLSelectElement).value;

export function ConditionRow({ row, vocabulary, id, on }: { row: Row; vocabulary: QueryVocabulary; id: string; on: ConditionHandlers }) {
  const c = row.condition;
  const field = fieldOf(c.field);
  const change = (next: Partial<Row> & { condition?: Condition }) => on.onChange({ ...row, ...next });
  const typed = (value: string) => on.onInput({ ...row, condition: { ...row.condition, value } });
  const setValue = (value: string, wasTyped: boolean) => (wasTyped ? typed(value) : change({ condition: { ...c, value } }));
  // Internal columns (merged_into, deleted, ids) are the CRM's bookkeeping, not something to select on.
  const fields = [...vocabulary.fields.filter((f) => shownInBuilder(f.field) || f.field === c.field), ...vocabulary.custom.map((name) => fieldOf(`custom.${name}`)!)];
  const ops = field?.ops ?? (['=', '!='] as Comparison[]);
  const onOp = (e: Event) => {
    const picked = chosen(e);
    const range = (RANGE_KINDS as readonly string[]).includes(picked) ? (picked as RangeKind) : undefined;
    // Into a span: 30 days unless a span was there; out of one: a date to choose.
    if (range) change({ range, condition: { ...c, op: '>=', value: row.range ? c.value : '30d' } });
    else change({ range: undefined, condition: { ...c, op: picked as Comparison, value: row.range ? '' : c.value } });
  };
  const span = row.range ? dateParts(c.value) : null;
  return (
    <li class="condition" data-testid="condition">
      <div class="condition-line">
        <label class="inline small">
          <input type="checkbox" checked={row.not} data-testid="condition-not" onChange={(e) => change({ not: (e.target as HTMLInputElement).checked })} /> {t('builder.not')}
        </label>
        <select id={`${id}-field`} aria-label={t('builder.field')} data-testid="condition-field" value={c.field} onChange={(e) => change({ condition: withField(c, chosen(e)) })}>
          {!field && <option value={c.field}>{c.field}</option>}
          {GROUPS.map((group) => {
            const inGroup = fields.filter((f) => fieldGroup(f) === group);
            return (
              inGroup.length > 0 && (
                <optgroup key={group} label={t(`builder.group.${group}`)}>
                  {inGroup.map((f) => (
                    <option key={f.field} value={f.field}>
                      {fieldLabel(f.field)}
                    </option>
                  ))}
                </optgroup>
              )
            );
          })}
        </select>
        <button type="button" class="small-button" aria-label={t('builder.remove_condition')} data-testid="condition-remove" onClick={() => on.onRemove()}>
          ×
        </button>
      </div>
      <div class="condition-line">
        {field?.type !== 'flag' && (
          <select aria-label={t('builder.comparison')} data-testid="condition-op" value={row.range ?? c.op} onChange={onOp}>
            {field?.type === 'date' &&
              RANGE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`builder.op.${kind}`)}
                </option>
              ))}
            {ops.map((op) => (
              <option key={op} value={op}>
                {opLabel(op, field)}
              </option>
            ))}
          </select>
        )}
        {span ? (
          // "30 days" of a span from today.
          <span class="value">
            <CountAndUnit count={span.count} unit={span.unit} set={(count, unit, wasTyped) => (wasTyped ? typed : (value: string) => change({ condition: { ...c, value } }))(spanValue(count, unit))} />
          </span>
        ) : (
          <ValueInput c={c} field={field} vocabulary={vocabulary} id={id} set={setValue} />
        )}
      </div>
      {field?.window && <WindowLine c={c} set={(condition) => change({ condition })} />}
    </li>
  );
}

function ValueInput({ c, field, vocabulary, id, set }: { c: Condition; field: QueryField | undefined; vocabulary: QueryVocabulary; id: string; set(value: string, typed: boolean): void }) {
  const onChange = (e: Event) => set(chosen(e), false);
  if (field?.type === 'date') return <DateControls value={c.value} set={set} />;
  if (field?.type === 'flag')
    return (
      <select aria-label={t('builder.value')} data-testid="condition-value" value={c.value === 'false' ? 'false' : 'true'} onChange={onChange}>
        <option value="true">{t('builder.yes')}</option>
        <option value="false">{t('builder.no')}</option>
      </select>
    );
  if (field?.values) {
    const values = field.values.includes(c.value) || !c.value ? field.values : [c.value, ...field.values];
    return (
      <select aria-label={t('builder.value')} data-testid="condition-value" value={c.value || values[0]} onChange={onChange}>
        {values.map((v) => (
          <option key={v} value={v}>
            {enumLabel(field.field, v)}
          </option>
        ))}
      </select>
    );
  }
  const suggestions = c.field === 'tag' ? vocabulary.tags : c.field === 'segment' ? vocabulary.segments : c.field === 'relationship' ? vocabulary.relationships : [];
  const listId = `${id}-values`;
  return (
    <span class="value">
      <input
        type={field?.type === 'number' ? 'number' : 'text'}
        value={c.value}
        aria-label={t('builder.value')}
        data-testid="condition-value"
        list={suggestions.length ? listId : undefined}
        onInput={(e) => set((e.target as HTMLInputElement).value, true)}
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </span>
  );
}

function WindowLine({ c, set }: { c: Condition; set(c: Condition): void }) {
  const current = windowOf(c);
  return (
    <div class="condition-line">
      <select
        aria-label={t('builder.window')}
        data-testid="condition-window"
        value={current.kind}
        onChange={(e) => {
          const kind = chosen(e) as WindowKind | '';
          set(withWindow(c, kind, kind ? current.value || '12m' : ''));
        }}
      >
        <option value="">{t('builder.window_ever')}</option>
        {WINDOW_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`builder.window_${kind}`)}
          </option>
        ))}
      </select>
      {current.kind && (
        // Taken when the person leaves the field: typed meanwhile, it stays as typed (a new value from
        // elsewhere makes a new field).
        <input
          key={current.value}
          type="text"
          defaultValue={current.value}
          aria-label={t('builder.window_value')}
          data-testid="condition-window-value"
          placeholder={t('builder.date_hint')}
          onChange={(e) => set(withWindow(c, current.kind, (e.target as HTMLInputElement).value.trim()))}
        />
      )}
    </div>
  );
}
