/** Profile: the contact's details, read-only; editors click Edit to change them. Only the fields that
 *  changed are sent, and a refusal (which names the field) shows next to the form, keeping what was typed. */
import { useEffect, useRef } from 'preact/hooks';
import type { ContactCard } from '../../src/services/views';
import { day, hasMessage, LANGUAGE_CODES, LANGUAGE_NAMES, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { change } from '../server';
import { CardContext, CardSection, Field, SaveOrCancel, SectionError, text, useSectionForm, valueOf } from './card-context';

export const PROFILE_FIELDS = [
  'first_name',
  'last_name',
  'organisation_name',
  'job_title',
  'email',
  'phone',
  'mobile',
  'street',
  'postal_code',
  'city',
  'country',
  'birthday',
  'language',
  'owner',
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];

const PERSON_ONLY: ReadonlySet<ProfileField> = new Set(['first_name', 'last_name', 'job_title', 'birthday']);
const EMAIL_FIELDS: ProfileField[] = ['email', 'owner'];

/** The fields a contact of this kind has. */
export function profileFields(kind: string): ProfileField[] {
  return PROFILE_FIELDS.filter((f) => kind !== 'organisation' || !PERSON_ONLY.has(f));
}

/** The form's starting values: the contact's, as text. */
export function profileValues(contact: Record<string, unknown>): Record<ProfileField, string> {
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f, text(contact[f])])) as Record<ProfileField, string>;
}

/** What `updateContact` gets: the fields of this kind whose trimmed value differs from the contact's. */
export function profilePatch(contact: Record<string, unknown>, values: Partial<Record<ProfileField, string>>): Partial<Record<ProfileField, string>> {
  const patch: Partial<Record<ProfileField, string>> = {};
  for (const f of profileFields(text(contact.kind))) {
    if (values[f] === undefined) continue;
    const value = values[f]!.trim();
    if (value !== text(contact[f]).trim()) patch[f] = value;
  }
  return patch;
}

/** A simple check, so that an obvious typo is caught before the round trip (the server checks too). */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value.trim());
}

/** The first email field of the patch that cannot be an email address, if any. */
export function emailProblem(patch: Partial<Record<ProfileField, string>>): ProfileField | null {
  return EMAIL_FIELDS.find((f) => patch[f] !== undefined && patch[f] !== '' && !looksLikeEmail(patch[f]!)) ?? null;
}

export function fieldLabel(name: string): string {
  const key = hasMessage(`contact.${name}`) ? `contact.${name}` : `record.field.${name}`;
  return hasMessage(key) ? t(key as MessageKey) : name;
}

const INPUTS: Partial<Record<ProfileField, { type: string; inputMode?: 'email' | 'tel' }>> = {
  email: { type: 'email', inputMode: 'email' },
  owner: { type: 'email', inputMode: 'email' },
  phone: { type: 'tel', inputMode: 'tel' },
  mobile: { type: 'tel', inputMode: 'tel' },
  birthday: { type: 'date' },
};

/** Whether the profile form (null when closed) holds changes not saved yet. */
export function profileUnsaved(card: ContactCard, values: Record<ProfileField, string> | null): boolean {
  return values !== null && Object.keys(profilePatch(card.contact, values)).length > 0;
}

export function ProfileSection({ ctx }: { ctx: CardContext }) {
  const { card } = ctx;
  /** What the form holds, as typed; null while it is closed. */
  const {
    form: values,
    setForm: setValues,
    open,
    close,
  } = useSectionForm<Record<ProfileField, string> | null>(
    ctx,
    'profile',
    () => null,
    (typed) => profileUnsaved(card, typed),
    'edit-profile',
  );
  const editing = values !== null && ctx.editable;
  return (
    <CardSection testid="profile" title={t('record.profile.title')}>
      {ctx.editable && !editing && (
        <button type="button" class="link-button" data-testid="edit-profile" onClick={() => open(profileValues(card.contact))}>
          {t('record.profile.edit')}
        </button>
      )}
      {editing ? <ProfileForm ctx={ctx} values={values} setValues={setValues} onClose={close} /> : <ProfileDetails card={card} />}
      {!editing && <SectionError ctx={ctx} name="profile" />}
    </CardSection>
  );
}

/** The digits and '+' of a number as written ('06 12 34 56 78' → '0612345678'), for tel: and sms:. */
const dialled = (value: string) => value.replace(/[^\d+]/g, '');

function Shown({ field, value }: { field: ProfileField; value: string }) {
  if (field === 'birthday') return <>{day(value)}</>;
  if (field === 'email')
    return (
      <a href={`mailto:${value}`} title={value}>
        {value}
      </a>
    );
  const call = (
    <a href={`tel:${dialled(value)}`} title={value} data-testid="call-link">
      {value}
    </a>
  );
  if (field === 'phone') return call;
  if (field === 'mobile')
    // A mobile is called or texted: both a tap away on a phone.
    return (
      <span class="dial">
        {call}{' '}
        <a href={`sms:${dialled(value)}`} class="small-link" data-testid="sms-link">
          {t('record.profile.text')}
        </a>
      </span>
    );
  if (field === 'language') return <>{LANGUAGE_NAMES[value as keyof typeof LANGUAGE_NAMES] ?? value}</>;
  return <>{value}</>;
}

function ProfileDetails({ card }: { card: ContactCard }) {
  const fields = profileFields(text(card.contact.kind)).filter((f) => text(card.contact[f]) !== '');
  if (!fields.length) return <p class="muted">{t('record.profile.empty')}</p>;
  return (
    <dl class="details" data-testid="profile-details">
      {fields.map((f) => [
        <dt key={`${f}-label`}>{fieldLabel(f)}</dt>,
        <dd key={f} data-field={f}>
          <Shown field={f} value={text(card.contact[f])} />
        </dd>,
      ])}
    </dl>
  );
}

interface FormProps {
  ctx: CardContext;
  values: Record<ProfileField, string>;
  setValues(change: (values: Record<ProfileField, string> | null) => Record<ProfileField, string> | null): void;
  onClose(): void;
}

function ProfileForm({ ctx, values, setValues, onClose }: FormProps) {
  const { card } = ctx;
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector<HTMLElement>('input')?.focus(), []);
  const fields = profileFields(text(card.contact.kind));
  const set = (f: ProfileField) => (e: Event) => {
    const value = valueOf(e);
    setValues((now) => (now ? { ...now, [f]: value } : now));
  };
  const control = (f: ProfileField, attrs: { id: string }) => {
    if (f === 'language') {
      const codes: string[] = [...LANGUAGE_CODES];
      if (values.language && !codes.includes(values.language)) codes.push(values.language);
      return (
        <select {...attrs} name={f} value={values.language} onChange={set(f)}>
          <option value="">—</option>
          {codes.map((code) => (
            <option key={code} value={code}>
              {LANGUAGE_NAMES[code as keyof typeof LANGUAGE_NAMES] ?? code}
            </option>
          ))}
        </select>
      );
    }
    const kind = INPUTS[f] ?? { type: 'text' };
    return <input {...attrs} name={f} type={kind.type} inputMode={kind.inputMode} autocomplete="off" spellcheck={false} value={values[f]} onInput={set(f)} />;
  };
  const save = (): void => {
    const patch = profilePatch(card.contact, values);
    const wrong = emailProblem(patch);
    if (wrong) return ctx.refuse('profile', wrong, t('record.profile.problem', { field: fieldLabel(wrong), problem: t('problem.email', { value: patch[wrong]! }) }));
    if (!Object.keys(patch).length) return onClose();
    void ctx.undoable(
      'profile',
      () => change('updateContact', { id: card.contact.id, patch }),
      () => t('edit.saved'),
      () => setValues(() => null),
    );
  };
  return (
    <form
      ref={form}
      class="card-form"
      noValidate
      data-testid="profile-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ctx.busy) save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      {fields.map((f) => (
        <Field key={f} ctx={ctx} section="profile" name={f} id={`profile-${f}`} label={fieldLabel(f)}>
          {(attrs) => control(f, attrs)}
        </Field>
      ))}
      <SectionError ctx={ctx} name="profile" fields={fields} />
      <SaveOrCancel ctx={ctx} section="profile" save="save-profile" cancel="cancel-profile" onCancel={onClose} />
    </form>
  );
}
