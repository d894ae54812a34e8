import {
  CAMPAIGNS,
  CONSENT_SOURCES,
  CONTACT_SOURCES,
  CURRENCIES,
  DEMO_OWNERS,
  DEMO_TAGS,
  DONATION_NOTES,
  EMAIL_DOMAINS,
  FUNDS,
  LANGUAGE_PACKS,
  NEWSLETTER_SUBJECTS,
  OPT_OUT_SOURCES,
  PAYMENT_METHODS,
  PHONES,
  DemoLanguage,
  LanguagePack,
  Place,
} from '../core/demo-names';
import { DEFAULT_RELATIONSHIP_TYPES } from '../core/defaults';
import { isMemberStatus } from '../core/membership';
import { ContactTags, Contacts, Donations, Interactions, Memberships, Relationships, RelationshipTypes, Tags } from '../core/schema/tables';
import { fold } from '../core/text';
import type { Workbook } from '../store/workbook';

/** How many rows the demo added to each table. */
export type DemoSummary = Record<'Contacts' | 'Memberships' | 'Donations' | 'Interactions' | 'Tags' | 'ContactTags' | 'Relationships' | 'RelationshipTypes', number>;

/** mulberry32: a small, fast generator, so that a demo (and a test) can be made again identically. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = Record<string, unknown>;
const DAY = 86_400_000;

/** Contacts as they are being made up, with the stories that go with them. */
interface Draft {
  row: Row;
  lang: DemoLanguage;
  pack: LanguagePack;
  place: Place;
  currency: string;
  employer?: Draft;
  memberships: Row[];
  donations: Row[];
  interactions: Row[];
  tags: string[];
  createdDaysAgo: number;
}

const RELATIONSHIP_LABELS = ['parent of', 'spouse of', 'employee of'];
const MEMBERSHIP_STATUS_WEIGHTS = { new: 12, current: 45, grace: 8, expired: 20, cancelled: 8, pending: 7 };
const PLANS = [
  { level: 'Supporter', amount: 5, frequency: 'monthly' },
  { level: 'Supporter', amount: 10, frequency: 'monthly' },
  { level: 'Friend', amount: 20, frequency: 'monthly' },
  { level: 'Friend', amount: 50, frequency: 'yearly' },
  { level: 'Patron', amount: 120, frequency: 'yearly' },
];
const INTERACTION_WEIGHTS = { email: 25, call: 15, meeting: 8, event: 10, note: 10, newsletter_open: 15, newsletter_click: 8, letter: 3, sms: 4, form: 2 };
const NEWSLETTER_WEIGHTS = { subscribed: 72, unsubscribed: 9, pending: 5, cleaned: 4, never: 10 };
const LANGUAGE_WEIGHTS: Record<DemoLanguage, number> = { en: 30, fr: 30, es: 20, pt: 20 };

/** Adds `count` made-up contacts with their memberships, donations, interactions, tags and
 *  relationships: enough story for every screen to have something to show. Everything goes through
 *  the store (so it is validated like anything a person types), in one insert per table. The caller
 *  commits. The same `random` gives the same people (ids come from the workbook's own randomness). */
export function addDemoData(workbook: Workbook, count: number, random: () => number): DemoSummary {
  const dice = new Dice(random);
  const cal = new Calendar(workbook.clock.now(), workbook.clock.timeZone());
  const emails = new Set<string>();
  const relations: { a: Draft; b: Draft; label: string; start_date?: string }[] = [];

  const draft = (lang: DemoLanguage, row: Row, place: Place): Draft => {
    const country = place.country;
    Object.assign(row, { language: lang, postal_code: place.postal_code, city: place.city, region: place.region, country });
    row.street ??= dice.pick(LANGUAGE_PACKS[lang].streets).replace('{n}', String(dice.int(1, 120)));
    return { row, lang, pack: LANGUAGE_PACKS[lang], place, currency: CURRENCIES[country], memberships: [], donations: [], interactions: [], tags: [], createdDaysAgo: 0 };
  };
  const emailFor = (local: string, domain: string) => {
    let email = `${local}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`;
    emails.add(email);
    return email;
  };

  const organisations: Draft[] = [];
  const orgNames = new Set<string>();
  for (let i = 0; i < Math.round(count * 0.08); i++) {
    const lang = dice.weighted(LANGUAGE_WEIGHTS);
    const place = dice.pick(LANGUAGE_PACKS[lang].places);
    let name = dice.pick(LANGUAGE_PACKS[lang].organisations);
    if (orgNames.has(name)) name = `${name} (${place.city})`;
    for (let n = 2; orgNames.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    orgNames.add(name);
    const phone = dice.digits(dice.pick(PHONES[place.country].landline));
    const email = emailFor(
      'contact',
      `${slug(name)
        .split('-')
        .filter((w) => w.length > 2)
        .slice(0, 3)
        .join('-')}.example.org`,
    );
    organisations.push(draft(lang, { kind: 'organisation', organisation_name: name, email, phone }, place));
  }

  const people: Draft[] = [];
  while (people.length < count - organisations.length) {
    const prev = people[people.length - 1];
    const family = prev && !prev.employer && dice.chance(0.12) ? (dice.chance(0.6) ? 'spouse' : 'child') : '';
    const lang = family ? prev.lang : dice.weighted(LANGUAGE_WEIGHTS);
    const pack = LANGUAGE_PACKS[lang];
    const place = family ? prev.place : dice.pick(pack.places);
    const first = dice.pick(pack.givenNames);
    let last = dice.pick(pack.familyNames);
    if (lang === 'es' && dice.chance(0.7)) last = `${last} ${dice.pick(pack.familyNames.filter((n) => n !== last))}`;
    if (family === 'child' || (family === 'spouse' && dice.chance(0.5))) last = String(prev.row.last_name);
    const row: Row = { kind: 'person', first_name: first, last_name: last };
    if (family) row.street = prev.row.street;
    if (dice.chance(0.92)) row.email = emailFor(`${slug(first)}.${slug(last)}`, dice.pick(EMAIL_DOMAINS));
    if (dice.chance(0.75)) row.mobile = dice.digits(dice.pick(PHONES[place.country].mobile));
    if (dice.chance(0.3)) row.phone = family ? prev.row.phone || dice.digits(dice.pick(PHONES[place.country].landline)) : dice.digits(dice.pick(PHONES[place.country].landline));
    const parentYear = Number(String(prev?.row.birthday || '1960').slice(0, 4));
    if (family === 'child') row.birthday = cal.birthday(Math.min(parentYear + dice.int(24, 36), cal.year() - 1), dice);
    else if (dice.chance(0.4)) row.birthday = cal.birthday(dice.int(1945, 2004), dice);
    const person = draft(lang, row, place);
    if (family) relations.push(family === 'spouse' ? { a: prev, b: person, label: 'spouse of' } : { a: prev, b: person, label: 'parent of' });
    if (!family && organisations.length && dice.chance(0.2)) {
      const sameLanguage = organisations.filter((o) => o.lang === lang);
      const employer = dice.pick(sameLanguage.length ? sameLanguage : organisations);
      person.employer = employer;
      row.organisation_name = employer.row.organisation_name;
      row.job_title = dice.pick(pack.jobTitles);
      if (dice.chance(0.4)) row.email_2 = emailFor(slug(first), String(employer.row.email).split('@')[1]);
      relations.push({ a: person, b: employer, label: 'employee of', start_date: cal.date(-dice.int(60, 3000)) });
    }
    people.push(person);
  }

  const everyone = [...organisations, ...people];
  for (const d of everyone) tellStory(d, dice, cal);

  // Look-ups, then one insert per table.
  const typesTable = workbook.table(RelationshipTypes);
  let typesAdded = 0;
  if (typesTable.count() === 0) {
    typesAdded = typesTable.insert(DEFAULT_RELATIONSHIP_TYPES.filter((t) => RELATIONSHIP_LABELS.includes(t.label_a_to_b)).map((t) => ({ ...t, active: true }))).length;
  }
  const typeIds = new Map(typesTable.all().map((t) => [String(t.label_a_to_b).trim().toLowerCase(), t.id]));
  const tagsTable = workbook.table(Tags);
  const knownTags = new Set(tagsTable.all().map((t) => fold(String(t.name).trim())));
  const tagsAdded = tagsTable.insert(DEMO_TAGS.filter((t) => !knownTags.has(fold(t.name)))).length;
  const tagIds = new Map(tagsTable.all().map((t) => [fold(String(t.name).trim()), t.id]));

  const contacts = workbook.table(Contacts);
  const ids = new Map<Draft, string>();
  contacts.insert(organisations.map((d) => d.row)).forEach((r, i) => ids.set(organisations[i], r.id));
  contacts.insert(people.map((d) => (d.employer ? { ...d.row, organisation_id: ids.get(d.employer) } : d.row))).forEach((r, i) => ids.set(people[i], r.id));

  const linked = (pick: (d: Draft) => Row[]) => everyone.flatMap((d) => pick(d).map((row) => ({ ...row, contact_id: ids.get(d) })));
  const memberships = workbook.table(Memberships).insert(linked((d) => d.memberships));
  const donations = workbook.table(Donations).insert(linked((d) => d.donations));
  const interactions = workbook.table(Interactions).insert(linked((d) => d.interactions));
  const contactTags = workbook
    .table(ContactTags)
    .insert(
      everyone.flatMap((d) =>
        d.tags
          .filter((name) => tagIds.has(fold(name)))
          .map((name) => ({ contact_id: ids.get(d), tag_id: tagIds.get(fold(name)), added_at: cal.moment(dice.int(1, Math.max(1, d.createdDaysAgo)), dice), added_by: dice.pick(DEMO_OWNERS) })),
      ),
    );
  const relationships = workbook
    .table(Relationships)
    .insert(
      relations.filter((r) => typeIds.has(r.label)).map((r) => ({ contact_a: ids.get(r.a), contact_b: ids.get(r.b), type_id: typeIds.get(r.label), start_date: r.start_date ?? '', active: true })),
    );
  return {
    Contacts: everyone.length,
    Memberships: memberships.length,
    Donations: donations.length,
    Interactions: interactions.length,
    Tags: tagsAdded,
    ContactTags: contactTags.length,
    Relationships: relationships.length,
    RelationshipTypes: typesAdded,
  };
}

/** Memberships, gifts, conversations and newsletter history of one contact, and the fields of the
 *  contact that follow from them (lifecycle stage, consent, when they were first seen). */
function tellStory(d: Draft, dice: Dice, cal: Calendar): void {
  const { row, pack } = d;
  const isOrg = row.kind === 'organisation';
  if (dice.chance(isOrg ? 0.3 : 0.35)) d.memberships = membershipsOf(d, dice, cal, dice.chance(0.35));
  if (dice.chance(0.3)) d.donations = donationsOf(d, dice, cal);

  const newsletter = row.email ? dice.weighted(NEWSLETTER_WEIGHTS) : 'never';
  row.newsletter_status = newsletter;
  row.email_opt_out = newsletter === 'unsubscribed';
  let optOutDays = 0;
  if (newsletter === 'unsubscribed') {
    optOutDays = dice.int(5, 600);
    row.opt_out_at = cal.moment(optOutDays, dice);
    row.opt_out_source = dice.pick(OPT_OUT_SOURCES);
  }
  if (newsletter !== 'never') {
    row.consent_source = dice.pick(CONSENT_SOURCES);
    row.consent_at = cal.moment(optOutDays + dice.int(20, 700), dice);
  }
  d.interactions = interactionsOf(d, dice, cal, newsletter === 'subscribed');
  if (optOutDays) d.interactions.push({ type: 'unsubscribe', when: row.opt_out_at, direction: 'inbound', subject: String(row.opt_out_source), created_at: row.opt_out_at });

  const statuses = d.memberships.map((m) => String(m.status));
  row.lifecycle_stage = statuses.some(isMemberStatus)
    ? 'member'
    : d.donations.length
      ? 'donor'
      : statuses.some((s) => s === 'expired' || s === 'cancelled')
        ? 'lapsed'
        : newsletter === 'subscribed'
          ? 'subscriber'
          : d.interactions.length
            ? 'engaged'
            : 'lead';

  if (dice.chance(0.25)) d.tags.push(isOrg ? 'partner' : dice.chance(0.4) ? pack.volunteerTag : dice.pick(DEMO_TAGS).name);
  if (dice.chance(0.08)) d.tags.push(isOrg ? 'press' : 'board');
  if (d.donations.some((g) => Number(g.amount) >= 500)) d.tags.push('major donor prospect');
  d.tags = [...new Set(d.tags)];

  row.source = dice.pick(CONTACT_SOURCES);
  row.deleted = false;
  if (dice.chance(0.6)) row.owner = dice.pick(DEMO_OWNERS);
  if (dice.chance(0.05)) row.next_contact_date = cal.date(dice.int(-5, 30));
  if (dice.chance(0.12)) row.notes = dice.pick(pack.notes);

  // First seen a little before the first thing that happened with them.
  const seen = [...d.memberships.map((m) => m.join_date), ...d.donations.map((g) => g.date), ...d.interactions.map((i) => i.when), row.consent_at]
    .filter(Boolean)
    .map((v) => cal.daysAgo(String(v).slice(0, 10)));
  d.createdDaysAgo = (seen.length ? Math.max(...seen) : dice.int(1, 400)) + dice.int(1, 20);
  row.created_at = cal.moment(d.createdDaysAgo, dice);
}

function membershipsOf(d: Draft, dice: Dice, cal: Calendar, withHistory: boolean): Row[] {
  const status = dice.weighted(MEMBERSHIP_STATUS_WEIGHTS);
  const plan = dice.pick(PLANS);
  const months = plan.frequency === 'yearly' ? 12 : 1;
  const backFrom = (end: string) => (months === 12 ? addDays(addMonths(end, -12), 1) : addMonths(addDays(end, 1), -dice.int(3, 24)));
  let start: string;
  let end: string;
  if (status === 'new' || status === 'current') {
    start = cal.date(-(status === 'new' ? dice.int(10, 80) : dice.int(100, months === 12 ? 340 : 1000)));
    end = paidThrough(start, months, cal.date(1));
  } else if (status === 'grace' || status === 'expired') {
    end = cal.date(-(status === 'grace' ? dice.int(3, 25) : dice.int(45, 900)));
    start = backFrom(end);
  } else if (status === 'cancelled') {
    start = cal.date(-dice.int(60, 700));
    end = cal.date(-dice.int(1, 40));
  } else {
    start = cal.date(dice.int(1, 20));
    end = addDays(addMonths(start, months), -1);
  }
  const card = months === 1 ? dice.chance(0.5) : dice.chance(0.3);
  const rows: Row[] = [
    {
      level: plan.level,
      start_date: start,
      end_date: end,
      amount: plan.amount,
      currency: d.currency,
      frequency: plan.frequency,
      status,
      // Cancelled is only ever a person's decision: the manual override, as the rules read it.
      status_override: status === 'cancelled' ? 'cancelled' : '',
      auto_renew: status !== 'cancelled' && status !== 'expired' && (months === 1 || dice.chance(0.6)),
      payment_method: card ? 'card' : months === 1 ? 'direct debit' : d.place.country === 'BR' ? 'Pix' : dice.pick(PAYMENT_METHODS),
      paid: status !== 'pending',
      external_id: card ? `sub_${dice.token(14)}` : '',
    },
  ];
  if (withHistory && status !== 'new' && status !== 'pending') {
    for (let k = dice.int(1, 3); k > 0; k--) {
      const before = addDays(String(rows[0].start_date), -(dice.chance(0.3) ? dice.int(30, 200) : 1)); // some came back after a gap
      const earlier = dice.pick(PLANS.filter((p) => p.frequency === 'yearly'));
      rows.unshift({
        ...rows[0],
        status_override: '',
        level: earlier.level,
        amount: earlier.amount,
        start_date: addDays(addMonths(before, -12), 1),
        end_date: before,
        frequency: 'yearly',
        status: 'expired',
        auto_renew: false,
        external_id: '',
      });
    }
  }
  const joined = String(rows[0].start_date) <= cal.date(0) ? String(rows[0].start_date) : cal.date(-dice.int(0, 5));
  return rows.map((m) => ({ ...m, join_date: joined, created_at: `${String(m.start_date) <= cal.date(0) ? m.start_date : joined}T09:00:00Z` }));
}

function donationsOf(d: Draft, dice: Dice, cal: Calendar): Row[] {
  const n = dice.int(1, 12);
  const gift = (date: string, amount: number, extra: Row): Row => ({ date, amount, currency: d.currency, created_at: `${date}T09:00:00Z`, ...extra });
  if (n >= 6 && dice.chance(0.4)) {
    // A monthly giver: the same amount every month, the last one recently.
    const last = cal.date(-dice.int(0, 40));
    const amount = dice.pick([5, 10, 15, 20, 30]);
    return Array.from({ length: n }, (_, k) => gift(addMonths(last, k - n + 1), amount, { fund: 'General fund', method: 'direct debit', recurring: true }));
  }
  const gifts = Array.from({ length: n }, () => {
    const date = cal.date(-dice.int(1, 1095));
    const amount = dice.chance(0.02) ? dice.pick([1000, 2500, 5000]) : dice.pick([10, 20, 25, 30, 50, 50, 100, 100, 150, 250, 500]);
    const method = d.place.country === 'BR' && dice.chance(0.5) ? 'Pix' : dice.pick(PAYMENT_METHODS);
    const campaigns = CAMPAIGNS.filter((c) => c.includes(date.slice(0, 4)));
    return gift(date, amount, {
      fund: dice.pick(FUNDS),
      campaign: campaigns.length && dice.chance(0.5) ? dice.pick(campaigns) : '',
      method,
      recurring: false,
      external_id: method === 'card' || method === 'PayPal' ? `ch_${dice.token(16)}` : '',
      note: dice.chance(0.05) ? dice.pick(DONATION_NOTES) : '',
    });
  });
  return gifts.sort((a, b) => String(a.date).localeCompare(String(b.date)));
}

function interactionsOf(d: Draft, dice: Dice, cal: Calendar, subscribed: boolean): Row[] {
  const out: Row[] = [];
  for (let k = dice.int(0, 10); k > 0; k--) {
    let type: string = dice.weighted(INTERACTION_WEIGHTS);
    if (type.startsWith('newsletter') && !subscribed) type = 'email';
    const when = cal.moment(1 + Math.floor(1094 * dice.next() ** 2), dice); // mostly recent
    const direction =
      type.startsWith('newsletter') || type === 'form' ? 'inbound' : type === 'note' ? 'internal' : ['call', 'email', 'sms'].includes(type) && dice.chance(0.3) ? 'inbound' : 'outbound';
    const subjects = d.pack.subjects[type as keyof LanguagePack['subjects']];
    const row: Row = {
      when,
      type,
      direction,
      created_at: when,
      subject: subjects ? dice.pick(subjects) : dice.pick(NEWSLETTER_SUBJECTS),
      details: type === 'note' && dice.chance(0.3) ? dice.pick(d.pack.notes) : '',
      outcome: (type === 'call' || type === 'meeting') && dice.chance(0.7) ? dice.pick(d.pack.outcomes) : '',
      staff: direction === 'inbound' && !['call', 'email'].includes(type) ? '' : dice.pick(DEMO_OWNERS),
    };
    if (dice.chance(0.08)) {
      const overdue = dice.chance(0.5);
      row.follow_up_date = overdue ? cal.date(-dice.int(1, 30)) : cal.date(dice.int(1, 7));
      row.follow_up_done = overdue && dice.chance(0.4);
    }
    out.push(row);
  }
  return out.sort((a, b) => String(a.when).localeCompare(String(b.when)));
}

class Dice {
  constructor(private readonly random: () => number) {}
  next(): number {
    return this.random();
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let r = this.random() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [key, w] of entries) if ((r -= w) < 0) return key;
    return entries[entries.length - 1][0];
  }
  digits(pattern: string): string {
    return pattern.replace(/#/g, () => String(this.int(0, 9)));
  }
  token(length: number): string {
    return Array.from({ length }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[this.int(0, 35)]).join('');
  }
}

/** Days counted from today in the spreadsheet's time zone, so that 'new', 'grace' and 'overdue'
 *  mean what they say on the day the demo is made. */
class Calendar {
  private readonly today: number;
  constructor(now: Date, timeZone: string) {
    const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
    this.today = Date.parse(`${local}T00:00:00Z`);
  }
  date(offsetDays: number): string {
    return isoDay(this.today + offsetDays * DAY);
  }
  daysAgo(iso: string): number {
    return Math.round((this.today - Date.parse(`${iso}T00:00:00Z`)) / DAY);
  }
  /** A moment `daysAgo` days ago (at least one), in office hours. */
  moment(daysAgo: number, dice: Dice): string {
    const ms = this.today - Math.max(1, daysAgo) * DAY + dice.int(8 * 60, 18 * 60) * 60_000;
    return new Date(ms).toISOString().slice(0, 19) + 'Z';
  }
  year(): number {
    return new Date(this.today).getUTCFullYear();
  }
  birthday(year: number, dice: Dice): string {
    return `${year}-${String(dice.int(1, 12)).padStart(2, '0')}-${String(dice.int(1, 28)).padStart(2, '0')}`;
  }
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => isoDay(Date.parse(`${iso}T00:00:00Z`) + days * DAY);

/** Same day of the month, `months` later; the month's last day when it has no such day. */
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return isoDay(Date.UTC(y, m - 1 + months, Math.min(d, last)));
}

/** The end of the first whole period (of `months` months from `start`) that reaches `atLeast`. */
function paidThrough(start: string, months: number, atLeast: string): string {
  let k = 1;
  while (addDays(addMonths(start, k * months), -1) < atLeast) k++;
  return addDays(addMonths(start, k * months), -1);
}

/** 'Marie-Hélène Lecœur' → 'marie-helene-lecoeur': the local part of a made-up email. */
function slug(text: string): string {
  return fold(text.replace(/œ/g, 'oe').replace(/Œ/g, 'Oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss'))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
