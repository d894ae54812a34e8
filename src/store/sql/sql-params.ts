import type { SqlValue } from '../../ports/database';

/** The parameters of a statement being written: `add` keeps a value and returns its placeholder,
 *  typed (`$3::text`), since the database cannot always tell a parameter's type from where it stands. */
export class SqlParams {
  readonly values: SqlValue[] = [];
  /** A value given twice is one parameter (so that the same condition twice is the same text). */
  private readonly known = new Map<string, string>();

  readonly add = (value: SqlValue): string => {
    const type = typeof value === 'number' ? 'float8' : typeof value === 'boolean' ? 'boolean' : 'text';
    const key = `${type}:${String(value)}`;
    const known = this.known.get(key);
    if (known && value !== null) return known;
    this.values.push(value);
    const placeholder = `$${this.values.length}::${type}`;
    this.known.set(key, placeholder);
    return placeholder;
  };
}
