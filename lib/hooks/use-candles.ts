'use client';

import { useMemo, useSyncExternalStore } from 'react';
import type { CandlesView } from '@/lib/feed/candle-store';
import type { OhlcInterval } from '@/lib/kraken/rest-public';
import { LOADING, type Loadable } from '@/lib/feed/loadable';
import { candleStore } from '@/lib/feed/candle-stores';

const serverSnapshot = (): Loadable<CandlesView> => LOADING;

/**
 * The live candles of `symbol` at `interval` minutes, re-rendering at most ~10×/s. Charts that feed
 * `series.update(bar)` should prefer `subscribeCandles` from lib/feed/candle-stores (no re-render at all).
 */
export function useCandles(symbol: string, interval: OhlcInterval): Loadable<CandlesView> {
  const store = useMemo(() => candleStore(symbol, interval), [symbol, interval]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, serverSnapshot);
}
