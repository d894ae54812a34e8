/** State shared by all fake services of one `createAppsScriptFakes()` instance. */
import { Counters } from './counters';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

export interface Realm {
  Date: any;
  Error: any;
}

export interface FakeContext {
  counters: Counters;
  authMode: AuthModeName;
  /** Owner of the spreadsheet and of the script (options.user). */
  owner: string;
  /** Active user; '' means anonymous/unknown. */
  user: string;
  locale: string;
  timeZone: string;
  lockBusy: boolean;
  /** Sheets as it may behave where Google's documentation is silent: a leading apostrophe typed into a
   *  plain-text cell kept as part of the text (true) or eaten as "this is text" (false, what we saw). */
  keepsApostrophe?: boolean;
  /** Constructors used for values handed back to the script (see setRealm). */
  realm: Realm;
  /** Running as a web app (doGet/doPost): Google's documentation says a bound script there has no
   *  active spreadsheet, no UI and no document lock. */
  webApp?: boolean;
}

/** Builds an error shaped like an Apps Script exception: message `Exception: ...`. */
export function gasError(ctx: FakeContext | undefined, message: string): Error {
  const ErrorCtor = ctx ? ctx.realm.Error : Error;
  const text = 'Exception: ' + message;
  const e = new ErrorCtor(text);
  e.name = 'Exception';
  // Apps Script prints "Exception: <msg>", not "Exception: Exception: <msg>".
  Object.defineProperty(e, 'toString', { value: () => text, enumerable: false });
  return e;
}

/** Throws the permission error Apps Script raises when the auth mode does not allow `what`. */
export function requireAuth(ctx: FakeContext, what: string, scope: string): void {
  if (ctx.authMode === 'NONE') {
    throw gasError(ctx, `You do not have permission to call ${what}. Required permissions: ${scope}`);
  }
}

/** Cross-realm safe Date test (values may come from another vm context). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** A Date in the script's realm. */
export function makeDate(ctx: FakeContext, ms: number): Date {
  return new ctx.realm.Date(ms);
}

/** UTF-8 byte length of a string. */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}
