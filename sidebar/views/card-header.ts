/** The top and bottom of the contact card: name, member badge, membership line and lifecycle stage
 *  (editors may set it by hand); the segments the contact is in; and Delete, confirmed in the page. */
import { h } from '../dom';
import { t, valueLabel } from '../i18n';
import { change } from '../server';
import { confirmChange } from '../undo-bar';
import { CardContext, section, sectionError } from './card-context';
import { membershipLine } from './card-memberships';

export function cardHeader(ctx: CardContext): HTMLElement {
  const c = ctx.card;
  const derived = valueLabel('record.stage', c.derived_stage);
  const override = String(c.contact.lifecycle_override ?? '');
  const stages = ctx.options?.lifecycle_stages ?? [];
  return h(
    'header',
    { class: 'card-header' },
    h('h1', { class: c.name ? 'card-name' : 'card-name muted', 'data-testid': 'card-name' }, c.name || t('contact.no_name')),
    h(
      'div',
      { class: 'row-main' },
      h('span', { class: c.member ? 'badge member' : 'badge', 'data-testid': 'member-badge' }, t(c.member ? 'contact.member' : 'contact.not_member')),
      c.contact.kind === 'organisation' && h('span', { class: 'badge' }, t('contact.kind.organisation')),
      ctx.loading && h('span', { class: 'muted small', role: 'status' }, t('common.loading')),
    ),
    h('p', { class: 'small', 'data-testid': 'membership-status' }, membershipLine(c.membership)),
    h(
      'div',
      { class: 'stage' },
      h('span', { class: 'muted' }, t('record.card.stage')),
      h('span', { 'data-testid': 'stage', 'data-value': c.stage }, valueLabel('record.stage', c.stage)),
      ctx.editable &&
        h(
          'select',
          {
            'aria-label': t('record.card.stage_override'),
            'data-testid': 'stage-override',
            disabled: ctx.state.busy !== '',
            onchange: (e) => {
              const lifecycle_override = (e.target as HTMLSelectElement).value;
              void ctx.undoable(
                'header',
                () => change('updateContact', { id: c.contact.id, patch: { lifecycle_override } }),
                () => t('edit.stage_set', { stage: lifecycle_override ? valueLabel('record.stage', lifecycle_override) : t('record.card.stage_automatic', { stage: derived }) }),
              );
            },
          },
          h('option', { value: '', selected: !override }, t('record.card.stage_automatic', { stage: derived })),
          (override && !stages.includes(override) ? [...stages, override] : stages).map((s) => h('option', { value: s, selected: s === override }, valueLabel('record.stage', s))),
        ),
    ),
    sectionError(ctx, 'header'),
  );
}

/** The contact's segments; nothing at all when there are none. */
export function segmentsSection(ctx: CardContext): HTMLElement | null {
  const segments = ctx.card.segments;
  if (!segments.length) return null;
  return section(
    'segments',
    t('record.segments.title'),
    h(
      'ul',
      { class: 'card-list compact' },
      segments.map((s) => h('li', { 'data-testid': 'segment', 'data-id': s.id }, s.name)),
    ),
  );
}

/** Delete (a soft delete), for editors, after a confirmation in the page (never window.confirm). */
export function deleteSection(ctx: CardContext): HTMLElement | null {
  if (!ctx.editable) return null;
  const { card, state } = ctx;
  const name = card.name || t('contact.no_name');
  const confirming = (on: boolean) => {
    state.confirmingDelete = on;
    delete state.errors.delete;
    ctx.repaint();
    document.querySelector<HTMLElement>(on ? '[data-testid="cancel-delete"]' : '[data-testid="delete-contact"]')?.focus();
  };
  // Back to the list, which no longer shows the contact; Undo brings the card back.
  const id = card.contact.id;
  const remove = () =>
    void ctx.change(
      'delete',
      () => change('deleteContact', { id }),
      (answer) => {
        ctx.back();
        confirmChange(t('edit.contact_deleted', { name }), answer.undo, () => ctx.open(id));
      },
      false,
    );
  return h(
    'section',
    { class: 'card-section danger', 'aria-label': t('record.delete.title') },
    !state.confirmingDelete
      ? h('button', { type: 'button', class: 'danger-button', 'data-testid': 'delete-contact', onclick: () => confirming(true) }, t('record.delete.button'))
      : h(
          'div',
          { class: 'confirm', role: 'alertdialog', 'aria-label': t('record.delete.title'), 'data-testid': 'confirm-delete-box' },
          h('p', null, t('record.delete.confirm', { name })),
          h(
            'div',
            { class: 'buttons' },
            h('button', { type: 'button', class: 'danger-button', 'data-testid': 'confirm-delete', disabled: state.busy !== '', onclick: remove }, t('record.delete.yes')),
            h('button', { type: 'button', 'data-testid': 'cancel-delete', onclick: () => confirming(false) }, t('contact.cancel')),
          ),
        ),
    sectionError(ctx, 'delete'),
  );
}
