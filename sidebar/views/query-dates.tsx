/** A date in a builder row, the way people think of it: on a day (a calendar), today, N days / weeks /
 *  months ago, or in N days…; and a span in one row ("in the next 30 days"). What is stored is the
 *  query's own form ('2026-01-31', 'today', '30d', '+30d'), which the text form shows. Preact
 *  components (see sidebar/components). */
import { useState } from 'preact/hooks';
import { isIsoDate } from '../../src/core/dates';
import { relativeParts } from '../../src/core/query/relative-dates';
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

/** Count + unit ("30 days"): typing changes the value at once (`typed`), the unit is a choice. What
 *  the person typed stays as typed while it stores nothing yet (a count erased to type another, a
 *  letter), unit included; a value set elsewhere (the text form) shows instead. */
export function CountAndUnit({ count, unit, set }: { count: string; unit: Unit; set(count: string, unit: Unit, typed: boolean): void }) {
  const [local, setLocal] = useState({ text: count, unit });
  const stored = spanValue(count, unit);
  const shown = stored !== '' && stored !== spanValue(local.text, local.unit) ? { text: count, unit } : local;
  return (
    <>
      <input
        type="text"
        inputMode="numeric"
        size={4}
        value={shown.text}
        aria-label={t('builder.count')}
        data-testid="condition-count"
        onInput={(e) => {
          const text = (e.target as HTMLInputElement).value;
          setLocal({ text, unit: shown.unit });
          set(text, shown.unit, true);
        }}
      />
      <select
        aria-label={t('builder.unit')}
        data-testid="condition-unit"
        value={shown.unit}
        onChange={(e) => {
          const next = (e.target as HTMLSelectElement).value as Unit;
          setLocal({ text: shown.text, unit: next });
          set(shown.text, next, false);
        }}
      >
        {UNITS.map((u) => (
          <option key={u} value={u}>
            {unitLabel(u)}
          </option>
        ))}
      </select>
    </>
  );
}

/** The controls of a date value: the mode, then a calendar or a count and a unit. The mode chosen
 *  stays while its value is not there yet (a count erased to type another). */
export function DateControls({ value, set }: { value: string; set(value: string, typed: boolean): void }) {
  const parts = dateParts(value);
  const [chosen, setChosen] = useState(parts.mode);
  const mode = value.trim() === '' ? chosen : parts.mode;
  return (
    <span class="value date-value">
      <select
        aria-label={t('builder.date_mode')}
        data-testid="condition-date-mode"
        value={mode}
        onChange={(e) => {
          const next = (e.target as HTMLSelectElement).value as DateMode;
          setChosen(next);
          set(next === 'today' ? 'today' : next === 'on' ? '' : dateValue(next, parts.count || '30', parts.unit, ''), false);
        }}
      >
        {DATE_MODES.map((m) => (
          <option key={m} value={m}>
            {t(`builder.date.${m}` as MessageKey)}
          </option>
        ))}
      </select>
      {mode === 'on' ? (
        <input type="date" value={parts.day} aria-label={t('builder.value')} data-testid="condition-value" onInput={(e) => set((e.target as HTMLInputElement).value, true)} />
      ) : mode === 'today' ? null : (
        <CountAndUnit count={parts.count} unit={parts.unit} set={(count, unit, typed) => set(dateValue(mode, count, unit, ''), typed)} />
      )}
    </span>
  );
}
