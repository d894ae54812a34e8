import type { PreparedPerson } from './prepare';

/** Blocking: which contacts are worth comparing at all. Two records are candidates when they share a
 *  key; a duplicate that agrees on anything useful shares at least one, while the billions of pairs that
 *  share none are never looked at. Each key comes with a sort text, used when a block is too large to
 *  compare whole (sorted neighbourhood: only records near each other in that order are compared). */

export interface BlockKey {
  key: string;
  sort: string;
}

function initial(text: string): string {
  return text.charAt(0);
}

/** The blocking keys of one contact, without repeats. */
export function blockingKeys(p: PreparedPerson): BlockKey[] {
  const keys: BlockKey[] = [];
  const seen = new Set<string>();
  const add = (key: string, sort: string) => {
    if (!seen.has(key)) {
      seen.add(key);
      keys.push({ key, sort });
    }
  };
  const first = p.first.words[0] ?? '';
  const last = p.last.words[0] ?? '';
  const straight = `${p.last.joined} ${p.first.joined}`;
  const swapped = `${p.first.joined} ${p.last.joined}`;
  const byName = p.organisation ? p.orgName.joined : straight;

  for (const email of p.emails) add(`e:${email}`, byName);
  for (const phone of p.phones) add(`p:${phone}`, byName);
  if (p.organisation) {
    if (p.orgName.joined !== '') add(`o:${p.orgName.joined.slice(0, 6)}|${p.postal}`, p.orgName.joined);
    return keys;
  }
  // A given name's initial and the start of the family name, both ways round: survives typos after the
  // fourth letter, nicknames (the canonical initial), a second surname dropped, and swapped boxes.
  if (first !== '' && last !== '') {
    add(`n:${initial(first)}${last.slice(0, 4)}`, straight);
    add(`n:${initial(last)}${first.slice(0, 4)}`, swapped);
  }
  // Family name and postcode (and given name and postcode): survives a typo anywhere in the other name.
  if (p.postal !== '') {
    if (last !== '') add(`z:${last}|${p.postal}`, straight);
    if (first !== '') add(`z:${first}|${p.postal}`, swapped);
    // Both initials and the postcode: survives a typo in each name, and the swap (initials sorted).
    if (first !== '' && last !== '') add(`i:${[initial(first), initial(last)].sort().join('')}|${p.postal}`, straight);
  }
  if (p.birthday !== '') {
    if (last !== '') add(`b:${p.birthday}|${initial(last)}`, straight);
    if (first !== '') add(`b:${p.birthday}|${initial(first)}`, swapped);
  }
  return keys;
}
