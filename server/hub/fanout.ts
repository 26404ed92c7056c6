import { diffLevels } from './book-state';
import { encodeFrame, type Frame } from './frames';
import { bookMessage, snapshotFrames, type BookFeed, type Feed, type Topic } from './topics';
import type { UpstreamData } from './upstream';

/**
 * Applies one upstream message to server-side state and fans it out. Every outgoing message is
 * serialised once (per topic) and the same Buffer goes to every connection of that topic.
 */

export interface FanoutContext {
  feeds: Map<string, Feed>;
  /** drop the book and ask upstream for a fresh snapshot of this symbol only */
  resync(feed: BookFeed): void;
  /** the private log is full: ask upstream for a fresh snapshot */
  refreshPrivate(feed: Feed): void;
  /** a book, trade or ohlc snapshot arrived: the feed no longer waits for one */
  snapshotSeen(feed: Feed): void;
  /** a resynced book is valid again: tell its browsers */
  bookLive(feed: BookFeed): void;
}

export function routeData(ctx: FanoutContext, message: UpstreamData): void {
  switch (message.channel) {
    case 'book': {
      const feed = ctx.feeds.get(`book:${message.symbol}`);
      if (feed?.channel === 'book') onBook(ctx, feed, message);
      return;
    }
    case 'trade': {
      const feed = ctx.feeds.get(`trade:${message.symbol}`);
      if (feed?.channel !== 'trade') return;
      const fresh = feed.tape.add(message.trades);
      clearCaches(feed);
      if (message.type === 'snapshot') ctx.snapshotSeen(feed);
      if (message.type === 'snapshot' || !feed.ready) {
        feed.ready = true;
        sendSnapshots(feed);
      } else if (fresh.length > 0) {
        sendToAll(feed, encodeFrame({ type: 'update', channel: 'trade', symbol: feed.symbol, data: fresh }));
      }
      return;
    }
    case 'ohlc': {
      const feed = ctx.feeds.get(`ohlc:${message.symbol}:${message.interval}`);
      if (feed?.channel !== 'ohlc') return;
      feed.series.upsert(message.candles);
      clearCaches(feed);
      if (message.type === 'snapshot') ctx.snapshotSeen(feed);
      if (message.type === 'snapshot' || !feed.ready) {
        feed.ready = true;
        sendSnapshots(feed);
      } else {
        const frame = encodeFrame({
          type: 'update', channel: 'ohlc', symbol: feed.symbol, interval: feed.interval, data: message.candles,
        });
        sendToAll(feed, frame);
      }
      return;
    }
    case 'ticker': {
      const feed = ctx.feeds.get(`ticker:${message.symbol}`);
      if (feed?.channel !== 'ticker') return;
      const first = feed.ticker.value === undefined;
      feed.ticker.value = message.ticker;
      clearCaches(feed);
      if (message.type === 'snapshot' || first) sendSnapshots(feed);
      // the latest ticker supersedes the previous one, so a lagging browser may skip some
      else {
        const frame = encodeFrame({ type: 'update', channel: 'ticker', symbol: feed.symbol, data: message.ticker });
        sendConflatable(feed, () => frame);
      }
      return;
    }
    default: {
      const feed = ctx.feeds.get(message.channel);
      if (feed?.channel !== message.channel) return;
      const frame = encodeFrame({ type: 'private', channel: message.channel, kind: message.type, data: message.data });
      clearCaches(feed);
      if (message.type === 'snapshot') feed.log.setSnapshot(frame);
      else if (feed.log.snapshot && !feed.log.addUpdate(frame)) ctx.refreshPrivate(feed);
      sendToAll(feed, frame);
    }
  }
}

function onBook(ctx: FanoutContext, feed: BookFeed, message: Extract<UpstreamData, { channel: 'book' }>): void {
  const book = feed.book;
  if (message.type === 'snapshot') {
    const result = book.applySnapshot(message.asks, message.bids, message.checksum);
    clearCaches(feed);
    if (result !== 'ok') return ctx.resync(feed);
    ctx.snapshotSeen(feed);
    ctx.bookLive(feed);
    sendSnapshots(feed);
    return;
  }
  // updates before the (re)snapshot belong to a book we no longer trust
  if (!book.valid) return;
  const before = new Map<Topic, { asks: [string, string][]; bids: [string, string][] }>();
  for (const topic of feed.topics.values()) {
    const depth = topicDepth(topic);
    if (depth < feed.upstreamDepth) before.set(topic, { asks: book.topAsks(depth), bids: book.topBids(depth) });
  }
  const result = book.applyUpdate(message.asks, message.bids, message.checksum);
  clearCaches(feed);
  if (result !== 'ok') return ctx.resync(feed);
  sendConflatable(feed, (topic) => {
    const depth = topicDepth(topic);
    const view = before.get(topic);
    if (!view) return encodeFrame(bookMessage('update', feed, depth, book.changedBids, book.changedAsks));
    const zero = book.zeroQty();
    const bids = diffLevels(view.bids, book.topBids(depth), zero);
    const asks = diffLevels(view.asks, book.topAsks(depth), zero);
    if (bids.length === 0 && asks.length === 0) return undefined;
    return encodeFrame(bookMessage('update', feed, depth, bids, asks));
  });
}

function topicDepth(topic: Topic): number {
  return topic.key.channel === 'book' ? topic.key.depth : 0;
}

function clearCaches(feed: Feed): void {
  for (const topic of feed.topics.values()) topic.cache = undefined;
}

function sendSnapshots(feed: Feed): void {
  for (const topic of feed.topics.values()) {
    const frames = snapshotFrames(topic);
    if (!frames) continue;
    for (const conn of topic.conns) conn.sendSnapshot(topic, frames);
  }
}

/** Sends a frame that must not be dropped to every browser of the feed, whatever the topic. */
export function sendToAll(feed: Feed, frame: Frame): void {
  for (const topic of feed.topics.values()) for (const conn of topic.conns) conn.sendAlways(frame);
}

/**
 * Sends one lazily built update frame per topic; a connection that owes a snapshot (it fell behind)
 * gets the fresh snapshot instead once it has drained, and nothing until then.
 */
function sendConflatable(feed: Feed, build: (topic: Topic) => Frame | undefined): void {
  for (const topic of feed.topics.values()) {
    if (topic.conns.size === 0) continue;
    let frame: Frame | undefined | null = null;
    for (const conn of topic.conns) {
      if (conn.owed.has(topic)) {
        if (!conn.drained()) continue;
        const frames = snapshotFrames(topic);
        if (frames) conn.sendSnapshot(topic, frames);
        continue;
      }
      if (frame === null) frame = build(topic);
      if (frame === undefined) continue;
      conn.sendUpdate(topic, frame);
    }
  }
}
