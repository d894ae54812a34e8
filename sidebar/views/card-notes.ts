/** Notes (internal, free text) and the next contact date, each saved with its own button. */
import { h } from '../dom';
import { t } from '../i18n';
import { change } from '../server';
import { CardContext, saveButton, section, sectionError, text } from './card-context';

export function notesSection(ctx: CardContext): HTMLElement {
  const { card, state, editable } = ctx;
  const notes = state.notes ?? text(card.contact.notes);
  const next = state.nextContact ?? text(card.contact.next_contact_date);
  const saveNotes = () => {
    const value = state.notes ?? text(card.contact.notes);
    void ctx.undoable(
      'notes',
      () => change('updateContact', { id: card.contact.id, patch: { notes: value } }),
      () => t('edit.saved'),
      () => {
        state.notes = null;
      },
    );
  };
  const saveNext = () => {
    const value = state.nextContact ?? text(card.contact.next_contact_date);
    void ctx.undoable(
      'notes',
      () => change('updateContact', { id: card.contact.id, patch: { next_contact_date: value } }),
      () => t('edit.saved'),
      () => {
        state.nextContact = null;
      },
    );
  };
  return section(
    'notes-section',
    t('record.notes.title'),
    h('textarea', {
      id: 'card-notes',
      rows: 4,
      'aria-label': t('record.notes.title'),
      'data-testid': 'notes',
      readonly: !editable,
      value: notes,
      oninput: (e) => {
        state.notes = (e.target as HTMLTextAreaElement).value;
      },
    }),
    editable && h('div', { class: 'buttons' }, saveButton(ctx, 'notes', { 'data-testid': 'save-notes' }, t('record.notes.save'), saveNotes)),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'card-next-contact' }, t('record.notes.next_contact')),
      h(
        'div',
        { class: 'inline-controls' },
        h('input', {
          id: 'card-next-contact',
          type: 'date',
          'data-testid': 'next-contact-date',
          readonly: !editable,
          value: next,
          oninput: (e) => {
            state.nextContact = (e.target as HTMLInputElement).value;
          },
        }),
        editable && saveButton(ctx, 'notes', { 'data-testid': 'save-next-contact' }, t('record.notes.save_next'), saveNext),
      ),
    ),
    sectionError(ctx, 'notes'),
  );
}

/** Whether Notes or the next contact date hold something not saved yet. */
export function notesUnsaved(ctx: Pick<CardContext, 'card' | 'state'>): boolean {
  const { card, state } = ctx;
  return (state.notes !== null && state.notes !== text(card.contact.notes)) || (state.nextContact !== null && state.nextContact !== text(card.contact.next_contact_date));
}
