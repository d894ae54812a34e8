/** Tags: coloured chips with a remove button; a name (existing tags offered as you type) and a
 *  colour to add one. The server reuses a tag of the same name, whatever its case. */
import { useState } from 'preact/hooks';
import type { TagView } from '../../src/services/views';
import { t } from '../i18n';
import { refreshRecordOptions } from '../record-options';
import { change } from '../server';
import { CardContext, CardSection, SaveButton, SectionError, valueOf } from './card-context';
import { TagChip } from './tag-chip';

export const DEFAULT_TAG_COLOUR = '#1a73e8';

/** The tags one may still add: every known tag the contact does not have, by name. */
export function tagSuggestions(all: TagView[], has: TagView[]): string[] {
  const taken = new Set(has.map((tag) => tag.id));
  return all
    .filter((tag) => !taken.has(tag.id))
    .map((tag) => tag.name)
    .sort((a, b) => a.localeCompare(b));
}

export function TagsSection({ ctx }: { ctx: CardContext }) {
  const { card, editable } = ctx;
  const remove = (tag: TagView) =>
    void ctx.undoable(
      'tags',
      () => change('removeTag', { contact_id: card.contact.id, tag_id: tag.id }),
      () => t('edit.tag_removed', { tag: tag.name }),
    );
  return (
    <CardSection testid="tags" title={t('record.tags.title')}>
      {card.tags.length ? (
        <div class="tags">
          {card.tags.map((tag) => (
            <TagChip key={tag.id} tag={tag} testid="tag" id={tag.id}>
              {editable && (
                <button
                  type="button"
                  class="tag-remove"
                  aria-label={t('record.tags.remove', { name: tag.name })}
                  title={t('record.tags.remove', { name: tag.name })}
                  data-testid="remove-tag"
                  data-id={tag.id}
                  disabled={ctx.busy !== ''}
                  onClick={() => remove(tag)}
                >
                  ×
                </button>
              )}
            </TagChip>
          ))}
        </div>
      ) : (
        <p class="muted">{t('record.tags.none')}</p>
      )}
      {editable && <AddTag ctx={ctx} />}
      <SectionError ctx={ctx} name="tags" />
    </CardSection>
  );
}

function AddTag({ ctx }: { ctx: CardContext }) {
  const { card } = ctx;
  const [name, setName] = useState('');
  const [colour, setColour] = useState('');
  ctx.unsaved('tags', name.trim() !== '');
  const known = (typed: string) => (ctx.options?.tags ?? []).find((tag) => tag.name.trim().toLowerCase() === typed.trim().toLowerCase());
  const type = (typed: string) => {
    setName(typed);
    // An existing tag keeps its colour: show it.
    const existing = known(typed);
    if (existing && /^#[0-9a-f]{6}$/i.test(existing.colour)) setColour(existing.colour);
  };
  const add = () => {
    const tag = name.trim();
    if (!tag || ctx.busy) return;
    const isNew = !known(tag);
    void ctx.undoable(
      'tags',
      () => change('addTag', { contact_id: card.contact.id, name: tag, colour: colour || DEFAULT_TAG_COLOUR }),
      () => t('edit.tag_added', { tag }),
      () => {
        setName('');
        // The pickers learn the new tag (the card hears of it, see card.tsx).
        if (isNew) void refreshRecordOptions();
      },
    );
  };
  return (
    <form
      class="inline-form"
      noValidate
      data-testid="tag-form"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <input
        type="text"
        name="tag"
        list="known-tags"
        autocomplete="off"
        placeholder={t('record.tags.placeholder')}
        aria-label={t('record.tags.name')}
        data-testid="tag-input"
        value={name}
        onInput={(e) => type(valueOf(e))}
      />
      <datalist id="known-tags">
        {tagSuggestions(ctx.options?.tags ?? [], card.tags).map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
      <input
        type="color"
        name="colour"
        aria-label={t('record.tags.colour')}
        title={t('record.tags.colour')}
        data-testid="tag-colour"
        value={colour || DEFAULT_TAG_COLOUR}
        onInput={(e) => setColour(valueOf(e))}
      />
      <SaveButton ctx={ctx} section="tags" testid="add-tag" label={t('record.tags.add')} />
    </form>
  );
}
