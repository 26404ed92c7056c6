import { multiplyText, toFixedText } from '@/lib/decimal';
import type { Loadable } from '@/lib/feed/loadable';
import type { TickerValue } from '@/lib/feed/ticker-store';
import type { MarketRow } from './market-row';

export type LiveMarketRow = MarketRow & { live: 'live' | 'stale' | 'loading' };

/** Overlays live tickers on the server-rendered rows; a row without a live ticker keeps its first-paint values. */
export function withLiveTickers(rows: readonly MarketRow[], tickers: ReadonlyMap<string, Loadable<TickerValue>>): LiveMarketRow[] {
  return rows.map((row) => {
    const ticker = tickers.get(row.symbol);
    if (!ticker?.data) return { ...row, live: ticker?.status === 'loading' || !ticker ? 'loading' : 'stale' };
    const t = ticker.data;
    return {
      ...row,
      last: t.last,
      changePct: t.changePct,
      high: t.high,
      low: t.low,
      volume: t.volume,
      quoteVolume: toFixedText(multiplyText(t.volume, t.vwap), 0),
      live: ticker.status === 'live' ? 'live' : 'stale',
    };
  });
}
