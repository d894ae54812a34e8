import { columnProblem, MAX_CELL_CHARS, type Column } from '../schema/columns';
import { Contacts, Donations, FREQUENCIES, Memberships } from '../schema/tables';
import { fold } from '../text';
import type { ParsedFile } from './delimited';
import { isTarget, type ColumnMapping, type Target } from './headers';
import { detectDateOrder, readAmount, readBoolean, readCurrency, readDate, readDateTime, splitFullName, splitTags, type DateOrder } from './values';

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
}

/** Why a row was left out: the line, the file's column, and an i18n problem key with its parameters. */
export interface RowError {
  line: number;
  column: string;
  key: string;
  params: Record<string, string | number>;
}

export interface DraftResult {
  drafts: ImportDraft[];
  errors: RowError[];
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
  const key = fold(text).trim().replace(/[\s-]+/g, '_');
  if (target === 'membership.frequency' && FREQUENCY_WORDS[key] !== undefined) return FREQUENCY_WORDS[key];
  return column.values!.find((v) => v === key) ?? text;
}

type Value = string | number | boolean;
type Read = { value: Value; currency?: string } | { error: string; params: Record<string, string | number> };

/** One cell's text → the value its column holds, or why it cannot be read. */
function readCell(reader: Reader, text: string, order: DateOrder): Read {
  const column = reader.column;
  if (!column) return { value: text };
  switch (column.kind) {
    case 'boolean': {
      const b = readBoolean(text);
      return b === null ? { error: 'import.bad_boolean', params: { value: clip(text) } } : { value: b };
    }
    case 'date':
    case 'datetime': {
      const d = column.kind === 'date' ? readDate(text, order) : readDateTime(text, order);
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
 *  unless given, amounts, booleans), each checked with `columnProblem` from ../schema/columns; a row
 *  with any invalid value becomes one or more RowErrors (key/params are the i18n problem key, e.g.
 *  'problem.email', plus the import's own: 'import.too_long' when a cell exceeds MAX_CELL_CHARS —
 *  reported, never cut — 'import.bad_date', 'import.bad_amount', 'import.bad_boolean',
 *  'import.empty_row' for a row with no name, email, phone or organisation) and is NOT in drafts.
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
  const dateOrder = options.dateOrder ?? detectDateOrder(dateColumns.flatMap((r) => file.rows.map((row) => row.cells[r.index] ?? '')));
  const drafts: ImportDraft[] = [];
  const errors: RowError[] = [];
  for (const row of file.rows) {
    const draft: ImportDraft = { line: row.line, contact: {}, custom: {}, tags: [], external_id: '', membership: null, donation: null, note: '' };
    const rowErrors: RowError[] = [];
    const fail = (column: string, key: string, params: Record<string, string | number> = {}) => rowErrors.push({ line: row.line, column, key, params });
    let fullName = '';
    let somebody = false;
    for (const reader of readers) {
      const text = (row.cells[reader.index] ?? '').trim();
      if (text === '') continue;
      if (IDENTIFYING.includes(reader.target)) somebody = true;
      if (text.length > MAX_CELL_CHARS) {
        fail(reader.header, 'import.too_long', { length: text.length, max: MAX_CELL_CHARS });
        continue;
      }
      const read = readCell(reader, text, dateOrder);
      if ('error' in read) {
        fail(reader.header, read.error, read.params);
        continue;
      }
      if (reader.column) {
        const problem = columnProblem(reader.column, read.value);
        if (problem) {
          fail(reader.header, problem.key, problem.params ?? {});
          continue;
        }
      }
      place(draft, reader, read.value, read.currency ?? '');
      if (reader.target === 'full_name') fullName = text;
    }
    if (fullName) {
      const { first_name, last_name } = splitFullName(fullName);
      if (first_name && draft.contact.first_name === undefined) draft.contact.first_name = first_name;
      if (last_name && draft.contact.last_name === undefined) draft.contact.last_name = last_name;
    }
    if (!somebody) fail('', 'import.empty_row');
    if (rowErrors.length) errors.push(...rowErrors);
    else drafts.push(draft);
  }
  return { drafts, errors, dateOrder };
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
  else if (target !== 'full_name' && typeof value !== 'number') draft.contact[target] = value;
}
