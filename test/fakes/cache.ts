/** CacheService: string caches with expiration and Apps Script's size limits. */
import { FakeContext, byteLength, gasError } from './context';

export const MAX_CACHE_VALUE_BYTES = 100 * 1024;
const MAX_KEY_LENGTH = 250;
const DEFAULT_TTL_SECONDS = 600;
const MAX_TTL_SECONDS = 21600;

export interface CacheEntry {
  value: string;
  expiresAt: number;
}
export interface CacheStores {
  document: Map<string, CacheEntry>;
  script: Map<string, CacheEntry>;
  users: Record<string, Map<string, CacheEntry>>;
  /** Clock used for expiration (ms); tests may replace it. */
  now: () => number;
}

export function createCacheStores(): CacheStores {
  return { document: new Map(), script: new Map(), users: {}, now: () => Date.now() };
}

function createCache(ctx: FakeContext, stores: CacheStores, store: () => Map<string, CacheEntry>): any {
  const checkKey = (key: string) => {
    if (key.length > MAX_KEY_LENGTH) throw gasError(ctx, 'Argument too large: key');
  };
  const checkValue = (value: string) => {
    if (byteLength(value) > MAX_CACHE_VALUE_BYTES) throw gasError(ctx, 'Argument too large: value');
  };
  const ttl = (seconds?: number) => Math.min(seconds === undefined ? DEFAULT_TTL_SECONDS : Number(seconds), MAX_TTL_SECONDS);
  const read = (key: string): string | null => {
    const e = store().get(String(key));
    if (!e) return null;
    if (e.expiresAt <= stores.now()) {
      store().delete(String(key));
      return null;
    }
    return e.value;
  };
  return {
    get: (key: string) => read(key),
    put(key: string, value: any, expirationInSeconds?: number) {
      const k = String(key);
      const v = String(value);
      checkKey(k);
      checkValue(v);
      store().set(k, { value: v, expiresAt: stores.now() + ttl(expirationInSeconds) * 1000 });
    },
    putAll(values: Record<string, any>, expirationInSeconds?: number) {
      const entries = Object.keys(values || {}).map((k) => [k, String(values[k])] as const);
      entries.forEach(([k, v]) => {
        checkKey(k);
        checkValue(v);
      });
      for (const [k, v] of entries) store().set(k, { value: v, expiresAt: stores.now() + ttl(expirationInSeconds) * 1000 });
    },
    getAll(keys: string[]): Record<string, string> {
      const out: Record<string, string> = {};
      for (const k of keys) {
        const v = read(k);
        if (v !== null) out[k] = v;
      }
      return out;
    },
    remove: (key: string) => {
      store().delete(String(key));
    },
    removeAll: (keys: string[]) => {
      for (const k of keys) store().delete(String(k));
    },
  };
}

export function createCacheService(ctx: FakeContext, stores: CacheStores): any {
  const userStore = () => (stores.users[ctx.user] = stores.users[ctx.user] || new Map());
  return {
    getDocumentCache: () => createCache(ctx, stores, () => stores.document),
    getScriptCache: () => createCache(ctx, stores, () => stores.script),
    getUserCache: () => createCache(ctx, stores, userStore),
  };
}
