import { CLOSE_CODES, subscriptionKey, type FeedState } from '../../lib/protocol';
import { Conn, DEFAULT_FLOW_LIMITS, type FlowCounters, type FlowLimits, type Sink } from './connection';
import type { Hub, HubConnection, HubOptions, SubscribeOutcome } from './hub-types';
import { FeedStatus } from './feed-status';
import { encodeFrame, type Frame } from './frames';
import { createFeed, feedId, feedUpstreamKey, snapshotFrames, type BookFeed, type Feed, type Topic } from './topics';
import { routeData } from './fanout';
import { SnapshotWatchdog } from './snapshot-watchdog';
import type { ExchangeStatus, Upstream, UpstreamKey } from './upstream';

/**
 * The feed hub: one shared upstream per Kraken endpoint, ref-counted subscriptions, server-side state
 * for instant snapshots, and fan-out of frames serialised once. Transport-agnostic: a transport hands in
 * a `Sink` per browser connection and calls subscribe/unsubscribe; nothing here knows about sockets.
 *
 * Policies, in one place:
 * - Ref-counting: one upstream subscription per feed (`book:SYM`, `trade:SYM`, `ohlc:SYM:interval`,
 *   `ticker:SYM`, `executions`, `balances`); it outlives its last browser by `lingerMs` (default 5 s).
 * - Book depth: Kraken book messages carry no depth, so each symbol is subscribed upstream at ONE depth,
 *   the largest any browser asked for (moving up re-snapshots the symbol; it never moves down while
 *   anyone is subscribed). Smaller depths get their own frames: the levels that changed inside their
 *   top-N view, with a zero-qty delete for each level that left it. The checksum covers the top 10 only,
 *   which is the same for every depth ≥ 10, so the verified upstream checksum is correct for all of them.
 * - Slow browsers: above `softCapBytes` queued, book/ticker updates are dropped and a fresh snapshot is
 *   sent once below `lowWaterBytes`; above `hardCapBytes` the connection is closed with `tooSlow`.
 * - Upstream loss: `stale` at once, then `resyncing`, then `live`; books are withdrawn until their fresh
 *   snapshot arrives. A checksum mismatch resyncs that symbol alone (`status` with `symbol`), paced.
 */

export type { HubBookTop, Hub, HubConnection, HubOptions, HubStats, SubscribeOutcome } from './hub-types';

function clearFeedTimers(feed: Feed): void {
  if (feed.linger) clearTimeout(feed.linger);
  feed.linger = undefined;
  if (feed.channel === 'book' && feed.resyncTimer) {
    clearTimeout(feed.resyncTimer);
    feed.resyncTimer = undefined;
  }
}

/** Channels whose (re)subscription must be followed by a snapshot the hub waits for. */
function owesSnapshot(feed: Feed): boolean {
  return !feed.private && (feed.channel === 'book' || feed.channel === 'trade' || feed.channel === 'ohlc');
}

function backlogStats(conns: Iterable<Conn<Topic>>): { bufferedMax: number; bufferedTotal: number; backlogMax: number } {
  let bufferedMax = 0;
  let bufferedTotal = 0;
  let backlogMax = 0;
  for (const conn of conns) {
    const b = conn.sink.bufferedBytes();
    bufferedTotal += b;
    if (b > bufferedMax) bufferedMax = b;
    backlogMax = Math.max(backlogMax, conn.backlog());
  }
  return { bufferedMax, bufferedTotal, backlogMax };
}

export function createHub(options: HubOptions): Hub {
  const limits: FlowLimits = { ...DEFAULT_FLOW_LIMITS, ...options.limits };
  const lingerMs = options.lingerMs ?? 5_000;
  const now = options.now ?? Date.now;
  const maxTopics = options.maxTopicsPerConnection ?? 64;
  const counters: FlowCounters = { delivered: 0, conflated: 0, closedTooSlow: 0 };
  const feeds = new Map<string, Feed>();
  const conns = new Set<Conn<Topic>>();
  const status = new FeedStatus();
  /** The account channels' own upstream (Kraken's auth endpoint) fails and recovers on its own. */
  const accountStatus = new FeedStatus();
  let exchange: ExchangeStatus | undefined;
  let statusFrame = encodeFrame({ type: 'status', feed: status.state });
  let resyncs = 0;
  let snapshotRetries = 0;
  let sweep: NodeJS.Timeout | undefined;

  const upstreamOf = (feed: Feed): Upstream => (feed.private ? (options.privateUpstream as Upstream) : options.upstream);

  /** A book, trade or ohlc feed whose snapshot is late is asked again (unless a paced resync is on its way). */
  const watchdog = new SnapshotWatchdog(options.snapshotTimeoutMs ?? 5_000, (id) => {
    const feed = feeds.get(id);
    if (!feed || !owesSnapshot(feed)) return false;
    const upstreamState = options.upstream.state;
    // no socket: the reconnect resubscribes with snapshots by itself
    if (upstreamState === 'connecting' || upstreamState === 'offline') return true;
    if (feed.channel === 'book' && feed.resyncTimer) return true;
    snapshotRetries++;
    options.upstream.resubscribe(feedUpstreamKey(feed));
    return true;
  });
  const expectSnapshot = (feed: Feed) => {
    if (owesSnapshot(feed)) watchdog.expect(feed.id);
  };

  const broadcast = (frame: Frame) => {
    for (const conn of conns) conn.sendAlways(frame);
  };

  const announce = (states: FeedState[]) => {
    for (const feed of states) {
      statusFrame = encodeFrame({ type: 'status', feed, ...(exchange ? { exchange } : {}) });
      broadcast(statusFrame);
    }
  };

  const accountListeners = new Set<() => void>();
  const accountStatusFrame = (feed: FeedState) => encodeFrame({ type: 'status', feed, account: true });
  /** Only browsers reading executions or balances hear about the account feed, each once. */
  const announceAccount = (states: FeedState[]) => {
    if (states.length === 0) return;
    const readers = new Set<Conn<Topic>>();
    for (const feed of feeds.values()) {
      if (feed.private) for (const topic of feed.topics.values()) for (const conn of topic.conns) readers.add(conn);
    }
    for (const state of states) {
      const frame = accountStatusFrame(state);
      for (const conn of readers) conn.sendAlways(frame);
    }
  };

  const toFeedConns = (feed: Feed, frame: Frame) => {
    for (const topic of feed.topics.values()) for (const conn of topic.conns) conn.sendAlways(frame);
  };

  const resyncBook = (feed: BookFeed) => {
    feed.book.invalidate();
    watchdog.expect(feed.id);
    for (const topic of feed.topics.values()) topic.cache = undefined;
    if (!feed.resyncing) {
      feed.resyncing = true;
      toFeedConns(feed, encodeFrame({ type: 'status', feed: 'resyncing', symbol: feed.symbol }));
    }
  };

  const ctx = {
    feeds,
    resync(feed: BookFeed) {
      resyncs++;
      resyncBook(feed);
      if (feed.resyncTimer) return; // a paced resubscribe is already on its way
      const delay = feed.pacer.next(now());
      if (delay === 0) return options.upstream.resubscribe(feedUpstreamKey(feed));
      feed.resyncTimer = setTimeout(() => {
        feed.resyncTimer = undefined;
        if (feeds.get(feed.id) === feed) options.upstream.resubscribe(feedUpstreamKey(feed));
      }, delay);
      feed.resyncTimer.unref();
    },
    refreshPrivate(feed: Feed) {
      options.privateUpstream?.resubscribe(feedUpstreamKey(feed));
    },
    snapshotSeen(feed: Feed) {
      watchdog.seen(feed.id);
    },
    bookLive(feed: BookFeed) {
      if (!feed.resyncing) return;
      feed.resyncing = false;
      toFeedConns(feed, encodeFrame({ type: 'status', feed: 'live', symbol: feed.symbol }));
    },
  };

  const forgetFeed = (feed: Feed) => {
    for (const topic of feed.topics.values()) {
      for (const conn of topic.conns) {
        conn.topics.delete(topic);
        conn.owed.delete(topic);
      }
    }
    feed.topics.clear();
    clearFeedTimers(feed);
    watchdog.forget(feed.id);
    feeds.delete(feed.id);
  };

  const onUpstreamState = (isPrivate: boolean) => (state: FeedState) => {
    // `stale` = same socket, merely quiet: the book stays consistent (browsers are told it is stale) and
    // resumes if data comes back. Any other non-live state means the socket is gone: the upstream
    // resubscribes with snapshots, and a book from before the loss must never be served until then.
    if (state !== 'live' && state !== 'stale') {
      for (const feed of feeds.values()) {
        if (feed.private !== isPrivate) continue;
        expectSnapshot(feed);
        for (const topic of feed.topics.values()) topic.cache = undefined;
        if (feed.channel === 'book') feed.book.invalidate();
        else if (feed.channel === 'executions' || feed.channel === 'balances') feed.log.clear();
      }
    }
    if (isPrivate) announceAccount(accountStatus.next(state));
    else announce(status.next(state));
  };

  const listen = (upstream: Upstream, isPrivate: boolean) =>
    upstream.listen({
      state: onUpstreamState(isPrivate),
      exchange(next) {
        if (isPrivate || next === exchange) return;
        exchange = next;
        announce([status.state]);
      },
      data: (message) => {
        routeData(ctx, message);
        if (isPrivate && message.type === 'update') for (const l of [...accountListeners]) l();
      },
      rejected(key, reason) {
        const feed = feeds.get(feedId(key));
        if (!feed) return;
        const frame = encodeFrame({ type: 'error', code: 'subscription_rejected', message: `${subscriptionKey(key)}: ${reason}` });
        toFeedConns(feed, frame);
        forgetFeed(feed);
      },
    });
  const unlisten = [listen(options.upstream, false)];
  if (options.privateUpstream) unlisten.push(listen(options.privateUpstream, true));

  const startSweep = () => {
    if (sweep) return;
    sweep = setInterval(() => {
      for (const conn of conns) {
        if (conn.owed.size === 0 || !conn.drained()) continue;
        for (const topic of [...conn.owed]) {
          const frames = snapshotFrames(topic);
          if (frames) conn.sendSnapshot(topic, frames);
        }
      }
    }, options.drainCheckMs ?? 100);
    sweep.unref();
  };

  const release = (conn: Conn<Topic>, topic: Topic) => {
    conn.topics.delete(topic);
    conn.owed.delete(topic);
    topic.conns.delete(conn);
    if (topic.conns.size > 0) return;
    const feed = topic.feed;
    feed.topics.delete(topic.id);
    if (feed.topics.size > 0) return;
    const drop = () => {
      feed.linger = undefined;
      if (feeds.get(feed.id) !== feed || feed.topics.size > 0) return;
      clearFeedTimers(feed);
      watchdog.forget(feed.id);
      feeds.delete(feed.id);
      upstreamOf(feed).unsubscribe(feedUpstreamKey(feed));
    };
    if (lingerMs <= 0) drop();
    else {
      feed.linger = setTimeout(drop, lingerMs);
      feed.linger.unref();
    }
  };

  const detach = (conn: Conn<Topic>) => {
    for (const topic of [...conn.topics]) release(conn, topic);
    conns.delete(conn);
    if (conns.size === 0 && sweep) {
      clearInterval(sweep);
      sweep = undefined;
    }
  };

  const closeConn = (conn: Conn<Topic>, code: number, reason: string) => {
    if (conn.closed) return;
    conn.closed = true;
    detach(conn);
    conn.sink.close(code, reason);
  };

  const subscribe = (conn: Conn<Topic>, key: UpstreamKey): SubscribeOutcome => {
    if (conn.closed) return { ok: false, code: 'unavailable', message: 'connection closed' };
    const id = subscriptionKey(key);
    for (const topic of conn.topics) if (topic.id === id) return { ok: true };
    if (conn.topics.size >= maxTopics) {
      return { ok: false, code: 'too_many_subscriptions', message: `at most ${maxTopics} subscriptions per connection` };
    }
    const isPrivate = key.channel === 'executions' || key.channel === 'balances';
    if (isPrivate && !options.privateUpstream) {
      return { ok: false, code: 'unavailable', message: 'private data is not configured on this desk' };
    }
    let feed = feeds.get(feedId(key));
    if (!feed) {
      feed = createFeed(key, options.precisionOf);
      feeds.set(feed.id, feed);
      upstreamOf(feed).subscribe(feedUpstreamKey(feed));
      expectSnapshot(feed);
    } else if (feed.linger) {
      clearTimeout(feed.linger);
      feed.linger = undefined;
    }
    if (feed.channel === 'book' && key.channel === 'book' && key.depth > feed.upstreamDepth) deepen(feed, key.depth);
    let topic = feed.topics.get(id);
    if (!topic) {
      topic = { id, key, feed, conns: new Set(), cache: undefined };
      feed.topics.set(id, topic);
    }
    topic.conns.add(conn);
    conn.topics.add(topic);
    const frames = snapshotFrames(topic);
    if (feed.private && accountStatus.state !== 'live') conn.sendAlways(accountStatusFrame(accountStatus.state));
    if (frames) conn.sendSnapshot(topic, frames);
    else if (feed.channel === 'book' && feed.resyncing) {
      conn.sendAlways(encodeFrame({ type: 'status', feed: 'resyncing', symbol: feed.symbol }));
    }
    return { ok: true };
  };

  /** Kraken sends no depth in book messages, so one depth per symbol upstream: move up to the largest asked. */
  const deepen = (feed: BookFeed, depth: number) => {
    options.upstream.unsubscribe(feedUpstreamKey(feed));
    feed.upstreamDepth = depth;
    feed.book.depth = depth;
    resyncBook(feed);
    options.upstream.subscribe(feedUpstreamKey(feed));
  };

  const connect = (sink: Sink): HubConnection => {
    const conn = new Conn<Topic>(sink, limits, counters, (c) => closeConn(c, CLOSE_CODES.tooSlow, 'too slow'));
    conns.add(conn);
    startSweep();
    conn.sendAlways(statusFrame);
    return {
      subscribe: (key) => subscribe(conn, key),
      unsubscribe(key) {
        const id = subscriptionKey(key);
        for (const topic of conn.topics) if (topic.id === id) release(conn, topic);
      },
      ack: (bytes) => conn.ack(bytes),
      sendDirect: (frame) => void conn.sendAlways(frame),
      close() {
        if (conn.closed) return;
        conn.closed = true;
        detach(conn);
      },
    };
  };

  return {
    connect,
    subscribe(key, sink) {
      const connection = connect(sink);
      const outcome = connection.subscribe(key);
      if (!outcome.ok) {
        connection.sendDirect(encodeFrame({ type: 'error', code: outcome.code, message: `${subscriptionKey(key)}: ${outcome.message}` }));
      }
      return () => connection.close();
    },
    disconnectMember(memberId, code = CLOSE_CODES.unauthorized, reason = 'session revoked') {
      let closed = 0;
      for (const conn of [...conns]) {
        if (conn.sink.memberId !== memberId) continue;
        closeConn(conn, code, reason);
        closed++;
      }
      return closed;
    },
    get feedState() {
      return status.state;
    },
    bookView(symbol, depth = 10) {
      const feed = feeds.get(feedId({ channel: 'book', symbol, depth }));
      if (feed?.channel !== 'book' || !feed.book.valid || status.state !== 'live') return undefined;
      // a book kept at depth 10 holds no 11th level even when the market has one: a deeper view would lie
      if (feed.upstreamDepth < depth) return undefined;
      const { book } = feed;
      return {
        asks: book.topAsks(depth), bids: book.topBids(depth), checksum: book.checksum,
        pricePrecision: book.pricePrecision, qtyPrecision: book.qtyPrecision,
      };
    },
    onAccountUpdate(listener) {
      accountListeners.add(listener);
      return () => void accountListeners.delete(listener);
    },
    stats: () => ({
      ...counters,
      ...backlogStats(conns),
      connections: conns.size,
      feeds: [...feeds.keys()],
      upstreamKeys: [...feeds.values()].map(feedUpstreamKey),
      resyncs,
      snapshotRetries,
      awaitingSnapshot: watchdog.waiting(),
      feedState: status.state,
    }),
    async close() {
      for (const conn of [...conns]) closeConn(conn, CLOSE_CODES.goingAway, 'server shutting down');
      for (const feed of feeds.values()) clearFeedTimers(feed);
      watchdog.clear();
      feeds.clear();
      if (sweep) clearInterval(sweep);
      for (const off of unlisten) off();
      await Promise.all([options.upstream.close(), options.privateUpstream?.close()]);
    },
  };
}
