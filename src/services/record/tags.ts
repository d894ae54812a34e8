import { ContactTags, Tags, Tag } from '../../core/schema/tables';
import { fold } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import type { TagView } from '../views';
import { requireLiveContact } from './contacts';

const COLOUR = /^#[0-9a-fA-F]{6}$/;

export const tagView = (t: Tag): TagView => ({ id: t.id, name: t.name, colour: t.colour });

export function allTags(workbook: Workbook): TagView[] {
  return workbook
    .rowsOf(Tags)
    .map(tagView)
    .sort((a, b) => fold(a.name).localeCompare(fold(b.name)));
}

/** The tags of one contact, by name. */
export function tagsOf(workbook: Workbook, contactId: string): TagView[] {
  const ids = new Set(
    workbook
      .table(ContactTags)
      .where('contact_id', contactId)
      .map((ct) => ct.tag_id),
  );
  return allTags(workbook).filter((t) => ids.has(t.id));
}

/** Tags a contact: with an existing tag (by id, or by name whatever its accents and case) or a new
 *  one created with `colour`. Tagging twice changes nothing. */
export function addTag(workbook: Workbook, input: { contact_id: string; tag_id?: string; name?: string; colour?: string }, by: string): TagView {
  requireLiveContact(workbook, input.contact_id);
  const tags = workbook.table(Tags);
  let tag: Tag | undefined;
  if (input.tag_id) tag = tags.require(input.tag_id);
  else {
    const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
    if (!name) throw new UserError('invalid', 'error.tag_name');
    tag = tags.all().find((t) => fold(t.name.trim()) === fold(name));
    if (!tag) {
      if (input.colour && !COLOUR.test(input.colour)) throw new UserError('invalid', 'error.tag_colour', { value: input.colour.slice(0, 20) });
      [tag] = tags.insert([{ name, colour: input.colour ?? '' }]);
    }
  }
  const links = workbook.table(ContactTags);
  if (!links.where('contact_id', input.contact_id).some((ct) => ct.tag_id === tag!.id)) {
    links.insert([{ contact_id: input.contact_id, tag_id: tag.id, added_at: workbook.clock.now().toISOString(), added_by: by }]);
  }
  return tagView(tag);
}

export function removeTag(workbook: Workbook, contactId: string, tagId: string): { removed: boolean } {
  const links = workbook.table(ContactTags);
  const found = links.where('contact_id', contactId).filter((ct) => ct.tag_id === tagId);
  links.remove(found.map((ct) => ct.id));
  return { removed: found.length > 0 };
}
