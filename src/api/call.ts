import * as z from 'zod/mini';
// Named, never through the z.core namespace: that would pull every zod locale into the bundle.
import { $ZodError, type $ZodIssue } from 'zod/v4/core';
import type { Runtime } from '../ports';
import { Settings } from '../core/schema/tables';
import { fieldWords, LANGUAGE_CODES, translate } from '../core/i18n';
import { Workbook } from '../store/workbook';
import { markDataChanged } from '../store/shared-reads';
import { UserError, ValidationError } from '../store/errors';
import { userMessage } from '../store/error-messages';
export { userMessage };
import { identifyCaller, ownLanguage, requireRole, Caller } from '../services/access';
import { searchIndexWatcher } from '../services/search/search-index';
import { undoTokenOf } from '../services/undo/undo-change';
import { ACTIONS } from './actions';
import type { Action, Answer } from './action';

export { LOCK_WAIT_MS } from '../ports/lock';
import { LOCK_WAIT_MS } from '../ports/lock';

/** Runs one action for the current caller: validate the input, check the role, and for a mutation take
 *  the document lock, run, write and audit, release. Never throws: the answer says what went wrong in
 *  the caller's language. */
export function callAction(runtime: Runtime, name: string, rawInput: unknown, pageLanguage?: string): Answer {
  // The page's language (the sidebar the person reads) wins: its refusals are read there.
  const page = pageLanguage && (LANGUAGE_CODES as readonly string[]).includes(pageLanguage) ? pageLanguage : '';
  let language = page || runtime.identity.locale();
  // Own names only: 'constructor' or '__proto__' are JavaScript's, not actions.
  const action = typeof name === 'string' && Object.prototype.hasOwnProperty.call(ACTIONS, name) ? (ACTIONS as Record<string, Action<unknown, unknown>>)[name] : undefined;
  if (!action) return failure(language, new UserError('unknown_action', 'error.unknown_action', { name: String(name).slice(0, 80) }));
  let locked = false;
  try {
    const input = parseInput(action, rawInput);
    if (action.mutates && !action.locksItself) {
      if (!runtime.lock.tryAcquire(LOCK_WAIT_MS)) throw new UserError('busy', 'error.busy');
      locked = true;
    }
    const email = runtime.identity.email();
    const workbook = new Workbook(runtime, runtime.clock, email || 'unknown', undefined, runtime.cache, searchIndexWatcher(runtime.properties));
    const caller = whoIsCalling(workbook, email, action);
    language = page || preferredLanguage(workbook, caller, language, ownLanguage(runtime.userProperties));
    if (caller && action.access !== 'anyone') requireRole(caller, action.access);
    const data = action.run({ workbook, caller, runtime, language }, input);
    const audited = action.mutates ? workbook.commit(typeof action.audit === 'function' ? action.audit(data) : (action.audit ?? name), action.commitLast) : [];
    const undo = action.undoable ? undoTokenOf(audited) : undefined;
    return undo ? { ok: true, data: plain(data), undo } : { ok: true, data: plain(data) };
  } catch (error) {
    return failure(language, error);
  } finally {
    // Whatever it wrote (or half-wrote): readers that kept tables across executions read them again.
    if (action.mutates) markDataChanged(runtime.properties);
    if (locked) runtime.lock.release();
  }
}

const schemas = new WeakMap<Action<unknown, unknown>, z.ZodMiniType<unknown>>();

function parseInput(action: Action<unknown, unknown>, raw: unknown): unknown {
  let schema = schemas.get(action);
  if (!schema) schemas.set(action, (schema = typeof action.input === 'function' ? action.input() : action.input));
  return z.parse(schema, raw ?? undefined);
}

/** The field an issue is about: the last name in its path ('contact.email' → 'email'). */
function fieldOfIssue(issue: $ZodIssue): string {
  const names = issue.path.filter((p): p is string => typeof p === 'string');
  return names.length ? names[names.length - 1] : '';
}

/** zod/mini ships no messages (its locales would triple the bundle): say what is wrong ourselves, in
 *  the person's language, naming the field by its words ('Email', not 'contact.email'). */
function describeIssue(language: string, issue: $ZodIssue): string {
  const field = fieldOfIssue(issue);
  const where = field ? fieldWords(language, field) : translate(language, 'input.request');
  const about = (problem: string) => translate(language, 'input.field_problem', { field: where, problem });
  const say = (key: string, params: Record<string, string | number> = {}) => about(translate(language, key, params));
  switch (issue.code) {
    case 'custom': {
      const params = (issue.params ?? {}) as Record<string, string | number>;
      return about(typeof params.key === 'string' ? translate(language, params.key, params) : issue.message);
    }
    case 'invalid_type':
      return say(issue.expected === 'number' || issue.expected === 'int' ? 'input.expected_number' : issue.expected === 'boolean' ? 'input.expected_yes_no' : 'input.expected_text');
    case 'unrecognized_keys':
      return say('input.unknown_fields', { fields: issue.keys.join(', ') });
    case 'invalid_value':
      return say('input.not_a_choice', { choices: issue.values.map(String).filter(Boolean).join(', ') });
    case 'invalid_union': {
      // A choice or nothing ('' | enum): the choices are the enum's.
      const choices = issue.errors
        .flat()
        .flatMap((i) => (i.code === 'invalid_value' ? i.values.map(String) : []))
        .filter(Boolean);
      return choices.length ? say('input.not_a_choice', { choices: choices.join(', ') }) : say('input.bad_format');
    }
    case 'too_big':
      return say(issue.origin === 'string' ? 'input.too_long' : 'input.too_big', { max: Number(issue.maximum) });
    case 'too_small':
      return say(issue.origin === 'string' ? (Number(issue.minimum) <= 1 ? 'input.empty' : 'input.too_short') : 'input.too_small', { min: Number(issue.minimum) });
    case 'invalid_format':
      return say('input.bad_format');
    default:
      return say('input.bad_format');
  }
}

function whoIsCalling(workbook: Workbook, email: string, action: Action<unknown, unknown>): Caller | null {
  if (action.access !== 'anyone') return identifyCaller(workbook, email);
  try {
    return identifyCaller(workbook, email);
  } catch (e) {
    if (e instanceof UserError) return null;
    throw e;
  }
}

/** The person's own choice (their user properties; a Staff.language typed there before is still read),
 *  else the CRM's (Settings.language), else the account's. */
function preferredLanguage(workbook: Workbook, caller: Caller | null, accountLocale: string, own: string): string {
  if (caller && own) return own;
  if (caller?.language) return caller.language;
  if (workbook.sheetNames().has(Settings.name)) {
    const chosen = workbook.rowsOf(Settings).find((s) => s.key === 'language')?.value;
    if (chosen) return chosen;
  }
  return accountLocale;
}

function failure(language: string, error: unknown): Answer {
  if (error instanceof $ZodError) {
    const details = error.issues.map((issue) => describeIssue(language, issue)).join('; ');
    const field = error.issues.length === 1 ? fieldOfIssue(error.issues[0]) : '';
    // One field wrong: its own sentence, shown under it; several: the list of what is wrong.
    if (field) return { ok: false, error: { code: 'invalid_input', message: details, field } };
    return { ok: false, error: { code: 'invalid_input', message: translate(language, 'error.input', { details }) } };
  }
  if (error instanceof UserError) {
    // A refusal about one record names it (the contact already there), so that the page can open it.
    const about = typeof error.params.id === 'string' && error.code === 'duplicate' ? { id: error.params.id } : {};
    const field = typeof error.params.field === 'string' ? error.params.field : error instanceof ValidationError ? String(error.params.column) : '';
    return { ok: false, error: { code: error.code, message: userMessage(language, error), ...about, ...(field ? { field } : {}) } };
  }
  const details = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'internal', message: translate(language, 'error.internal', { details }) } };
}

/** What google.script.run can carry: JSON data. */
function plain<T>(data: T): T {
  return data === undefined ? (null as T) : JSON.parse(JSON.stringify(data));
}
