/** Our own writes keep the search index fresh: after a commit, the lines of the contacts it changed are
 *  appended to the index sheet as one patch row, read by search-index-reader.ts over the build. Only an
 *  index fresh before the write is patched; a write too big for one patch, rows deleted from Contacts,
 *  or too many patches since the build leave it stale (the search then scans, and a rebuild follows). */
import { ContactTags, Contacts, Memberships, Tags } from '../../core/schema/tables';
import type { KeyValue } from '../../ports';
import type { TableChanges } from '../../store/table';
import type { Workbook, WriteWatcher } from '../../store/workbook';
import { contactTags, tagNamesById } from './search';
import { membershipStatuses } from '../record/memberships';
import { Field, INDEX_CELL_CHARS, membershipsByContact, Patch, SEARCH_INDEX_SHEET } from './search-index-format';
import { contactLines, membersLine, tagNamesLines, tagsLine } from './search-index-lines';

/** Contacts one patch may carry, and patches an index may have before the next build. */
const MAX_PATCH_CONTACTS = 200;
export const MAX_PATCHES = 300;

export interface IndexState {
  generation: string;
  built: string;
  indexed: readonly string[];
  newGeneration(): string;
}

/** The watcher Workbook.commit tells: stale before writing (a write that fails part-way leaves it so),
 *  and after a write that succeeded, patched when it was fresh before. */
export function searchIndexKeeper(properties: KeyValue, state: IndexState, patchesKey: string): WriteWatcher {
  let freshStamp: string | null = null;
  const touches = (tables: string[]) => tables.some((t) => state.indexed.includes(t));
  return {
    before(tables) {
      if (!touches(tables)) return;
      const generation = properties.get(state.generation);
      const built = properties.get(state.built);
      freshStamp = generation && generation === built ? built : null;
      properties.set(state.generation, state.newGeneration());
    },
    after(tables, changes, workbook) {
      if (!touches(tables)) return;
      const stamp = state.newGeneration();
      properties.set(state.generation, stamp);
      const after = freshStamp;
      freshStamp = null;
      if (!changes || !after) return;
      const patches = Number(properties.get(patchesKey) ?? 0) || 0;
      if (patches >= MAX_PATCHES) return;
      try {
        const patch = patchOf(workbook, changes, after);
        if (!patch) return;
        const text = JSON.stringify(patch);
        if (text.length > INDEX_CELL_CHARS) return;
        workbook.grid.append(SEARCH_INDEX_SHEET, [[stamp, 'patch', text]]);
        properties.set(patchesKey, String(patches + 1));
        // Fresh only if nothing (a hand edit) made it stale since: never overwrite a newer generation.
        if (properties.get(state.generation) === stamp) properties.set(state.built, stamp);
      } catch (error) {
        // The index stays stale: the next search scans and asks for a rebuild.
        console.error(`search index patch: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}

/** The patch for what a commit changed, or null when it cannot be one (rows deleted from Contacts,
 *  too many contacts). */
export function patchOf(workbook: Workbook, changes: TableChanges[], after: string): Patch | null {
  const of = (name: string) => changes.find((c) => c.table === name);
  const contacts = of(Contacts.name);
  if (contacts?.deleted.length) return null;
  const own = new Set<string>();
  const linked = { tags: new Set<string>(), members: new Set<string>() };
  for (const r of contacts?.created ?? []) own.add(String(r.id));
  for (const u of contacts?.updated ?? []) {
    own.add(u.id);
    // Back from deleted or merged: it may not be in the index at all, so its tags and memberships too.
    if ('deleted' in u.after || 'merged_into' in u.after) {
      linked.tags.add(u.id);
      linked.members.add(u.id);
    }
  }
  const contactsOf = (c: TableChanges | undefined, into: Set<string>) => {
    if (!c) return;
    for (const r of [...c.created, ...c.deleted]) into.add(String(r.contact_id ?? ''));
    for (const u of c.updated) for (const side of [u.before, u.after]) if (side.contact_id) into.add(String(side.contact_id));
    // An update that did not change contact_id: the record's contact, from the table.
    for (const u of c.updated) if (!u.after.contact_id) into.add(String(workbook.table(c.table === ContactTags.name ? ContactTags : Memberships).get(u.id)?.contact_id ?? ''));
  };
  contactsOf(of(ContactTags.name), linked.tags);
  contactsOf(of(Memberships.name), linked.members);
  linked.tags.delete('');
  linked.members.delete('');
  const ids = [...new Set([...own, ...linked.tags, ...linked.members])];
  const tagsChanged = !!of(Tags.name);
  if (!ids.length && !tagsChanged) return null;
  if (ids.length > MAX_PATCH_CONTACTS) return null;

  const entries: Patch['entries'] = [];
  const fields = new Map<string, Partial<Record<Field, string>>>(ids.map((id) => [id, {}]));
  const gone = new Set<string>();
  if (own.size) {
    const scan = workbook.table(Contacts).scanWhere('id', [...own]);
    const lineOf = contactLines(scan);
    const seen = new Set<string>();
    for (let k = 0; k < scan.size; k++) {
      if (!scan.live(k)) continue;
      const line = lineOf(k);
      const id = String(scan.cells(k)[scan.column('id')] ?? '');
      seen.add(id);
      if (!line) gone.add(id);
      else Object.assign(fields.get(id)!, { text: line.text, phones: line.phones, lead: line.lead, sortkey: line.sortkey, namekey: line.namekey, stage: line.stage, hits: line.hits });
    }
    for (const id of own) if (!seen.has(id)) gone.add(id);
  }
  if (linked.tags.size) {
    const tags = contactTags(workbook, () => true, linked.tags);
    for (const id of linked.tags) fields.get(id)!.tags = tagsLine(tags.get(id) ?? []);
  }
  if (linked.members.size) {
    const list = [...linked.members];
    const dates = membershipsByContact(workbook, list);
    const statuses = membershipStatuses(workbook, linked.members);
    for (const id of list) fields.get(id)!.members = membersLine(dates.get(id), () => statuses(id));
  }
  for (const id of ids) entries.push(gone.has(id) ? { id, gone: true } : { id, f: fields.get(id)! });
  const patch: Patch = { after, entries };
  if (tagsChanged) patch.tagnames = tagNamesLines(tagNamesById(workbook));
  return patch;
}
