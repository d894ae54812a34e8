/** Tags: coloured chips with a remove button; a name (existing tags offered as you type) and a
 *  colour to add one. The server reuses a tag of the same name, whatever its case. */
import type { TagView } from '../../src/services/views';
import { h } from '../dom';
import { t } from '../i18n';
import { refreshRecordOptions } from '../record-options';
import { change } from '../server';
import { CardContext, saveButton, section, sectionError } from './card-context';
import { tagChip } from './tag-chip';

export const DEFAULT_TAG_COLOUR = '#1a73e8';

export function tagsSection(ctx: CardContext): HTMLElement {
  const { card, state, editable } = ctx;
  const chips = card.tags.map((tag) =>
    tagChip(
      tag,
      { 'data-testid': 'tag', 'data-id': tag.id },
      editable &&
        h(
          'button',
          {
            type: 'button',
            class: 'tag-remove',
            'aria-label': t('record.tags.remove', { name: tag.name }),
            title: t('record.tags.remove', { name: tag.name }),
            'data-testid': 'remove-tag',
            'data-id': tag.id,
            disabled: state.busy !== '',
            onclick: () =>
              void ctx.undoable(
                'tags',
                () => change('removeTag', { contact_id: card.contact.id, tag_id: tag.id }),
                () => t('edit.tag_removed', { tag: tag.name }),
              ),
          },
          '×',
        ),
    ),
  );
  return section(
    'tags',
    t('record.tags.title'),
    chips.length ? h('div', { class: 'tags' }, chips) : h('p', { class: 'muted' }, t('record.tags.none')),
    editable && addTagForm(ctx),
    sectionError(ctx, 'tags'),
  );
}

/** The tags one may still add: every known tag the contact does not have, by name. */
export function tagSuggestions(all: TagView[], has: TagView[]): string[] {
  const taken = new Set(has.map((tag) => tag.id));
  return all
    .filter((tag) => !taken.has(tag.id))
    .map((tag) => tag.name)
    .sort((a, b) => a.localeCompare(b));
}

function addTagForm(ctx: CardContext): HTMLElement {
  const { card, state } = ctx;
  const form = state.tag;
  const known = (name: string) => (ctx.options?.tags ?? []).find((tag) => tag.name.trim().toLowerCase() === name.trim().toLowerCase());
  const colour = h('input', {
    type: 'color',
    name: 'colour',
    'aria-label': t('record.tags.colour'),
    title: t('record.tags.colour'),
    'data-testid': 'tag-colour',
    value: form.colour || DEFAULT_TAG_COLOUR,
    oninput: (e) => {
      form.colour = (e.target as HTMLInputElement).value;
    },
  });
  const add = () => {
    const name = form.name.trim();
    if (!name || state.busy) return;
    const isNew = !known(name);
    void ctx.undoable(
      'tags',
      () => change('addTag', { contact_id: card.contact.id, name, colour: form.colour || DEFAULT_TAG_COLOUR }),
      () => t('edit.tag_added', { tag: name }),
      () => {
        state.tag = { name: '', colour: form.colour };
        if (isNew) void refreshRecordOptions().then(() => ctx.repaint());
      },
    );
  };
  return h(
    'form',
    {
      class: 'inline-form',
      novalidate: true,
      'data-testid': 'tag-form',
      onsubmit: (e) => {
        e.preventDefault();
        add();
      },
    },
    h('input', {
      type: 'text',
      name: 'tag',
      list: 'known-tags',
      autocomplete: 'off',
      placeholder: t('record.tags.placeholder'),
      'aria-label': t('record.tags.name'),
      'data-testid': 'tag-input',
      value: form.name,
      oninput: (e) => {
        form.name = (e.target as HTMLInputElement).value;
        // An existing tag keeps its colour: show it.
        const existing = known(form.name);
        if (existing && /^#[0-9a-f]{6}$/i.test(existing.colour)) colour.value = existing.colour;
      },
    }),
    h(
      'datalist',
      { id: 'known-tags' },
      tagSuggestions(ctx.options?.tags ?? [], card.tags).map((name) => h('option', { value: name })),
    ),
    colour,
    saveButton(ctx, 'tags', { 'data-testid': 'add-tag' }, t('record.tags.add'), add, 'submit'),
  );
}
