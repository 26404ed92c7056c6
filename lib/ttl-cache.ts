/**
 * The desk's one TTL cache with coalescing, shared by the private reads (orders, balances, history), the
 * market context (pairs, tickers, depth) and the candle history: while a value is fresh, or still loading,
 * callers share it, so many members refreshing at once cost Kraken one call per TTL window. Failures are
 * never cached. Pure: no I/O, the clock is injectable.
 */

export interface CachedReadStats {
  /** calls that reached the loader */
  loads: number;
  /** answers served from the cache or a shared in-flight load */
  hits: number;
}

/** A value loaded at most once per `ttlMs` (failures are not cached). @param ttlMs milliseconds */
export class CachedRead<T> {
  /** `at` is when the value counts as loaded for the TTL; `loadedAt` when it really was */
  private value: { at: number; loadedAt: number; data: T } | undefined;
  private loading: Promise<T> | undefined;
  private generation = 0;
  readonly stats: CachedReadStats = { loads: 0, hits: 0 };

  /**
   * @param staleMs past its TTL a value is still answered for this long while one load replaces it in the
   *   background (a failed load keeps it); 0 (the default): an expired value is never answered
   */
  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly staleMs = 0,
  ) {}

  get(): Promise<T> {
    const age = this.value ? this.now() - this.value.at : Infinity;
    if (this.value && age < this.ttlMs) {
      this.stats.hits++;
      return Promise.resolve(this.value.data);
    }
    if (this.value && age < this.ttlMs + this.staleMs) {
      this.stats.hits++;
      if (!this.loading) this.startLoad().catch(() => undefined);
      return Promise.resolve(this.value.data);
    }
    if (this.loading) {
      this.stats.hits++;
      return this.loading;
    }
    return this.startLoad();
  }

  private startLoad(): Promise<T> {
    this.stats.loads++;
    const generation = this.generation;
    const loading = this.load().then((data) => {
      // A mutation that invalidated the cache during the load makes this answer stale: don't keep it.
      if (generation === this.generation) {
        const at = this.now();
        this.value = { at, loadedAt: at, data };
      }
      return data;
    }).finally(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    this.loading = loading;
    return loading;
  }

  /**
   * The account changed elsewhere (the private feed said so): a value older than `minAgeMs` is dropped,
   * a younger one lives until it is that old, and a load in flight is not kept. Feed bursts thus cost at
   * most one load per `minAgeMs`, however many updates arrive.
   */
  expireAfter(minAgeMs: number): void {
    this.generation++;
    if (this.value) this.value = { ...this.value, at: Math.min(this.value.at, this.value.loadedAt + minAgeMs - this.ttlMs) };
  }

  /** Forgets the cached value (after an order changed the account). */
  invalidate(): void {
    this.generation++;
    this.value = undefined;
    this.loading = undefined;
  }

  /** True while it holds a value younger than the TTL or a load is running (a `get` would not start one). */
  isWarm(): boolean {
    return this.loading !== undefined || (this.value !== undefined && this.now() - this.value.at < this.ttlMs);
  }
}

export interface TtlCacheOptions {
  /** milliseconds a loaded value stays fresh */
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

/** A `CachedRead` per key, for answers that depend on arguments (e.g. one OHLC page per pair and interval). */
export function createTtlCache<V>(options: TtlCacheOptions): TtlCache<V> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, CachedRead<V>>();
  return {
    get(key, load) {
      let read = entries.get(key);
      if (!read?.isWarm()) {
        entries.delete(key);
        read = new CachedRead(load, options.ttlMs, now);
        entries.set(key, read);
        // Map keeps insertion order, so the first keys are the oldest.
        for (const oldest of entries.keys()) {
          if (entries.size <= options.maxEntries) break;
          entries.delete(oldest);
        }
      }
      return read.get();
    },
    get size() {
      return entries.size;
    },
  };
}
