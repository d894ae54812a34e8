/** Statuses that make a contact a member. Members vs non-members is always derived from the
 *  Memberships table, never typed by hand. */
export const MEMBER_STATUSES: ReadonlySet<string> = new Set(['new', 'current', 'grace']);

export function isMemberStatus(status: string): boolean {
  return MEMBER_STATUSES.has(status);
}
