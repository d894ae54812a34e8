/** A query read aloud in the person's language ("Membership end date in the next 30 days and has the
 *  tag volunteer"): under the builder, so that what the rows and the text select is plain. */
import { queryField } from '../../src/core/query/tree';
import { isIsoDate } from '../../src/core/dates';
import { relativeParts } from '../../src/core/query/relative-dates';
import { day, plural, t } from '../i18n';
import { finished, Row, Rows, windowOf } from '../query-rows';
import { enumLabel, fieldLabel, opLabel } from './query-words';

/** '30d' → '30 days'; '' when it is not a span. */
export function spanWords(value: string): string {
  const parts = relativeParts(value);
  return parts && parts !== 'today' ? plural(`builder.span.${parts.unit}`, parts.count) : '';
}

/** A date as people say it: '30d' → '30 days ago', '+1m' → 'in 1 month', an ISO date on the calendar. */
export function dateWords(value: string): string {
  const parts = relativeParts(value);
  if (parts === 'today') return t('builder.words.today');
  if (parts) return t(parts.ahead ? 'builder.words.ahead' : 'builder.words.ago', { span: spanWords(value.replace(/^[+-]/, '')) });
  return isIsoDate(value.trim()) ? day(value.trim()) : value;
}

function rowWords(row: Row): string {
  const c = row.condition;
  const field = queryField(c.field);
  const name = fieldLabel(c.field);
  let said: string;
  // 'Membership ends on' + 'in the next 30 days': the label's date preposition goes (on, le, el, em).
  if (row.range) said = t(row.range === 'next' ? 'builder.words.next' : 'builder.words.last', { field: name.replace(/ (on|le|el|em)$/, ''), span: spanWords(c.value) });
  else if (field?.type === 'flag') said = `${name}: ${t(c.value === 'false' ? 'builder.no' : 'builder.yes')}`;
  else {
    const value = field?.type === 'date' ? dateWords(c.value) : field?.values ? enumLabel(c.field, c.value) : `“${c.value}”`;
    said = `${name} ${opLabel(c.op, field)} ${value}`;
  }
  const window = windowOf(c);
  if (window.kind) said += ` ${t(`builder.words.window_${window.kind}`, window.kind === 'within' ? { span: spanWords(window.value) || window.value } : { date: dateWords(window.value) })}`;
  return row.not ? `${t('builder.words.not')} ${said}` : said;
}

export function queryInWords(model: Rows): string {
  const rows = model.rows.filter(finished);
  if (!rows.length) return t('builder.words.everyone');
  return rows.map(rowWords).join(` ${t(model.join === 'and' ? 'builder.words.and' : 'builder.words.or')} `);
}
