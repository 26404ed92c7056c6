/**
 * The tab's live candle stores (see ./stores for the others), apart so that pages without a chart do not
 * load them with their first JavaScript.
 */
import { subscriptionKey } from '@/lib/protocol-basics';
import { CandleStore, type CandleListener } from './candle-store';
import type { OhlcInterval } from '@/lib/kraken/rest-public';
import { cachedStore, feedSource } from './stores';

export function candleStore(symbol: string, interval: OhlcInterval): CandleStore {
  return cachedStore(subscriptionKey({ channel: 'ohlc', symbol, interval }), () => new CandleStore(feedSource(), symbol, interval));
}

/**
 * Live candles for a chart without React re-renders: `listener.snapshot(series)` on joining and on every
 * fresh snapshot, `listener.bar(candle)` per change. Returns the undo (call it on unmount).
 */
export function subscribeCandles(symbol: string, interval: OhlcInterval, listener: CandleListener): () => void {
  return candleStore(symbol, interval).subscribeBars(listener);
}
