import { backoffCeiling } from '../../lib/kraken/ws-backoff';

/**
 * Every book, trade and ohlc feed owes a snapshot after it is (re)subscribed upstream. If none arrives
 * within `timeoutMs` — a request the exchange swallowed, an ack whose snapshot never followed — the feed
 * would wait forever ("Resyncing" until every tab closes), so the watchdog fires and the hub resubscribes.
 * Repeated misses back off (×2 up to `maxMs`) so a pair that truly has nothing to send costs little.
 */
export class SnapshotWatchdog {
  private readonly due = new Map<string, { timer: NodeJS.Timeout; misses: number }>();

  constructor(
    private readonly timeoutMs: number,
    /** the feed's snapshot is late (`misses` times in a row); returns false when the feed no longer needs one */
    private readonly onLate: (feedId: string, misses: number) => boolean,
    private readonly maxMs = 30_000,
  ) {}

  /** A snapshot is due for this feed from now; restarts the wait (a new request deserves the full timeout). */
  expect(feedId: string): void {
    this.start(feedId, 0);
  }

  /** The snapshot arrived. */
  seen(feedId: string): void {
    this.forget(feedId);
  }

  forget(feedId: string): void {
    const entry = this.due.get(feedId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.due.delete(feedId);
  }

  /** Feeds still waiting for a snapshot. */
  waiting(): string[] {
    return [...this.due.keys()];
  }

  clear(): void {
    for (const id of [...this.due.keys()]) this.forget(id);
  }

  private start(feedId: string, misses: number): void {
    this.forget(feedId);
    const delay = backoffCeiling(misses, this.timeoutMs, this.maxMs);
    const timer = setTimeout(() => {
      this.due.delete(feedId);
      // still owed: keep watching, backing off (unless the callback already restarted the wait)
      if (this.onLate(feedId, misses + 1) && !this.due.has(feedId)) this.start(feedId, misses + 1);
    }, delay);
    timer.unref();
    this.due.set(feedId, { timer, misses });
  }
}
