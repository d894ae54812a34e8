import { birthdayAgreement, cityAgreement, NAME_GUARD, nameAgreement, namePartAgreement, ORGANISATION_GUARD, postalAgreement, shared } from './compare';
import type { PreparedPerson } from './prepare';
import type { DedupeRules } from './rules';
import { BIRTHDAY, birthdayAt, cityAt, EMAIL, FIRST, KIND, LAST, ORGANISATION_NAME, PHONE, postcodeAt, shares, sharedAt, STRIDE, type Reach } from './reach';

/** The score of a pair: the weighted agreement of the fields both sides have, normalised by the weights
 *  present (so a missing field neither helps nor hurts), then halved by each guard that fails. */

/** How much a field that disagrees still counts against, as a share of its weight. People change and
 *  collect email addresses, numbers and homes, so a different email is weak evidence of another person;
 *  a different name or birthday is strong evidence (a share of 1). Set in scorePair's switch, which
 *  millions of pairs go through: a table looked up by the field's name cost seconds there. */
const CONTACT_SHARE = 0.25;
const PLACE_SHARE = 0.5;

/** Each failed guard halves the score: with the default threshold no pair that fails one is proposed,
 *  and pairs below it still sort sensibly for a lower threshold. */
export const GUARD_FACTOR = 0.5;

/** Contacts of different kinds (a person and an organisation) are never the same contact. */
const DIFFERENT_KINDS = 0;

/** Score 0..1 of a pair; when `fields` is given, each compared field's agreement is written into it. */
export function scorePair(a: PreparedPerson, b: PreparedPerson, rules: DedupeRules, fields?: Record<string, number>): number {
  if (a.organisation !== b.organisation) return DIFFERENT_KINDS;
  let first = NaN;
  let last = NaN;
  if (!a.organisation) ({ first, last } = nameAgreement(a, b));
  const organisation = namePartAgreement(a.orgName, b.orgName, false);
  return weigh(
    rules,
    a.organisation,
    shared(a.emails, b.emails),
    shared(a.phones, b.phones),
    first,
    last,
    organisation,
    postalAgreement(a.postal, b.postal),
    birthdayAgreement(a.birthday, b.birthday),
    cityAgreement(a.city, b.city),
    fields,
  );
}

/** scorePair(prepared[i], prepared[j], rules), from the run's numbers (reach.ts): two records whose
 *  values are the same numbers agree without their texts being read; only what differs is compared. */
export function scoreAt(reach: Reach, prepared: PreparedPerson[], i: number, j: number, rules: DedupeRules): number {
  const { card } = reach;
  const [x, y] = [i * STRIDE, j * STRIDE];
  if (card[x + KIND] !== card[y + KIND]) return DIFFERENT_KINDS;
  const kind = card[x + KIND] === 1;
  let first = NaN;
  let last = NaN;
  if (!kind) {
    if (card[x + FIRST] >= 0 && card[x + FIRST] === card[y + FIRST] && card[x + LAST] >= 0 && card[x + LAST] === card[y + LAST]) first = last = 1;
    else ({ first, last } = nameAgreement(prepared[i], prepared[j]));
  }
  const [ox, oy] = [card[x + ORGANISATION_NAME], card[y + ORGANISATION_NAME]];
  const organisation = ox < 0 || oy < 0 ? NaN : ox === oy ? 1 : namePartAgreement(reach.parts[ox], reach.parts[oy], false);
  return weigh(rules, kind, sharedAt(reach, EMAIL, i, j), sharedAt(reach, PHONE, i, j), first, last, organisation, postcodeAt(reach, i, j), birthdayAt(reach, i, j), cityAt(reach, i, j));
}

/** The score of a pair from its fields' agreements (each 0..1, NaN when a side is empty). */
function weigh(
  rules: DedupeRules,
  kind: boolean,
  email: number,
  phone: number,
  first: number,
  last: number,
  organisation: number,
  postal: number,
  birthday: number,
  city: number,
  fields?: Record<string, number>,
): number {
  const name = kind ? organisation : Number.isNaN(first) ? last : Number.isNaN(last) ? first : (first + last) / 2;
  let agreed = 0;
  let counted = 0;
  for (const { field, weight } of rules.fields) {
    let value: number;
    let share = 1;
    switch (field) {
      case 'email':
        value = email;
        share = CONTACT_SHARE;
        break;
      case 'phone':
        value = phone;
        share = CONTACT_SHARE;
        break;
      case 'name':
        value = name;
        break;
      case 'first_name':
        value = first;
        break;
      case 'last_name':
        value = last;
        break;
      case 'postal_code':
        value = postal;
        share = PLACE_SHARE;
        break;
      case 'organisation':
        value = organisation;
        share = PLACE_SHARE;
        break;
      case 'birthday':
        value = birthday;
        break;
      case 'city':
        value = city;
        share = PLACE_SHARE;
        break;
      default:
        value = NaN;
    }
    if (Number.isNaN(value)) continue;
    if (fields) fields[field] = Math.round(value * 1000) / 1000;
    agreed += weight * value;
    counted += weight * (value + (1 - value) * share);
  }
  if (counted === 0) return 0;
  let score = agreed / counted;

  // Guards: evidence that two contacts are two people outweighs any number of shared details.
  if (kind) {
    if (!(organisation >= ORGANISATION_GUARD)) score *= GUARD_FACTOR;
  } else {
    if (first < NAME_GUARD) score *= GUARD_FACTOR;
    if (last < NAME_GUARD) score *= GUARD_FACTOR;
    if (Number.isNaN(first) && Number.isNaN(last)) score *= GUARD_FACTOR;
  }
  if (birthday === 0) score *= GUARD_FACTOR;
  if (!corroborates(kind, email, phone, birthday, postal, city)) score *= GUARD_FACTOR;
  return score;
}

/** A shared name is not enough: namesakes are common, so something only this person has must agree (an
 *  email, a phone, the birthday, the postcode; an organisation's city). */
function corroborates(organisation: boolean, email: number, phone: number, birthday: number, postal: number, city: number): boolean {
  return email === 1 || phone === 1 || birthday === 1 || postal >= 0.9 || (organisation && city >= 0.9);
}

/** False when the pair cannot reach `threshold`: a score is at most 1 (the agreed weights over the
 *  counted ones), and a pair of two kinds, or one nothing corroborates, scores at most GUARD_FACTOR.
 *  Looks only at the cheap fields, so that the name comparisons are spared most of the pairs a name
 *  block brings (namesakes). */
export function mayReach(a: PreparedPerson, b: PreparedPerson, threshold: number): boolean {
  if (threshold <= GUARD_FACTOR) return true;
  if (a.organisation !== b.organisation) return false;
  const city = a.organisation ? cityAgreement(a.city, b.city) : NaN;
  return corroborates(a.organisation, shared(a.emails, b.emails), shared(a.phones, b.phones), birthdayAgreement(a.birthday, b.birthday), postalAgreement(a.postal, b.postal), city);
}

/** mayReach(prepared[i], prepared[j], threshold), from the run's numbers (reach.ts). */
export function mayReachAt(reach: Reach, i: number, j: number, threshold: number): boolean {
  if (threshold <= GUARD_FACTOR) return true;
  const { card } = reach;
  const organisation = card[i * STRIDE + KIND];
  if (organisation !== card[j * STRIDE + KIND]) return false;
  if (shares(card, EMAIL, i, j) || shares(card, PHONE, i, j)) return true;
  const birthday = card[i * STRIDE + BIRTHDAY];
  if (birthday >= 0 && birthday === card[j * STRIDE + BIRTHDAY]) return true;
  if (postcodeAt(reach, i, j) >= 0.9) return true;
  return organisation === 1 && cityAt(reach, i, j) >= 0.9;
}
