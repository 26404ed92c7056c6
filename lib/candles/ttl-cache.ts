/**
 * A small in-process cache for REST answers shared by every member: while an entry is fresh (or still
 * loading) callers get the same promise, so fifty charts opening at once cost one Kraken call.
 */

export interface TtlCacheOptions {
  ttlMs: number;
  /** Oldest entries are dropped beyond this many */
  maxEntries: number;
  /** Milliseconds clock; injectable for tests */
  now?: () => number;
}

export interface TtlCache<V> {
  /** The cached value for `key`, or the result of `load` (shared by concurrent callers). Failures are not cached. */
  get(key: string, load: () => Promise<V>): Promise<V>;
  readonly size: number;
}

export function createTtlCache<V>(options: TtlCacheOptions): TtlCache<V> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: Promise<V>; expires: number }>();
  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.value;
      entries.delete(key);
      const value = load();
      entries.set(key, { value, expires: now() + options.ttlMs });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      // Map keeps insertion order, so the first keys are the oldest.
      for (const oldest of entries.keys()) {
        if (entries.size <= options.maxEntries) break;
        entries.delete(oldest);
      }
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
