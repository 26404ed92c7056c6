/**
 * Coalescing helpers for the private path. `SingleFlight` lets concurrent callers with one key share one
 * promise (50 submits of one ticket → one placement); `KeyedMutex` runs one key's tasks in turn. Cached reads
 * with a TTL live in lib/ttl-cache.ts.
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

/**
 * Runs tasks for one key one after another (per-member limit check + claim). `across` extends the turn past this
 * process (a PostgreSQL advisory lock when several desk instances share one store); it is entered once the local
 * turn is ours, so a process waits on the shared lock with one task per key at most.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly across?: <T>(key: string, task: () => Promise<T>) => Promise<T>) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const turn = this.across ? () => this.across!(key, task) : task;
    const next = previous.then(turn, turn);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await next;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
