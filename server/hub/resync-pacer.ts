import { backoffCeiling } from '../../lib/kraken/ws-backoff';

/**
 * Spaces out repeated resyncs of one book. A symbol whose checksum keeps failing (a feed bug, a precision
 * we cannot read) would otherwise resubscribe in a tight loop and burn the exchange's rate limits for
 * everyone: the first few resyncs in a window go out at once, later ones wait exponentially longer.
 */
export class ResyncPacer {
  private recent: number[] = [];

  constructor(
    /** resyncs older than this are forgotten (ms) */
    private readonly windowMs = 10_000,
    /** resyncs within the window that go out immediately */
    private readonly free = 3,
    private readonly baseMs = 500,
    private readonly maxMs = 30_000,
  ) {}

  /** Records a resync at `now` (Unix ms) and returns how long to wait before resubscribing (ms). */
  next(now: number): number {
    this.recent = this.recent.filter((t) => now - t < this.windowMs);
    this.recent.push(now);
    const extra = this.recent.length - this.free;
    return extra <= 0 ? 0 : backoffCeiling(extra - 1, this.baseMs, this.maxMs);
  }
}
