/** Contacts that share a name (two "Radio Quartier", two "Marie Martin") in one list: each shows what
 *  tells it apart from the others (the city, the email, the phone… whichever differ), never a row of
 *  identical lines to choose from blindly. */
import type { SearchHit } from '../../src/services/views';

const TELLING = ['city', 'email', 'phone', 'organisation'] as const;

const nameKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** For each hit whose name another hit shares: the line that tells it apart. */
export function whatTellsApart(hits: readonly SearchHit[]): Map<string, string> {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    if (!hit.name) continue;
    const key = nameKey(hit.name);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(hit);
  }
  const out = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const differing = TELLING.filter((field) => new Set(group.map((h) => (h[field] ?? '').trim().toLowerCase())).size > 1);
    for (const hit of group) {
      const parts = differing.map((field) => hit[field] || '—');
      // Nothing differs that a person would see: the record's own id does.
      out.set(hit.id, parts.length ? parts.join(' · ') : `#${hit.id.slice(-6)}`);
    }
  }
  return out;
}
