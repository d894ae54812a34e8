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

/** What one run has worked out already. `parts`: the name parts, one object per spelling, so that
 *  their agreements are worked out once. `typed`: each name, city and phone number by the text as typed,
 *  so that it is folded, split or parsed once: a base holds the same given names, family names and
 *  cities thousands of times, and a duplicate repeats its original's phone (parsing one is most of a
 *  contact's preparation). */
export interface Parts {
  parts: Map<string, NamePart>;
  typed: Map<string, NamePart | string>;
}

export function newParts(): Parts {
  return { parts: new Map(), typed: new Map() };
}

/** `work(text)`, or what it gave the last time for this `kind` of text in the run. */
function once<T extends NamePart | string>(run: Parts | undefined, kind: string, text: unknown, work: (text: string) => T): T {
  const typed = String(text ?? '');
  if (!run) return work(typed);
  const key = kind + typed;
  let known = run.typed.get(key) as T | undefined;
  if (known === undefined) run.typed.set(key, (known = work(typed)));
  return known;
}

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

function part(normal: string, canon: string, run?: Parts): NamePart {
  if (normal === '') return EMPTY_PART;
  const key = canon === normal ? normal : `${normal}\u0000${canon}`;
  const known = run?.parts.get(key);
  if (known) return known;
  const words = nameWords(canon);
  const made = { normal, canon, words, joined: words.join('') };
  run?.parts.set(key, made);
  return made;
}

/** A given name (or a family name: 'Rodríguez', 'Paco' typed in the wrong box), nicknames resolved. */
function personName(text: string, run?: Parts): NamePart {
  const normal = normaliseName(text);
  return part(normal, normal === '' ? '' : canonicalFirstName(normal), run);
}

function distinct(values: string[]): string[] {
  const kept = values.filter((v) => v !== '');
  return kept.length === 2 && kept[0] === kept[1] ? [kept[0]] : kept;
}

/** The forms the engine compares, from one contact. */
export function preparePerson(p: PersonRecord, index: number, options: NormaliseOptions, run?: Parts): PreparedPerson {
  const name = (text: string) => personName(text, run);
  const phone = (text: string) => phoneKey(text, options.defaultCountry);
  return {
    index,
    id: String(p.id),
    organisation: fold(String(p.kind ?? '').trim()).startsWith('org'),
    first: once(run, 'n', p.first_name, name),
    // Canonical too, for a nickname typed in the family-name box ('Rodríguez', 'Paco').
    last: once(run, 'n', p.last_name, name),
    orgName: once(run, 'o', p.organisation_name, (text) => {
      const org = normaliseName(text);
      return part(org, org, run);
    }),
    emails: distinct([normaliseEmail(p.email, options), normaliseEmail(p.email_2, options)]),
    phones: distinct([once(run, 'p', p.phone, phone), once(run, 'p', p.mobile, phone)]),
    postal: normalisePostalCode(p.postal_code),
    city: once(run, 'c', p.city, normaliseName),
    birthday: normaliseBirthday(p.birthday),
  };
}
