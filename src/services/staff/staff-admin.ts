import { Staff, type StaffMember } from '../../core/schema/tables';
import { readRole, type Role } from '../../core/roles';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';

/** A person on the Staff sheet as the admin screen shows them: the role as the CRM reads it ('' when
 *  the cell means no role it knows, with what was typed), active or not. */
export interface StaffView {
  id: string;
  email: string;
  name: string;
  role: Role | '';
  /** The role cell as typed, when it is not one the CRM understands (it then grants nothing). */
  typed_role: string;
  active: boolean;
  /** The person using the screen. */
  me: boolean;
}

const key = (email: string) => email.trim().toLowerCase();

export function listStaff(workbook: Workbook, me: string): StaffView[] {
  return workbook
    .table(Staff)
    .all()
    .filter((s) => s.email.trim() !== '')
    .map((s): StaffView => {
      const role = readRole(s.role);
      return { id: s.id, email: s.email.trim(), name: s.name, role: role ?? '', typed_role: role ? '' : String(s.role ?? ''), active: s.active === true, me: key(s.email) === key(me) };
    })
    .sort((a, b) => Number(b.active) - Number(a.active) || a.email.localeCompare(b.email));
}

function find(workbook: Workbook, email: string): StaffMember[] {
  return workbook
    .table(Staff)
    .all()
    .filter((s) => key(s.email) === key(email));
}

function activeAdmins(workbook: Workbook): string[] {
  return [
    ...new Set(
      workbook
        .table(Staff)
        .all()
        .filter((s) => s.active === true && readRole(s.role) === 'admin' && s.email.trim())
        .map((s) => key(s.email)),
    ),
  ];
}

/** Whether a change to `email` would leave the CRM without an active admin. */
function wouldLeaveNoAdmin(workbook: Workbook, email: string, next: { role: Role | null; active: boolean }): boolean {
  if (next.active && next.role === 'admin') return false;
  const admins = activeAdmins(workbook);
  return admins.length === 1 && admins[0] === key(email);
}

/** Adds a person, or gives an inactive one back their access with this role. */
export function addStaffMember(workbook: Workbook, input: { email: string; name?: string; role: Role }): StaffView {
  const email = key(input.email);
  const found = find(workbook, email);
  const table = workbook.table(Staff);
  if (found.some((s) => s.active === true)) throw new UserError('invalid', 'error.staff_exists', { email });
  if (found.length) table.update(found[0].id, { role: input.role, active: true, ...(input.name ? { name: input.name } : {}) });
  else table.insert([{ email, name: input.name ?? '', role: input.role, active: true }]);
  return listStaff(workbook, '').find((s) => key(s.email) === email)!;
}

/** Changes a person's role (every row of theirs, so that no forgotten row grants more). */
export function setStaffRole(workbook: Workbook, email: string, role: Role): StaffView {
  const found = find(workbook, email);
  if (!found.length) throw new UserError('not_found', 'error.staff_not_found', { email });
  const active = found.some((s) => s.active === true);
  if (wouldLeaveNoAdmin(workbook, email, { role, active })) throw new UserError('invalid', 'error.last_admin', { email });
  for (const s of found) workbook.table(Staff).update(s.id, { role });
  return listStaff(workbook, '').find((s) => key(s.email) === key(email))!;
}

/** Takes a person's access away (their rows stay, inactive, for the audit trail). */
export function deactivateStaff(workbook: Workbook, email: string): StaffView {
  const found = find(workbook, email);
  if (!found.length) throw new UserError('not_found', 'error.staff_not_found', { email });
  if (wouldLeaveNoAdmin(workbook, email, { role: null, active: false })) throw new UserError('invalid', 'error.last_admin', { email });
  for (const s of found) if (s.active !== false) workbook.table(Staff).update(s.id, { active: false });
  return listStaff(workbook, '').find((s) => key(s.email) === key(email))!;
}
