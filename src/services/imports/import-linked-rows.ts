import { ContactTags, Donations, Interactions, Tags } from '../../core/schema/tables';
import type { ImportDraft } from '../../core/import';
import { fold } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { addMembership } from '../record/memberships';

/** Tags, memberships, gifts and notes of imported rows, written in one insert per table. */
export class LinkedRows {
  private readonly tagIds = new Map<string, string>();
  private readonly tagged = new Set<string>();

  constructor(
    private readonly workbook: Workbook,
    private readonly batch: string,
    private readonly who: string,
    private readonly currency: string,
  ) {
    for (const t of workbook.table(Tags).all()) this.tagIds.set(fold(t.name.trim()), t.id);
    for (const ct of workbook.table(ContactTags).all()) this.tagged.add(`${ct.contact_id}|${ct.tag_id}`);
  }

  add(contactId: string, draft: ImportDraft): void {
    const wb = this.workbook;
    const now = wb.clock.now().toISOString();
    for (const name of draft.tags) {
      const key = fold(name.trim());
      let tagId = this.tagIds.get(key);
      if (!tagId) {
        [{ id: tagId }] = wb.table(Tags).insert([{ name: name.trim() }]);
        this.tagIds.set(key, tagId);
      }
      if (this.tagged.has(`${contactId}|${tagId}`)) continue;
      this.tagged.add(`${contactId}|${tagId}`);
      wb.table(ContactTags).insert([{ contact_id: contactId, tag_id: tagId, added_at: now, added_by: this.who, import_batch: this.batch }]);
    }
    if (draft.membership) {
      // Through the membership rules: default end date, status as of today.
      addMembership(wb, { currency: this.currency, ...draft.membership, contact_id: contactId, import_batch: this.batch });
    }
    if (draft.donation) wb.table(Donations).insert([{ currency: this.currency, ...draft.donation, contact_id: contactId, import_batch: this.batch }]);
    if (draft.note)
      wb.table(Interactions).insert([{ contact_id: contactId, type: 'note', direction: 'internal', when: now, subject: this.batch, details: draft.note, staff: this.who, import_batch: this.batch }]);
  }
}
