/** Donations: how much, how often, the last gift, and the recent ones; editors record a gift here
 *  (amount, currency, date, fund, campaign, method, recurring, note) and the totals follow at once. */
import type { DonationView } from '../../src/services/views';
import type { NewGift } from '../../src/services/gifts/record-gift';
import { h } from '../dom';
import { day, money, t } from '../i18n';
import { change } from '../server';
import { parseMoney } from '../format';
import { CardContext, field, fieldNote, longText, refuseField, saveButton, section, sectionError } from './card-context';
import { editForm, isEditing, itemButtons, startEdit, stopEdit } from './card-edit';

/** The Record a gift form as typed (amount as text: what the person typed is what they see). */
export interface GiftForm {
  open: boolean;
  amount: string;
  currency: string;
  date: string;
  fund: string;
  campaign: string;
  method: string;
  recurring: boolean;
  note: string;
}

export function emptyGiftForm(): GiftForm {
  return { open: false, amount: '', currency: '', date: '', fund: '', campaign: '', method: '', recurring: false, note: '' };
}

/** What recordGift gets, or the message key of what is wrong with what was typed. */
export function giftInput(form: GiftForm, contactId: string): NewGift | { problem: string } {
  const amount = parseMoney(form.amount);
  if (amount === undefined) return { problem: 'record.gift.amount_invalid' };
  const input: NewGift = { contact_id: contactId, amount };
  if (form.currency.trim()) input.currency = form.currency.trim().toUpperCase();
  if (form.date) input.date = form.date;
  for (const name of ['fund', 'campaign', 'method'] as const) if (form[name].trim()) input[name] = form[name].trim();
  if (form.recurring) input.recurring = true;
  if (form.note.trim()) input.note = form.note;
  return input;
}

export function donationsSection(ctx: CardContext): HTMLElement {
  const d = ctx.card.donations;
  const currency = d.currency || ctx.options?.currency || '';
  const last = d.last;
  return section(
    'donations',
    t('record.donations.title'),
    h(
      'dl',
      { class: 'details' },
      h('dt', null, t('record.donations.total')),
      // Never one sum across currencies: a line per currency, then the converted total if rates exist.
      h(
        'dd',
        { 'data-testid': 'donations-total' },
        (d.totals?.length ? d.totals : [{ currency, total: d.total }]).map((line, i) => [i > 0 ? ' · ' : '', h('span', { 'data-currency': line.currency }, money(line.total, line.currency))]),
      ),
      d.converted &&
        h(
          'dd',
          { class: 'muted small', 'data-testid': 'donations-converted' },
          t('record.donations.converted', { amount: money(d.converted.total, d.converted.currency) }),
          d.converted.missing.length ? ` ${t('record.donations.no_rate', { currencies: d.converted.missing.join(', ') })}` : '',
        ),
      h('dt', null, t('record.donations.count')),
      h('dd', { 'data-testid': 'donations-count' }, String(d.count)),
      h('dt', null, t('record.donations.last')),
      h('dd', { 'data-testid': 'last-gift' }, last ? t('record.donations.last_gift', { date: day(last.date), amount: money(last.amount, last.currency || currency) }) : t('record.donations.none')),
    ),
    ctx.editable &&
      !ctx.state.gift.open &&
      h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'action', 'data-testid': 'record-gift', onclick: () => openGift(ctx, currency) }, t('record.gift.open'))),
    ctx.editable && ctx.state.gift.open && giftForm(ctx),
    d.recent.length > 0 &&
      h(
        'ul',
        { class: 'card-list compact', 'data-testid': 'gifts' },
        d.recent.map((gift) => giftItem(ctx, gift, currency)),
      ),
  );
}

function openGift(ctx: CardContext, currency: string): void {
  ctx.state.gift = { ...emptyGiftForm(), open: true, currency, date: ctx.options?.today ?? '' };
  delete ctx.state.errors.donations;
  ctx.repaint();
  document.querySelector<HTMLInputElement>('[data-testid="gift-form"] [name="amount"]')?.focus();
}

function giftForm(ctx: CardContext): HTMLElement {
  const form = ctx.state.gift;
  type Name = 'amount' | 'currency' | 'date' | 'fund' | 'campaign' | 'method';
  const input = (name: Name, type: string, extra: Record<string, string> = {}) =>
    h('input', { name, type, value: form[name], ...extra, oninput: (e: Event) => (form[name] = (e.target as HTMLInputElement).value) });
  // Each control with what is wrong with it under it.
  const labelled = (id: string, label: string, name: Name, control: HTMLElement) => field(id, label, control, fieldNote(ctx, 'donations', name, control));
  return h(
    'form',
    {
      class: 'card-form',
      novalidate: true,
      'data-testid': 'gift-form',
      'aria-label': t('record.gift.open'),
      onsubmit: (e: Event) => {
        e.preventDefault();
        void saveGift(ctx);
      },
    },
    h(
      'div',
      { class: 'field-row' },
      labelled('gift-amount', t('record.gift.amount'), 'amount', input('amount', 'text', { inputmode: 'decimal', autocomplete: 'off', required: 'required' })),
      labelled('gift-currency', t('record.gift.currency'), 'currency', input('currency', 'text', { maxlength: '3', size: '4', autocapitalize: 'characters' })),
    ),
    labelled('gift-date', t('record.gift.date'), 'date', input('date', 'date')),
    h('div', { class: 'field-row' }, field('gift-fund', t('record.gift.fund'), input('fund', 'text')), field('gift-campaign', t('record.gift.campaign'), input('campaign', 'text'))),
    field('gift-method', t('record.gift.method'), input('method', 'text')),
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: 'recurring', checked: form.recurring, onchange: (e: Event) => (form.recurring = (e.target as HTMLInputElement).checked) }),
      ' ',
      t('record.gift.recurring'),
    ),
    field('gift-note', t('record.gift.note'), h('textarea', { name: 'note', rows: '2', oninput: (e: Event) => (form.note = (e.target as HTMLTextAreaElement).value) }, form.note)),
    sectionError(ctx, 'donations'),
    h(
      'div',
      { class: 'buttons' },
      saveButton(ctx, 'donations', { 'data-testid': 'gift-save' }, t('record.gift.save'), () => void saveGift(ctx), 'submit'),
      h('button', { type: 'button', 'data-testid': 'gift-cancel', onclick: () => ((ctx.state.gift = emptyGiftForm()), ctx.repaint()) }, t('contact.cancel')),
    ),
  );
}

async function saveGift(ctx: CardContext): Promise<void> {
  const input = giftInput(ctx.state.gift, ctx.card.contact.id);
  if ('problem' in input) return refuseField(ctx, 'donations', 'amount', t(input.problem as Parameters<typeof t>[0]));
  // Saved: the form closes, and the card is read again (totals, count, last gift, the list).
  await ctx.undoable(
    'donations',
    () => change('recordGift', input),
    (gift) => t('edit.gift_recorded', { amount: money(gift.amount, gift.currency) }),
    () => (ctx.state.gift = emptyGiftForm()),
  );
}

function giftItem(ctx: CardContext, gift: DonationView, currency: string): HTMLElement {
  if (isEditing(ctx, 'gift', gift.id)) return h('li', { 'data-testid': 'gift', 'data-id': gift.id }, giftEditForm(ctx, gift));
  const refunded = gift.refunded_at ? t('record.donations.refunded', { date: day(gift.refunded_at) }) : '';
  const about = [refunded, gift.fund, gift.campaign, gift.method, gift.recurring === true && t('record.donations.recurring')].filter(Boolean).join(' · ');
  return h(
    'li',
    { 'data-testid': 'gift', 'data-id': gift.id, class: refunded ? 'refunded' : undefined },
    h('div', { class: 'row-main' }, h('span', { class: 'name' }, day(gift.date)), h('span', { class: 'amount' }, money(gift.amount, gift.currency || currency))),
    about && h('div', { class: 'muted small' }, about),
    gift.note && longText(gift.note, { class: 'details-text small' }),
    itemButtons(
      ctx,
      'gift',
      gift.id,
      () =>
        startEdit(ctx, 'gift', gift.id, {
          amount: gift.amount === '' ? '' : String(gift.amount),
          currency: gift.currency,
          date: gift.date,
          fund: gift.fund,
          campaign: gift.campaign,
          method: gift.method,
          recurring: gift.recurring === true,
          note: gift.note ?? '',
        }),
      () =>
        void ctx.undoable(
          'donations',
          () => change('deleteGift', { id: gift.id }),
          () => t('edit.gift_deleted'),
        ),
    ),
  );
}

function giftEditForm(ctx: CardContext, gift: DonationView): HTMLElement {
  const typedBefore = gift.amount === '' ? '' : String(gift.amount);
  return editForm(
    ctx,
    'donations',
    [
      { name: 'amount', label: t('record.gift.amount'), type: 'money' },
      { name: 'currency', label: t('record.gift.currency'), type: 'text' },
      { name: 'date', label: t('record.gift.date'), type: 'date' },
      { name: 'fund', label: t('record.gift.fund'), type: 'text' },
      { name: 'campaign', label: t('record.gift.campaign'), type: 'text' },
      { name: 'method', label: t('record.gift.method'), type: 'text' },
      { name: 'recurring', label: t('record.gift.recurring'), type: 'checkbox' },
      { name: 'note', label: t('record.gift.note'), type: 'textarea' },
    ],
    (values) => {
      const text = (name: string) => String(values[name] ?? '');
      // The amount as stored unless retyped (what the person typed is read as they write money).
      const amount = text('amount').trim() === typedBefore ? gift.amount : parseMoney(text('amount'));
      if (amount === undefined || amount === '') return refuseField(ctx, 'donations', 'amount', t('record.gift.amount_invalid'));
      const patch = {
        amount,
        currency: text('currency'),
        date: text('date'),
        fund: text('fund'),
        campaign: text('campaign'),
        method: text('method'),
        note: text('note'),
        ...(values.recurring !== (gift.recurring === true) ? { recurring: values.recurring === true } : {}),
      };
      void ctx.undoable(
        'donations',
        () => change('editGift', { id: gift.id, patch }),
        () => t('edit.saved'),
        () => stopEdit(ctx),
      );
    },
  );
}
