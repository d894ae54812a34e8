import { duplicatesPart, type FindDuplicatesOptions } from './dedupe/engine';
import { peopleOfText, type PeopleText, type PersonRecord } from './dedupe/people';
import type { DedupeRules } from './dedupe/rules';

/** What another thread does for each task (ports/threads.ts). */

type Columns = Record<keyof PersonRecord, string[]>;

/** A part of de-duplication's pairs: the contacts as columns (field → every contact's value), which a
 *  thread receives much faster than a million objects, or as the texts a database gave (`texts`), which
 *  it receives faster still. */
export interface DuplicatesInput {
  columns?: Columns;
  texts?: PeopleText[];
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

function peopleOf({ columns, texts }: DuplicatesInput): PersonRecord[] {
  if (columns) return peopleFromColumns(columns);
  return (texts ?? []).flatMap((text) => {
    const people = peopleOfText(text);
    if (!people) throw new Error('A text of contacts could not be read.');
    return people;
  });
}

/** Each task, from its input: a generator, which yields the messages it sends its caller (and is
 *  resumed with each reply) and returns its answer. */
export const THREAD_TASKS = {
  duplicates: (input: DuplicatesInput) => duplicatesPart(peopleOf(input), input.rules, input.options, input.part, input.parts),
} satisfies Record<string, (input: never) => Generator<unknown, unknown, never>>;

/** The tasks another thread knows. */
export type ThreadTask = keyof typeof THREAD_TASKS;
