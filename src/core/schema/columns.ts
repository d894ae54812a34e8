/** What a cell holds once it has crossed a Grid port: never a Date, never undefined. Empty is ''. */
export type Cell = string | number | boolean;

/** How a column is stored in the sheet and validated. Dates are ISO text so that what a person typed
 *  is what they read back, and so that plain Sheets sorts them correctly. */
export type ColumnKind = 'id' | 'ref' | 'text' | 'longtext' | 'email' | 'enum' | 'number' | 'money' | 'boolean' | 'date' | 'datetime' | 'json';

export interface Column {
  kind: ColumnKind;
  required: boolean;
  values?: readonly string[];
  /** For refs: the table the id points at. */
  table?: string;
  /** For dates: a day and month without a year ('--MM-DD') is a value too (a birthday). */
  partial?: boolean;
  /** For amounts: what a sane value is. `positive`: more than 0 (a gift); else 0 or more (a fee may be
   *  free). At most MAX_AMOUNT, in cents at most. */
  positive?: boolean;
}

/** No gift or fee of a small organisation is a billion: such a number is a typo (a pasted id, an extra
 *  zero row), refused with a message rather than added to every total. */
export const MAX_AMOUNT = 100_000_000;

/** Google Sheets refuses cells longer than this; we refuse first, with a message that says so. */
export const MAX_CELL_CHARS = 50000;

/** ISO 8601's date without a year: '--08-10' is 10 August. */
export const PARTIAL_DATE = /^--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const ISO_DATETIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;

/** An address the email columns accept. */
export const isEmailAddress = (value: string): boolean => EMAIL.test(value.trim());

const def = <K extends ColumnKind>(kind: K, extra: Partial<Column> = {}) => ({ kind, required: false, ...extra }) as Column & { kind: K };

export const col = {
  id: () => def('id', { required: true }),
  ref: (table: string, required = true) => def('ref', { table, required }),
  text: (required = false) => def('text', { required }),
  longtext: () => def('longtext'),
  email: () => def('email'),
  enumOf: (values: readonly string[], required = false) => def('enum', { values, required }),
  number: () => def('number'),
  money: () => def('money'),
  /** An amount a person pays: 0 or more (`positive`: more than 0), at most MAX_AMOUNT, in cents. */
  amount: (positive = false) => def('money', { positive }),
  boolean: () => def('boolean'),
  date: () => def('date'),
  /** A date that may come without its year: '1984-08-10' or '--08-10'. */
  birthday: () => def('date', { partial: true }),
  datetime: () => def('datetime'),
  json: () => def('json'),
};

/** Why a value does not fit its column, as a message key and its parameters (translated by the
 *  caller into the user's language), or null when it fits. Plain code rather than a zod schema per
 *  column because it runs for every changed cell of every write. */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export function columnProblem(column: Column, value: unknown): Problem | null {
  const empty = value === '' || value === null || value === undefined;
  if (empty) return column.required ? { key: 'problem.required' } : null;
  switch (column.kind) {
    case 'number':
    case 'money':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { key: 'problem.number', params: { value: clip(String(value)) } };
      return column.positive === undefined ? null : amountProblem(value, column.positive);
    case 'boolean':
      return typeof value === 'boolean' ? null : { key: 'problem.boolean', params: { value: clip(String(value)) } };
    default:
      break;
  }
  if (typeof value !== 'string') return { key: 'problem.text' };
  if (value.length > MAX_CELL_CHARS) return { key: 'problem.too_long', params: { length: value.length, max: MAX_CELL_CHARS } };
  const params = { value: clip(value) };
  switch (column.kind) {
    case 'email':
      return EMAIL.test(value.trim()) ? null : { key: 'problem.email', params };
    case 'enum':
      return column.values!.includes(value) ? null : { key: 'problem.enum', params: { ...params, allowed: column.values!.join(', ') } };
    case 'date':
      if (column.partial && PARTIAL_DATE.test(value)) return validDay(`2000${value.slice(1)}`) ? null : { key: 'problem.date', params };
      return ISO_DATE.test(value) && validDay(value) ? null : { key: 'problem.date', params };
    case 'datetime':
      return ISO_DATETIME.test(value) || (ISO_DATE.test(value) && validDay(value)) ? null : { key: 'problem.datetime', params };
    case 'json':
      try {
        JSON.parse(value);
        return null;
      } catch {
        return { key: 'problem.json' };
      }
    default:
      return null;
  }
}

function amountProblem(value: number, positive: boolean): Problem | null {
  const params = { value: String(value) };
  if (positive ? value <= 0 : value < 0) return { key: positive ? 'problem.amount_positive' : 'problem.amount_negative', params };
  if (value > MAX_AMOUNT) return { key: 'problem.amount_too_big', params: { ...params, max: MAX_AMOUNT } };
  if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) return { key: 'problem.amount_cents', params };
  return null;
}

function validDay(iso: string): boolean {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const clip = (s: string) => (s.length > 40 ? s.slice(0, 40) + '…' : s);
