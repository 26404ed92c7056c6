/**
 * Coalescing helpers for the private path. `SingleFlight` lets concurrent callers with one key share one
 * promise (50 submits of one ticket → one placement); `CachedRead` adds a short TTL on top, so many members
 * refreshing at once cost Kraken one call per TTL window.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  /** Runs `work` unless a call with this key is still running, in which case its promise is shared. */
  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const promise = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** True while a call with this key is running. */
  has(key: string): boolean {
    return this.inFlight.has(key);
  }

  /** Keys currently running. */
  size(): number {
    return this.inFlight.size;
  }
}

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

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    if (this.value && this.now() - this.value.at < this.ttlMs) {
      this.stats.hits++;
      return Promise.resolve(this.value.data);
    }
    if (this.loading) {
      this.stats.hits++;
      return this.loading;
    }
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
}

/** Runs tasks for one key one after another (per-member limit check + claim). */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await next;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
