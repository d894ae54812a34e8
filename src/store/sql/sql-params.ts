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

/** Parameters for conditions written once and sent in several statements, each holding only some of
 *  them: `add` keeps a value and returns a marker, and `statement` numbers the markers a text holds
 *  from $1, with their values only (the database refuses a parameter a statement does not use). */
export class SharedSqlParams {
  private readonly params = new SqlParams();

  /** SqlParams' placeholder (`$3::text`), its number marked (`\u00003\u0000::text`) to be numbered again. */
  readonly add = (value: SqlValue): string => this.params.add(value).replace(/^\$(\d+)/, '\u0000$1\u0000');

  statement(text: string): { text: string; values: SqlValue[] } {
    const numbers = new Map<string, string>();
    const values: SqlValue[] = [];
    const numbered = text.replace(/\u0000(\d+)\u0000/g, (_, k: string) => {
      let number = numbers.get(k);
      if (number === undefined) {
        values.push(this.params.values[Number(k) - 1]);
        numbers.set(k, (number = `$${values.length}`));
      }
      return number;
    });
    return { text: numbered, values };
  }
}
