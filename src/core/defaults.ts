/** What Set up puts in a new CRM. People edit these rows afterwards; Set up only adds what is missing. */

export interface SettingDefault {
  key: string;
  value: string;
  description: string;
}

export const DEFAULT_SETTINGS: SettingDefault[] = [
  { key: 'organisation_name', value: '', description: 'Your organisation, as it appears in emails and exports.' },
  { key: 'language', value: '', description: 'Language of the add-on for everyone (en, fr, es, pt). Empty: each person’s Google account language.' },
  { key: 'default_country', value: 'FR', description: 'Two-letter country code used to read phone numbers written without +.' },
  { key: 'currency', value: 'EUR', description: 'Currency of amounts that do not say theirs.' },
  {
    key: 'currency_rates',
    value: '',
    description: 'Rates to add up gifts in other currencies, as one unit of each in the currency above: "BRL 0.17; USD 0.92". Empty: totals are shown per currency, never added together.',
  },
  { key: 'dedupe_rules', value: '', description: 'How duplicates are found (JSON: {"threshold":0.8,"weights":{"email":…},"gmailDots":false}). Empty: the built-in rules.' },
  { key: 'membership_new_months', value: '3', description: 'A membership counts as "new" for this many months after it is joined.' },
  { key: 'membership_grace_days', value: '30', description: 'Days after the end date during which a membership is in "grace" before it expires.' },
  { key: 'membership_term_months', value: '12', description: 'Length of a membership term, in months, when its frequency does not say (one-off payments).' },
  { key: 'rfm_window_months', value: '24', description: 'RFM counts the gifts of the last this many months: donors are those who gave in them.' },
  { key: 'rfm_monetary', value: 'total', description: "RFM's monetary score ranks each donor's total in the window (total) or their average gift (average)." },
  { key: 'engagement_days', value: '90', description: 'The engagement score counts interactions and gifts of the last this many days, recent ones more.' },
  { key: 'hot_min_score', value: '5', description: 'Lowest engagement score on the hot list (the top 10% of engaged contacts), so that a few opens never make anyone hot.' },
  {
    key: 'archive_log_months',
    value: '12',
    description: 'Archive moves AuditLog and TriggerLog rows older than this many months into the archive spreadsheet (the cell budget is shared by every sheet).',
  },
  { key: 'mail_daily_quota', value: '100', description: 'Recipients the CRM emails a day at most (Google allows 100 on a free account, 1,500 on Workspace); the rest go the next day.' },
  { key: 'mail_from_name', value: '', description: 'The sender name people see on emails from the CRM. Empty: the organisation name.' },
  { key: 'mail_reply_to', value: '', description: 'Where replies to emails from the CRM go. Empty: the account that sends.' },
  {
    key: 'archive_interaction_months',
    value: '',
    description: 'Archive also moves calls, emails and notes older than this many months (the card still shows them, from the archive). Empty: interactions stay.',
  },
];

export interface RelationshipTypeDefault {
  label_a_to_b: string;
  label_b_to_a: string;
  symmetric: boolean;
  category: string;
}

export const DEFAULT_RELATIONSHIP_TYPES: RelationshipTypeDefault[] = [
  { label_a_to_b: 'parent of', label_b_to_a: 'child of', symmetric: false, category: 'family' },
  { label_a_to_b: 'spouse of', label_b_to_a: 'spouse of', symmetric: true, category: 'family' },
  { label_a_to_b: 'partner of', label_b_to_a: 'partner of', symmetric: true, category: 'family' },
  { label_a_to_b: 'sibling of', label_b_to_a: 'sibling of', symmetric: true, category: 'family' },
  { label_a_to_b: 'household member of', label_b_to_a: 'household of', symmetric: false, category: 'household' },
  { label_a_to_b: 'employee of', label_b_to_a: 'employer of', symmetric: false, category: 'employment' },
  { label_a_to_b: 'colleague of', label_b_to_a: 'colleague of', symmetric: true, category: 'employment' },
  { label_a_to_b: 'board member of', label_b_to_a: 'has board member', symmetric: false, category: 'board' },
  { label_a_to_b: 'volunteer at', label_b_to_a: 'has volunteer', symmetric: false, category: 'organisation' },
];
