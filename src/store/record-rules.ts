import { columnProblem } from '../core/schema/columns';
import type { TableDef } from '../core/schema/tables';
import { newId } from '../core/ids';
import { ValidationError } from './errors';

type Values = Record<string, unknown>;

/** A field the table does not have is a bug in the caller, not something a person typed. */
export function rejectUnknown(def: TableDef, values: Values): void {
  for (const key of Object.keys(values)) if (key !== 'custom' && !(key in def.columns)) throw new Error(`${def.name} has no column "${key}"`);
}

/** Refuses a value its column cannot hold, naming the row (`row`: where a person would look for it). */
export function checkValue(def: TableDef, name: string, value: unknown, row: number): void {
  const column = def.columns[name];
  if (!column) throw new Error(`${def.name} has no column "${name}"`);
  const problem = columnProblem(column, value);
  if (problem) throw new ValidationError(def.name, row, name, problem);
}

/** A new record of `def` from what a caller gave: every column ('' when not given), a new id (or the
 *  one given, with `keepIds`), the creation and change stamps, every value checked. Custom fields are
 *  the caller's to place. */
export function newRecord(def: TableDef, input: Values, options: { keepIds: boolean; now: Date; random?: () => number; row: number }): Values {
  const record: Values = {};
  for (const name of Object.keys(def.columns)) record[name] = input[name] ?? '';
  record.id = options.keepIds && typeof input.id === 'string' && input.id ? input.id : newId(def.idPrefix, options.now.getTime(), options.random);
  const stamp = options.now.toISOString();
  if ('created_at' in def.columns && !input.created_at) record.created_at = stamp;
  if ('updated_at' in def.columns && !input.updated_at) record.updated_at = stamp;
  rejectUnknown(def, input);
  for (const name of Object.keys(def.columns)) checkValue(def, name, record[name], options.row);
  return record;
}
