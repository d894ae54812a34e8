import { duplicatesPart, type FindDuplicatesOptions } from './dedupe/engine';
import type { PersonRecord } from './dedupe/people';
import type { DedupeRules } from './dedupe/rules';

/** What another thread does for each task (ports/threads.ts). */

type Columns = Record<keyof PersonRecord, string[]>;

/** A part of de-duplication's pairs: the contacts as columns (field → every contact's value), which a
 *  thread receives much faster than a million objects, or as the texts a database gives, which it
 *  receives faster still: `texts` says how many its caller sends as it reads them (engine.ts PartPeople). */
export interface DuplicatesInput {
  columns?: Columns;
  texts?: number;
  rules: DedupeRules;
  options: FindDuplicatesOptions;
  part: number;
  parts: number;
}

export function peopleToColumns(people: PersonRecord[], fields: readonly (keyof PersonRecord)[]): Columns {
  const columns = {} as Columns;
  for (const field of fields) columns[field] = people.map((p) => p[field]);
  return columns;
}

export function peopleFromColumns(columns: Columns): PersonRecord[] {
  const fields = Object.keys(columns) as (keyof PersonRecord)[];
  const count = columns.id.length;
  const people: PersonRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const person = {} as PersonRecord;
    for (const field of fields) person[field] = columns[field][i];
    people[i] = person;
  }
  return people;
}

/** Each task, from its input: a generator, which yields the messages it sends its caller (`undefined`
 *  to send none), is resumed with each message its caller sends, and returns its answer. */
export const THREAD_TASKS = {
  duplicates: (input: DuplicatesInput) =>
    duplicatesPart(input.columns ? { people: peopleFromColumns(input.columns) } : { texts: input.texts ?? 0 }, input.rules, input.options, input.part, input.parts),
} satisfies Record<string, (input: never) => Generator<unknown, unknown, never>>;

/** The tasks another thread knows. */
export type ThreadTask = keyof typeof THREAD_TASKS;
