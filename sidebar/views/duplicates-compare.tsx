/** Two likely duplicates side by side, field by field: the fields that differ are marked, and an editor
 *  picks per field whose value to keep (the contact that stays, unless its value is empty) and which
 *  contact stays. The pure parts (rows, default picks, the choices sent) are tested without a page;
 *  the table is a Preact component. */
import { Contacts } from '../../src/core/schema/tables';
import { CONTACT_TARGETS } from '../../src/core/import/headers';
import type { ContactCard } from '../../src/services/views';
import { day, moment, t, valueLabel } from '../i18n';
import { fieldName } from './field-names';

/** Fields a merge never copies (who the record is, what the CRM works out): not compared. */
const NOT_MERGED = new Set(['import_batch', 'lifecycle_stage']);

export type Side = 'left' | 'right';

export interface CompareRow {
  /** A Contacts column, or a custom column's name. */
  field: string;
  left: string;
  right: string;
  differs: boolean;
  custom: boolean;
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** Every field either contact has a value in: the Contacts columns in the table's order, then the
 *  custom columns. */
export function compareRows(left: ContactCard['contact'], right: ContactCard['contact']): CompareRow[] {
  const rows: CompareRow[] = [];
  const add = (field: string, a: string, b: string, custom: boolean) => {
    if (a === '' && b === '') return;
    rows.push({ field, left: a, right: b, differs: a.trim() !== b.trim(), custom });
  };
  for (const field of CONTACT_TARGETS) if (!NOT_MERGED.has(field)) add(field, text(left[field]), text(right[field]), false);
  const custom = [...new Set([...Object.keys(left.custom ?? {}), ...Object.keys(right.custom ?? {})])];
  for (const field of custom) add(field, text(left.custom?.[field]), text(right.custom?.[field]), true);
  return rows;
}

/** Whose value each differing field keeps by default: the contact that stays, unless its value is
 *  empty. `ids`: the two contacts' ids by side. */
export function defaultPicks(rows: readonly CompareRow[], ids: Record<Side, string>, keep: Side): Record<string, string> {
  const other: Side = keep === 'left' ? 'right' : 'left';
  const picks: Record<string, string> = {};
  for (const row of rows) if (row.differs) picks[row.field] = row[keep].trim() !== '' ? ids[keep] : ids[other];
  return picks;
}

/** The `choices` of mergeContacts, from the radios as they are checked: field → the id whose value
 *  stays. */
export function choicesFromRadios(radios: ArrayLike<{ checked: boolean; value: string; getAttribute(name: string): string | null }>): Record<string, string> {
  const choices: Record<string, string> = {};
  for (const radio of Array.from(radios)) {
    const field = radio.getAttribute('data-field');
    if (radio.checked && field) choices[field] = radio.value;
  }
  return choices;
}

/** A value as people read it: days and moments in their language, yes/no, stages in words. */
export function shownValue(field: string, value: string): string {
  if (value === '') return t('lists.compare.empty');
  const kind = (Contacts.columns as Record<string, { kind: string } | undefined>)[field]?.kind;
  if (kind === 'date') return day(value);
  if (kind === 'datetime') return moment(value);
  if (kind === 'boolean') return value === 'true' || value === 'TRUE' ? t('lists.yes') : value === 'false' || value === 'FALSE' ? t('lists.no') : value;
  if (field === 'lifecycle_override') return valueLabel('record.stage', value);
  if (field === 'kind') return valueLabel('contact.kind', value);
  if (field === 'newsletter_status') return valueLabel('lists.newsletter', value);
  return value;
}

export interface CompareParts {
  left: ContactCard;
  right: ContactCard;
  keep: Side;
  picks: Record<string, string>;
  editable: boolean;
  busy: boolean;
  onKeep(side: Side): void;
  onPick(field: string, id: string): void;
  onOpen(id: string): void;
}

/** The side-by-side table: a header per contact (its name, "keep this one"), then one row per field.
 *  One row group per field (its name across, then the two values), so that each value has half the
 *  width of a narrow sidebar. */
export function CompareTable(p: CompareParts) {
  const rows = compareRows(p.left.contact, p.right.contact);
  const cards: Record<Side, ContactCard> = { left: p.left, right: p.right };
  const head = (side: Side) => {
    const card = cards[side];
    return (
      <th scope="col" class={p.keep === side ? 'kept' : undefined}>
        <button type="button" class="link-button name" data-testid="compare-open" data-id={card.contact.id} onClick={() => p.onOpen(card.contact.id)}>
          {card.name || t('contact.no_name')}
        </button>
        {p.editable && (
          <label class="check">
            <input
              type="radio"
              name="survivor"
              value={card.contact.id}
              data-testid={side === 'left' ? 'keep-left' : 'keep-right'}
              checked={p.keep === side}
              disabled={p.busy}
              onChange={() => p.onKeep(side)}
            />
            {t('lists.compare.keep')}
          </label>
        )}
        <span class="muted small linked">{linked(card)}</span>
      </th>
    );
  };
  const cell = (row: CompareRow, side: Side) => {
    const card = cards[side];
    const value = shownValue(row.field, row[side]);
    const shown = <span class={row[side] === '' ? 'value muted' : 'value'}>{value}</span>;
    if (!p.editable || !row.differs) return <td data-side={side}>{shown}</td>;
    return (
      <td data-side={side}>
        <label class="pick">
          <input
            type="radio"
            name={`pick-${row.field}`}
            value={card.contact.id}
            data-testid="pick-value"
            data-field={row.field}
            checked={p.picks[row.field] === card.contact.id}
            disabled={p.busy}
            aria-label={t('lists.compare.pick', { field: fieldName(row.field), value })}
            onChange={() => p.onPick(row.field, card.contact.id)}
          />
          {shown}
        </label>
      </td>
    );
  };
  return (
    <table class="compare" data-testid="compare-table">
      <thead>
        <tr>
          {head('left')}
          {head('right')}
        </tr>
      </thead>
      {rows.map((row) => (
        <tbody key={row.field} class={row.differs ? 'differs' : undefined}>
          <tr class="field-name">
            <th colSpan={2} scope="rowgroup">
              {fieldName(row.field)}
              {row.differs && <span class="differs-mark">{` · ${t('lists.compare.differs')}`}</span>}
            </th>
          </tr>
          <tr data-testid="compare-row" data-field={row.field} data-differs={String(row.differs)}>
            {cell(row, 'left')}
            {cell(row, 'right')}
          </tr>
        </tbody>
      ))}
    </table>
  );
}

/** What hangs off a contact (it all moves to the one that stays). */
function linked(card: ContactCard): string {
  return t('lists.compare.linked', { memberships: card.memberships.length, donations: card.donations.count, interactions: card.interactions.length, tags: card.tags.length });
}
