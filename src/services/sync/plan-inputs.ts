/** What the push plan needs of the CRM beyond the contacts: each one's labels (CRM tags and chosen
 *  segments) and whether they are in the segment whose contacts may be added. */
import { ContactTags, Tags } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import { findSegment } from '../segments/segment-lookup';
import { memberIds } from '../segments/segment-members';
import type { Connection } from './connection';

/** Each contact's CRM tags and chosen segments, sorted: what the platform's labels should say. */
export function labelsOf(workbook: Workbook, connection: Connection): (contactId: string) => string[] {
  const names = new Map(
    workbook
      .table(Tags)
      .all()
      .filter((t) => !t.undone_at && t.name.trim())
      .map((t) => [t.id, t.name.trim()]),
  );
  const byContact = new Map<string, string[]>();
  const add = (id: string, label: string) => {
    const list = byContact.get(id) ?? [];
    if (!list.includes(label)) list.push(label);
    byContact.set(id, list);
  };
  for (const link of workbook.table(ContactTags).all()) {
    const name = names.get(link.tag_id);
    if (name) add(link.contact_id, name);
  }
  for (const name of connection.labelSegments ?? []) {
    const segment = findSegment(workbook, name);
    for (const id of memberIds(workbook, segment)) add(id, segment.name);
  }
  return (id) => (byContact.get(id) ?? []).sort((a, b) => a.localeCompare(b));
}

export function segmentTest(workbook: Workbook, connection: Connection): ((id: string) => boolean) | null {
  if (!connection.segment) return null;
  const members = new Set(memberIds(workbook, findSegment(workbook, connection.segment)));
  return (id) => members.has(id);
}
