import type { FeedState } from '../../lib/protocol';
import type { Conn } from './connection';
import { BookResync } from './book-resync';
import type { FanoutContext } from './fanout';
import type { HubOptions } from './hub-types';
import { SnapshotWatchdog } from './snapshot-watchdog';
import { createFeed, feedId, feedUpstreamKey, type BookFeed, type Feed, type Topic } from './topics';
import type { Upstream, UpstreamKey } from './upstream';

/**
 * The hub's upstream side: which feeds are subscribed, when a feed is dropped (after `lingerMs` without
 * browsers), and how a book is resynced (paced, that symbol alone) or moved to a deeper upstream
 * subscription. It is also the FanoutContext that fanout.ts calls back into. It never writes to a browser
 * except through the topics' own connections, so the connection side (hub-conns.ts) stays separate.
 */

/** Channels whose (re)subscription must be followed by a snapshot the hub waits for. */
function owesSnapshot(feed: Feed): boolean {
  return !feed.private && (feed.channel === 'book' || feed.channel === 'trade' || feed.channel === 'ohlc');
}

/** How long a held feed the exchange refused waits before it is asked for again. */
export const HELD_RETRY_MS = 60_000;

function clearFeedTimers(feed: Feed): void {
  if (feed.linger) clearTimeout(feed.linger);
  feed.linger = undefined;
  if (feed.channel === 'book' && feed.resyncTimer) {
    clearTimeout(feed.resyncTimer);
    feed.resyncTimer = undefined;
  }
}

export class FeedRegistry implements FanoutContext {
  readonly feeds = new Map<string, Feed>();
  /** single-book resyncs after a checksum mismatch (depth changes not counted) */
  resyncs = 0;
  snapshotRetries = 0;
  private readonly lingerMs: number;
  /** A book, trade or ohlc feed whose snapshot is late is asked again (unless a paced resync is on its way). */
  readonly watchdog: SnapshotWatchdog;
  private readonly books: BookResync;
  /** feeds kept subscribed without browsers (hold/unhold), by feed id */
  private readonly holds = new Map<string, number>();

  constructor(private readonly options: HubOptions) {
    this.lingerMs = options.lingerMs ?? 5_000;
    this.watchdog = new SnapshotWatchdog(options.snapshotTimeoutMs ?? 5_000, (id) => this.snapshotLate(id));
    this.books = new BookResync(options.upstream, options.now ?? Date.now, this.watchdog, (feed) => this.feeds.get(feed.id) === feed);
  }

  /** The feed for `key`, subscribed upstream if new, its linger cancelled, deepened if a browser asks for more depth. */
  acquire(key: UpstreamKey): Feed {
    let feed = this.feeds.get(feedId(key));
    if (!feed) {
      feed = createFeed(key, this.options.precisionOf);
      this.feeds.set(feed.id, feed);
      this.upstreamOf(feed).subscribe(feedUpstreamKey(feed));
      this.expectSnapshot(feed);
    } else if (feed.linger) {
      clearTimeout(feed.linger);
      feed.linger = undefined;
    }
    if (feed.channel === 'book' && key.channel === 'book' && key.depth > feed.upstreamDepth) this.books.deepen(feed, key.depth);
    return feed;
  }

  /**
   * Keeps `key`'s feed subscribed with no browser on it (the order service's executions); a new hold on a feed
   * already running asks upstream for a fresh snapshot, so the holder starts from a complete picture too.
   */
  hold(key: UpstreamKey): void {
    const existed = this.feeds.has(feedId(key));
    const feed = this.acquire(key);
    this.holds.set(feed.id, (this.holds.get(feed.id) ?? 0) + 1);
    if (existed && feed.private) this.refreshPrivate(feed);
  }

  unhold(key: UpstreamKey): void {
    const id = feedId(key);
    const held = (this.holds.get(id) ?? 0) - 1;
    if (held > 0) {
      this.holds.set(id, held);
      return;
    }
    this.holds.delete(id);
    const feed = this.feeds.get(id);
    if (feed && feed.topics.size === 0) this.dropWhenUnused(feed);
  }

  /** The topic lost its last browser: forget it, and drop the feed once it has had no topic for `lingerMs`. */
  releaseTopic(topic: Topic): void {
    const feed = topic.feed;
    feed.topics.delete(topic.id);
    if (feed.topics.size > 0) return;
    this.dropWhenUnused(feed);
  }

  private dropWhenUnused(feed: Feed): void {
    const drop = () => {
      feed.linger = undefined;
      if (this.feeds.get(feed.id) !== feed || feed.topics.size > 0 || this.holds.has(feed.id)) return;
      clearFeedTimers(feed);
      this.watchdog.forget(feed.id);
      this.feeds.delete(feed.id);
      this.upstreamOf(feed).unsubscribe(feedUpstreamKey(feed));
    };
    if (this.lingerMs <= 0) drop();
    else {
      feed.linger = setTimeout(drop, this.lingerMs);
      feed.linger.unref();
    }
  }

  /**
   * The exchange refused the subscription: detach every browser from the feed and forget it at once. A held feed
   * is asked for again after `HELD_RETRY_MS`: its holder (the order service) has no browser to ask again for it,
   * and a refusal can be passing (a token that could not be fetched during a reconnect).
   */
  forget(feed: Feed): void {
    if (this.holds.has(feed.id)) {
      const key = feedUpstreamKey(feed);
      setTimeout(() => {
        if (this.holds.has(feed.id) && !this.feeds.has(feed.id)) this.acquire(key);
      }, HELD_RETRY_MS).unref();
    }
    for (const topic of feed.topics.values()) {
      for (const conn of topic.conns) {
        conn.topics.delete(topic);
        conn.owed.delete(topic);
      }
    }
    feed.topics.clear();
    clearFeedTimers(feed);
    this.watchdog.forget(feed.id);
    this.feeds.delete(feed.id);
  }

  /**
   * An upstream changed state. `stale` = same socket, merely quiet: the book stays consistent (browsers are
   * told it is stale) and resumes if data comes back. Any other non-live state means the socket is gone:
   * the upstream resubscribes with snapshots, and a book from before the loss must never be served until then.
   */
  upstreamState(isPrivate: boolean, state: FeedState): void {
    if (state === 'live' || state === 'stale') return;
    for (const feed of this.feeds.values()) {
      if (feed.private !== isPrivate) continue;
      this.expectSnapshot(feed);
      for (const topic of feed.topics.values()) topic.cache = undefined;
      if (feed.channel === 'book') feed.book.invalidate();
      else if (feed.channel === 'executions' || feed.channel === 'balances') feed.log.clear();
    }
  }

  /** Browsers reading executions or balances, each once (only they hear about the account feed). */
  privateReaders(): Set<Conn<Topic>> {
    const readers = new Set<Conn<Topic>>();
    for (const feed of this.feeds.values()) {
      if (feed.private) for (const topic of feed.topics.values()) for (const conn of topic.conns) readers.add(conn);
    }
    return readers;
  }

  resync(feed: BookFeed): void {
    this.resyncs++;
    this.books.resync(feed);
  }

  refreshPrivate(feed: Feed): void {
    this.options.privateUpstream?.resubscribe(feedUpstreamKey(feed));
  }

  snapshotSeen(feed: Feed): void {
    this.watchdog.seen(feed.id);
  }

  bookLive(feed: BookFeed): void {
    this.books.live(feed);
  }

  close(): void {
    for (const feed of this.feeds.values()) clearFeedTimers(feed);
    this.watchdog.clear();
    this.feeds.clear();
    // a refused held feed's pending retry finds no hold and asks nothing of the closed upstream
    this.holds.clear();
  }

  private upstreamOf(feed: Feed): Upstream {
    return feed.private ? (this.options.privateUpstream as Upstream) : this.options.upstream;
  }

  private expectSnapshot(feed: Feed): void {
    if (owesSnapshot(feed)) this.watchdog.expect(feed.id);
  }

  private snapshotLate(id: string): boolean {
    const feed = this.feeds.get(id);
    if (!feed || !owesSnapshot(feed)) return false;
    const upstreamState = this.options.upstream.state;
    // no socket: the reconnect resubscribes with snapshots by itself
    if (upstreamState === 'connecting' || upstreamState === 'offline') return true;
    if (feed.channel === 'book' && feed.resyncTimer) return true;
    this.snapshotRetries++;
    this.options.upstream.resubscribe(feedUpstreamKey(feed));
    return true;
  }
}
