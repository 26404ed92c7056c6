'use client';

import { useMemo, useSyncExternalStore } from 'react';
import { LOADING, type Loadable } from '@/lib/feed/loadable';
import { tradeStore } from '@/lib/feed/stores';
import type { MarketTrade } from '@/lib/kraken/market-updates';

const serverSnapshot = (): Loadable<readonly MarketTrade[]> => LOADING;

/** The last 100 public trades of `symbol`, newest first. */
export function useTrades(symbol: string): Loadable<readonly MarketTrade[]> {
  const store = useMemo(() => tradeStore(symbol), [symbol]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, serverSnapshot);
}
