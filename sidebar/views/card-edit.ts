/** Correcting an interaction, a gift or a membership where it shows on the card: Edit opens a small
 *  form in place of the item, filled with what is stored; Delete removes it at once, with Undo in the
 *  confirmation line (undo-bar.ts). One form builder for the three, so that they behave alike. */
import { h } from '../dom';
import { t } from '../i18n';
import { CardContext, field, fieldNote, saveButton, Section, sectionError } from './card-context';

export type EditKind = 'interaction' | 'gift' | 'membership';

export interface EditState {
  kind: EditKind;
  id: string;
  /** As typed (text as text: what the person typed is what they see). */
  values: Record<string, string | boolean>;
}

export interface EditField {
  name: string;
  label: string;
  type: 'text' | 'money' | 'date' | 'datetime-local' | 'textarea' | 'select' | 'checkbox';
  /** For a select: value and label; '' first offers "—". */
  options?: { value: string; label: string }[];
}

/** Whether this item is the one being corrected. */
export function isEditing(ctx: CardContext, kind: EditKind, id: string): boolean {
  return ctx.state.editing?.kind === kind && ctx.state.editing.id === id;
}

export function startEdit(ctx: CardContext, kind: EditKind, id: string, values: Record<string, string | boolean>): void {
  ctx.state.editing = { kind, id, values };
  ctx.repaint();
  document.querySelector<HTMLElement>('[data-testid="edit-form"] input:not([type=checkbox]), [data-testid="edit-form"] select, [data-testid="edit-form"] textarea')?.focus();
}

export function stopEdit(ctx: CardContext): void {
  ctx.state.editing = null;
  ctx.repaint();
}

/** Edit and Delete for one item (editors only). */
export function itemButtons(ctx: CardContext, kind: EditKind, id: string, onEdit: () => void, onDelete: () => void): HTMLElement | null {
  if (!ctx.editable) return null;
  const busy = ctx.state.busy !== '';
  return h(
    'div',
    { class: 'item-buttons' },
    h('button', { type: 'button', class: 'small-button', 'data-testid': `edit-${kind}`, 'data-id': id, disabled: busy, onclick: onEdit }, t('edit.edit')),
    h('button', { type: 'button', class: 'small-button danger-text', 'data-testid': `delete-${kind}`, 'data-id': id, disabled: busy, onclick: onDelete }, t('edit.delete')),
  );
}

/** The form in place of the item: Save sends what was typed, Cancel and Escape put the item back. */
export function editForm(ctx: CardContext, section: Section, fields: EditField[], onSave: (values: Record<string, string | boolean>) => void): HTMLElement {
  const editing = ctx.state.editing!;
  const values = editing.values;
  const control = (f: EditField): HTMLElement => {
    const set = (e: Event) => {
      const target = e.target as HTMLInputElement;
      values[f.name] = f.type === 'checkbox' ? target.checked : target.value;
    };
    if (f.type === 'checkbox') return h('label', { class: 'check' }, h('input', { type: 'checkbox', name: f.name, checked: values[f.name] === true, onchange: set }), ' ', f.label);
    let input: HTMLElement;
    if (f.type === 'textarea') input = h('textarea', { name: f.name, rows: 3, value: String(values[f.name] ?? ''), oninput: set });
    else if (f.type === 'select')
      input = h(
        'select',
        { name: f.name, onchange: set },
        (f.options ?? []).map((o) => h('option', { value: o.value, selected: o.value === values[f.name] }, o.label || '—')),
      );
    else
      input = h('input', {
        name: f.name,
        type: f.type === 'money' ? 'text' : f.type,
        autocomplete: 'off',
        ...(f.type === 'money' ? { inputmode: 'decimal' } : {}),
        value: String(values[f.name] ?? ''),
        oninput: set,
      });
    return field(`edit-${f.name}`, f.label, input, fieldNote(ctx, section, f.name, input));
  };
  return h(
    'form',
    {
      class: 'card-form',
      novalidate: true,
      'data-testid': 'edit-form',
      'data-kind': editing.kind,
      'data-id': editing.id,
      onsubmit: (e: Event) => {
        e.preventDefault();
        if (!ctx.state.busy) onSave(values);
      },
      onkeydown: (e: Event) => {
        if ((e as KeyboardEvent).key === 'Escape') stopEdit(ctx);
      },
    },
    fields.map(control),
    sectionError(ctx, section),
    h(
      'div',
      { class: 'buttons' },
      saveButton(ctx, section, { 'data-testid': 'edit-save' }, ctx.state.busy === section ? t('common.saving') : t('contact.save'), () => onSave(values), 'submit'),
      h('button', { type: 'button', 'data-testid': 'edit-cancel', onclick: () => stopEdit(ctx) }, t('contact.cancel')),
    ),
  );
}
