/**
 * The tab's live stores, one per subscription key, shared by every component that asks for the same
 * data. Hooks (lib/hooks) read them with useSyncExternalStore. Candles (only charts and sparklines
 * want them, and those load after the page) are in ./candle-stores.
 *
 * Exported API:
 *   bookStore(symbol, depth): BookStore          tradeStore(symbol): TradeStore
 *   tickerStore(symbol): TickerStore             feedSource(): FeedSource — the tab's connection
 *   cachedStore(key, make): a store kept for the tab's life under its subscription key
 */
import type { FeedState } from '@/lib/protocol';
import { subscriptionKey } from '@/lib/protocol-basics';
import { browserFeedClient } from './browser-feed';
import { BookStore } from './book-store';
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
const stores = new Map<string, object>();

export function cachedStore<S extends object>(key: string, make: () => S): S {
  let store = stores.get(key) as S | undefined;
  if (!store) {
    store = make();
    stores.set(key, store);
  }
  return store;
}

export function bookStore(symbol: string, depth: BookDepth): BookStore {
  return cachedStore(subscriptionKey({ channel: 'book', symbol, depth }), () => new BookStore(lazySource, symbol, depth));
}

export function tradeStore(symbol: string): TradeStore {
  return cachedStore(subscriptionKey({ channel: 'trade', symbol }), () => new TradeStore(lazySource, symbol));
}

export function tickerStore(symbol: string): TickerStore {
  return cachedStore(subscriptionKey({ channel: 'ticker', symbol }), () => new TickerStore(lazySource, symbol));
}
