/** Pieces of the contact search, as Preact components: a result row, and the options of the stage and
 *  tag pickers. */
import type { RecordOptions, SearchHit, TagView } from '../../src/services/views';
import { t, valueLabel } from '../i18n';
import { TagChip } from './tag-chip';

/** A result: name and member badge, then email · phone · organisation · city, then its tags.
 *  `distinct`: what tells this contact apart from another of the same name in the list (similar.ts). */
export function ContactRow({ hit, selected, tags: known, onOpen, distinct }: { hit: SearchHit; selected: boolean; tags: TagView[]; onOpen(): void; distinct?: string }) {
  const organisation = hit.kind === 'organisation' ? '' : hit.organisation;
  const details = [hit.email, hit.phone, organisation, hit.city].filter(Boolean).join(' · ');
  const tags = (hit.tags ?? []).map((name) => known.find((tag) => tag.id === name || tag.name === name) ?? { name, colour: '' });
  return (
    <li>
      <button type="button" class={selected ? 'row selected' : 'row'} aria-pressed={selected} data-testid="contact-row" data-id={hit.id} onClick={onOpen}>
        <span class="row-main">
          <span class={hit.name ? 'name' : 'name muted'} title={hit.name || undefined}>
            {hit.name || t('contact.no_name')}
          </span>
          <span class={hit.member ? 'badge member' : 'badge'}>{t(hit.member ? 'contact.member' : 'contact.not_member')}</span>
        </span>
        {distinct && (
          <span class="row-distinct" data-testid="row-distinct">
            {distinct}
          </span>
        )}
        {details && (
          <span class="row-details muted" title={details}>
            {details}
          </span>
        )}
        {tags.length > 0 && (
          <span class="row-tags">
            {tags.map((tag, i) => (
              <TagChip key={i} tag={tag} testid="row-tag" />
            ))}
          </span>
        )}
      </button>
    </li>
  );
}

/** Any stage, then each lifecycle stage in words. */
export function StageOptions({ options, selected }: { options: RecordOptions | null; selected: string }) {
  const stages = options?.lifecycle_stages ?? [];
  const values = selected && !stages.includes(selected) ? [...stages, selected] : stages;
  return (
    <>
      <option value="">{t('record.search.any_stage')}</option>
      {values.map((stage) => (
        <option key={stage} value={stage}>
          {valueLabel('record.stage', stage)}
        </option>
      ))}
    </>
  );
}

/** Any tag, then each tag by name. */
export function TagOptions({ options, selected }: { options: RecordOptions | null; selected: string }) {
  const tags = [...(options?.tags ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const gone = selected && !tags.some((tag) => tag.id === selected);
  return (
    <>
      <option value="">{t('record.search.any_tag')}</option>
      {tags.map((tag) => (
        <option key={tag.id} value={tag.id}>
          {tag.name}
        </option>
      ))}
      {gone && <option value={selected}>{selected}</option>}
    </>
  );
}
