import { sendToAll } from './fanout';
import { encodeFrame } from './frames';
import type { SnapshotWatchdog } from './snapshot-watchdog';
import { feedUpstreamKey, type BookFeed } from './topics';
import type { Upstream } from './upstream';

/**
 * How the hub takes one symbol's book out of service and back: a checksum mismatch (or a crossed or
 * malformed update) withdraws the book and resubscribes that symbol alone, paced so a book that keeps
 * failing cannot hammer the exchange; a browser asking for more depth moves the upstream subscription up.
 * Browsers of the book hear `resyncing` once when it goes and `live` when its fresh snapshot verified.
 */
export class BookResync {
  constructor(
    private readonly upstream: Upstream,
    private readonly now: () => number,
    private readonly watchdog: SnapshotWatchdog,
    /** false once the feed was dropped: a paced resubscribe must not revive it */
    private readonly isCurrent: (feed: BookFeed) => boolean,
  ) {}

  resync(feed: BookFeed): void {
    this.withdraw(feed);
    if (feed.resyncTimer) return; // a paced resubscribe is already on its way
    const delay = feed.pacer.next(this.now());
    if (delay === 0) return this.upstream.resubscribe(feedUpstreamKey(feed));
    feed.resyncTimer = setTimeout(() => {
      feed.resyncTimer = undefined;
      if (this.isCurrent(feed)) this.upstream.resubscribe(feedUpstreamKey(feed));
    }, delay);
    feed.resyncTimer.unref();
  }

  /** Kraken sends no depth in book messages, so one depth per symbol upstream: move up to the largest asked. */
  deepen(feed: BookFeed, depth: number): void {
    this.upstream.unsubscribe(feedUpstreamKey(feed));
    feed.upstreamDepth = depth;
    feed.book.depth = depth;
    this.withdraw(feed);
    this.upstream.subscribe(feedUpstreamKey(feed));
  }

  /** A resynced book verified again: tell its browsers. */
  live(feed: BookFeed): void {
    if (!feed.resyncing) return;
    feed.resyncing = false;
    sendToAll(feed, encodeFrame({ type: 'status', feed: 'live', symbol: feed.symbol }));
  }

  /** The book cannot be trusted until its next snapshot: drop it and tell its browsers it is resyncing (once). */
  private withdraw(feed: BookFeed): void {
    feed.book.invalidate();
    this.watchdog.expect(feed.id);
    for (const topic of feed.topics.values()) topic.cache = undefined;
    if (!feed.resyncing) {
      feed.resyncing = true;
      sendToAll(feed, encodeFrame({ type: 'status', feed: 'resyncing', symbol: feed.symbol }));
    }
  }
}
