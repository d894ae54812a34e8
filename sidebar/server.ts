/** Calls the server the same way in Google Sheets (google.script.run) and in the local runtime
 *  (POST /api/<action>). Both answer the `Answer` envelope of src/api/action.ts. */
import type { Action, Answer } from '../src/api/action';
import type { ACTIONS, ActionName } from '../src/api/actions';

/** What an action takes and answers, from the server's own action table: a changed action breaks the
 *  build of every caller. The answer is the output as JSON carries it (see `plain` in src/api/call.ts). */
type Actions = typeof ACTIONS;
type RawInputOf<K extends ActionName> = Actions[K] extends Action<infer I, infer _O> ? I : never;
export type InputOf<K extends ActionName> = NonNullable<RawInputOf<K>>;
export type OutputOf<K extends ActionName> = Actions[K] extends Action<infer _I, infer O> ? Plain<O> : never;
/** Dates become ISO text and undefined fields vanish on the way. */
export type Plain<T> = T extends Date ? string : T extends (infer U)[] ? Plain<U>[] : T extends object ? { [P in keyof T]: Plain<T[P]> } : T;

/** The error a failed call rejects with: `message` is the server's sentence in the user's language,
 *  `code` the server's error code ('not_staff', 'invalid', …) or one of TRANSPORT_CODES. */
export class ServerError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** The record the refusal is about (the contact already there, for 'duplicate'). */
    readonly id?: string,
    /** The field the refusal is about, for the form to show it under that field. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

/** Codes for calls that never got an answer from the CRM itself: the message is not localized. */
export const TRANSPORT_CODES = ['network', 'bad_answer'] as const;

export function isTransportError(error: unknown): boolean {
  return error instanceof ServerError && (TRANSPORT_CODES as readonly string[]).includes(error.code);
}

/** google.script.run, as far as we use it. */
export interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
}

export interface FetchLike {
  (url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{ status: number; text(): Promise<string> }>;
}

/** What the page runs in: `window` in a browser, a fake in tests. */
export interface ServerEnvironment {
  google?: { script?: { run?: ScriptRunner } };
  fetch?: FetchLike;
  /** Locally, the page's address carries the run's key (`?key=`), which every call sends back. */
  location?: { search: string };
}

export type Call = <T>(action: ActionName, input?: unknown) => Promise<T>;

/** What a change answers: its output, and the token that undoes it (undoable actions only). */
export interface Changed<T> {
  data: T;
  undo?: string;
}

/** A `call` bound to an environment: google.script.run when there is one, else fetch. */
export function serverFor(env: ServerEnvironment): Call {
  return <T>(action: ActionName, input?: unknown): Promise<T> => answerOf<T>(env, action, input).then((changed) => changed.data);
}

function answerOf<T>(env: ServerEnvironment, action: ActionName, input?: unknown): Promise<Changed<T>> {
  const run = env.google?.script?.run;
  const answer = run ? viaScriptRun(run, action, input) : env.fetch ? viaFetch(env, action, input) : Promise.reject(new ServerError('No way to reach the server', 'network'));
  return answer.then((value) => unwrap<T>(value));
}

/** Calls an action that changes something, for its output and its Undo (see undo-bar.ts). */
export function change<K extends ActionName>(action: K, ...input: undefined extends RawInputOf<K> ? [InputOf<K>?] : [InputOf<K>]): Promise<Changed<OutputOf<K>>> {
  return answerOf<OutputOf<K>>(globalThis as unknown as ServerEnvironment, action, input[0]);
}

/** Calls an action of the server in the page's own environment, typed by the action table. */
export function call<K extends ActionName>(action: K, ...input: undefined extends RawInputOf<K> ? [InputOf<K>?] : [InputOf<K>]): Promise<OutputOf<K>> {
  return serverFor(globalThis as unknown as ServerEnvironment)<OutputOf<K>>(action, input[0]);
}

/** The language the page speaks, sent with every call so that refusals come back in it; not with
 *  `bootstrap`, whose answer tells the page the person's own language. */
let pageLanguage = '';
const languageFor = (action: string) => (action === 'bootstrap' ? '' : pageLanguage);

export function setCallLanguage(language: string): void {
  pageLanguage = language;
}

function viaScriptRun(run: ScriptRunner, action: string, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const runner = run.withSuccessHandler(resolve).withFailureHandler((error) => reject(new ServerError(describe(error), 'network'))) as unknown as Record<string, unknown>;
    const fn = runner[action];
    if (typeof fn !== 'function') {
      reject(new ServerError(`Unknown server function ${action}`, 'network'));
      return;
    }
    // google.script.run cannot carry undefined: send an empty object instead.
    const language = languageFor(action);
    if (language) fn.call(runner, input ?? {}, language);
    else fn.call(runner, input ?? {});
  });
}

async function viaFetch(env: ServerEnvironment, action: string, input: unknown): Promise<unknown> {
  let status = 0;
  let body: string;
  try {
    const response = await env.fetch!('/api/' + encodeURIComponent(action), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CRM-Key': localKey(env), ...(languageFor(action) ? { 'X-CRM-Language': languageFor(action) } : {}) },
      body: JSON.stringify(input ?? {}),
    });
    status = response.status;
    body = await response.text();
  } catch (error) {
    throw new ServerError(describe(error), 'network');
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new ServerError(`HTTP ${status}`, 'bad_answer');
  }
}

function localKey(env: ServerEnvironment): string {
  const match = /[?&]key=([^&#]*)/.exec(env.location?.search ?? '');
  return match ? decodeURIComponent(match[1]) : '';
}

function unwrap<T>(value: unknown): Changed<T> {
  const answer = value as Answer<T> | null;
  if (answer && typeof answer === 'object' && answer.ok === true && 'data' in answer) return typeof answer.undo === 'string' ? { data: answer.data, undo: answer.undo } : { data: answer.data };
  if (answer && typeof answer === 'object' && answer.ok === false && answer.error && typeof answer.error === 'object') {
    const { id, field } = answer.error;
    throw new ServerError(String(answer.error.message ?? ''), String(answer.error.code ?? 'internal'), typeof id === 'string' ? id : undefined, typeof field === 'string' && field ? field : undefined);
  }
  throw new ServerError('The server gave an answer the sidebar does not understand', 'bad_answer');
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error ?? 'unknown error');
}
