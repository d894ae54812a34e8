/** Membership: every membership of the contact (level, dates, status); editors renew one, force a
 *  status (or give it back to the dated rules), or add one. */
import type { MembershipView } from '../../src/services/views';
import { h } from '../dom';
import { day, money, t, valueLabel } from '../i18n';
import { localDay, parseAmount, parseMoney } from '../format';
import { change, type InputOf } from '../server';
import { CardContext, field, fieldNote, refuseField, saveButton, section, sectionError } from './card-context';
import { editForm, isEditing, itemButtons, startEdit, stopEdit } from './card-edit';

export interface MembershipForm {
  open: boolean;
  level: string;
  start_date: string;
  end_date: string;
  amount: string;
  frequency: string;
  paid: boolean;
}

export function emptyMembershipForm(today = ''): MembershipForm {
  return { open: false, level: '', start_date: today, end_date: '', amount: '', frequency: '', paid: true };
}

export type MembershipInput = {
  contact_id: string;
  level: string;
  start_date: string;
  end_date?: string;
  amount?: number;
  frequency?: string;
  paid?: boolean;
};

/** What `addMembership` gets from the form: empty optional fields left out. */
export function membershipInput(form: MembershipForm, contactId: string): MembershipInput {
  const input: MembershipInput = { contact_id: contactId, level: form.level.trim(), start_date: form.start_date };
  if (form.end_date) input.end_date = form.end_date;
  const amount = parseAmount(form.amount);
  if (amount !== undefined) input.amount = amount;
  if (form.frequency) input.frequency = form.frequency;
  input.paid = form.paid;
  return input;
}

/** 'Current · Gold · until 31 Dec 2025' (the header's line about the membership in force). */
export function membershipLine(m: MembershipView | null): string {
  if (!m) return t('record.membership.none');
  const parts = [valueLabel('record.status', m.status), m.level];
  parts.push(m.end_date ? t('record.membership.until', { date: day(m.end_date) }) : t('record.membership.no_end'));
  return parts.filter(Boolean).join(' · ');
}

export function membershipsSection(ctx: CardContext): HTMLElement {
  const { card, editable } = ctx;
  const list = card.memberships.length
    ? h(
        'ul',
        { class: 'card-list' },
        card.memberships.map((m) => membershipItem(ctx, m)),
      )
    : h('p', { class: 'muted' }, t('record.membership.none'));
  return section(
    'memberships',
    t('record.membership.title'),
    list,
    editable &&
      !ctx.state.membership.open &&
      h('div', { class: 'buttons' }, h('button', { type: 'button', 'data-testid': 'add-membership', onclick: () => openForm(ctx) }, t('record.membership.add'))),
    editable && ctx.state.membership.open && membershipForm(ctx),
    sectionError(ctx, 'memberships'),
  );
}

function membershipItem(ctx: CardContext, m: MembershipView): HTMLElement {
  if (isEditing(ctx, 'membership', m.id)) return h('li', { 'data-testid': 'membership', 'data-id': m.id }, membershipEditForm(ctx, m));
  const dates = m.end_date ? `${day(m.start_date || m.join_date)} – ${day(m.end_date)}` : `${day(m.start_date || m.join_date)} – ${t('record.membership.no_end')}`;
  const terms = [money(m.amount, m.currency || ctx.options?.currency || ''), m.frequency && valueLabel('record.frequency', m.frequency), m.paid === false && t('record.membership.unpaid')]
    .filter(Boolean)
    .join(' · ');
  const member = m.status === 'new' || m.status === 'current' || m.status === 'grace';
  return h(
    'li',
    { 'data-testid': 'membership', 'data-id': m.id },
    h(
      'div',
      { class: 'row-main' },
      h('span', { class: 'name' }, m.level || t('record.membership.no_level')),
      h('span', { class: member ? 'badge member' : 'badge', 'data-testid': 'membership-item-status' }, valueLabel('record.status', m.status)),
    ),
    h('div', { class: 'muted small' }, dates),
    terms && h('div', { class: 'muted small' }, terms),
    ctx.editable &&
      h(
        'div',
        { class: 'inline-controls' },
        h(
          'select',
          {
            'aria-label': t('record.membership.status_override'),
            'data-testid': 'membership-status-override',
            'data-id': m.id,
            disabled: ctx.state.busy !== '',
            onchange: (e) => {
              const status_override = (e.target as HTMLSelectElement).value as InputOf<'setMembershipStatus'>['status_override'];
              void ctx.undoable(
                'memberships',
                () => change('setMembershipStatus', { id: m.id, status_override }),
                (after) => t('edit.status_set', { status: valueLabel('record.status', after.status) }),
              );
            },
          },
          h('option', { value: '', selected: !m.status_override }, t('record.membership.automatic', { status: valueLabel('record.status', m.computed_status) })),
          (ctx.options?.membership_statuses ?? []).map((s) => h('option', { value: s, selected: s === m.status_override }, valueLabel('record.status', s))),
        ),
        // What was paid for the new term, if anything: recorded on it in the same step.
        h('input', {
          type: 'text',
          inputmode: 'decimal',
          size: '6',
          'aria-label': t('record.membership.paid_amount'),
          placeholder: t('record.membership.paid_amount'),
          'data-testid': 'renew-paid',
          'data-id': m.id,
        }),
        h(
          'button',
          {
            type: 'button',
            'data-testid': 'renew-membership',
            'data-id': m.id,
            disabled: ctx.state.busy !== '',
            onclick: (e: Event) => {
              const typed = ((e.target as HTMLElement).parentElement?.querySelector<HTMLInputElement>('[data-testid="renew-paid"]')?.value ?? '').trim();
              const paid = typed ? parseMoney(typed) : undefined;
              if (typed && paid === undefined) {
                ctx.state.errors.memberships = t('record.gift.amount_invalid');
                ctx.repaint();
                return;
              }
              // The end date seen here goes along: a second click of a double click renews nothing more.
              const input = { id: m.id, from_end_date: m.end_date, ...(paid !== undefined ? { payment: { amount: paid } } : {}) };
              void ctx.undoable(
                'memberships',
                () => change('renewMembership', input),
                (after) => t('edit.renewed', { date: day(after.end_date) }),
              );
            },
          },
          t('record.membership.renew'),
        ),
      ),
    itemButtons(
      ctx,
      'membership',
      m.id,
      () =>
        startEdit(ctx, 'membership', m.id, {
          level: m.level,
          join_date: m.join_date,
          start_date: m.start_date,
          end_date: m.end_date,
          amount: m.amount === '' ? '' : String(m.amount),
          frequency: m.frequency,
          paid: m.paid === true,
        }),
      () =>
        void ctx.undoable(
          'memberships',
          () => change('deleteMembership', { id: m.id }),
          () => t('edit.membership_deleted'),
        ),
    ),
  );
}

function membershipEditForm(ctx: CardContext, m: MembershipView): HTMLElement {
  const typedBefore = m.amount === '' ? '' : String(m.amount);
  const frequencies = ctx.options?.frequencies ?? [];
  return editForm(
    ctx,
    'memberships',
    [
      { name: 'level', label: t('record.membership.level'), type: 'text' },
      { name: 'start_date', label: t('record.membership.start'), type: 'date' },
      { name: 'end_date', label: t('record.membership.end'), type: 'date' },
      { name: 'amount', label: t('record.membership.amount'), type: 'money' },
      {
        name: 'frequency',
        label: t('record.membership.frequency'),
        type: 'select',
        options: [
          { value: '', label: '' },
          ...(m.frequency && !frequencies.includes(m.frequency) ? [...frequencies, m.frequency] : frequencies).map((f) => ({ value: f, label: valueLabel('record.frequency', f) })),
        ],
      },
      { name: 'paid', label: t('record.membership.paid'), type: 'checkbox' },
    ],
    (values) => {
      const text = (name: string) => String(values[name] ?? '');
      const typed = text('amount').trim();
      const amount = typed === typedBefore ? m.amount : typed === '' ? '' : parseMoney(typed);
      if (amount === undefined) return refuseField(ctx, 'memberships', 'amount', t('record.gift.amount_invalid'));
      const patch = {
        level: text('level'),
        start_date: text('start_date'),
        end_date: text('end_date'),
        amount,
        frequency: text('frequency'),
        ...(values.paid !== (m.paid === true) ? { paid: values.paid === true } : {}),
      };
      void ctx.undoable(
        'memberships',
        () => change('editMembership', { id: m.id, patch }),
        () => t('edit.saved'),
        () => stopEdit(ctx),
      );
    },
  );
}

function openForm(ctx: CardContext): void {
  ctx.state.membership = { ...emptyMembershipForm(ctx.options?.today || localDay(new Date())), open: true };
  ctx.repaint();
  document.querySelector<HTMLInputElement>('[data-testid="membership-form"] [name="level"]')?.focus();
}

function membershipForm(ctx: CardContext): HTMLElement {
  const form = ctx.state.membership;
  const set = (name: Exclude<keyof MembershipForm, 'open' | 'paid'>) => (e: Event) => {
    form[name] = (e.target as HTMLInputElement).value;
  };
  const levels = [...new Set(ctx.card.memberships.map((m) => m.level).filter(Boolean))];
  const noted = (id: string, label: string, name: string, control: HTMLElement) => field(id, label, control, fieldNote(ctx, 'memberships', name, control));
  const save = () =>
    void ctx.undoable(
      'memberships',
      () => change('addMembership', { membership: membershipInput(form, ctx.card.contact.id) }),
      () => t('edit.saved'),
      () => {
        ctx.state.membership = emptyMembershipForm();
      },
    );
  return h(
    'form',
    {
      class: 'card-form',
      novalidate: true,
      'data-testid': 'membership-form',
      onsubmit: (e) => {
        e.preventDefault();
        if (!ctx.state.busy) save();
      },
    },
    noted('membership-level', t('record.membership.level'), 'level', h('input', { name: 'level', list: 'membership-levels', autocomplete: 'off', value: form.level, oninput: set('level') })),
    h(
      'datalist',
      { id: 'membership-levels' },
      levels.map((level) => h('option', { value: level })),
    ),
    h(
      'div',
      { class: 'field-row' },
      noted('membership-start', t('record.membership.start'), 'start_date', h('input', { name: 'start_date', type: 'date', value: form.start_date, oninput: set('start_date') })),
      noted('membership-end', t('record.membership.end'), 'end_date', h('input', { name: 'end_date', type: 'date', value: form.end_date, oninput: set('end_date') })),
    ),
    h(
      'div',
      { class: 'field-row' },
      noted(
        'membership-amount',
        t('record.membership.amount'),
        'amount',
        h('input', { name: 'amount', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: form.amount, oninput: set('amount') }),
      ),
      field(
        'membership-frequency',
        t('record.membership.frequency'),
        h(
          'select',
          { name: 'frequency', onchange: set('frequency') },
          h('option', { value: '', selected: !form.frequency }, '—'),
          (ctx.options?.frequencies ?? []).map((f) => h('option', { value: f, selected: f === form.frequency }, valueLabel('record.frequency', f))),
        ),
      ),
    ),
    h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        name: 'paid',
        checked: form.paid,
        onchange: (e) => {
          form.paid = (e.target as HTMLInputElement).checked;
        },
      }),
      ' ',
      t('record.membership.paid'),
    ),
    h(
      'div',
      { class: 'buttons' },
      saveButton(ctx, 'memberships', { 'data-testid': 'save-membership' }, ctx.state.busy === 'memberships' ? t('common.saving') : t('contact.save'), save, 'submit'),
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'cancel-membership',
          onclick: () => {
            ctx.state.membership = emptyMembershipForm();
            delete ctx.state.errors.memberships;
            ctx.repaint();
          },
        },
        t('contact.cancel'),
      ),
    ),
  );
}

/** Whether the membership form holds something typed. */
export function membershipUnsaved(form: MembershipForm): boolean {
  return form.open && (form.level.trim() !== '' || form.amount.trim() !== '' || form.end_date !== '');
}
