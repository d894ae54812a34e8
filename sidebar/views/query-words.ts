/** The query language in the person's words: field names, comparisons and values as the builder's
 *  dropdowns show them. The text form keeps the canonical names (`donations.total>=100`). */
import { queryField } from '../../src/core/query/tree';
import type { Comparison, QueryField } from '../../src/core/query/tree';
import { hasMessage, t, valueLabel } from '../i18n';
import type { MessageKey } from '../i18n';

/** The label of a field: ours when we have words for it, else its name (a custom column as named). */
export function fieldLabel(name: string): string {
  const key = `builder.field.${name.replace(/\./g, '_')}`;
  if (hasMessage(key)) return t(key as MessageKey);
  if (name.startsWith('interactions.')) return t('builder.field.interactions_of', { type: valueLabel('record.type', name.slice('interactions.'.length)) });
  if (name.startsWith('last.')) return t('builder.field.last_of', { type: valueLabel('record.type', name.slice('last.'.length)) });
  if (name.startsWith('custom.')) return name.slice('custom.'.length);
  return valueLabel('record.field', name);
}

/** Which list a field's dropdown entry goes in. */
export type FieldGroup = 'people' | 'giving' | 'engagement' | 'columns' | 'custom';

export function fieldGroup(field: QueryField): FieldGroup {
  const name = field.field;
  if (name.startsWith('custom.')) return 'custom';
  if (/^(donations\.|rfm\.)/.test(name)) return 'giving';
  if (/^(opens|clicks|engagement|hot|interactions\.|last\.)/.test(name)) return 'engagement';
  if (/^(tag|member|membership\.|relationship|segment|newsletter|stage|created)$|^membership\./.test(name)) return 'people';
  return 'columns';
}

/** A comparison in words, for the kind of value it compares ("at least" for numbers, "on or after"
 *  for dates, "is" / "has" for the rest). */
export function opLabel(op: Comparison, field: QueryField | undefined): string {
  const type = field?.type ?? 'text';
  if (op === ':') return t(field?.ops.length === 1 ? 'builder.op.has' : 'builder.op.is');
  if (op === '=') return t('builder.op.is');
  if (op === '!=') return t('builder.op.is_not');
  const dated = type === 'date';
  const key = { '>': dated ? 'after' : 'more', '>=': dated ? 'from' : 'at_least', '<': dated ? 'before' : 'less', '<=': dated ? 'until' : 'at_most' }[op];
  return t(`builder.op.${key}` as MessageKey);
}

/** An enum value in words (a membership status, a stage, a newsletter status, an RFM group…). */
export function enumLabel(fieldName: string, value: string): string {
  const prefix: Record<string, string> = {
    'membership.status': 'record.status',
    stage: 'record.stage',
    lifecycle_override: 'record.stage',
    kind: 'record.kind',
    newsletter: 'builder.newsletter',
    'rfm.segment': 'dashboard.rfm.group',
  };
  const p = prefix[fieldName];
  return p ? valueLabel(p, value) : value;
}

/** Contacts columns that are the CRM's bookkeeping: the builder does not offer them (a query typed
 *  with them still works). */
const INTERNAL = new Set(['id', 'merged_into', 'deleted', 'import_batch', 'external_id', 'organisation_id', 'updated_at', 'notes']);

export function shownInBuilder(field: string): boolean {
  return !INTERNAL.has(field);
}

/** The field the builder knows by this name (custom columns included). */
export const fieldOf = queryField;
