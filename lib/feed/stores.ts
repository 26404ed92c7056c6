/**
 * The tab's live stores, one per subscription key, shared by every component that asks for the same
 * data. Hooks (lib/hooks) read them with useSyncExternalStore; charts use `subscribeCandles`.
 *
 * Exported API:
 *   bookStore(symbol, depth): BookStore          tradeStore(symbol): TradeStore
 *   tickerStore(symbol): TickerStore             candleStore(symbol, interval): CandleStore
 *   subscribeCandles(symbol, interval, listener: CandleListener): () => void
 *   feedSource(): FeedSource                     — the tab's connection (state + onState)
 */
import type { FeedState } from '@/lib/protocol';
import { subscriptionKey } from '@/lib/protocol';
import { browserFeedClient } from './browser-feed';
import { BookStore } from './book-store';
import { CandleStore, type CandleListener } from './candle-store';
import type { OhlcInterval } from '@/lib/kraken/rest-public';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';
import type { FeedSource } from './feed-store';
import { TickerStore } from './ticker-store';
import { TradeStore } from './trade-store';

/**
 * Defers creating the socket until a store actually starts listening, so stores can be made during
 * render (and on the server, where nothing ever subscribes).
 */
const lazySource: FeedSource = {
  get state(): FeedState {
    return typeof window === 'undefined' ? 'connecting' : browserFeedClient().state;
  },
  onState: (listener) => browserFeedClient().onState(listener),
  subscribe: (sub, listener) => browserFeedClient().subscribe(sub, listener),
  resubscribe: (sub) => browserFeedClient().resubscribe(sub),
};

export function feedSource(): FeedSource {
  return lazySource;
}

// Stores are small and a tab uses few keys, so they are kept for the tab's life: a component that
// remounts (React strict mode, navigation) finds the same store instead of racing a second one.
const stores = new Map<string, BookStore | TradeStore | TickerStore | CandleStore>();

function cached<S extends BookStore | TradeStore | TickerStore | CandleStore>(key: string, make: () => S): S {
  let store = stores.get(key) as S | undefined;
  if (!store) {
    store = make();
    stores.set(key, store);
  }
  return store;
}

export function bookStore(symbol: string, depth: BookDepth): BookStore {
  return cached(subscriptionKey({ channel: 'book', symbol, depth }), () => new BookStore(lazySource, symbol, depth));
}

export function tradeStore(symbol: string): TradeStore {
  return cached(subscriptionKey({ channel: 'trade', symbol }), () => new TradeStore(lazySource, symbol));
}

export function tickerStore(symbol: string): TickerStore {
  return cached(subscriptionKey({ channel: 'ticker', symbol }), () => new TickerStore(lazySource, symbol));
}

export function candleStore(symbol: string, interval: OhlcInterval): CandleStore {
  return cached(subscriptionKey({ channel: 'ohlc', symbol, interval }), () => new CandleStore(lazySource, symbol, interval));
}

/**
 * Live candles for a chart without React re-renders: `listener.snapshot(series)` on joining and on every
 * fresh snapshot, `listener.bar(candle)` per change. Returns the undo (call it on unmount).
 */
export function subscribeCandles(symbol: string, interval: OhlcInterval, listener: CandleListener): () => void {
  return candleStore(symbol, interval).subscribeBars(listener);
}
