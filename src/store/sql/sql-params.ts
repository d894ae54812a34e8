import type { SqlValue } from '../../ports/database';

/** The parameters of a statement being written: `add` keeps a value and returns its placeholder,
 *  typed (`$3::text`), since the database cannot always tell a parameter's type from where it stands. */
export class SqlParams {
  readonly values: SqlValue[] = [];

  readonly add = (value: SqlValue): string => {
    this.values.push(value);
    return `$${this.values.length}::${typeof value === 'number' ? 'float8' : typeof value === 'boolean' ? 'boolean' : 'text'}`;
  };
}
