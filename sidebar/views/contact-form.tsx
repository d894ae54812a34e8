/** The New contact form: a person (first and last name) or an organisation (its name), with email,
 *  phone and city. The server checks the values and names the field when one is wrong: it is said under
 *  that field. A Preact component (see sidebar/components). */
import { useEffect, useRef } from 'preact/hooks';
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

/** Whether the form shows `field` for the kind chosen (a refusal about it is said under it). */
export function formShows(values: NewContact, field: string): boolean {
  return ([...(values.kind === 'organisation' ? ORGANISATION_FIELDS : PERSON_FIELDS), ...SHARED_FIELDS] as string[]).includes(field);
}

const INPUT_TYPES: Record<TextField, { type: string; inputMode?: 'email' | 'tel' }> = {
  first_name: { type: 'text' },
  last_name: { type: 'text' },
  organisation_name: { type: 'text' },
  email: { type: 'email', inputMode: 'email' },
  phone: { type: 'tel', inputMode: 'tel' },
  city: { type: 'text' },
};

interface FormProps {
  values: NewContact;
  /** What changed (merged by the owner into what it keeps: two fields filled at once, by a browser's
   *  autofill, both stay). */
  onChange(change: Partial<NewContact>): void;
  saving: boolean;
  /** What the server said is wrong with one field, said under it (the focus goes there). */
  problem: { field: string; message: string } | null;
  onSave(): void;
  onCancel(): void;
}

/** The form over `values`, which its owner keeps (so that drawing it again, in another language or
 *  after a failed save, loses nothing). It takes the focus when it opens. */
export function ContactForm({ values, onChange, saving, problem, onSave, onCancel }: FormProps) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>(values.kind === 'person' ? '#new-contact-first_name' : '#new-contact-organisation_name')?.focus();
  }, []);
  useEffect(() => {
    if (problem) form.current?.querySelector<HTMLElement>(`#new-contact-${problem.field}`)?.focus();
  }, [problem]);

  const field = (name: TextField) => {
    const id = `new-contact-${name}`;
    const wrong = problem?.field === name;
    return (
      <div class="field" key={name}>
        <label for={id}>{t(`contact.${name}` as MessageKey)}</label>
        <input
          id={id}
          name={name}
          type={INPUT_TYPES[name].type}
          inputMode={INPUT_TYPES[name].inputMode}
          autocomplete="off"
          spellcheck={false}
          value={values[name]}
          data-testid={`form-${name.replace(/_/g, '-')}`}
          aria-invalid={wrong ? 'true' : undefined}
          aria-describedby={wrong ? 'new-contact-problem' : undefined}
          onInput={(e) => onChange({ [name]: (e.target as HTMLInputElement).value })}
        />
        {wrong && (
          <p class="field-error" id="new-contact-problem" role="alert" data-testid="field-error" data-field={name}>
            {problem.message}
          </p>
        )}
      </div>
    );
  };

  return (
    <form
      ref={form}
      class="contact-form"
      noValidate
      aria-label={t('contacts.new')}
      data-testid="contact-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!saving) onSave();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h2>{t('contacts.new')}</h2>
      <div class="field">
        <label for="new-contact-kind">{t('contact.kind')}</label>
        <select
          id="new-contact-kind"
          name="kind"
          data-testid="form-kind"
          value={values.kind}
          onChange={(e) => onChange({ kind: (e.target as HTMLSelectElement).value === 'organisation' ? 'organisation' : 'person' })}
        >
          {(['person', 'organisation'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`contact.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field-row" hidden={values.kind !== 'person'}>
        {PERSON_FIELDS.map(field)}
      </div>
      <div hidden={values.kind !== 'organisation'}>{ORGANISATION_FIELDS.map(field)}</div>
      {SHARED_FIELDS.map(field)}
      <div class="field checkbox">
        <input id="new-contact-consent" type="checkbox" checked={values.consent} data-testid="form-consent" onChange={(e) => onChange({ consent: (e.target as HTMLInputElement).checked })} />
        <label for="new-contact-consent">{t('contact.consent_in_person')}</label>
      </div>
      <div class="buttons">
        <button type="submit" class="action" data-testid="save" disabled={saving} aria-busy={saving}>
          {saving ? t('common.saving') : t('contact.save')}
        </button>
        <button type="button" data-testid="cancel" onClick={onCancel}>
          {t('contact.cancel')}
        </button>
      </div>
    </form>
  );
}
