/** Any website form (a WordPress plugin, a static page's <form>, Google Forms through a few lines of
 *  script): its fields are named as people name columns, so they are read by the import's header names
 *  in four languages ('Prénom', 'E-mail', 'Montant du don', 'Newsletter'…). A ticked newsletter box is
 *  consent, kept with its source and time; an amount is a gift. */
import { mapHeaders } from '../import/headers';
import { readAmount, readBoolean, readCurrency, readDate } from '../import/values';
import { splitFullName } from '../import/full-names';
import { emailOf, IntakeGift, IntakePerson, IntakeProblem, IntakeRequest, textOf } from './delivery';
import { fingerprint } from './token';

/** Fields that name the submission itself (what form tools call it), not the person. */
const SUBMISSION_IDS = ['submission_id', 'entry_id', 'response_id', 'form_entry_id', 'id'];
/** Person fields a form may fill. */
const PERSON_FIELDS = ['first_name', 'last_name', 'organisation_name', 'phone', 'street', 'postal_code', 'city', 'country', 'birthday', 'language'] as const;

export function formId(fields: Record<string, unknown>): string {
  for (const name of SUBMISSION_IDS) if (textOf(fields[name])) return textOf(fields[name]);
  const sorted = Object.keys(fields)
    .sort()
    .map((k) => [k, textOf(fields[k])]);
  return `sha:${fingerprint(JSON.stringify(sorted))}`;
}

export function readWebForm(fields: Record<string, unknown>, crmCurrency: string): IntakeRequest {
  const names = Object.keys(fields).filter((n) => !SUBMISSION_IDS.includes(n) && typeof fields[n] !== 'object');
  const value: Record<string, string> = {};
  for (const m of mapHeaders(names)) if (m.target !== 'custom' && m.target !== 'ignore' && textOf(fields[m.header])) value[m.target] = textOf(fields[m.header]);
  const person: IntakePerson = { email: emailOf(value.email, 'email') };
  for (const f of PERSON_FIELDS) if (value[f]) person[f] = value[f];
  if (value.full_name && !person.first_name && !person.last_name) Object.assign(person, splitFullName(value.full_name));
  if (person.birthday) person.birthday = readDate(person.birthday, 'dmy') ?? '';
  const gifts: IntakeGift[] = [];
  if (value['donation.amount']) {
    const amount = readAmount(value['donation.amount']);
    if (amount === null || amount < 0) throw new IntakeProblem('intake.bad_amount', { field: 'donation.amount', value: value['donation.amount'] });
    const currency = (textOf(fields.currency) || readCurrency(value['donation.amount']) || crmCurrency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw new IntakeProblem('intake.bad_currency', { field: 'currency', value: currency });
    const date = value['donation.date'] ? readDate(value['donation.date'], 'dmy') : '';
    if (date === null) throw new IntakeProblem('intake.bad_date', { field: 'donation.date', value: value['donation.date'] });
    if (amount > 0) {
      gifts.push({
        key: `form:${formId(fields)}`,
        amount,
        currency,
        date: date ?? '',
        method: value['donation.method'] ?? '',
        fund: value['donation.fund'] ?? '',
        campaign: value['donation.campaign'] ?? '',
        note: value['interaction.note'] ?? '',
      });
    }
  }
  const formName = textOf(fields.form_name) || textOf(fields.form);
  return {
    person,
    gifts,
    memberships: [],
    refunds: [],
    newsletter: readBoolean(value.newsletter_flag ?? '') === true,
    subject: (formName ? `Form: ${formName}` : 'Website form') + (value['interaction.note'] ? ` — ${value['interaction.note'].slice(0, 120)}` : ''),
  };
}
