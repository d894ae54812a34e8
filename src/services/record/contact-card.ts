import { Contacts, Donations, Donation, INTERACTION_TYPES, DIRECTIONS, LIFECYCLE_STAGES, MEMBERSHIP_STATUSES, FREQUENCIES, Contact } from '../../core/schema/tables';
import { bestMembership, effectiveStatus, isMemberStatus } from '../../core/membership';
import { derivedStage, effectiveStage, ENGAGING_TYPES, LifecycleFacts } from '../../core/lifecycle';

import { displayName } from '../../core/text';
import { moneyTotals, type Rates } from '../../core/money';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import type { ContactCard, ContactLink, DonationSummary, RecordOptions, RelationshipView } from '../views';
import { interactionsOf } from './interactions';
import { organisationNamed } from './contacts';
import { membershipsOf, membershipView } from './memberships';
import { relationshipsOf, relationshipTypes } from './relationships';
import { allTags, tagsOf } from './tags';
import { segmentsOfContact } from '../segments/segment-members';
import { settingsOf, todayOf } from '../today';
import { giftView } from '../gifts/record-gift';

const RECENT_GIFTS = 20;
/** Relationship categories that tie a person to an organisation, shown as "its people". */
const ORGANISATION_CATEGORIES = new Set(['employment', 'board', 'organisation']);

/** Everything about one contact, for the card: each linked table is read once. */
export function getContactCard(workbook: Workbook, id: string): ContactCard {
  const contacts = workbook.table(Contacts);
  const contact = contacts.require(id);
  if (contact.deleted === true) throw new UserError('deleted', 'error.contact_deleted', { id });
  const today = todayOf(workbook);
  const settings = settingsOf(workbook);
  const rules = settings.membership;

  const memberships = membershipsOf(workbook, id).map((m) => membershipView(m, today, rules));
  memberships.sort((a, b) => (b.end_date || '9999').localeCompare(a.end_date || '9999') || b.start_date.localeCompare(a.start_date));
  const best = bestMembership(memberships, today, rules);
  const membership = best ? (memberships.find((m) => m.id === best.id) ?? null) : null;

  const gifts = workbook.table(Donations).where('contact_id', id);
  const donations = summariseDonations(gifts, settings.currency, settings.rates);
  const interactions = interactionsOf(workbook, id);
  const relationships = relationshipsOf(workbook, id);

  const facts: LifecycleFacts = {
    membershipStatuses: memberships.map((m) => m.status),
    lastDonation: donations.last?.date ?? '',
    donationCount: donations.count,
    lastEngagement: interactions.find((i) => ENGAGING_TYPES.has(i.type))?.when ?? '',
    newsletterStatus: contact.newsletter_status,
  };
  const derived = derivedStage(facts, today);

  return {
    contact: contact as ContactCard['contact'],
    name: displayName(contact),
    row: contacts.rowOf(id) ?? 0,
    member: membership ? isMemberStatus(effectiveStatus(membership, today, rules)) : false,
    membership,
    memberships,
    stage: effectiveStage(contact.lifecycle_override, derived),
    derived_stage: derived,
    donations,
    interactions,
    tags: tagsOf(workbook, id),
    relationships,
    employer: contact.kind === 'person' ? employerOf(workbook, contact, relationships) : null,
    people: contact.kind === 'organisation' ? peopleOf(workbook, relationships) : [],
    employment_offer: contact.kind === 'person' ? employmentOffer(workbook, contact, relationships) : null,
    segments: segmentsOfContact(workbook, id),
  };
}

/** Totals per currency (never added across currencies), and converted into the CRM's currency with
 *  the rates of Settings when gifts came in several (labelled as converted). */
export function summariseDonations(gifts: Donation[], currency: string, rates: Rates = new Map()): DonationSummary {
  const sorted = gifts.map(giftView).sort((a, b) => b.date.localeCompare(a.date));
  // A refunded gift stays in the list (struck through) and out of every total.
  const kept = sorted.filter((g) => !g.refunded_at);
  const { byCurrency, converted } = moneyTotals(kept, currency, rates);
  const own = byCurrency.find((line) => line.currency === currency);
  return { total: own?.total ?? 0, currency, totals: byCurrency, converted, count: kept.length, last: kept[0] ?? null, recent: sorted.slice(0, RECENT_GIFTS) };
}

function link(workbook: Workbook, id: string, label: string): ContactLink | null {
  const c = workbook.table(Contacts).get(id);
  return c && c.deleted !== true ? { id, name: displayName(c), label } : null;
}

function isEmployment(workbook: Workbook, r: RelationshipView): boolean {
  const type = relationshipTypes(workbook, false).find((t) => t.id === r.type_id);
  return !!type && type.category === 'employment' && !type.symmetric;
}

function employerOf(workbook: Workbook, contact: Contact, relationships: RelationshipView[]): ContactLink | null {
  const employment = relationships.find((r) => r.active && r.other_kind === 'organisation' && isEmployment(workbook, r));
  if (employment) return link(workbook, employment.other_id, employment.label);
  return contact.organisation_id ? link(workbook, contact.organisation_id, '') : null;
}

function peopleOf(workbook: Workbook, relationships: RelationshipView[]): ContactLink[] {
  const types = new Map(relationshipTypes(workbook, false).map((t) => [t.id, t]));
  return relationships
    .filter((r) => r.active && r.other_kind === 'person' && ORGANISATION_CATEGORIES.has(types.get(r.type_id)?.category ?? ''))
    .map((r) => ({ id: r.other_id, name: r.other_name, label: r.label }));
}

/** A person whose organisation is a contact, without an employment relationship with it yet. */
function employmentOffer(workbook: Workbook, contact: Contact, relationships: RelationshipView[]): ContactCard['employment_offer'] {
  const orgId = contact.organisation_id || (contact.organisation_name ? organisationNamed(workbook, contact.organisation_name) : '');
  if (!orgId || orgId === contact.id) return null;
  const org = workbook.table(Contacts).get(orgId);
  if (!org || org.deleted === true || org.kind !== 'organisation') return null;
  if (relationships.some((r) => r.active && r.other_id === orgId && isEmployment(workbook, r))) return null;
  return { organisation_id: orgId, organisation_name: displayName(org) };
}

/** What the card's pickers offer: fetched once per sidebar session. */
export function recordOptions(workbook: Workbook): RecordOptions {
  const settings = settingsOf(workbook);
  return {
    tags: allTags(workbook),
    relationship_types: relationshipTypes(workbook),
    interaction_types: [...INTERACTION_TYPES],
    directions: [...DIRECTIONS],
    lifecycle_stages: [...LIFECYCLE_STAGES],
    membership_statuses: [...MEMBERSHIP_STATUSES],
    frequencies: [...FREQUENCIES],
    currency: settings.currency,
    today: todayOf(workbook),
  };
}
