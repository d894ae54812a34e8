/** The engine reads a handful of Contacts columns and nothing else, so that services can hand it plain
 *  rows from the sheet, an import file or a test generator alike. */

/** What the engine looks at, from a Contacts row. */
export interface PersonRecord {
  id: string;
  kind: string;
  first_name: string;
  last_name: string;
  organisation_name: string;
  email: string;
  email_2: string;
  phone: string;
  mobile: string;
  postal_code: string;
  city: string;
  birthday: string;
}

export const PERSON_FIELDS = ['id', 'kind', 'first_name', 'last_name', 'organisation_name', 'email', 'email_2', 'phone', 'mobile', 'postal_code', 'city', 'birthday'] as const;

/** A Contacts row (or an imported row) as the engine wants it: every field a string, blanks as ''. Cells
 *  come back from sheets as numbers or booleans (a postcode typed as 1000), so everything is coerced. */
export function personRecord(row: Partial<Record<keyof PersonRecord, unknown>>): PersonRecord {
  const record = {} as PersonRecord;
  for (const field of PERSON_FIELDS) {
    const value = row[field];
    record[field] = value === null || value === undefined ? '' : String(value);
  }
  return record;
}

/** The same from values in PERSON_FIELDS' order (a row the database read). */
export function personFromValues(values: readonly unknown[]): PersonRecord {
  const record = {} as PersonRecord;
  PERSON_FIELDS.forEach((field, k) => (record[field] = values[k] === null || values[k] === undefined ? '' : String(values[k])));
  return record;
}

/** Contacts as a database gave them, in one text: `rows` rows in PERSON_FIELDS' order, each field
 *  followed by ASCII's unit separator and each row by its record separator (`json` false), or a JSON
 *  array of rows. A text crosses to another thread in a copy of its bytes, where a million rows'
 *  twelve million strings took seconds to copy one by one. */
export interface PeopleText {
  text: string;
  rows: number;
  json: boolean;
}

const FIELD_SEPARATOR = '\x1f';
const RECORD_SEPARATOR = '\x1e';

/** The contacts of a text, or undefined when a separated text cannot be read: a field held a
 *  separator (pasted control characters), so there are more records than rows, or more fields than
 *  PERSON_FIELDS (a separator can only add one, never take one away). */
export function peopleOfText({ text, rows, json }: PeopleText): PersonRecord[] | undefined {
  if (json) return (JSON.parse(text) as unknown[][]).map(personFromValues);
  const records = rows === 0 ? [] : text.split(RECORD_SEPARATOR);
  if (records.length !== rows) return undefined;
  const people: PersonRecord[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const values = records[r].split(FIELD_SEPARATOR);
    if (values.length !== PERSON_FIELDS.length) return undefined;
    people[r] = personFromValues(values);
  }
  return people;
}
