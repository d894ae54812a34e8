import { Contacts, Contact } from '../../core/schema/tables';
import { fold } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { decode } from '../../store/codec';
import { checkContactValues, refuseDuplicate } from './contact-rules';

export type ContactInput = Partial<Omit<Contact, 'id' | 'created_at' | 'updated_at'>>;

/** A contact that exists and is neither deleted nor merged into another: the only kind anything may
 *  be attached to, so that nothing ends up on a record nobody sees. */
export function requireLiveContact(workbook: Workbook, id: string): Contact {
  const contact = workbook.table(Contacts).get(id);
  if (!contact) throw new UserError('not_found', 'error.not_found', { table: Contacts.name, id });
  if (contact.deleted === true) throw new UserError('deleted', 'error.contact_deleted', { id });
  if (contact.merged_into) throw new UserError('merged', 'error.contact_merged', { id, into: contact.merged_into });
  return contact;
}

/** An organisation_id must point at a live organisation contact (not a person, not deleted or merged,
 *  not the contact itself): otherwise the card and the relationships would show a link to nobody. */
function requireOrganisation(workbook: Workbook, organisationId: string, self?: string): void {
  if (self && organisationId === self) throw new UserError('invalid', 'error.self_organisation');
  const target = workbook.table(Contacts).get(organisationId);
  if (!target) throw new UserError('invalid', 'error.bad_organisation', { id: organisationId, reasonKey: 'reference.missing' });
  if (target.deleted === true) throw new UserError('invalid', 'error.bad_organisation', { id: organisationId, reasonKey: 'reference.deleted' });
  if (target.merged_into) throw new UserError('invalid', 'error.bad_organisation', { id: organisationId, reasonKey: 'reference.merged' });
  if (target.kind !== 'organisation') throw new UserError('invalid', 'error.bad_organisation', { id: organisationId, reasonKey: 'reference.not_organisation' });
}

/** `allowDuplicate`: the person saw who is already there with that email or phone, and wants a second. */
export function createContact(workbook: Workbook, input: ContactInput, allowDuplicate = false): Contact {
  const values: ContactInput = { kind: 'person', newsletter_status: 'never', ...input };
  checkContactValues(workbook, values);
  if (!allowDuplicate) refuseDuplicate(workbook, values);
  if (values.organisation_id) requireOrganisation(workbook, values.organisation_id);
  if (values.organisation_name && !values.organisation_id && values.kind === 'person') values.organisation_id = organisationNamed(workbook, values.organisation_name);
  const [created] = workbook.table(Contacts).insert([values]);
  return created;
}

/** Changes some fields. Typing a person's organisation links them to the organisation's own contact
 *  when there is exactly one of that name (the card then offers to record the employment). */
export function updateContact(workbook: Workbook, id: string, patch: ContactInput): Contact {
  const current = requireLiveContact(workbook, id);
  const next: ContactInput = { ...patch };
  const kind = next.kind ?? current.kind;
  if (kind === 'person' && next.organisation_name !== undefined && next.organisation_id === undefined && next.organisation_name !== current.organisation_name) {
    next.organisation_id = next.organisation_name ? organisationNamed(workbook, next.organisation_name) : '';
  }
  if (next.organisation_id && next.organisation_id !== current.organisation_id) requireOrganisation(workbook, next.organisation_id, id);
  checkContactValues(workbook, { ...current, ...next }, Object.keys(next));
  return workbook.table(Contacts).update(id, next);
}

/** Deleting keeps the row and its links (memberships, gifts, history stay whole and audited): the
 *  contact is marked deleted and disappears from searches, lists and follow-ups. */
export function deleteContact(workbook: Workbook, id: string): { id: string } {
  requireLiveContact(workbook, id);
  workbook.table(Contacts).update(id, { deleted: true });
  return { id };
}

/** The id of the one live organisation contact called `name` (accents and case aside), else ''.
 *  Looks at raw cells: no contact is decoded. */
export function organisationNamed(workbook: Workbook, name: string): string {
  const wanted = fold(name.trim());
  if (!wanted) return '';
  const scan = workbook.table(Contacts).scan();
  const [cId, cKind, cOrg, cDeleted, cMerged] = ['id', 'kind', 'organisation_name', 'deleted', 'merged_into'].map((c) => scan.column(c));
  if (cId < 0 || cKind < 0 || cOrg < 0) return '';
  let found = '';
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    if (cells[cKind] !== 'organisation' || fold(String(cells[cOrg]).trim()) !== wanted) continue;
    if ((cDeleted >= 0 && decode(Contacts.columns.deleted, cells[cDeleted]) === true) || (cMerged >= 0 && cells[cMerged] !== '')) continue;
    if (found) return ''; // two organisations of that name: do not guess
    found = String(cells[cId]);
  }
  return found;
}
