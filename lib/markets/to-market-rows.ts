import { multiplyText, toFixedText } from '@/lib/decimal';
import type { AssetPair, Ticker } from '@/lib/kraken/types';
import type { MarketRow } from './market-row';

/** Joins AssetPairs with Ticker into table rows for the USD markets, in the exchange's listing order. */
export function toMarketRows(pairs: readonly AssetPair[], tickers: readonly Ticker[], quote = 'USD'): MarketRow[] {
  const bySymbol = new Map(tickers.map((t) => [t.symbol, t]));
  const rows: MarketRow[] = [];
  for (const pair of pairs) {
    if (pair.quoteCode !== quote) continue;
    const ticker = bySymbol.get(pair.symbol);
    if (!ticker) continue;
    rows.push({
      symbol: pair.symbol,
      slug: pair.symbol.replace('/', '-'),
      base: pair.baseCode,
      quote: pair.quoteCode,
      last: ticker.last,
      changePct: ticker.changePct24h,
      high: ticker.high24h,
      low: ticker.low24h,
      volume: ticker.volume24h,
      quoteVolume: toFixedText(multiplyText(ticker.volume24h, ticker.vwap24h), 0),
      pricePrecision: pair.pairDecimals,
      qtyPrecision: pair.lotDecimals,
    });
  }
  return rows;
}
