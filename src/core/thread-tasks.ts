import { duplicatesPart, type FindDuplicatesOptions, type RunNumbers } from './dedupe/engine';
import type { PersonRecord } from './dedupe/people';
import type { DedupeRules } from './dedupe/rules';

/** What another thread does for each task (ports/threads.ts), from the input the caller sent and the
 *  messages it sends next. */

/** A part of de-duplication's pairs: the contacts as columns (field → every contact's value), which a
 *  thread receives much faster than a million objects. */
export interface DuplicatesInput {
  columns: Record<keyof PersonRecord, string[]>;
  rules: DedupeRules;
  options: FindDuplicatesOptions;
  part: number;
  parts: number;
}

export function peopleToColumns(people: PersonRecord[], fields: readonly (keyof PersonRecord)[]): DuplicatesInput['columns'] {
  const columns = {} as DuplicatesInput['columns'];
  for (const field of fields) columns[field] = people.map((p) => p[field]);
  return columns;
}

export function peopleFromColumns(columns: DuplicatesInput['columns']): PersonRecord[] {
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

/** Each task, from its input and a function that waits for the next message its caller sends. */
export const THREAD_TASKS = {
  duplicates: (input: DuplicatesInput, receive: () => unknown) => duplicatesPart(peopleFromColumns(input.columns), input.rules, input.options, input.part, input.parts, receive as () => RunNumbers),
} satisfies Record<string, (input: never, receive: () => unknown) => unknown>;

/** The tasks another thread knows. */
export type ThreadTask = keyof typeof THREAD_TASKS;
