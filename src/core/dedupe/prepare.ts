import { fold } from '../text';
import { canonicalFirstName, nameWords, normaliseBirthday, normaliseEmail, normaliseName, normalisePostalCode, phoneKey, type NormaliseOptions } from './normalise';
import type { PersonRecord } from './people';

/** A contact read once into the forms the comparisons use, so that a row compared with a hundred
 *  candidates is folded, parsed and split only once. */

/** One part of a name: as written (normalised), its canonical form (nicknames resolved for given names),
 *  its words without particles, and those words run together ('o brien' → 'obrien'). */
export interface NamePart {
  normal: string;
  canon: string;
  words: string[];
  joined: string;
  /** Agreements already worked out with other parts (as a given name, as a family name): one run
   *  shares a part between every contact of that name (`Parts`), and compares the same two names
   *  millions of times. */
  given?: Map<NamePart, number>;
  family?: Map<NamePart, number>;
}

/** The name parts of one run, one object per spelling, so that their agreements are worked out once. */
export type Parts = Map<string, NamePart>;

export interface PreparedPerson {
  index: number;
  id: string;
  organisation: boolean;
  first: NamePart;
  last: NamePart;
  orgName: NamePart;
  emails: string[];
  phones: string[];
  postal: string;
  city: string;
  birthday: string;
}

const EMPTY_PART: NamePart = { normal: '', canon: '', words: [], joined: '' };

function part(normal: string, canon: string, parts?: Parts): NamePart {
  if (normal === '') return EMPTY_PART;
  const key = canon === normal ? normal : `${normal}\u0000${canon}`;
  const known = parts?.get(key);
  if (known) return known;
  const words = nameWords(canon);
  const made = { normal, canon, words, joined: words.join('') };
  parts?.set(key, made);
  return made;
}

function distinct(values: string[]): string[] {
  const kept = values.filter((v) => v !== '');
  return kept.length === 2 && kept[0] === kept[1] ? [kept[0]] : kept;
}

/** The forms the engine compares, from one contact. */
export function preparePerson(p: PersonRecord, index: number, options: NormaliseOptions, parts?: Parts): PreparedPerson {
  const first = normaliseName(p.first_name);
  const last = normaliseName(p.last_name);
  const org = normaliseName(p.organisation_name);
  return {
    index,
    id: String(p.id),
    organisation: fold(String(p.kind ?? '').trim()).startsWith('org'),
    first: part(first, first === '' ? '' : canonicalFirstName(first), parts),
    // Canonical too, for a nickname typed in the family-name box ('Rodríguez', 'Paco').
    last: part(last, last === '' ? '' : canonicalFirstName(last), parts),
    orgName: part(org, org, parts),
    emails: distinct([normaliseEmail(p.email, options), normaliseEmail(p.email_2, options)]),
    phones: distinct([phoneKey(p.phone, options.defaultCountry), phoneKey(p.mobile, options.defaultCountry)]),
    postal: normalisePostalCode(p.postal_code),
    city: normaliseName(p.city),
    birthday: normaliseBirthday(p.birthday),
  };
}
