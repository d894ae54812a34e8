import { ROLES, Staff } from '../core/schema/tables';
import type { Workbook } from '../store/workbook';
import { UserError } from '../store/errors';

export type Role = (typeof ROLES)[number];

export interface Caller {
  email: string;
  role: Role;
  /** Preferred language from the Staff row ('' = use the account's or the CRM's). */
  language: string;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Finds the caller on the Staff sheet. Everyone who uses the CRM must be there, active. */
export function identifyCaller(workbook: Workbook, email: string): Caller {
  if (!email) throw new UserError('no_identity', 'error.no_identity');
  if (!workbook.sheetNames().has(Staff.name)) throw new UserError('not_set_up', 'error.not_set_up');
  const row = workbook.rowsOf(Staff).find((s) => s.email.trim().toLowerCase() === email);
  if (!row) throw new UserError('not_staff', 'error.not_staff', { email });
  if (row.active !== true) throw new UserError('inactive', 'error.inactive', { email });
  return { email, role: row.role as Role, language: row.language };
}

export function requireRole(caller: Caller, needed: Role): void {
  if (RANK[caller.role] < RANK[needed]) throw new UserError('forbidden', 'error.role', { required: needed, email: caller.email, role: caller.role });
}

export function hasActiveAdmin(workbook: Workbook): boolean {
  return workbook.rowsOf(Staff).some((s) => s.role === 'admin' && s.active === true);
}

/** A person's own language for the CRM (the sidebar's language picker): kept on their Staff row, so
 *  that the server's messages follow it too. */
export function setOwnLanguage(workbook: Workbook, email: string, language: string): { language: string } {
  const row = workbook.table(Staff).all().find((s) => s.email.trim().toLowerCase() === email);
  if (!row) throw new UserError('not_staff', 'error.not_staff', { email });
  workbook.table(Staff).update(row.id, { language });
  return { language };
}
