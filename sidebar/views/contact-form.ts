/** The New contact form: a person (first and last name) or an organisation (its name), with email,
 *  phone and city. The server checks the values and names the field when one is wrong. */
import { h, show } from '../dom';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';

export type ContactKind = 'person' | 'organisation';

export interface NewContact {
  kind: ContactKind;
  first_name: string;
  last_name: string;
  organisation_name: string;
  email: string;
  phone: string;
  city: string;
  /** The person said yes to the newsletter, face to face (recorded as consent, with who and when). */
  consent: boolean;
}

type TextField = Exclude<keyof NewContact, 'kind' | 'consent'>;

const PERSON_FIELDS: TextField[] = ['first_name', 'last_name'];
const ORGANISATION_FIELDS: TextField[] = ['organisation_name'];
const SHARED_FIELDS: TextField[] = ['email', 'phone', 'city'];

export function emptyContact(): NewContact {
  return { kind: 'person', first_name: '', last_name: '', organisation_name: '', email: '', phone: '', city: '', consent: false };
}

/** What `createContact` gets: the kind and the non-empty fields that belong to it, trimmed. */
export function contactInput(values: NewContact): Partial<Omit<NewContact, 'consent'>> {
  const input: Partial<Omit<NewContact, 'consent'>> = { kind: values.kind };
  const fields = [...(values.kind === 'organisation' ? ORGANISATION_FIELDS : PERSON_FIELDS), ...SHARED_FIELDS];
  for (const field of fields) {
    const value = (values[field] ?? '').trim();
    if (value) input[field] = value;
  }
  return input;
}

export interface ContactForm {
  element: HTMLFormElement;
  setSaving(saving: boolean): void;
  focus(): void;
  /** Shows what is wrong under a field and puts the focus there; false when the form has no such field. */
  showProblem(field: string, message: string): boolean;
  clearProblem(): void;
}

const INPUT_TYPES: Record<TextField, { type: string; autocomplete?: string; inputmode?: string }> = {
  first_name: { type: 'text' },
  last_name: { type: 'text' },
  organisation_name: { type: 'text' },
  email: { type: 'email', inputmode: 'email' },
  phone: { type: 'tel', inputmode: 'tel' },
  city: { type: 'text' },
};

/** Draws the form over `values`, which it keeps up to date as the person types (so that redrawing it,
 *  e.g. in another language, or a failed save, loses nothing). */
export function contactForm(values: NewContact, handlers: { onSave(): void; onCancel(): void }): ContactForm {
  const field = (name: TextField) => {
    const id = `new-contact-${name}`;
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, t(`contact.${name}` as MessageKey)),
      h('input', {
        id,
        name,
        type: INPUT_TYPES[name].type,
        inputmode: INPUT_TYPES[name].inputmode,
        autocomplete: 'off',
        spellcheck: 'false',
        value: values[name],
        'data-testid': `form-${name.replace(/_/g, '-')}`,
        oninput: (e) => {
          values[name] = (e.target as HTMLInputElement).value;
        },
      }),
    );
  };

  const personFields = h('div', { class: 'field-row' }, PERSON_FIELDS.map(field));
  const organisationFields = h('div', null, ORGANISATION_FIELDS.map(field));
  const showKind = () => {
    show(personFields, values.kind === 'person');
    show(organisationFields, values.kind === 'organisation');
  };

  const kind = h(
    'select',
    {
      id: 'new-contact-kind',
      name: 'kind',
      'data-testid': 'form-kind',
      onchange: (e) => {
        values.kind = (e.target as HTMLSelectElement).value === 'organisation' ? 'organisation' : 'person';
        showKind();
      },
    },
    (['person', 'organisation'] as const).map((k) => h('option', { value: k, selected: values.kind === k }, t(`contact.kind.${k}`))),
  );

  const save = h('button', { type: 'submit', class: 'action', 'data-testid': 'save' }, t('contact.save'));
  const cancel = h('button', { type: 'button', 'data-testid': 'cancel', onclick: () => handlers.onCancel() }, t('contact.cancel'));

  const element = h(
    'form',
    {
      class: 'contact-form',
      novalidate: true,
      'aria-label': t('contacts.new'),
      'data-testid': 'contact-form',
      onsubmit: (e) => {
        e.preventDefault();
        if (!save.disabled) handlers.onSave();
      },
      onkeydown: (e) => {
        if ((e as KeyboardEvent).key === 'Escape') handlers.onCancel();
      },
    },
    h('h2', null, t('contacts.new')),
    h('div', { class: 'field' }, h('label', { for: 'new-contact-kind' }, t('contact.kind')), kind),
    personFields,
    organisationFields,
    SHARED_FIELDS.map(field),
    h(
      'div',
      { class: 'field checkbox' },
      h('input', {
        id: 'new-contact-consent',
        type: 'checkbox',
        checked: values.consent,
        'data-testid': 'form-consent',
        onchange: (e) => {
          values.consent = (e.target as HTMLInputElement).checked;
        },
      }),
      h('label', { for: 'new-contact-consent' }, t('contact.consent_in_person')),
    ),
    h('div', { class: 'buttons' }, save, cancel),
  );
  showKind();

  return {
    element,
    setSaving(saving) {
      save.disabled = saving;
      save.setAttribute('aria-busy', String(saving));
      save.textContent = saving ? t('common.saving') : t('contact.save');
    },
    focus() {
      const first = element.querySelector<HTMLElement>(values.kind === 'person' ? '#new-contact-first_name' : '#new-contact-organisation_name');
      (first ?? kind).focus();
    },
    showProblem(name, message) {
      this.clearProblem();
      const input = element.querySelector<HTMLInputElement>(`#new-contact-${name}`);
      if (!input || input.closest('[hidden]')) return false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'new-contact-problem');
      input.insertAdjacentElement('afterend', h('p', { class: 'field-error', id: 'new-contact-problem', role: 'alert', 'data-testid': 'field-error', 'data-field': name }, message));
      input.focus();
      return true;
    },
    clearProblem() {
      element.querySelector('#new-contact-problem')?.remove();
      for (const input of Array.from(element.querySelectorAll('[aria-invalid]'))) {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
      }
    },
  };
}
