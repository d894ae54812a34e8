/** Pieces of the contact search: a result row, and the options of the stage and tag pickers. */
import type { RecordOptions, SearchHit, TagView } from '../../src/services/views';
import { h } from '../dom';
import { t, valueLabel } from '../i18n';
import { tagChip } from './tag-chip';

/** A result: name and member badge, then email · phone · organisation · city, then its tags. */
/** `distinct`: what tells this contact apart from another of the same name in the list (see similar.ts). */
export function contactRow(hit: SearchHit, options: { selected: boolean; tags: TagView[]; onOpen(): void; distinct?: string }): HTMLLIElement {
  const organisation = hit.kind === 'organisation' ? '' : hit.organisation;
  const details = [hit.email, hit.phone, organisation, hit.city].filter(Boolean).join(' · ');
  const tags = (hit.tags ?? []).map((name) => options.tags.find((tag) => tag.id === name || tag.name === name) ?? { name, colour: '' });
  return h(
    'li',
    null,
    h(
      'button',
      {
        type: 'button',
        class: options.selected ? 'row selected' : 'row',
        'aria-pressed': String(options.selected),
        'data-testid': 'contact-row',
        'data-id': hit.id,
        onclick: () => options.onOpen(),
      },
      h(
        'span',
        { class: 'row-main' },
        h('span', { class: hit.name ? 'name' : 'name muted', title: hit.name || null }, hit.name || t('contact.no_name')),
        h('span', { class: hit.member ? 'badge member' : 'badge' }, t(hit.member ? 'contact.member' : 'contact.not_member')),
      ),
      options.distinct && h('span', { class: 'row-distinct', 'data-testid': 'row-distinct' }, options.distinct),
      details && h('span', { class: 'row-details muted', title: details }, details),
      tags.length > 0 &&
        h(
          'span',
          { class: 'row-tags' },
          tags.map((tag) => tagChip(tag, { 'data-testid': 'row-tag' })),
        ),
    ),
  );
}

/** Any stage, then each lifecycle stage in words. */
export function stageOptions(options: RecordOptions | null, selected: string): HTMLOptionElement[] {
  const stages = options?.lifecycle_stages ?? [];
  const values = selected && !stages.includes(selected) ? [...stages, selected] : stages;
  return [
    h('option', { value: '', selected: selected === '' }, t('record.search.any_stage')),
    ...values.map((stage) => h('option', { value: stage, selected: stage === selected }, valueLabel('record.stage', stage))),
  ];
}

/** Any tag, then each tag by name. */
export function tagOptions(options: RecordOptions | null, selected: string): HTMLOptionElement[] {
  const tags = [...(options?.tags ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return [h('option', { value: '', selected: selected === '' }, t('record.search.any_tag')), ...tags.map((tag) => h('option', { value: tag.id, selected: tag.id === selected }, tag.name))];
}

/** A filter of the search: a select that calls `onPick` with the value picked. */
export function pickerSelect(testid: string, label: string, options: HTMLOptionElement[], onPick: (value: string) => void): HTMLSelectElement {
  return h('select', { 'aria-label': label, 'data-testid': testid, onchange: (e) => onPick((e.target as HTMLSelectElement).value) }, options);
}
