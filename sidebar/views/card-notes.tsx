/** Notes (internal, free text) and the next contact date, each saved with its own button. */
import { useState } from 'preact/hooks';
import type { ContactCard } from '../../src/services/views';
import { t } from '../i18n';
import { change } from '../server';
import { CardContext, CardSection, SaveButton, SectionError, text, valueOf } from './card-context';

/** What is typed in Notes and Next contact date; null while untouched (the card's value shows). */
export interface NotesTyped {
  notes: string | null;
  next: string | null;
}

/** Whether Notes or the next contact date hold something not saved yet. */
export function notesUnsaved(card: ContactCard, typed: NotesTyped): boolean {
  return (typed.notes !== null && typed.notes !== text(card.contact.notes)) || (typed.next !== null && typed.next !== text(card.contact.next_contact_date));
}

export function NotesSection({ ctx }: { ctx: CardContext }) {
  const { card, editable } = ctx;
  const [typed, setTyped] = useState<NotesTyped>({ notes: null, next: null });
  ctx.unsaved('notes', notesUnsaved(card, typed));
  const notes = typed.notes ?? text(card.contact.notes);
  const next = typed.next ?? text(card.contact.next_contact_date);
  const save = (patch: { notes: string } | { next_contact_date: string }, saved: keyof NotesTyped) =>
    void ctx.undoable(
      'notes',
      () => change('updateContact', { id: card.contact.id, patch }),
      () => t('edit.saved'),
      () => setTyped((now) => ({ ...now, [saved]: null })),
    );
  return (
    <CardSection testid="notes-section" title={t('record.notes.title')}>
      <textarea
        id="card-notes"
        rows={4}
        aria-label={t('record.notes.title')}
        data-testid="notes"
        readOnly={!editable}
        value={notes}
        onInput={(e) => {
          const value = valueOf(e);
          setTyped((now) => ({ ...now, notes: value }));
        }}
      />
      {editable && (
        <div class="buttons">
          <SaveButton ctx={ctx} section="notes" testid="save-notes" label={t('record.notes.save')} onClick={() => save({ notes }, 'notes')} />
        </div>
      )}
      <div class="field">
        <label for="card-next-contact">{t('record.notes.next_contact')}</label>
        <div class="inline-controls">
          <input
            id="card-next-contact"
            type="date"
            data-testid="next-contact-date"
            readOnly={!editable}
            value={next}
            onInput={(e) => {
              const value = valueOf(e);
              setTyped((now) => ({ ...now, next: value }));
            }}
          />
          {editable && <SaveButton ctx={ctx} section="notes" testid="save-next-contact" label={t('record.notes.save_next')} onClick={() => save({ next_contact_date: next }, 'next')} />}
        </div>
      </div>
      <SectionError ctx={ctx} name="notes" />
    </CardSection>
  );
}
