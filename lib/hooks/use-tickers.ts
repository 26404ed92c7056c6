'use client';

import { useMemo, useRef, useSyncExternalStore } from 'react';
import type { Loadable } from '@/lib/feed/loadable';
import { tickerStore } from '@/lib/feed/stores';
import type { TickerValue } from '@/lib/feed/ticker-store';

export type TickerMap = ReadonlyMap<string, Loadable<TickerValue>>;

const EMPTY: TickerMap = new Map();

/**
 * Live tickers of many symbols at once (the markets list): one map, replaced only when some ticker was
 * published, so the table re-renders at most ~10×/s however many symbols tick.
 */
export function useTickers(symbols: readonly string[]): TickerMap {
  const joined = symbols.join(',');
  const stores = useMemo(() => (joined ? joined.split(',') : []).map((s) => tickerStore(s)), [joined]);
  const last = useRef<{ parts: Loadable<TickerValue>[]; map: TickerMap }>({ parts: [], map: EMPTY });

  const subscribe = useMemo(
    () => (listener: () => void) => {
      const offs = stores.map((s) => s.subscribe(listener));
      return () => offs.forEach((off) => off());
    },
    [stores],
  );
  const getSnapshot = () => {
    const parts = stores.map((s) => s.getSnapshot());
    const prev = last.current;
    if (parts.length === prev.parts.length && parts.every((p, i) => p === prev.parts[i])) return prev.map;
    const map = new Map(stores.map((s, i) => [(s.sub as { symbol: string }).symbol, parts[i] as Loadable<TickerValue>]));
    last.current = { parts, map };
    return map;
  };
  return useSyncExternalStore(subscribe, getSnapshot, () => EMPTY);
}
