/** What the card's pickers offer (tags, relationship types, stages, statuses…): asked once per
 *  sidebar session, again after a new tag is created. Views that need it wait for it; when the call
 *  fails they keep working with empty pickers. */
import type { RecordOptions, RelationshipTypeView } from '../src/services/views';
import { call } from './server';

let cached: RecordOptions | null = null;
let pending: Promise<RecordOptions | null> | null = null;
const listeners = new Set<(options: RecordOptions) => void>();

/** The options we have now (null until the first answer). */
export function recordOptionsNow(): RecordOptions | null {
  return cached;
}

/** The options, asking the server the first time. Never rejects: null when the server cannot say. */
export function loadRecordOptions(): Promise<RecordOptions | null> {
  if (cached) return Promise.resolve(cached);
  return refreshRecordOptions();
}

/** Asks the server again (after a tag was created). */
export function refreshRecordOptions(): Promise<RecordOptions | null> {
  if (pending) return pending;
  pending = call('recordOptions', {})
    .then((options) => {
      cached = options;
      for (const listener of listeners) listener(options);
      return options;
    })
    .catch(() => cached)
    .finally(() => {
      pending = null;
    });
  return pending;
}

/** Calls `listener` each time new options arrive; returns how to stop. */
export function onRecordOptions(listener: (options: RecordOptions) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For tests: forget what we know. */
export function resetRecordOptions(options: RecordOptions | null = null): void {
  cached = options;
  pending = null;
}

export interface TypeChoice {
  /** `${type.id}:a` or `${type.id}:b`: which side of the type the card's contact takes. */
  value: string;
  /** How the card's contact relates to the other: "<this contact> is <label> <the other>". */
  label: string;
}

/** The relationship types as choices from the card's contact's side: an asymmetric type twice (the
 *  contact as a, labelled a→b; the contact as b, labelled b→a), a symmetric one once. */
export function relationshipTypeChoices(types: RelationshipTypeView[], labelOf: (label: string) => string = (l) => l): TypeChoice[] {
  const choices: TypeChoice[] = [];
  for (const type of types) {
    if ((type as { active?: unknown }).active === false) continue;
    choices.push({ value: `${type.id}:a`, label: labelOf(type.label_a_to_b) });
    if (!type.symmetric) choices.push({ value: `${type.id}:b`, label: labelOf(type.label_b_to_a) });
  }
  return choices;
}

/** `${type.id}:a` → { type_id, side: 'a' }; null for anything else. */
export function parseTypeChoice(value: string): { type_id: string; side: 'a' | 'b' } | null {
  const m = /^(.+):(a|b)$/.exec(String(value ?? ''));
  return m ? { type_id: m[1], side: m[2] as 'a' | 'b' } : null;
}

/** The type that records "person works for organisation" (category employment, a→b 'employee of'). */
export function employeeType(types: RelationshipTypeView[]): RelationshipTypeView | null {
  return types.find((type) => type.category === 'employment' && type.label_a_to_b.trim().toLowerCase() === 'employee of') ?? null;
}
