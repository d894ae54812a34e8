import { Contacts } from '../schema/tables';
import { fold } from '../text';
import { headerNames } from './header-names';

/** Where an imported column goes: a contact field (any Contacts column name except id/created_at/
 *  updated_at/merged_into/deleted), 'full_name' (split into first/last), 'tags' (several values in one
 *  cell), 'membership.level' | 'membership.start_date' | 'membership.end_date' | 'membership.amount' |
 *  'membership.frequency', 'donation.amount' | 'donation.date' | 'donation.fund' | 'donation.campaign' |
 *  'donation.method', 'interaction.note' (becomes a note interaction), 'external_id', 'custom' (kept as
 *  a custom column of that header's name), or 'ignore'. */
export type Target = string;

export interface ColumnMapping {
  header: string;
  target: Target;
  /** 'exact' when a known name matched, 'guess' when by similarity, 'none' when left to the person */
  confidence: 'exact' | 'guess' | 'none';
  /** A place the engine thinks likely but will not use until a person confirms it: a column that would
   *  decide who is who (external id, email) is never guessed. The column goes to `target` ('custom')
   *  meanwhile. */
  suggestion?: Target;
}

/** Targets that decide which rows are the same person: a mapping to one of them is used only when the
 *  header is a known name for it, or a person chose it. A guessed identity makes every 'Non' of a
 *  yes/no column one person, and drops the others as duplicates. */
export const IDENTITY_TARGETS: ReadonlySet<Target> = new Set(['external_id', 'email', 'email_2']);

/** Yes/no columns: 'Adhérent: Oui' (a member flag, which becomes a tag named after the column) and
 *  'Newsletter: Non' (the newsletter status, with the file as consent source). */
export const FLAG_TARGETS: ReadonlySet<Target> = new Set(['member_flag', 'newsletter_flag']);

/** Contacts columns the CRM fills itself: never a place for a file's column. */
const SYSTEM_COLUMNS = ['id', 'created_at', 'updated_at', 'merged_into', 'deleted'];

/** Contact fields a column can fill, in the table's order. */
export const CONTACT_TARGETS: readonly string[] = Object.keys(Contacts.columns).filter((c) => !SYSTEM_COLUMNS.includes(c));

/** Every target, for the wizard's choice list. */
export const TARGETS: readonly Target[] = [
  ...CONTACT_TARGETS,
  'full_name',
  'tags',
  'membership.level',
  'membership.start_date',
  'membership.end_date',
  'membership.amount',
  'membership.frequency',
  'donation.amount',
  'donation.date',
  'donation.fund',
  'donation.campaign',
  'donation.method',
  'interaction.note',
  'member_flag',
  'newsletter_flag',
  'external_id',
  'custom',
  'ignore',
];

/** Targets that several columns may share: each column keeps its own custom column, tags add up. */
const SHARED_TARGETS = new Set<Target>(['custom', 'ignore', 'tags', 'member_flag']);

/** True when `target` is one a mapping may name. */
export function isTarget(target: string): boolean {
  return TARGETS.includes(target);
}

/** A header as compared: no case, accents, spaces, punctuation or '*' ('E-mail *' → 'email'); '#' stays,
 *  since 'Order #' and 'Order' are not the same column. */
export function headerKey(header: string): string {
  return fold(header).replace(/[^a-z0-9#]/g, '');
}

/** 'Téléphone (facultatif)', 'Email [optional]', 'Phone (work) *:' → the name without its trailing note. */
function withoutTrailingNote(header: string): string {
  return header.replace(/\s*[([][^()[\]]*[)\]][\s*:?]*$/, '');
}

interface Known {
  exact: Map<string, Target>;
  likely: Map<string, Target>;
  /** Every known key with its target, longest first, for the similarity pass. */
  all: [string, Target][];
}

let known: Known | null = null;

/** Built on first use: Apps Script evaluates the bundle on every call, and most calls never import. */
function knownNames(): Known {
  if (known) return known;
  const { EXACT_NAMES, LIKELY_NAMES, WHOLE_HEADER_ONLY } = headerNames();
  const exact = new Map<string, Target>();
  const likely = new Map<string, Target>();
  const add = (map: Map<string, Target>, name: string, target: Target) => {
    const key = headerKey(name);
    const before = exact.get(key) ?? likely.get(key);
    if (before !== undefined && before !== target) throw new Error(`Header name "${name}" is known for both ${before} and ${target}`);
    map.set(key, target);
  };
  for (const [target, names] of Object.entries(EXACT_NAMES)) for (const name of names) add(exact, name, target);
  // A column's own name, unless the list says otherwise (lifecycle_stage is worked out, never imported).
  for (const column of CONTACT_TARGETS) if (!exact.has(headerKey(column))) add(exact, column, column);
  for (const [target, names] of Object.entries(LIKELY_NAMES)) for (const name of names) add(likely, name, target);
  const wholeOnly = new Set(WHOLE_HEADER_ONLY.map(headerKey));
  const all = [...exact, ...likely].filter(([key, t]) => t !== 'ignore' && t !== 'custom' && !wholeOnly.has(key)).sort((a, b) => b[0].length - a[0].length);
  return (known = { exact, likely, all });
}

/** Optimal string alignment distance (Levenshtein plus swapped neighbours), stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

interface Match {
  target: Target;
  confidence: ColumnMapping['confidence'];
  /** How sure: 1 for a known name, less for a guess; the better match keeps a single-valued target. */
  score: number;
}

/** The best place for one header: a known name, a likely name, then a known name inside the header
 *  ('Quel est votre prénom ?' → first_name; the longest such name wins, so 'Nom de la structure' is
 *  not a last name), then a known name misspelt by a letter or two ('Prenon'). */
function matchHeader(header: string): Match {
  const { exact, likely, all } = knownNames();
  const full = headerKey(header);
  const key = headerKey(withoutTrailingNote(header)) || full;
  const exactTarget = exact.get(full) ?? exact.get(key);
  if (exactTarget !== undefined) return { target: exactTarget, confidence: 'exact', score: exact.has(full) ? 1 : 0.99 };
  const likelyTarget = likely.get(full) ?? likely.get(key);
  if (likelyTarget !== undefined) return { target: likelyTarget, confidence: 'guess', score: 0.9 };
  if (key.length === 0) return { target: 'custom', confidence: 'none', score: 0 };
  for (const [name, target] of all) {
    // Four letters ('name', 'mail', 'nome') are enough at the end ('Your name'); inside a word they are not.
    if (name.length >= 5 ? key.includes(name) : name.length === 4 && key.endsWith(name)) return { target, confidence: 'guess', score: 0.3 + (0.55 * name.length) / key.length };
  }
  if (key.length >= 5) {
    let bestTarget: Target | null = null;
    let bestDistance = Infinity;
    for (const [name, target] of all) {
      if (name.length < 5) continue;
      const max = name.length >= 8 ? 2 : 1;
      const d = distance(key, name, max);
      if (d <= max && d < bestDistance) {
        bestTarget = target;
        bestDistance = d;
      }
    }
    if (bestTarget !== null) return { target: bestTarget, confidence: 'guess', score: 0.8 - bestDistance * 0.1 };
  }
  return { target: 'custom', confidence: 'none', score: 0 };
}

/** Automatic mapping in English, French, Spanish and Portuguese and for the usual exports (Mailchimp
 *  audience, Eventbrite attendees, Google Forms responses, HubSpot contacts): see header-names.ts.
 *  Matching ignores case, accents, punctuation, spaces, '*' and a trailing '(optional)'-like note.
 *  Unknown headers → 'custom' with confidence 'none'. Two headers never map to the same single-valued
 *  target: the better match wins (the leftmost on a tie), the other becomes 'custom' for the person to
 *  decide. */
export function mapHeaders(headers: string[]): ColumnMapping[] {
  const matches = headers.map(matchHeader);
  const order = matches.map((_, i) => i).sort((a, b) => matches[b].score - matches[a].score || a - b);
  const taken = new Set<Target>();
  const result: ColumnMapping[] = headers.map((header) => ({ header, target: 'custom', confidence: 'none' }));
  for (const i of order) {
    const m = matches[i];
    if (!SHARED_TARGETS.has(m.target)) {
      if (taken.has(m.target)) continue;
      taken.add(m.target);
    }
    result[i] =
      m.confidence !== 'exact' && IDENTITY_TARGETS.has(m.target)
        ? { header: headers[i], target: 'custom', confidence: 'guess', suggestion: m.target }
        : { header: headers[i], target: m.target, confidence: m.confidence };
  }
  return result;
}

/** The automatic mapping checked against the column's values: a yes/no column is never anything but a
 *  flag or a custom column (an 'Adhérent' column of Oui/Non is no identifier, no level, no date), and a
 *  flag whose values are not yes/no is a custom column. `isYesNo` tells whether a column's non-empty
 *  values are all yes/no words. Mappings a person confirmed are not passed through here. */
export function checkMappingValues(mapping: ColumnMapping[], isYesNo: (header: string) => boolean): ColumnMapping[] {
  return mapping.map((m) => {
    if (m.confidence === 'none' && m.target === 'custom') return m;
    const yesNo = isYesNo(m.header);
    if (FLAG_TARGETS.has(m.target)) return yesNo ? m : { header: m.header, target: 'custom', confidence: 'none' };
    if (!yesNo || m.target === 'custom' || m.target === 'ignore') return m;
    const column = m.target;
    // Boolean fields of the contact (email_opt_out, …) take yes/no as they are.
    if (column in Contacts.columns && Contacts.columns[column as keyof typeof Contacts.columns].kind === 'boolean') return m;
    return { header: m.header, target: 'custom', confidence: 'guess', suggestion: m.suggestion ?? m.target };
  });
}

/** cyrb53: a small, well-spread 53-bit string hash, enough to tell header sets apart. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A key for "the same headers as last time" (so the mapping a person confirmed can be reused):
 *  order-independent, case/accent-insensitive. Short, so that it fits a property name; the count of
 *  columns is in it, readable. Headers are compared as `fold` sees them, spaces and punctuation kept:
 *  'E-mail' and 'Email' are different files. */
export function headerSignature(headers: string[]): string {
  const names = headers.map((h) => fold(h).replace(/\s+/g, ' ').trim()).sort();
  return `${names.length}-${hash53(names.join('\u0000'))}`;
}
