import type * as z from 'zod/mini';
import type { Runtime } from '../ports';
import type { Workbook } from '../store/workbook';
import type { Caller, Role } from '../services/access';

export interface ActionContext {
  workbook: Workbook;
  /** null only for actions with access 'anyone' (bootstrap, set up) when the caller is not staff yet. */
  caller: Caller | null;
  runtime: Runtime;
  language: string;
}

/** One thing a person can do from a UI. `access` is the least role it needs ('anyone': the caller
 *  only needs to be signed in; the action checks the rest). Mutations run under the document lock and
 *  are audited under `audit`. */
export interface Action<I = unknown, O = unknown> {
  access: Role | 'anyone';
  mutates: boolean;
  /** The audit log's action name; a function when it depends on what the action did (an import's batch). */
  audit?: string | ((output: O) => string);
  /** The action takes the document lock itself, for the moments it needs it (a long rebuild of derived
   *  data that must not keep everyone else waiting); it must not write records. */
  locksItself?: boolean;
  /** Its answer carries `undo`, which `undoChange` takes to put the change back (src/services/undo). */
  undoable?: boolean;
  /** Tables to write after all the others when the action commits. */
  commitLast?: string[];
  /** The input's schema, or a function that builds it: built when the action is called, not when the
   *  script loads (Apps Script loads the whole script for every call, and building ~80 schemas was
   *  most of what loading cost). */
  input: z.ZodMiniType<I> | (() => z.ZodMiniType<I>);
  run(ctx: ActionContext, input: I): O;
}

export const defineAction = <I, O>(action: Action<I, O>): Action<I, O> => action;

/** What every call answers, in Google (google.script.run) and locally (POST /api/<name>): plain data
 *  only, no Date, no undefined, so that it survives google.script.run's serialisation. */
export type Answer<T = unknown> =
  | { ok: true; data: T; /** what `undoChange` takes to put this change back */ undo?: string }
  | { ok: false; error: { code: string; message: string; /** the record a refusal is about */ id?: string; /** the field a refusal is about, for the form to show it under */ field?: string } };
