/** The interaction timeline (newest first, filtered by type) and the Log form, made to be filled in
 *  during a phone call: the subject has the focus, Enter does not send a half-written note,
 *  Ctrl/Cmd+Enter saves, and the new interaction shows at once. */
import type { InteractionView } from '../../src/services/views';
import { h } from '../dom';
import { day, moment, t, valueLabel } from '../i18n';
import { isoMoment, localDateTimeValue } from '../format';
import { call, change } from '../server';
import { CardContext, field, fieldNote, longText, saveButton, section, sectionError } from './card-context';
import { editForm, isEditing, itemButtons, startEdit, stopEdit } from './card-edit';
import type { NewInteraction } from '../../src/services/record/interactions';

/** The types a person logs by hand (the others come from imports and the newsletter). */
export const LOGGED_TYPES = ['call', 'email', 'meeting', 'event', 'note'] as const;

export interface LogForm {
  open: boolean;
  type: string;
  /** As the datetime-local input holds it: the reader's local time, 'YYYY-MM-DDTHH:MM'. */
  when: string;
  direction: string;
  subject: string;
  details: string;
  outcome: string;
  follow_up_date: string;
}

export function emptyLogForm(now?: Date): LogForm {
  return { open: false, type: 'call', when: now ? localDateTimeValue(now) : '', direction: '', subject: '', details: '', outcome: '', follow_up_date: '' };
}

/** What logInteraction takes: the service's own shape. */
export type InteractionInput = NewInteraction;

/** What `logInteraction` gets: `when` as an ISO moment with its zone, empty fields left out. */
export function interactionInput(form: LogForm, contactId: string): InteractionInput {
  const input: InteractionInput = { contact_id: contactId, type: form.type || 'call' };
  const when = isoMoment(form.when);
  if (when) input.when = when;
  if (form.direction) input.direction = form.direction;
  for (const name of ['subject', 'details', 'outcome'] as const) {
    const value = name === 'details' ? form[name].replace(/\s+$/, '') : form[name].trim();
    if (value) input[name] = value;
  }
  if (form.follow_up_date) input.follow_up_date = form.follow_up_date;
  return input;
}

/** Whether the Log form holds something typed. */
export function logUnsaved(form: LogForm): boolean {
  return form.open && [form.subject, form.details, form.outcome, form.follow_up_date].some((v) => v.trim() !== '');
}

export function timelineSection(ctx: CardContext): HTMLElement {
  const { card, state } = ctx;
  const types = [...new Set(card.interactions.map((i) => i.type))];
  if (state.timelineType && !types.includes(state.timelineType)) types.push(state.timelineType);
  const shown = state.timelineType ? card.interactions.filter((i) => i.type === state.timelineType) : card.interactions;
  const filter = h(
    'select',
    {
      'aria-label': t('record.timeline.filter'),
      'data-testid': 'timeline-filter',
      onchange: (e) => {
        state.timelineType = (e.target as HTMLSelectElement).value;
        ctx.repaint();
      },
    },
    h('option', { value: '', selected: !state.timelineType }, t('record.timeline.all_types')),
    types.map((type) => h('option', { value: type, selected: type === state.timelineType }, valueLabel('record.type', type))),
  );
  return section(
    'interactions',
    t('record.timeline.title'),
    ctx.editable &&
      !state.log.open &&
      h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'action', 'data-testid': 'log-interaction', onclick: () => openLog(ctx) }, t('record.log.open'))),
    ctx.editable && state.log.open && logForm(ctx),
    h('div', { class: 'filter-row' }, filter),
    h('ol', { class: 'card-list timeline', 'data-testid': 'timeline' }, shown.length ? shown.map((i) => interactionItem(i, ctx)) : h('li', { class: 'muted empty' }, t('record.timeline.none'))),
    card.archive && archivedPart(ctx),
  );
}

/** The contact's interactions moved to the archive spreadsheet: read there when asked. */
function archivedPart(ctx: CardContext): HTMLElement {
  const { state } = ctx;
  if (state.archived === null || state.archived === 'loading')
    return h(
      'div',
      { class: 'buttons' },
      h(
        'button',
        { type: 'button', 'data-testid': 'show-archived', disabled: state.archived === 'loading', 'aria-busy': String(state.archived === 'loading'), onclick: () => void showArchived(ctx) },
        t('record.archived.show'),
      ),
    );
  return h(
    'div',
    { 'data-testid': 'archived' },
    h('h3', null, t('record.archived.title')),
    state.archived.length
      ? h(
          'ol',
          { class: 'card-list timeline' },
          state.archived.map((i) => interactionItem(i)),
        )
      : h('p', { class: 'muted' }, t('record.archived.none')),
  );
}

async function showArchived(ctx: CardContext): Promise<void> {
  ctx.state.archived = 'loading';
  ctx.repaint();
  const id = ctx.card.contact.id;
  const done = await ctx.change(
    'timeline',
    () => call('archivedInteractions', { contact_id: id }),
    (answer) => (ctx.state.archived = answer.interactions),
    false,
  );
  if (!done) ctx.state.archived = null;
  ctx.repaint();
}

/** An entry of the timeline; on the card (`ctx`), editors correct or delete it in place. */
function interactionItem(i: InteractionView, ctx?: CardContext): HTMLElement {
  if (ctx && isEditing(ctx, 'interaction', i.id)) return h('li', { 'data-testid': 'interaction', 'data-type': i.type, 'data-id': i.id }, interactionEditForm(ctx, i));
  const heading = [valueLabel('record.type', i.type), i.direction && valueLabel('record.direction', i.direction)].filter(Boolean).join(' · ');
  const followUp = i.follow_up_date ? t(i.follow_up_done === true ? 'record.timeline.follow_up_done' : 'record.timeline.follow_up', { date: day(i.follow_up_date) }) : '';
  return h(
    'li',
    { 'data-testid': 'interaction', 'data-type': i.type, 'data-id': i.id },
    h(
      'div',
      { class: 'row-main' },
      h('span', { class: 'name', 'data-testid': 'interaction-type' }, heading),
      h('time', { class: 'muted small', datetime: i.when, 'data-testid': 'interaction-when' }, moment(i.when)),
    ),
    i.subject && h('div', { class: 'subject', 'data-testid': 'interaction-subject' }, i.subject),
    i.details && longText(i.details, { class: 'details-text', 'data-testid': 'interaction-details' }),
    i.outcome && h('div', { class: 'small', 'data-testid': 'interaction-outcome' }, t('record.timeline.outcome', { outcome: i.outcome })),
    followUp && h('div', { class: 'small follow-up', 'data-testid': 'interaction-follow-up' }, followUp),
    i.staff && h('div', { class: 'muted small' }, i.staff),
    ctx &&
      itemButtons(
        ctx,
        'interaction',
        i.id,
        () =>
          startEdit(ctx, 'interaction', i.id, {
            type: i.type,
            when: i.when ? localDateTimeValue(new Date(i.when)) : '',
            direction: i.direction,
            subject: i.subject,
            details: i.details,
            outcome: i.outcome,
            follow_up_date: i.follow_up_date,
            follow_up_done: i.follow_up_done === true,
          }),
        () =>
          void ctx.undoable(
            'timeline',
            () => change('deleteInteraction', { id: i.id }),
            () => t('edit.interaction_deleted'),
          ),
      ),
  );
}

function interactionEditForm(ctx: CardContext, i: InteractionView): HTMLElement {
  const types = (LOGGED_TYPES as readonly string[]).includes(i.type) ? LOGGED_TYPES : [...LOGGED_TYPES, i.type];
  const directions = ctx.options?.directions ?? ['inbound', 'outbound', 'internal'];
  return editForm(
    ctx,
    'timeline',
    [
      { name: 'type', label: t('record.log.type'), type: 'select', options: types.map((v) => ({ value: v, label: valueLabel('record.type', v) })) },
      { name: 'direction', label: t('record.log.direction'), type: 'select', options: [{ value: '', label: '' }, ...directions.map((v) => ({ value: v, label: valueLabel('record.direction', v) }))] },
      { name: 'when', label: t('record.log.when'), type: 'datetime-local' },
      { name: 'subject', label: t('record.log.subject'), type: 'text' },
      { name: 'details', label: t('record.log.details'), type: 'textarea' },
      { name: 'outcome', label: t('record.log.outcome'), type: 'text' },
      { name: 'follow_up_date', label: t('record.log.follow_up_date'), type: 'date' },
      { name: 'follow_up_done', label: t('edit.follow_up_done'), type: 'checkbox' },
    ],
    (values) => {
      const text = (name: string) => String(values[name] ?? '');
      // The moment as stored unless the person changed it (the form shows minutes, the store keeps more).
      const when = text('when') !== (i.when ? localDateTimeValue(new Date(i.when)) : '') ? isoMoment(text('when')) : '';
      const patch = {
        type: text('type') as (typeof LOGGED_TYPES)[number],
        direction: text('direction') as 'inbound' | 'outbound' | 'internal' | '',
        subject: text('subject').trim(),
        details: text('details').replace(/\s+$/, ''),
        outcome: text('outcome').trim(),
        follow_up_date: text('follow_up_date'),
        ...(text('follow_up_date') ? { follow_up_done: values.follow_up_done === true } : {}),
        ...(when ? { when } : {}),
      };
      void ctx.undoable(
        'timeline',
        () => change('editInteraction', { id: i.id, patch }),
        () => t('edit.saved'),
        () => stopEdit(ctx),
      );
    },
  );
}

function openLog(ctx: CardContext): void {
  ctx.state.log = { ...emptyLogForm(new Date()), open: true };
  delete ctx.state.errors.timeline;
  ctx.repaint();
  document.querySelector<HTMLInputElement>('[data-testid="log-form"] [name="subject"]')?.focus();
}

function closeLog(ctx: CardContext): void {
  ctx.state.log = emptyLogForm();
  delete ctx.state.errors.timeline;
  ctx.repaint();
  document.querySelector<HTMLElement>('[data-testid="log-interaction"]')?.focus();
}

function save(ctx: CardContext): void {
  if (ctx.state.busy) return;
  const { card } = ctx;
  const interaction = interactionInput(ctx.state.log, card.contact.id);
  void ctx.undoable(
    'timeline',
    // A contact in the database has no sheet row (0): no hint then.
    () => change('logInteraction', card.row >= 2 ? { interaction, row_hint: card.row } : { interaction }),
    () => t('edit.logged'),
    (created) => {
      // The server answers with the stored interaction: show it first, no need to read the card again.
      card.interactions = [created, ...card.interactions.filter((i) => i.id !== created.id)];
      ctx.state.timelineType = '';
      ctx.state.log = emptyLogForm();
    },
    false,
  );
}

function logForm(ctx: CardContext): HTMLElement {
  const form = ctx.state.log;
  const set = (name: Exclude<keyof LogForm, 'open'>) => (e: Event) => {
    form[name] = (e.target as HTMLInputElement).value;
  };
  const select = (name: 'type' | 'direction', values: readonly string[], prefix: string, blank: boolean) =>
    h(
      'select',
      { name, onchange: set(name) },
      blank && h('option', { value: '', selected: !form[name] }, '—'),
      values.map((v) => h('option', { value: v, selected: v === form[name] }, valueLabel(prefix, v))),
    );
  const noted = (id: string, label: string, name: string, control: HTMLElement) => field(id, label, control, fieldNote(ctx, 'timeline', name, control));
  return h(
    'form',
    {
      class: 'card-form',
      novalidate: true,
      'data-testid': 'log-form',
      'aria-label': t('record.log.open'),
      onsubmit: (e) => {
        e.preventDefault();
        save(ctx);
      },
      onkeydown: (e) => {
        const key = e as KeyboardEvent;
        const target = key.target as HTMLElement;
        if (key.key === 'Enter' && (key.ctrlKey || key.metaKey)) {
          key.preventDefault();
          save(ctx);
        } else if (key.key === 'Enter' && target.tagName === 'INPUT') {
          // A half-written note is not sent by Enter: Ctrl/Cmd+Enter or the Save button send it.
          key.preventDefault();
        } else if (key.key === 'Escape' && !logUnsaved(form)) {
          closeLog(ctx);
        }
      },
    },
    h(
      'div',
      { class: 'field-row' },
      field('log-type', t('record.log.type'), select('type', LOGGED_TYPES, 'record.type', false)),
      field('log-direction', t('record.log.direction'), select('direction', ctx.options?.directions ?? ['inbound', 'outbound', 'internal'], 'record.direction', true)),
    ),
    noted('log-when', t('record.log.when'), 'when', h('input', { name: 'when', type: 'datetime-local', value: form.when, oninput: set('when') })),
    noted('log-subject', t('record.log.subject'), 'subject', h('input', { name: 'subject', type: 'text', autocomplete: 'off', value: form.subject, oninput: set('subject') })),
    noted('log-details', t('record.log.details'), 'details', h('textarea', { name: 'details', rows: 4, value: form.details, oninput: set('details') })),
    noted('log-outcome', t('record.log.outcome'), 'outcome', h('input', { name: 'outcome', type: 'text', autocomplete: 'off', value: form.outcome, oninput: set('outcome') })),
    noted('log-follow-up', t('record.log.follow_up_date'), 'follow_up_date', h('input', { name: 'follow_up_date', type: 'date', value: form.follow_up_date, oninput: set('follow_up_date') })),
    sectionError(ctx, 'timeline'),
    h(
      'div',
      { class: 'buttons' },
      saveButton(
        ctx,
        'timeline',
        { 'data-testid': 'save-interaction', title: t('record.log.shortcut') },
        ctx.state.busy === 'timeline' ? t('common.saving') : t('contact.save'),
        () => save(ctx),
        'submit',
      ),
      h('button', { type: 'button', 'data-testid': 'cancel-interaction', onclick: () => closeLog(ctx) }, t('contact.cancel')),
    ),
    h('p', { class: 'muted small' }, t('record.log.shortcut')),
  );
}
