/** Donations: how much, how often, the last gift, and the recent ones; editors record a gift here
 *  (amount, currency, date, fund, campaign, method, recurring, note) and the totals follow at once;
 *  a gift is corrected or deleted where it shows. */
import { useEffect, useRef } from 'preact/hooks';
import type { DonationView } from '../../src/services/views';
import type { NewGift } from '../../src/services/gifts/record-gift';
import { day, money, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { change } from '../server';
import { parseMoney } from '../format';
import { CardContext, CardForm, CardSection, checkedOf, Field, LongText, OpenForm, SaveOrCancel, SectionError, useSectionForm, valueOf } from './card-context';
import { EditForm, isEditing, ItemButtons } from './card-edit';

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
export function giftInput(form: GiftForm, contactId: string): NewGift | { problem: MessageKey } {
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

/** Whether the Record a gift form holds something typed. */
export function giftUnsaved(form: GiftForm): boolean {
  return form.open && [form.amount, form.fund, form.campaign, form.method, form.note].some((v) => v.trim() !== '');
}

const GIFT_FIELDS = ['amount', 'currency', 'date'];

export function DonationsSection({ ctx }: { ctx: CardContext }) {
  const d = ctx.card.donations;
  const currency = d.currency || ctx.options?.currency || '';
  const last = d.last;
  const { form, setForm, open, close } = useSectionForm(ctx, 'donations', emptyGiftForm, giftUnsaved, 'record-gift');
  return (
    <CardSection testid="donations" title={t('record.donations.title')}>
      <dl class="details">
        <dt>{t('record.donations.total')}</dt>
        {/* Never one sum across currencies: a line per currency, then the converted total if rates exist. */}
        <dd data-testid="donations-total">
          {(d.totals?.length ? d.totals : [{ currency, total: d.total }]).map((line, i) => [
            i > 0 ? ' · ' : '',
            <span key={line.currency} data-currency={line.currency}>
              {money(line.total, line.currency)}
            </span>,
          ])}
        </dd>
        {d.converted && (
          <dd class="muted small" data-testid="donations-converted">
            {t('record.donations.converted', { amount: money(d.converted.total, d.converted.currency) })}
            {d.converted.missing.length ? ` ${t('record.donations.no_rate', { currencies: d.converted.missing.join(', ') })}` : ''}
          </dd>
        )}
        <dt>{t('record.donations.count')}</dt>
        <dd data-testid="donations-count">{String(d.count)}</dd>
        <dt>{t('record.donations.last')}</dt>
        <dd data-testid="last-gift">{last ? t('record.donations.last_gift', { date: day(last.date), amount: money(last.amount, last.currency || currency) }) : t('record.donations.none')}</dd>
      </dl>
      {ctx.editable && !form.open && (
        <div class="buttons">
          <button type="button" class="action" data-testid="record-gift" onClick={() => open({ ...emptyGiftForm(), open: true, currency, date: ctx.options?.today ?? '' })}>
            {t('record.gift.open')}
          </button>
        </div>
      )}
      {ctx.editable && form.open && <NewGiftForm ctx={ctx} form={form} setForm={setForm} onClose={close} />}
      {d.recent.length > 0 && (
        <ul class="card-list compact" data-testid="gifts">
          {d.recent.map((gift) => (
            <GiftItem key={gift.id} ctx={ctx} gift={gift} currency={currency} />
          ))}
        </ul>
      )}
      {!form.open && ctx.editing?.section !== 'donations' && <SectionError ctx={ctx} name="donations" />}
    </CardSection>
  );
}

function NewGiftForm({ ctx, form, setForm, onClose }: OpenForm<GiftForm>) {
  const amount = useRef<HTMLInputElement>(null);
  useEffect(() => amount.current?.focus(), []);
  type Name = 'amount' | 'currency' | 'date' | 'fund' | 'campaign' | 'method' | 'note';
  const set = (name: Name) => (e: Event) => {
    const value = valueOf(e);
    setForm((f) => ({ ...f, [name]: value }));
  };
  const save = () => {
    const input = giftInput(form, ctx.card.contact.id);
    if ('problem' in input) return ctx.refuse('donations', 'amount', t(input.problem));
    // Saved: the form closes, and the card is read again (totals, count, last gift, the list).
    void ctx.undoable(
      'donations',
      () => change('recordGift', input),
      (gift) => t('edit.gift_recorded', { amount: money(gift.amount, gift.currency) }),
      () => setForm(() => emptyGiftForm()),
    );
  };
  const field = { ctx, section: 'donations' as const };
  return (
    <CardForm ctx={ctx} onSave={save} data-testid="gift-form" aria-label={t('record.gift.open')}>
      <div class="field-row">
        <Field {...field} name="amount" id="gift-amount" label={t('record.gift.amount')}>
          {(a) => <input {...a} ref={amount} name="amount" type="text" inputMode="decimal" autocomplete="off" required value={form.amount} onInput={set('amount')} />}
        </Field>
        <Field {...field} name="currency" id="gift-currency" label={t('record.gift.currency')}>
          {(a) => <input {...a} name="currency" type="text" maxLength={3} size={4} autocapitalize="characters" value={form.currency} onInput={set('currency')} />}
        </Field>
      </div>
      <Field {...field} name="date" id="gift-date" label={t('record.gift.date')}>
        {(a) => <input {...a} name="date" type="date" value={form.date} onInput={set('date')} />}
      </Field>
      <div class="field-row">
        <Field {...field} name="fund" id="gift-fund" label={t('record.gift.fund')}>
          {(a) => <input {...a} name="fund" type="text" value={form.fund} onInput={set('fund')} />}
        </Field>
        <Field {...field} name="campaign" id="gift-campaign" label={t('record.gift.campaign')}>
          {(a) => <input {...a} name="campaign" type="text" value={form.campaign} onInput={set('campaign')} />}
        </Field>
      </div>
      <Field {...field} name="method" id="gift-method" label={t('record.gift.method')}>
        {(a) => <input {...a} name="method" type="text" value={form.method} onInput={set('method')} />}
      </Field>
      <label class="check">
        <input
          type="checkbox"
          name="recurring"
          checked={form.recurring}
          onChange={(e) => {
            const recurring = checkedOf(e);
            setForm((f) => ({ ...f, recurring }));
          }}
        />{' '}
        {t('record.gift.recurring')}
      </label>
      <Field {...field} name="note" id="gift-note" label={t('record.gift.note')}>
        {(a) => <textarea {...a} name="note" rows={2} value={form.note} onInput={set('note')} />}
      </Field>
      <SectionError ctx={ctx} name="donations" fields={GIFT_FIELDS} />
      <SaveOrCancel ctx={ctx} section="donations" save="gift-save" cancel="gift-cancel" onCancel={onClose} label={t('record.gift.save')} />
    </CardForm>
  );
}

function GiftItem({ ctx, gift, currency }: { ctx: CardContext; gift: DonationView; currency: string }) {
  if (isEditing(ctx, 'donations', gift.id))
    return (
      <li data-testid="gift" data-id={gift.id}>
        <GiftEdit ctx={ctx} gift={gift} />
      </li>
    );
  const refunded = gift.refunded_at ? t('record.donations.refunded', { date: day(gift.refunded_at) }) : '';
  const about = [refunded, gift.fund, gift.campaign, gift.method, gift.recurring === true && t('record.donations.recurring')].filter(Boolean).join(' · ');
  return (
    <li data-testid="gift" data-id={gift.id} class={refunded ? 'refunded' : undefined}>
      <div class="row-main">
        <span class="name">{day(gift.date)}</span>
        <span class="amount">{money(gift.amount, gift.currency || currency)}</span>
      </div>
      {about && <div class="muted small">{about}</div>}
      {gift.note && <LongText text={gift.note} class="details-text small" />}
      <ItemButtons ctx={ctx} kind="gift" section="donations" id={gift.id} remove={() => change('deleteGift', { id: gift.id })} deleted={t('edit.gift_deleted')} />
    </li>
  );
}

function GiftEdit({ ctx, gift }: { ctx: CardContext; gift: DonationView }) {
  const typedBefore = gift.amount === '' ? '' : String(gift.amount);
  return (
    <EditForm
      ctx={ctx}
      kind="gift"
      section="donations"
      id={gift.id}
      start={{
        amount: typedBefore,
        currency: gift.currency,
        date: gift.date,
        fund: gift.fund,
        campaign: gift.campaign,
        method: gift.method,
        recurring: gift.recurring === true,
        note: gift.note ?? '',
      }}
      fields={[
        { name: 'amount', label: t('record.gift.amount'), type: 'money' },
        { name: 'currency', label: t('record.gift.currency'), type: 'text' },
        { name: 'date', label: t('record.gift.date'), type: 'date' },
        { name: 'fund', label: t('record.gift.fund'), type: 'text' },
        { name: 'campaign', label: t('record.gift.campaign'), type: 'text' },
        { name: 'method', label: t('record.gift.method'), type: 'text' },
        { name: 'recurring', label: t('record.gift.recurring'), type: 'checkbox' },
        { name: 'note', label: t('record.gift.note'), type: 'textarea' },
      ]}
      save={(values) => {
        const text = (name: string) => String(values[name] ?? '');
        // The amount as stored unless retyped (what the person typed is read as they write money).
        const amount = text('amount').trim() === typedBefore ? gift.amount : parseMoney(text('amount'));
        if (amount === undefined || amount === '') {
          ctx.refuse('donations', 'amount', t('record.gift.amount_invalid'));
          return null;
        }
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
        return () => change('editGift', { id: gift.id, patch });
      }}
    />
  );
}
