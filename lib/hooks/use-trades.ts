'use client';

import { useMemo, useSyncExternalStore } from 'react';
import { LOADING, type Loadable } from '@/lib/feed/loadable';
import { tradeStore } from '@/lib/feed/stores';
import type { Trade } from '@/lib/feed/trade-store';

const serverSnapshot = (): Loadable<readonly Trade[]> => LOADING;

/** The last 100 public trades of `symbol`, newest first. */
export function useTrades(symbol: string): Loadable<readonly Trade[]> {
  const store = useMemo(() => tradeStore(symbol), [symbol]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, serverSnapshot);
}
