/** Trigger points, the pure part: which contacts a rule fires for, which log entries close, how a
 *  follow-up's delay reads, and the rules a new CRM starts with. */

/** A TriggerLog row still open (left_at blank): the contact entered the rule's segment, the rule fired,
 *  and the contact has not left since. */
export interface OpenEntry {
  id: string;
  contact_id: string;
}

export interface EntryChanges {
  /** Members with no open entry: they entered since the last run, the rule fires for them. */
  entering: string[];
  /** Log ids of open entries whose contact is no longer a member: closed, so the next entry fires again. */
  leaving: string[];
}

/** Given a rule's open log entries and its segment's members now, who enters and which entries close.
 *  "At most once per entry": a member with an open entry is left alone, however many runs see it. */
export function entriesAndExits(open: readonly OpenEntry[], members: readonly string[]): EntryChanges {
  const inside = new Set(members);
  const alreadyIn = new Set(open.map((e) => e.contact_id));
  const entering: string[] = [];
  const seen = new Set<string>();
  for (const id of members) {
    if (alreadyIn.has(id) || seen.has(id)) continue;
    seen.add(id);
    entering.push(id);
  }
  // Two open entries for one contact (the log edited by hand) both close when the contact leaves.
  const leaving = open.filter((e) => !inside.has(e.contact_id)).map((e) => e.id);
  return { entering, leaving };
}

/** The longest follow-up delay a rule may ask for: ten years. */
export const MAX_FOLLOW_UP_DAYS = 3650;

/** A follow-up's delay as typed in the rule's argument: blank is 0 (today), else a whole number of days
 *  (spaces around it allowed). null when it is not one. */
export function followUpDays(argument: string): number | null {
  const text = String(argument ?? '').trim();
  if (text === '') return 0;
  if (!/^\d+$/.test(text)) return null;
  const days = Number(text);
  return days <= MAX_FOLLOW_UP_DAYS ? days : null;
}

export interface TriggerPointDefault {
  name: string;
  action: 'add_tag' | 'remove_tag' | 'follow_up' | 'note' | 'send_email' | 'send_email_to_owner';
  /** Set up adds it switched off (an email to many people is sent only when someone says so). */
  inactive?: boolean;
  argument: string;
  /** The dynamic segment the rule watches (added by Set up when no segment has its name). */
  segment: { name: string; query: string; description: string };
}

/** The rules Set up puts in a new CRM, to show the idea; people edit, switch off (active FALSE) or add
 *  rows in the TriggerPoints sheet afterwards. */
export const DEFAULT_TRIGGER_POINTS: TriggerPointDefault[] = [
  {
    name: 'Membership ends within 30 days',
    action: 'follow_up',
    argument: '0',
    segment: {
      name: 'Membership ends within 30 days',
      query: 'member AND membership.end>=today AND membership.end<=+30d',
      description: 'Members whose membership ends in the next 30 days: time to ask them to renew.',
    },
  },
  {
    name: 'Major donor prospects',
    action: 'add_tag',
    argument: 'major donor prospect',
    segment: {
      name: 'Major donor prospects',
      // "Gave more than 100 twice in 12 months": over: keeps only the gifts above the amount.
      query: 'donations.count>=2 within:12m over:100',
      description: 'Donors who gave more than 100 at least twice in the last 12 months.',
    },
  },
  {
    name: 'At risk readers',
    action: 'add_tag',
    argument: 'at risk',
    segment: {
      name: 'At risk readers',
      query: 'opens>=5 AND clicks=0',
      description: 'Opened five newsletters or more and never clicked: interested once, drifting away.',
    },
  },
  {
    // Seed 004: a click on a newsletter is when the phone follow-up should start.
    name: 'Clicked a newsletter',
    action: 'follow_up',
    argument: '1',
    segment: {
      name: 'Clicked a newsletter this week',
      query: 'clicks>=1 within:7d',
      description: 'Contacts who clicked a link in a newsletter in the last 7 days (from the newsletter sync): a call for their owner tomorrow.',
    },
  },
  {
    name: 'Renewal reminder email',
    action: 'send_email',
    argument: 'Renewal reminder',
    inactive: true,
    segment: {
      name: 'Membership ends within 30 days',
      query: 'member AND membership.end>=today AND membership.end<=+30d',
      description: 'Members whose membership ends in the next 30 days: time to ask them to renew.',
    },
  },
  {
    name: 'Welcome email',
    action: 'send_email',
    argument: 'Welcome',
    inactive: true,
    segment: { name: 'New this week', query: 'created_at>=7d', description: 'Contacts added to the CRM in the last 7 days: each enters once, so gets one welcome.' },
  },
  {
    name: 'Thank-you email',
    action: 'send_email',
    argument: 'Thank you',
    inactive: true,
    segment: {
      name: 'Recent gifts',
      query: 'donations.count>=1 within:1d',
      description: 'Donors whose gift is a day old at most: they enter again with each new day of giving, so each is thanked.',
    },
  },
  {
    name: 'Win-back email',
    action: 'send_email',
    argument: 'We miss you',
    inactive: true,
    segment: { name: 'Recently lapsed members', query: 'membership.status:expired AND membership.end>=60d', description: 'Members whose membership expired in the last 60 days: once per lapse.' },
  },
  {
    name: 'Birthday email',
    action: 'send_email',
    argument: 'Happy birthday',
    inactive: true,
    segment: { name: 'Birthday today', query: 'birthday=today', description: 'Contacts whose birthday is today (stored with its year or not): once a year.' },
  },
];
