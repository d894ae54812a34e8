import { columnProblem, MAX_CELL_CHARS, type Column } from '../schema/columns';
import { Contacts, Donations, FREQUENCIES, Memberships } from '../schema/tables';
import { fold } from '../text';
import type { ParsedFile } from './delimited';
import { FLAG_TARGETS, isTarget, type ColumnMapping, type Target } from './headers';
import { detectDateOrder, readAmount, readBirthday, readBoolean, readCurrency, readDate, readDateTime, splitFullName, splitTags, type DateOrder } from './values';

/** One row of the file, read and checked, ready for the import service to match and write. */
export interface ImportDraft {
  line: number;
  /** Contacts fields, as the store accepts them: text as typed, trimmed of surrounding spaces (an email's
   *  domain lower-cased, its local part as typed); booleans for boolean columns; dates ISO. Empty cells
   *  are left out, so that "fill only empty fields" and "update" never blank a field. */
  contact: Record<string, string | boolean>;
  /** header → text */
  custom: Record<string, string>;
  tags: string[];
  external_id: string;
  /** Memberships fields (level, start_date, end_date, amount, frequency, and currency when the amount
   *  names one) when any mapped cell was non-empty */
  membership: Record<string, string | number | boolean> | null;
  /** Donations fields (amount, date, fund, campaign, method, and currency when the amount names one) */
  donation: Record<string, string | number | boolean> | null;
  /** interaction.note text */
  note: string;
  /** A newsletter yes/no column: true (subscribed, the file as consent source), false, or null (none). */
  newsletter: boolean | null;
}

/** Why a row was left out: the line, the file's column, and an i18n problem key with its parameters. */
export interface RowError {
  line: number;
  column: string;
  key: string;
  params: Record<string, string | number>;
}

/** A cell that could not be read in a row that was kept: its text went to the custom column `kept_in`
 *  as typed, and the row's other values were imported. */
export interface RowWarning extends RowError {
  value: string;
  kept_in: string;
}

export interface DraftResult {
  drafts: ImportDraft[];
  /** Rows that cannot be a contact at all (no readable name, email, phone or organisation). */
  errors: RowError[];
  /** Unreadable cells of rows that were kept. */
  warnings: RowWarning[];
  dateOrder: DateOrder;
}

/** Frequencies as people write them, folded, spaces as '_' → the Memberships column's values. */
const FREQUENCY_WORDS: Record<string, string> = {};
const FREQUENCY_NAMES: Record<string, string[]> = {
  one_off: ['one off', 'once', 'single', 'ponctuel', 'unique', 'puntual', 'unico', 'pontual', 'avulso'],
  monthly: ['month', 'mensuel', 'mensuelle', 'mois', 'mensual', 'mensal'],
  quarterly: ['trimestriel', 'trimestrielle', 'trimestral'],
  yearly: ['annual', 'annually', 'year', 'annuel', 'annuelle', 'an', 'anual', 'anualmente', 'ano'],
  lifetime: ['life', 'a vie', 'vitalicio', 'vitalicia'],
};
for (const value of FREQUENCIES) for (const name of [value, ...(FREQUENCY_NAMES[value] ?? [])]) FREQUENCY_WORDS[name.replace(/ /g, '_')] = value;

/** How one mapped column is read: the table column it fills (for checks) and where the value goes. */
interface Reader {
  index: number;
  header: string;
  target: Target;
  column: Column | null;
}

const DATE_KINDS = new Set(['date', 'datetime']);
/** Columns only a Mailchimp audience export has. */
const MAILCHIMP_ONLY = new Set(['MEMBER_RATING', 'OPTIN_TIME', 'CONFIRM_TIME', 'LEID', 'EUID']);

function columnFor(target: Target): Column | null {
  const [group, field] = target.includes('.') ? target.split('.') : ['contact', target];
  const columns: Record<string, Column> = group === 'membership' ? Memberships.columns : group === 'donation' ? Donations.columns : Contacts.columns;
  if (group === 'interaction' || (group === 'contact' && !(target in Contacts.columns))) return null;
  return columns[field] ?? null;
}

const clip = (s: string) => (s.length > 40 ? s.slice(0, 40) + '…' : s);
const FORMATS: Record<DateOrder, string> = { dmy: 'DD/MM/YYYY', mdy: 'MM/DD/YYYY', ymd: 'YYYY-MM-DD' };

/** An email trimmed, its domain lower-cased; the part before '@' is the owner's and stays as typed. */
function tidyEmail(text: string): string {
  const at = text.lastIndexOf('@');
  return at < 0 ? text : text.slice(0, at) + text.slice(at).toLowerCase();
}

/** An enum value written in another case or with accents ('Person', 'Mensuel', 'À vie') → the column's
 *  value; anything else is left for `columnProblem` to name. */
function enumValue(column: Column, text: string, target: Target): string {
  const key = fold(text)
    .trim()
    .replace(/[\s-]+/g, '_');
  if (target === 'membership.frequency' && FREQUENCY_WORDS[key] !== undefined) return FREQUENCY_WORDS[key];
  return column.values!.find((v) => v === key) ?? text;
}

type Value = string | number | boolean;
type Read = { value: Value; currency?: string } | { error: string; params: Record<string, string | number> };

/** One cell's text → the value its column holds, or why it cannot be read. */
function readCell(reader: Reader, text: string, order: DateOrder): Read {
  const column = reader.column;
  if (FLAG_TARGETS.has(reader.target)) {
    const b = readBoolean(text);
    return b === null ? { error: 'import.bad_boolean', params: { value: clip(text) } } : { value: b };
  }
  if (!column) return { value: text };
  switch (column.kind) {
    case 'boolean': {
      const b = readBoolean(text);
      return b === null ? { error: 'import.bad_boolean', params: { value: clip(text) } } : { value: b };
    }
    case 'date':
    case 'datetime': {
      const d = column.kind === 'datetime' ? readDateTime(text, order) : column.partial ? readBirthday(text, order) : readDate(text, order);
      return d === null ? { error: 'import.bad_date', params: { value: clip(text), format: FORMATS[order] } } : { value: d };
    }
    case 'number':
    case 'money': {
      const n = readAmount(text);
      return n === null ? { error: 'import.bad_amount', params: { value: clip(text) } } : { value: n, currency: readCurrency(text) };
    }
    case 'email':
      return { value: tidyEmail(text) };
    case 'enum':
      return { value: enumValue(column, text, reader.target) };
    default:
      return { value: text };
  }
}

/** The name, email, phone or organisation that makes a row somebody. */
const IDENTIFYING: Target[] = ['first_name', 'last_name', 'full_name', 'email', 'email_2', 'phone', 'mobile', 'organisation_name'];

/** Turns parsed rows into drafts with the confirmed mapping: values read (dates by the detected order
 *  unless given, amounts, booleans, birthdays with or without a year), each checked with
 *  `columnProblem` from ../schema/columns. One unreadable cell never drops a row: its text is kept as
 *  typed in a custom column (`keptColumnName`) and reported as a warning with its line, column and
 *  value ('import.too_long' when a cell exceeds MAX_CELL_CHARS, 'import.bad_date', 'import.bad_amount',
 *  'import.bad_boolean', or the column's problem key such as 'problem.email'). Only a row with no
 *  readable name, email, phone or organisation is an error ('import.empty_row'), and is not in drafts.
 *  Text starting with = + - @ is kept literally as text: nothing here evaluates a cell. */
export function buildDrafts(file: ParsedFile, mapping: ColumnMapping[], options: { dateOrder?: DateOrder } = {}): DraftResult {
  const byHeader = new Map(mapping.map((m) => [m.header, m.target]));
  const readers: Reader[] = [];
  file.header.forEach((header, index) => {
    const target = byHeader.get(header) ?? 'ignore';
    if (!isTarget(target)) throw new RangeError(`Column "${header}" is mapped to "${target}", which is not an import target`);
    if (target !== 'ignore') readers.push({ index, header, target, column: target === 'custom' ? null : columnFor(target) });
  });
  const dateColumns = readers.filter((r) => r.column && DATE_KINDS.has(r.column.kind));
  // Mailchimp writes every date month first (birthdays as MM/DD): its export decides a tie.
  const fallback = file.header.some((h) => MAILCHIMP_ONLY.has(h.trim().toUpperCase())) ? 'mdy' : 'dmy';
  const dateOrder =
    options.dateOrder ??
    detectDateOrder(
      dateColumns.flatMap((r) => file.rows.map((row) => row.cells[r.index] ?? '')),
      fallback,
    );
  const customHeaders = new Set(readers.filter((r) => r.target === 'custom').map((r) => fold(r.header)));
  const drafts: ImportDraft[] = [];
  const errors: RowError[] = [];
  const warnings: RowWarning[] = [];
  for (const row of file.rows) {
    // custom has no prototype: a file's column may be called '__proto__' or 'constructor'.
    const draft: ImportDraft = { line: row.line, contact: {}, custom: Object.create(null), tags: [], external_id: '', membership: null, donation: null, note: '', newsletter: null };
    const rowWarnings: RowWarning[] = [];
    const keep = (reader: Reader, text: string, key: string, params: Record<string, string | number> = {}) => {
      const kept_in = keptColumnName(reader.header, customHeaders);
      // A cell too long for any cell cannot be kept either: it is reported, never cut.
      if (key !== 'import.too_long') draft.custom[kept_in] = text;
      rowWarnings.push({ line: row.line, column: reader.header, key, params, value: clip(text), kept_in: key === 'import.too_long' ? '' : kept_in });
    };
    let fullName = '';
    let somebody = false;
    for (const reader of readers) {
      const text = (row.cells[reader.index] ?? '').trim();
      if (text === '') continue;
      if (text.length > MAX_CELL_CHARS) {
        keep(reader, text, 'import.too_long', { length: text.length, max: MAX_CELL_CHARS });
        continue;
      }
      const read = readCell(reader, text, dateOrder);
      if ('error' in read) {
        keep(reader, text, read.error, read.params);
        continue;
      }
      if (reader.column) {
        const problem = columnProblem(reader.column, read.value);
        if (problem) {
          keep(reader, text, problem.key, problem.params ?? {});
          continue;
        }
      }
      if (IDENTIFYING.includes(reader.target)) somebody = true;
      place(draft, reader, read.value, read.currency ?? '');
      if (reader.target === 'full_name') fullName = text;
    }
    if (fullName) {
      const { first_name, last_name } = splitFullName(fullName);
      if (first_name && draft.contact.first_name === undefined) draft.contact.first_name = first_name;
      if (last_name && draft.contact.last_name === undefined) draft.contact.last_name = last_name;
    }
    // A gift whose amount could not be read is no gift: what was read of it stays as typed.
    if (draft.donation && draft.donation.amount === undefined) {
      for (const reader of readers) {
        const text = (row.cells[reader.index] ?? '').trim();
        if (reader.target.startsWith('donation.') && text) draft.custom[keptColumnName(reader.header, customHeaders)] = text;
      }
      draft.donation = null;
    }
    if (!somebody) errors.push({ line: row.line, column: '', key: 'import.empty_row', params: {} });
    else {
      drafts.push(draft);
      warnings.push(...rowWarnings);
    }
  }
  return { drafts, errors, warnings, dateOrder };
}

/** The custom column an unreadable cell is kept in: the file's own header, unless that is the name of
 *  a CRM field ('email', 'birthday') or of another custom column of the file, then '<header> (import)'. */
export function keptColumnName(header: string, customHeaders: Set<string>): string {
  const folded = fold(header.trim());
  const taken = Object.keys(Contacts.columns).some((c) => fold(c) === folded) || customHeaders.has(folded);
  return taken ? `${header} (import)` : header;
}

/** Puts a checked value where its target says. */
function place(draft: ImportDraft, reader: Reader, value: Value, currency: string): void {
  const target = reader.target;
  const [group, field] = target.split('.');
  if (group === 'membership' || group === 'donation') {
    const record = (draft[group] ??= {});
    record[field] = value;
    if (currency) record.currency = currency;
  } else if (target === 'custom') draft.custom[reader.header] = String(value);
  else if (target === 'tags') {
    // Several tag columns add up, each tag once.
    const seen = new Set(draft.tags.map(fold));
    draft.tags.push(...splitTags(String(value)).filter((tag) => !seen.has(fold(tag))));
  } else if (target === 'external_id') draft.external_id = String(value);
  else if (target === 'interaction.note') draft.note = String(value);
  else if (target === 'member_flag') {
    // 'Adhérent: Oui' → the tag 'Adhérent' (the column's own name); 'Non' says nothing.
    const tag = reader.header.trim();
    if (value === true && !draft.tags.some((t) => fold(t) === fold(tag))) draft.tags.push(tag);
  } else if (target === 'newsletter_flag') draft.newsletter = value === true;
  else if (target !== 'full_name' && typeof value !== 'number') draft.contact[target] = value;
}
