import { ROLES, Staff } from '../core/schema/tables';
import { readRole, roleAllows, type Role } from '../core/roles';
import type { Workbook } from '../store/workbook';
import type { KeyValue } from '../ports/key-value';
import { UserError } from '../store/errors';

export type { Role };

export interface Caller {
  email: string;
  role: Role;
  /** Preferred language from the Staff row ('' = use the account's or the CRM's). */
  language: string;
}

/** Finds the caller on the Staff sheet. Everyone who uses the CRM must be there, active, with a role
 *  we understand: a hand-typed role that means nothing we know grants nothing. */
export function identifyCaller(workbook: Workbook, email: string): Caller {
  if (!email) throw new UserError('no_identity', 'error.no_identity');
  if (!workbook.sheetNames().has(Staff.name)) throw new UserError('not_set_up', 'error.not_set_up');
  const me = email.trim().toLowerCase();
  const rows = workbook.rowsOf(Staff).filter((s) => s.email.trim().toLowerCase() === me);
  if (!rows.length) throw new UserError('not_staff', 'error.not_staff', { email });
  // Two rows for one person (a hand edit): the active one counts, and never the higher of two.
  const active = rows.filter((s) => s.active === true);
  if (!active.length) throw new UserError('inactive', 'error.inactive', { email });
  const roles = active.map((s) => readRole(s.role));
  if (roles.some((r) => r === null)) {
    const typed = String(active[roles.indexOf(null)].role ?? '');
    throw new UserError('unknown_role', 'error.unknown_role', { email, typed: typed.slice(0, 40) });
  }
  const role = ROLES.find((r) => roles.includes(r))!;
  return { email: me, role, language: active[0].language };
}

export function requireRole(caller: Caller, needed: Role): void {
  if (!roleAllows(caller.role, needed)) throw new UserError('forbidden', 'error.role', { required: needed, email: caller.email, role: caller.role });
}

/** Whether `email` is an active admin on Staff, as the CRM would let them in today. */
export function isActiveAdmin(workbook: Workbook, email: string): boolean {
  try {
    return identifyCaller(workbook, email).role === 'admin';
  } catch (error) {
    if (error instanceof UserError) return false;
    throw error;
  }
}

export function hasActiveAdmin(workbook: Workbook): boolean {
  return workbook.rowsOf(Staff).some((s) => readRole(s.role) === 'admin' && s.active === true && !!s.email.trim());
}

/** A person's own language for the CRM (the sidebar's language picker): kept in their own user
 *  properties (not on the Staff sheet, which everyone can edit and which admins manage), so that the
 *  server's messages follow it too. */
export function setOwnLanguage(userProperties: KeyValue, language: string): { language: string } {
  userProperties.set(LANGUAGE_KEY, language);
  return { language };
}

/** The language a person chose in the sidebar, or ''. */
export function ownLanguage(userProperties: KeyValue): string {
  try {
    return userProperties.get(LANGUAGE_KEY) ?? '';
  } catch {
    return ''; // user properties are not available in every execution (a simple trigger)
  }
}

const LANGUAGE_KEY = 'crm.language';
