'use client';

import { useMemo, useSyncExternalStore } from 'react';
import { LOADING, type Loadable } from '@/lib/feed/loadable';
import { tickerStore } from '@/lib/feed/stores';
import type { TickerValue } from '@/lib/feed/ticker-store';

const serverSnapshot = (): Loadable<TickerValue> => LOADING;

/** The live 24h ticker of `symbol` (last, bid/ask, high, low, volume, change). */
export function useTicker(symbol: string): Loadable<TickerValue> {
  const store = useMemo(() => tickerStore(symbol), [symbol]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, serverSnapshot);
}
