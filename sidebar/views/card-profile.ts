/** Profile: the contact's details, read-only; editors click Edit to change them. Only the fields that
 *  changed are sent, and a refusal (which names the field) shows next to the form, keeping what was typed. */
import type { ContactCard } from '../../src/services/views';
import { h } from '../dom';
import { day, hasMessage, LANGUAGE_CODES, LANGUAGE_NAMES, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { change } from '../server';
import { CardContext, field, fieldNote, refuseField, saveButton, section, sectionError, text } from './card-context';

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

export interface ProfileForm {
  editing: boolean;
  values: Record<ProfileField, string>;
}

export function emptyProfileForm(): ProfileForm {
  return { editing: false, values: Object.fromEntries(PROFILE_FIELDS.map((f) => [f, ''])) as Record<ProfileField, string> };
}

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

const INPUTS: Partial<Record<ProfileField, { type: string; inputmode?: string; autocomplete?: string }>> = {
  email: { type: 'email', inputmode: 'email' },
  owner: { type: 'email', inputmode: 'email' },
  phone: { type: 'tel', inputmode: 'tel' },
  mobile: { type: 'tel', inputmode: 'tel' },
  birthday: { type: 'date' },
};

export function profileSection(ctx: CardContext): HTMLElement {
  const { card, state } = ctx;
  const form = state.profile;
  const edit =
    ctx.editable &&
    !form.editing &&
    h(
      'button',
      {
        type: 'button',
        class: 'link-button',
        'data-testid': 'edit-profile',
        onclick: () => {
          form.editing = true;
          form.values = profileValues(card.contact);
          delete state.errors.profile;
          state.fieldError = null;
          ctx.repaint();
          document.querySelector<HTMLInputElement>('[data-testid="profile-form"] input')?.focus();
        },
      },
      t('record.profile.edit'),
    );
  return section('profile', t('record.profile.title'), edit, form.editing && ctx.editable ? profileForm(ctx) : profileDetails(card));
}

/** The digits and '+' of a number as written ('06 12 34 56 78' → '0612345678'), for tel: and sms:. */
const dialled = (value: string) => value.replace(/[^\d+]/g, '');

function profileDetails(card: ContactCard): HTMLElement {
  const rows = profileFields(text(card.contact.kind))
    .filter((f) => text(card.contact[f]) !== '')
    .map((f) => {
      const value = text(card.contact[f]);
      let shown: Node | string = value;
      if (f === 'birthday') shown = day(value);
      else if (f === 'email') shown = h('a', { href: `mailto:${value}`, title: value }, value);
      else if (f === 'phone') shown = h('a', { href: `tel:${dialled(value)}`, title: value, 'data-testid': 'call-link' }, value);
      else if (f === 'mobile')
        // A mobile is called or texted: both a tap away on a phone.
        shown = h(
          'span',
          { class: 'dial' },
          h('a', { href: `tel:${dialled(value)}`, title: value, 'data-testid': 'call-link' }, value),
          ' ',
          h('a', { href: `sms:${dialled(value)}`, class: 'small-link', 'data-testid': 'sms-link' }, t('record.profile.text')),
        );
      else if (f === 'language') shown = LANGUAGE_NAMES[value as keyof typeof LANGUAGE_NAMES] ?? value;
      return [h('dt', null, fieldLabel(f)), h('dd', { 'data-field': f }, shown)];
    });
  return rows.length ? h('dl', { class: 'details', 'data-testid': 'profile-details' }, rows) : h('p', { class: 'muted' }, t('record.profile.empty'));
}

function profileForm(ctx: CardContext): HTMLElement {
  const { card, state } = ctx;
  const form = state.profile;
  const fields = profileFields(text(card.contact.kind));

  const control = (f: ProfileField): HTMLElement => {
    const oninput = (e: Event) => {
      form.values[f] = (e.target as HTMLInputElement).value;
    };
    if (f === 'language') {
      const codes: string[] = [...LANGUAGE_CODES];
      if (form.values.language && !codes.includes(form.values.language)) codes.push(form.values.language);
      return h(
        'select',
        { name: f, onchange: oninput },
        h('option', { value: '', selected: !form.values.language }, '—'),
        codes.map((code) => h('option', { value: code, selected: code === form.values.language }, LANGUAGE_NAMES[code as keyof typeof LANGUAGE_NAMES] ?? code)),
      );
    }
    const kind = INPUTS[f] ?? { type: 'text' };
    return h('input', { name: f, type: kind.type, inputmode: kind.inputmode, autocomplete: 'off', spellcheck: 'false', value: form.values[f], oninput });
  };

  const save = (): void => {
    const patch = profilePatch(card.contact, form.values);
    const wrong = emailProblem(patch);
    if (wrong) return refuseField(ctx, 'profile', wrong, t('record.profile.problem', { field: fieldLabel(wrong), problem: t('problem.email', { value: patch[wrong]! }) }));
    if (!Object.keys(patch).length) {
      form.editing = false;
      ctx.repaint();
      return;
    }
    void ctx.undoable(
      'profile',
      () => change('updateContact', { id: card.contact.id, patch }),
      () => t('edit.saved'),
      () => {
        form.editing = false;
      },
    );
  };

  return h(
    'form',
    {
      class: 'card-form',
      novalidate: true,
      'data-testid': 'profile-form',
      onsubmit: (e) => {
        e.preventDefault();
        if (!state.busy) save();
      },
      onkeydown: (e) => {
        if ((e as KeyboardEvent).key === 'Escape') cancel(ctx);
      },
    },
    fields.map((f) => {
      const input = control(f);
      return field(`profile-${f}`, fieldLabel(f), input, fieldNote(ctx, 'profile', f, input));
    }),
    sectionError(ctx, 'profile'),
    h(
      'div',
      { class: 'buttons' },
      saveButton(ctx, 'profile', { 'data-testid': 'save-profile' }, state.busy === 'profile' ? t('common.saving') : t('contact.save'), save, 'submit'),
      h('button', { type: 'button', 'data-testid': 'cancel-profile', onclick: () => cancel(ctx) }, t('contact.cancel')),
    ),
  );
}

function cancel(ctx: CardContext): void {
  ctx.state.profile = emptyProfileForm();
  delete ctx.state.errors.profile;
  ctx.repaint();
}

/** Whether the profile form holds changes not saved yet. */
export function profileUnsaved(card: ContactCard | null, form: ProfileForm): boolean {
  return !!card && form.editing && Object.keys(profilePatch(card.contact, form.values)).length > 0;
}
