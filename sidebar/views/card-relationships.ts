/** Relationships, read from this contact's side ('parent of' here, 'child of' on the other card), each
 *  other contact a click away; editors add one (type from this side, the other found by search) or
 *  end one. Also the employer of a person and the people of an organisation. */
import type { ContactLink, RelationshipView, SearchHit } from '../../src/services/views';
import { whatTellsApart } from './similar';
import { fill, h } from '../dom';
import { day, errorText, t, valueLabel } from '../i18n';
import { employeeType, parseTypeChoice, relationshipTypeChoices } from '../record-options';
import { call, change } from '../server';
import { CardContext, field, saveButton, section, sectionError } from './card-context';

const SEARCH_DELAY_MS = 250;

export interface RelationshipForm {
  open: boolean;
  /** `${type.id}:a|b`, see relationshipTypeChoices. */
  choice: string;
  search: string;
  candidates: SearchHit[];
  candidate: { id: string; name: string } | null;
  /** Number of the latest search: older answers are dropped. */
  seq: number;
  searchError: string;
}

export function emptyRelationshipForm(): RelationshipForm {
  return { open: false, choice: '', search: '', candidates: [], candidate: null, seq: 0, searchError: '' };
}

/** A relationship label in the sidebar's language when it is one of the labels Set up creates;
 *  labels people wrote themselves show as written. */
export function relationshipLabel(label: string): string {
  return valueLabel('record.rel', label);
}

/** Whether the form holds a choice not saved yet. */
export function relationshipUnsaved(form: RelationshipForm): boolean {
  return form.open && (form.candidate !== null || form.search.trim() !== '');
}

export function relationshipsSection(ctx: CardContext): HTMLElement {
  const { card, state, editable } = ctx;
  const ordered = [...card.relationships].sort((a, b) => Number(b.active) - Number(a.active));
  return section(
    'relationships',
    t('record.relationships.title'),
    ordered.length
      ? h(
          'ul',
          { class: 'card-list' },
          ordered.map((r) => relationshipItem(ctx, r)),
        )
      : h('p', { class: 'muted' }, t('record.relationships.none')),
    sectionError(ctx, 'relationships'),
    editable &&
      !state.relationship.open &&
      h('div', { class: 'buttons' }, h('button', { type: 'button', 'data-testid': 'add-relationship', onclick: () => openForm(ctx) }, t('record.relationships.add'))),
    editable && state.relationship.open && relationshipForm(ctx),
  );
}

function relationshipItem(ctx: CardContext, r: RelationshipView): HTMLElement {
  const when = r.active ? (r.start_date ? t('record.relationships.since', { date: day(r.start_date) }) : '') : t('record.relationships.ended', { date: day(r.end_date) || '—' });
  return h(
    'li',
    { class: r.active ? 'relationship' : 'relationship ended', 'data-testid': 'relationship', 'data-id': r.id, 'data-active': String(r.active) },
    h(
      'div',
      { class: 'row-main' },
      h('span', { class: 'rel-label', 'data-testid': 'relationship-label' }, relationshipLabel(r.label)),
      h(
        'button',
        { type: 'button', class: 'link-button name', 'data-testid': 'relationship-contact', 'data-id': r.other_id, onclick: () => ctx.open(r.other_id) },
        r.other_name || t('contact.no_name'),
      ),
      ctx.editable &&
        r.active &&
        h(
          'button',
          {
            type: 'button',
            class: 'small-button',
            'data-testid': 'end-relationship',
            'data-id': r.id,
            disabled: ctx.state.busy !== '',
            onclick: () =>
              void ctx.undoable(
                'relationships',
                () => change('endRelationship', { id: r.id, contact_id: ctx.card.contact.id }),
                () => t('edit.saved'),
              ),
          },
          t('record.relationships.end'),
        ),
    ),
    when && h('div', { class: 'muted small' }, when),
    r.note && h('div', { class: 'small' }, r.note),
  );
}

function openForm(ctx: CardContext): void {
  const choices = relationshipTypeChoices(ctx.options?.relationship_types ?? [], relationshipLabel);
  ctx.state.relationship = { ...emptyRelationshipForm(), open: true, choice: choices[0]?.value ?? '' };
  delete ctx.state.errors.relationships;
  ctx.repaint();
  document.querySelector<HTMLSelectElement>('[data-testid="relationship-type"]')?.focus();
}

function closeForm(ctx: CardContext): void {
  ctx.state.relationship = emptyRelationshipForm();
  delete ctx.state.errors.relationships;
  ctx.repaint();
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;

/** Asks for the contacts matching the search box and shows them (only the list is redrawn, so the
 *  box keeps the focus). */
async function searchCandidates(ctx: CardContext, list: () => HTMLElement | null): Promise<void> {
  const form = ctx.state.relationship;
  const seq = ++form.seq;
  const text = form.search.trim();
  if (!text) {
    form.candidates = [];
    form.searchError = '';
    paintCandidates(ctx, list());
    return;
  }
  try {
    const page = await call('searchContacts', { text, limit: 8 });
    if (seq !== form.seq) return;
    form.candidates = page.items.filter((hit) => hit.id !== ctx.card.contact.id);
    form.searchError = '';
  } catch (error) {
    if (seq !== form.seq) return;
    form.candidates = [];
    form.searchError = errorText(error);
  }
  paintCandidates(ctx, list());
}

function paintCandidates(ctx: CardContext, list: HTMLElement | null): void {
  if (!list) return;
  const form = ctx.state.relationship;
  if (form.searchError) return fill(list, h('li', { class: 'error', role: 'alert' }, form.searchError));
  if (form.search.trim() && !form.candidates.length) return fill(list, h('li', { class: 'muted empty' }, t('contacts.none')));
  const apart = whatTellsApart(form.candidates);
  fill(
    list,
    form.candidates.map((hit) =>
      h(
        'li',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'row',
            'data-testid': 'relationship-candidate',
            'data-id': hit.id,
            onclick: () => {
              form.candidate = { id: hit.id, name: hit.name };
              ctx.repaint();
              document.querySelector<HTMLElement>('[data-testid="save-relationship"]')?.focus();
            },
          },
          h('span', { class: 'name' }, hit.name || t('contact.no_name')),
          apart.has(hit.id) && h('span', { class: 'row-distinct', 'data-testid': 'row-distinct' }, apart.get(hit.id)),
          h('span', { class: 'row-details muted' }, [hit.email, hit.organisation, hit.city].filter(Boolean).join(' · ')),
        ),
      ),
    ),
  );
}

function relationshipForm(ctx: CardContext): HTMLElement {
  const { card, state } = ctx;
  const form = state.relationship;
  const choices = relationshipTypeChoices(ctx.options?.relationship_types ?? [], relationshipLabel);
  const candidates = h('ul', { class: 'contacts candidates', 'data-testid': 'relationship-candidates' });
  const save = () => {
    const type = parseTypeChoice(form.choice);
    if (!type || !form.candidate || state.busy) return;
    const other = form.candidate;
    void ctx.undoable(
      'relationships',
      () => change('addRelationship', { contact_id: card.contact.id, other_id: other.id, ...type }),
      () => t('edit.saved'),
      () => {
        state.relationship = emptyRelationshipForm();
      },
    );
  };
  const picker = form.candidate
    ? h(
        'div',
        { class: 'chosen', 'data-testid': 'relationship-chosen' },
        h('span', { class: 'name' }, form.candidate.name || t('contact.no_name')),
        h(
          'button',
          {
            type: 'button',
            class: 'small-button',
            onclick: () => {
              form.candidate = null;
              ctx.repaint();
              document.querySelector<HTMLInputElement>('[data-testid="relationship-search"]')?.focus();
            },
          },
          t('record.relationships.change'),
        ),
      )
    : [
        h('input', {
          type: 'search',
          autocomplete: 'off',
          placeholder: t('record.relationships.search'),
          'aria-label': t('record.relationships.search'),
          'data-testid': 'relationship-search',
          value: form.search,
          oninput: (e) => {
            form.search = (e.target as HTMLInputElement).value;
            clearTimeout(searchTimer);
            searchTimer = setTimeout(() => void searchCandidates(ctx, () => (candidates.isConnected ? candidates : null)), SEARCH_DELAY_MS);
          },
          onkeydown: (e) => {
            if ((e as KeyboardEvent).key === 'Enter') e.preventDefault();
          },
        }),
        candidates,
      ];
  if (!form.candidate) paintCandidates(ctx, candidates);
  return h(
    'form',
    {
      class: 'card-form',
      novalidate: true,
      'data-testid': 'relationship-form',
      onsubmit: (e) => {
        e.preventDefault();
        save();
      },
    },
    h('p', { class: 'small' }, t('record.relationships.sentence', { name: ctx.card.name || t('contact.no_name') })),
    field(
      'relationship-type',
      t('record.relationships.type'),
      h(
        'select',
        {
          'data-testid': 'relationship-type',
          onchange: (e) => {
            form.choice = (e.target as HTMLSelectElement).value;
          },
        },
        choices.map((c) => h('option', { value: c.value, selected: c.value === form.choice }, c.label)),
      ),
    ),
    h('div', { class: 'field' }, h('label', null, t('record.relationships.other')), picker),
    h(
      'div',
      { class: 'buttons' },
      saveButton(ctx, 'relationships', { 'data-testid': 'save-relationship' }, state.busy === 'relationships' ? t('common.saving') : t('contact.save'), save, 'submit'),
      h('button', { type: 'button', 'data-testid': 'cancel-relationship', onclick: () => closeForm(ctx) }, t('contact.cancel')),
    ),
  );
}

/** A person's employer, an organisation's people, and the offer to record an employment. */
export function workSection(ctx: CardContext): HTMLElement | null {
  const { card } = ctx;
  const link = (l: ContactLink, testid: string) =>
    h(
      'li',
      null,
      l.label && h('span', { class: 'rel-label' }, relationshipLabel(l.label)),
      h('button', { type: 'button', class: 'link-button name', 'data-testid': testid, 'data-id': l.id, onclick: () => ctx.open(l.id) }, l.name || t('contact.no_name')),
    );
  const offer = card.employment_offer;
  const employee = employeeType(ctx.options?.relationship_types ?? []);
  const offerButton =
    ctx.editable &&
    offer &&
    employee &&
    h(
      'button',
      {
        type: 'button',
        'data-testid': 'employment-offer',
        disabled: ctx.state.busy !== '',
        onclick: () =>
          void ctx.undoable(
            'relationships',
            () => change('addRelationship', { contact_id: card.contact.id, other_id: offer.organisation_id, type_id: employee.id, side: 'a' }),
            () => t('edit.saved'),
          ),
      },
      t('record.work.offer', { name: card.name || t('contact.no_name'), org: offer.organisation_name || t('contact.no_name') }),
    );
  if (!card.employer && !card.people.length && !offerButton) return null;
  return section(
    'work',
    t(card.people.length ? 'record.work.people' : 'record.work.employer'),
    card.employer && h('ul', { class: 'card-list compact' }, link(card.employer, 'employer')),
    card.people.length > 0 &&
      h(
        'ul',
        { class: 'card-list compact' },
        card.people.map((p) => link(p, 'person')),
      ),
    offerButton && h('div', { class: 'buttons' }, offerButton),
  );
}
