import { throughCache, forget, cacheKeys, CACHE_SECONDS } from '../../src/store/cached';
import { MemoryCache, FixedClock } from '../../src/memory/services';
import type { Cache } from '../../src/ports';

describe('The cache between calls', () => {
  it('computes once, then answers from the cache until the entry expires', () => {
    const clock = new FixedClock();
    const cache = new MemoryCache(clock);
    let reads = 0;
    const read = () => throughCache(cache, cacheKeys.rows('Staff'), () => ++reads);
    expect([read(), read()]).toEqual([1, 1]);
    clock.advance(CACHE_SECONDS * 1000 + 1);
    expect(read()).toBe(2);
    forget(cache, [cacheKeys.rows('Staff')]);
    expect(read()).toBe(3);
  });

  it('never stops the CRM: a cache that throws or holds garbage is a miss', () => {
    const broken: Cache = {
      get: () => {
        throw new Error('Service invoked too many times');
      },
      put: () => {
        throw new Error('Argument too large');
      },
      remove: () => {
        throw new Error('down');
      },
    };
    expect(throughCache(broken, 'k', () => 'fresh')).toBe('fresh');
    expect(() => forget(broken, ['k'])).not.toThrow();
    const garbage: Cache = { get: () => '{not json', put: () => undefined, remove: () => undefined };
    expect(throughCache(garbage, 'k', () => 42)).toBe(42);
  });

  it('does not keep a value too big for CacheService (100 KB)', () => {
    const cache = new MemoryCache(new FixedClock());
    throughCache(cache, 'big', () => 'x'.repeat(200000));
    expect(cache.get('big')).toBeNull();
  });
});
