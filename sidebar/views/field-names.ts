/** Words for the names of the data: a Contacts column ('postal_code' → 'Postal code'), an import target
 *  ('donation.amount' → 'Gift: amount'), a field the de-duplication compares ('name' → 'Name'). A name
 *  we have no words for (a custom column) shows as it is. */
import { hasMessage, t } from '../i18n';
import type { MessageKey } from '../i18n';

/** A contact's field in words: the card's own words when it has them. */
export function fieldName(name: string): string {
  for (const key of [`contact.${name}`, `record.field.${name}`, `lists.field.${name}`]) if (hasMessage(key)) return t(key as MessageKey);
  return name;
}

/** Where an imported column goes, in words. */
export function targetName(target: string): string {
  const key = `lists.target.${target.replace(/\./g, '_')}`;
  return hasMessage(key) ? t(key as MessageKey) : fieldName(target);
}

/** A field the duplicate search compares ('organisation' is the organisation's name). */
export function comparedFieldName(field: string): string {
  return fieldName(field === 'organisation' ? 'organisation_name' : field);
}
