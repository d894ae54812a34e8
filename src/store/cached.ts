import type { Cache } from '../ports/cache';
import { TABLES } from '../core/schema/tables';

/** What we keep in the cache between executions, and for how long. Each call to the CRM would
 *  otherwise start with three reads (sheet names, Staff, Settings) before doing anything, and a log
 *  append with a header read; in Google each read is a round trip of 100 ms or more. */
export const CACHE_SECONDS = 300;

const PREFIX = 'crm:v1:';

export const cacheKeys = {
  sheets: `${PREFIX}sheets`,
  rows: (table: string) => `${PREFIX}rows:${table}`,
  header: (sheet: string) => `${PREFIX}header:${sheet}`,
};

/** Tables small enough, and read by nearly every call (Tags and Segments: by every contact card), to
 *  be kept whole in the cache. A table over CacheService's size limit is simply read each time. */
export const CACHED_TABLES = ['Staff', 'Settings', 'RelationshipTypes', 'Tags', 'Segments'];

/** Sheets whose header is cached for appends that do not read the sheet (logs). */
export const CACHED_HEADERS = ['Interactions', 'AuditLog'];

/** Every key: forgotten by Set up, and in Google by any edit of a header row or of a cached table. */
export function allCacheKeys(): string[] {
  return [cacheKeys.sheets, ...CACHED_TABLES.map(cacheKeys.rows), ...TABLES.map((t) => cacheKeys.header(t.name))];
}

/** Reads through the cache: a hit is parsed, a miss (or a value that does not parse) is computed and
 *  kept. A cache that fails is treated as empty: it must never stop the CRM. */
export function throughCache<T>(cache: Cache | undefined, key: string, compute: () => T): T {
  if (cache) {
    try {
      const hit = cache.get(key);
      if (hit !== null) return JSON.parse(hit) as T;
    } catch {
      // Unreadable or unavailable: compute it.
    }
  }
  const value = compute();
  if (cache) {
    try {
      const text = JSON.stringify(value);
      // CacheService refuses values over 100 KB.
      if (text.length < 90000) cache.put(key, text, CACHE_SECONDS);
    } catch {
      // Not cached this time.
    }
  }
  return value;
}

export function forget(cache: Cache | undefined, keys: string[]): void {
  if (!cache || !keys.length) return;
  try {
    cache.remove(keys);
  } catch {
    // The entries will expire by themselves.
  }
}
