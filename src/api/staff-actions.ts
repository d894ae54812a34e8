import * as z from 'zod/mini';
import { ROLES } from '../core/schema/tables';
import { defineAction } from './action';
import { addStaffMember, deactivateStaff, listStaff, setStaffRole } from '../services/staff/staff-admin';

const email = () => z.string().check(z.minLength(3), z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/));

/** Who may use the CRM, for admins: the sidebar's Staff tab and `crm staff`. Never the last active admin. */
export const STAFF_ACTIONS = {
  listStaff: defineAction({
    access: 'admin',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook, caller }) => ({ staff: listStaff(workbook, caller!.email) }),
  }),

  addStaff: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'staff.add',
    input: () => z.strictObject({ email: email(), name: z.optional(z.string().check(z.maxLength(200))), role: z.enum(ROLES) }),
    run: ({ workbook }, input) => addStaffMember(workbook, input),
  }),

  setStaffRole: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'staff.role',
    input: () => z.strictObject({ email: email(), role: z.enum(ROLES) }),
    run: ({ workbook }, input) => setStaffRole(workbook, input.email, input.role),
  }),

  deactivateStaff: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'staff.deactivate',
    input: () => z.strictObject({ email: email() }),
    run: ({ workbook }, input) => deactivateStaff(workbook, input.email),
  }),
};
