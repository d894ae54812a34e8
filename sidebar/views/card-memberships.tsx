/** Membership: every membership of the contact (level, dates, status); editors renew one (recording
 *  what was paid in the same step), force a status (or give it back to the dated rules), correct or
 *  delete one, or add one. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MembershipView } from '../../src/services/views';
import { day, money, t, valueLabel } from '../i18n';
import { localDay, parseAmount, parseMoney } from '../format';
import { change, type InputOf } from '../server';
import { CardContext, CardForm, CardSection, checkedOf, Field, OpenForm, SaveOrCancel, SectionError, useSectionForm, valueOf } from './card-context';
import { EditForm, isEditing, ItemButtons } from './card-edit';

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

/** Whether the membership form holds something typed. */
export function membershipUnsaved(form: MembershipForm): boolean {
  return form.open && (form.level.trim() !== '' || form.amount.trim() !== '' || form.end_date !== '');
}

/** 'Current · Gold · until 31 Dec 2025' (the header's line about the membership in force). */
export function membershipLine(m: MembershipView | null): string {
  if (!m) return t('record.membership.none');
  const parts = [valueLabel('record.status', m.status), m.level];
  parts.push(m.end_date ? t('record.membership.until', { date: day(m.end_date) }) : t('record.membership.no_end'));
  return parts.filter(Boolean).join(' · ');
}

const FORM_FIELDS = ['level', 'start_date', 'end_date', 'amount', 'frequency'];

export function MembershipsSection({ ctx }: { ctx: CardContext }) {
  const { card, editable } = ctx;
  const { form, setForm, open, close } = useSectionForm(ctx, 'memberships', emptyMembershipForm, membershipUnsaved, 'add-membership');
  return (
    <CardSection testid="memberships" title={t('record.membership.title')}>
      {card.memberships.length ? (
        <ul class="card-list">
          {card.memberships.map((m) => (
            <MembershipItem key={m.id} ctx={ctx} m={m} />
          ))}
        </ul>
      ) : (
        <p class="muted">{t('record.membership.none')}</p>
      )}
      {editable && !form.open && (
        <div class="buttons">
          <button type="button" data-testid="add-membership" onClick={() => open({ ...emptyMembershipForm(ctx.options?.today || localDay(new Date())), open: true })}>
            {t('record.membership.add')}
          </button>
        </div>
      )}
      {editable && form.open && <NewMembership ctx={ctx} form={form} setForm={setForm} onClose={close} />}
      {ctx.editing?.section !== 'memberships' && <SectionError ctx={ctx} name="memberships" fields={form.open ? FORM_FIELDS : []} />}
    </CardSection>
  );
}

function MembershipItem({ ctx, m }: { ctx: CardContext; m: MembershipView }) {
  const [paid, setPaid] = useState('');
  if (isEditing(ctx, 'memberships', m.id))
    return (
      <li data-testid="membership" data-id={m.id}>
        <MembershipEdit ctx={ctx} m={m} />
      </li>
    );
  const dates = `${day(m.start_date || m.join_date)} – ${m.end_date ? day(m.end_date) : t('record.membership.no_end')}`;
  const terms = [money(m.amount, m.currency || ctx.options?.currency || ''), m.frequency && valueLabel('record.frequency', m.frequency), m.paid === false && t('record.membership.unpaid')]
    .filter(Boolean)
    .join(' · ');
  // A paid amount that is not one: said at the section's end, the box marked and focused.
  const paidField = `renew-paid:${m.id}`;
  const paidWrong = ctx.fieldError?.section === 'memberships' && ctx.fieldError.field === paidField;
  const member = m.status === 'new' || m.status === 'current' || m.status === 'grace';
  const setStatus = (status_override: InputOf<'setMembershipStatus'>['status_override']) =>
    void ctx.undoable(
      'memberships',
      () => change('setMembershipStatus', { id: m.id, status_override }),
      (after) => t('edit.status_set', { status: valueLabel('record.status', after.status) }),
    );
  const renew = () => {
    const typed = paid.trim();
    const amount = typed ? parseMoney(typed) : undefined;
    if (typed && amount === undefined) return ctx.refuse('memberships', paidField, t('record.gift.amount_invalid'));
    // The end date seen here goes along: a second click of a double click renews nothing more.
    const input = { id: m.id, from_end_date: m.end_date, ...(amount !== undefined ? { payment: { amount } } : {}) };
    void ctx.undoable(
      'memberships',
      () => change('renewMembership', input),
      (after) => t('edit.renewed', { date: day(after.end_date) }),
      () => setPaid(''),
    );
  };
  return (
    <li data-testid="membership" data-id={m.id}>
      <div class="row-main">
        <span class="name">{m.level || t('record.membership.no_level')}</span>
        <span class={member ? 'badge member' : 'badge'} data-testid="membership-item-status">
          {valueLabel('record.status', m.status)}
        </span>
      </div>
      <div class="muted small">{dates}</div>
      {terms && <div class="muted small">{terms}</div>}
      {ctx.editable && (
        <div class="inline-controls">
          <select
            aria-label={t('record.membership.status_override')}
            data-testid="membership-status-override"
            data-id={m.id}
            disabled={ctx.busy !== ''}
            value={m.status_override}
            onChange={(e) => setStatus(valueOf(e) as InputOf<'setMembershipStatus'>['status_override'])}
          >
            <option value="">{t('record.membership.automatic', { status: valueLabel('record.status', m.computed_status) })}</option>
            {(ctx.options?.membership_statuses ?? []).map((s) => (
              <option key={s} value={s}>
                {valueLabel('record.status', s)}
              </option>
            ))}
          </select>
          {/* What was paid for the new term, if anything: recorded on it in the same step. */}
          <input
            type="text"
            inputMode="decimal"
            size={6}
            aria-label={t('record.membership.paid_amount')}
            placeholder={t('record.membership.paid_amount')}
            data-testid="renew-paid"
            data-id={m.id}
            aria-invalid={paidWrong ? 'true' : undefined}
            value={paid}
            onInput={(e) => setPaid(valueOf(e))}
          />
          <button type="button" data-testid="renew-membership" data-id={m.id} disabled={ctx.busy !== ''} onClick={renew}>
            {t('record.membership.renew')}
          </button>
        </div>
      )}
      <ItemButtons ctx={ctx} kind="membership" section="memberships" id={m.id} remove={() => change('deleteMembership', { id: m.id })} deleted={t('edit.membership_deleted')} />
    </li>
  );
}

function MembershipEdit({ ctx, m }: { ctx: CardContext; m: MembershipView }) {
  const typedBefore = m.amount === '' ? '' : String(m.amount);
  const frequencies = ctx.options?.frequencies ?? [];
  return (
    <EditForm
      ctx={ctx}
      kind="membership"
      section="memberships"
      id={m.id}
      start={{ level: m.level, join_date: m.join_date, start_date: m.start_date, end_date: m.end_date, amount: typedBefore, frequency: m.frequency, paid: m.paid === true }}
      fields={[
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
      ]}
      save={(values) => {
        const text = (name: string) => String(values[name] ?? '');
        const typed = text('amount').trim();
        const amount = typed === typedBefore ? m.amount : typed === '' ? '' : parseMoney(typed);
        if (amount === undefined) {
          ctx.refuse('memberships', 'amount', t('record.gift.amount_invalid'));
          return null;
        }
        const patch = {
          level: text('level'),
          start_date: text('start_date'),
          end_date: text('end_date'),
          amount,
          frequency: text('frequency'),
          ...(values.paid !== (m.paid === true) ? { paid: values.paid === true } : {}),
        };
        return () => change('editMembership', { id: m.id, patch });
      }}
    />
  );
}

function NewMembership({ ctx, form, setForm, onClose }: OpenForm<MembershipForm>) {
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (name: keyof MembershipForm) => (e: Event) => {
    const value = name === 'paid' ? checkedOf(e) : valueOf(e);
    setForm((f) => ({ ...f, [name]: value }));
  };
  const levels = [...new Set(ctx.card.memberships.map((m) => m.level).filter(Boolean))];
  const save = () =>
    void ctx.undoable(
      'memberships',
      () => change('addMembership', { membership: membershipInput(form, ctx.card.contact.id) }),
      () => t('edit.saved'),
      () => setForm(() => emptyMembershipForm()),
    );
  const field = { ctx, section: 'memberships' as const };
  return (
    <CardForm ctx={ctx} onSave={save} data-testid="membership-form">
      <Field {...field} name="level" id="membership-level" label={t('record.membership.level')}>
        {(a) => <input {...a} ref={first} name="level" list="membership-levels" autocomplete="off" value={form.level} onInput={set('level')} />}
      </Field>
      <datalist id="membership-levels">
        {levels.map((level) => (
          <option key={level} value={level} />
        ))}
      </datalist>
      <div class="field-row">
        <Field {...field} name="start_date" id="membership-start" label={t('record.membership.start')}>
          {(a) => <input {...a} name="start_date" type="date" value={form.start_date} onInput={set('start_date')} />}
        </Field>
        <Field {...field} name="end_date" id="membership-end" label={t('record.membership.end')}>
          {(a) => <input {...a} name="end_date" type="date" value={form.end_date} onInput={set('end_date')} />}
        </Field>
      </div>
      <div class="field-row">
        <Field {...field} name="amount" id="membership-amount" label={t('record.membership.amount')}>
          {(a) => <input {...a} name="amount" type="text" inputMode="decimal" autocomplete="off" value={form.amount} onInput={set('amount')} />}
        </Field>
        <Field {...field} name="frequency" id="membership-frequency" label={t('record.membership.frequency')}>
          {(a) => (
            <select {...a} name="frequency" value={form.frequency} onChange={set('frequency')}>
              <option value="">—</option>
              {(ctx.options?.frequencies ?? []).map((f) => (
                <option key={f} value={f}>
                  {valueLabel('record.frequency', f)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label class="check">
        <input type="checkbox" name="paid" checked={form.paid} onChange={set('paid')} /> {t('record.membership.paid')}
      </label>
      <SaveOrCancel ctx={ctx} section="memberships" save="save-membership" cancel="cancel-membership" onCancel={onClose} />
    </CardForm>
  );
}
