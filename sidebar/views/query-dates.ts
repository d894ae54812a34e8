/** A date in a builder row, the way people think of it: on a day (a calendar), today, N days / weeks /
 *  months ago, or in N days…; and a span in one row ("in the next 30 days"). What is stored is the
 *  query's own form ('2026-01-31', 'today', '30d', '+30d'), which the text form shows. */
import { isIsoDate } from '../../src/core/dates';
import { relativeParts } from '../../src/core/query/relative-dates';
import { h } from '../dom';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';

export const DATE_MODES = ['on', 'today', 'ago', 'ahead'] as const;
export type DateMode = (typeof DATE_MODES)[number];
export const UNITS = ['d', 'w', 'm', 'y'] as const;
type Unit = (typeof UNITS)[number];

/** How a stored value reads in the builder. */
export function dateParts(value: string): { mode: DateMode; count: string; unit: Unit; day: string } {
  const parts = relativeParts(value);
  if (parts === 'today') return { mode: 'today', count: '', unit: 'd', day: '' };
  if (parts) return { mode: parts.ahead ? 'ahead' : 'ago', count: String(parts.count), unit: parts.unit, day: '' };
  return { mode: 'on', count: '', unit: 'd', day: isIsoDate(value.trim()) ? value.trim() : '' };
}

/** The stored value of a mode, a count and a unit, or a day. */
export function dateValue(mode: DateMode, count: string, unit: Unit, day: string): string {
  if (mode === 'today') return 'today';
  if (mode === 'on') return day;
  const n = count.trim();
  if (!/^\d{1,5}$/.test(n)) return '';
  return `${mode === 'ahead' ? '+' : ''}${Number(n)}${unit}`;
}

/** A span's value ('30d') from its count and unit; '' until a count is typed. */
export function spanValue(count: string, unit: Unit): string {
  return /^\d{1,5}$/.test(count.trim()) ? `${Number(count.trim())}${unit}` : '';
}

export function unitLabel(unit: Unit): string {
  return t(`builder.unit.${unit}` as MessageKey);
}

/** Count + unit ("30 days"): typing changes the value at once (`onInput`, no redraw, so the caret
 *  stays); the unit is a choice (`onChange`). */
export function countAndUnit(count: string, unit: Unit, set: (count: string, unit: Unit, typed: boolean) => void): HTMLElement[] {
  // What is typed since the last drawing: the unit's choice keeps it.
  let now = count;
  return [
    h('input', {
      type: 'text',
      inputmode: 'numeric',
      size: 4,
      value: count,
      'aria-label': t('builder.count'),
      'data-testid': 'condition-count',
      oninput: (e) => set((now = (e.target as HTMLInputElement).value), unit, true),
    }),
    h(
      'select',
      { 'aria-label': t('builder.unit'), 'data-testid': 'condition-unit', onchange: (e) => set(now, (e.target as HTMLSelectElement).value as Unit, false) },
      UNITS.map((u) => h('option', { value: u, selected: u === unit }, unitLabel(u))),
    ),
  ];
}

/** The controls of a date value: the mode, then a calendar or a count and a unit. */
export function dateControls(value: string, set: (value: string, typed: boolean) => void): HTMLElement {
  const parts = dateParts(value);
  const mode = h(
    'select',
    {
      'aria-label': t('builder.date_mode'),
      'data-testid': 'condition-date-mode',
      onchange: (e) => {
        const next = (e.target as HTMLSelectElement).value as DateMode;
        set(next === 'today' ? 'today' : next === 'on' ? '' : dateValue(next, parts.count || '30', parts.unit, ''), false);
      },
    },
    DATE_MODES.map((m) => h('option', { value: m, selected: m === parts.mode }, t(`builder.date.${m}` as MessageKey))),
  );
  const rest: HTMLElement[] =
    parts.mode === 'on'
      ? [h('input', { type: 'date', value: parts.day, 'aria-label': t('builder.value'), 'data-testid': 'condition-value', oninput: (e) => set((e.target as HTMLInputElement).value, true) })]
      : parts.mode === 'today'
        ? []
        : countAndUnit(parts.count, parts.unit, (count, unit, typed) => set(dateValue(parts.mode, count, unit, ''), typed));
  return h('span', { class: 'value date-value' }, mode, rest);
}
