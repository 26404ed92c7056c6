import type { ServerMessage } from '../../lib/protocol';
import { BookState } from './book-state';
import { encodeFrame, type Frame } from './frames';
import { CandleSeries, PrivateLog, TickerState, TradeTape } from './market-state';
import type { Conn } from './connection';
import { ResyncPacer } from './resync-pacer';
import type { UpstreamKey } from './upstream';

/**
 * Topics (what a browser subscribes to, e.g. `book:BTC/USD:10`) and feeds (what the hub subscribes to
 * upstream, e.g. the BTC/USD book at one depth). Several book topics share one feed; every other
 * channel has one topic per feed. Snapshot frames are cached per topic until its state changes, so a
 * burst of joining browsers costs one serialisation.
 */

export interface Topic {
  /** lib/protocol subscriptionKey */
  readonly id: string;
  readonly key: UpstreamKey;
  readonly feed: Feed;
  readonly conns: Set<Conn<Topic>>;
  /** cached snapshot frames; undefined when stale or not built yet */
  cache: Frame[] | undefined;
}

interface FeedCommon {
  /** upstream subscription id without depth for books (`book:BTC/USD`), else upstreamKeyId */
  readonly id: string;
  readonly topics: Map<string, Topic>;
  linger: NodeJS.Timeout | undefined;
  /** private feeds live on the auth upstream */
  readonly private: boolean;
}

export interface BookFeed extends FeedCommon {
  readonly channel: 'book';
  readonly symbol: string;
  readonly book: BookState;
  /** depth currently subscribed upstream (the largest any browser asked for while subscribed) */
  upstreamDepth: number;
  /** a single-symbol resync is in progress (checksum mismatch or depth change) */
  resyncing: boolean;
  readonly pacer: ResyncPacer;
  /** a paced resubscribe that has not gone out yet */
  resyncTimer: NodeJS.Timeout | undefined;
}

export interface TradeFeed extends FeedCommon {
  readonly channel: 'trade';
  readonly symbol: string;
  readonly tape: TradeTape;
  ready: boolean;
}

export interface OhlcFeed extends FeedCommon {
  readonly channel: 'ohlc';
  readonly symbol: string;
  readonly interval: number;
  readonly series: CandleSeries;
  ready: boolean;
}

export interface TickerFeed extends FeedCommon {
  readonly channel: 'ticker';
  readonly symbol: string;
  readonly ticker: TickerState;
}

export interface PrivateFeed extends FeedCommon {
  readonly channel: 'executions' | 'balances';
  readonly log: PrivateLog;
}

export type Feed = BookFeed | TradeFeed | OhlcFeed | TickerFeed | PrivateFeed;

/** Feed id for a subscription key: books of one symbol share a feed whatever the depth. */
export function feedId(key: UpstreamKey): string {
  switch (key.channel) {
    case 'book':
      return `book:${key.symbol}`;
    case 'ohlc':
      return `ohlc:${key.symbol}:${key.interval}`;
    case 'trade':
    case 'ticker':
      return `${key.channel}:${key.symbol}`;
    default:
      return key.channel;
  }
}

export function createFeed(
  key: UpstreamKey,
  precisionOf?: (symbol: string) => { price: number; qty: number } | undefined,
): Feed {
  const common = { id: feedId(key), topics: new Map<string, Topic>(), linger: undefined };
  switch (key.channel) {
    case 'book':
      return {
        ...common, private: false, channel: 'book', symbol: key.symbol,
        book: new BookState(key.symbol, key.depth, precisionOf), upstreamDepth: key.depth, resyncing: false,
        pacer: new ResyncPacer(), resyncTimer: undefined,
      };
    case 'trade':
      return { ...common, private: false, channel: 'trade', symbol: key.symbol, tape: new TradeTape(), ready: false };
    case 'ohlc':
      return {
        ...common, private: false, channel: 'ohlc', symbol: key.symbol, interval: key.interval,
        series: new CandleSeries(), ready: false,
      };
    case 'ticker':
      return { ...common, private: false, channel: 'ticker', symbol: key.symbol, ticker: new TickerState() };
    default:
      return { ...common, private: true, channel: key.channel, log: new PrivateLog() };
  }
}

/** The upstream subscription a feed needs right now. */
export function feedUpstreamKey(feed: Feed): UpstreamKey {
  switch (feed.channel) {
    case 'book':
      return { channel: 'book', symbol: feed.symbol, depth: feed.upstreamDepth };
    case 'ohlc':
      return { channel: 'ohlc', symbol: feed.symbol, interval: feed.interval };
    case 'trade':
    case 'ticker':
      return { channel: feed.channel, symbol: feed.symbol };
    default:
      return { channel: feed.channel };
  }
}

/** Snapshot frames for a topic from server-side state, or undefined when there is nothing trustworthy yet. */
export function snapshotFrames(topic: Topic): Frame[] | undefined {
  if (topic.cache) return topic.cache;
  const frames = buildSnapshot(topic);
  topic.cache = frames;
  return frames;
}

function buildSnapshot(topic: Topic): Frame[] | undefined {
  const feed = topic.feed;
  const key = topic.key;
  switch (feed.channel) {
    case 'book': {
      if (!feed.book.valid || key.channel !== 'book') return undefined;
      return [encodeFrame(bookMessage('snapshot', feed, key.depth, feed.book.topBids(key.depth), feed.book.topAsks(key.depth)))];
    }
    case 'trade':
      if (!feed.ready) return undefined;
      return [encodeFrame({ type: 'snapshot', channel: 'trade', symbol: feed.symbol, data: feed.tape.list() })];
    case 'ohlc':
      if (!feed.ready) return undefined;
      return [encodeFrame({ type: 'snapshot', channel: 'ohlc', symbol: feed.symbol, interval: feed.interval, data: feed.series.list() })];
    case 'ticker':
      if (!feed.ticker.value) return undefined;
      return [encodeFrame({ type: 'snapshot', channel: 'ticker', symbol: feed.symbol, data: feed.ticker.value })];
    default:
      return feed.log.frames();
  }
}

/** A book frame for one depth; the checksum is the feed's verified top-10 checksum, identical for every depth ≥ 10. */
export function bookMessage(
  type: 'snapshot' | 'update',
  feed: BookFeed,
  depth: number,
  bids: [string, string][],
  asks: [string, string][],
): ServerMessage {
  return {
    type, channel: 'book', symbol: feed.symbol, depth,
    data: {
      bids, asks, checksum: feed.book.checksum,
      pricePrecision: feed.book.pricePrecision, qtyPrecision: feed.book.qtyPrecision,
    },
  };
}
