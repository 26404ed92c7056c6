'use client';

import { useEffect } from 'react';

/**
 * "64,210.5 BTC/USD · Kraken Desk": the last price first, so a trader with many tabs reads it from the
 * tab strip. Restores the title the page came with when the trade page goes away.
 */
export function useTabTitle(symbol: string, last: string | undefined): void {
  useEffect(() => {
    const before = document.title;
    return () => {
      document.title = before;
    };
  }, [symbol]);
  useEffect(() => {
    document.title = last ? `${last} ${symbol} · Kraken Desk` : `${symbol} · Kraken Desk`;
  }, [symbol, last]);
}
