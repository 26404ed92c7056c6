/**
 * Rolling 24 h and "today" (since 00:00 UTC) statistics of a pair, read from its minute candles, which
 * is what Kraken's REST Ticker and the WS ticker channel report.
 */
import type { Candle } from './candles';
import type { PairMarket } from './market-pair';

export interface WindowStats {
  /** ticks */
  open: number;
  low: number;
  high: number;
  vwap: number;
  /** lots */
  volume: number;
  count: number;
}

export interface TickerStats {
  today: WindowStats;
  day: WindowStats;
}

function windowStats(candles: readonly Candle[], fromSec: number, fallbackPrice: number): WindowStats {
  let first: Candle | undefined;
  const stats: WindowStats = { open: fallbackPrice, low: Infinity, high: 0, vwap: fallbackPrice, volume: 0, count: 0 };
  let cost = 0;
  for (let i = candles.length - 1; i >= 0; i--) {
    const c = candles[i] as Candle;
    if (c.time < fromSec) break;
    first = c;
    if (c.count > 0 || c.volume > 0 || i === candles.length - 1) {
      stats.low = Math.min(stats.low, c.low);
      stats.high = Math.max(stats.high, c.high);
    }
    stats.volume += c.volume;
    stats.count += c.count;
    cost += c.cost;
  }
  if (first) stats.open = first.open;
  if (stats.low === Infinity) stats.low = fallbackPrice;
  if (stats.high === 0) stats.high = fallbackPrice;
  if (stats.volume > 0) stats.vwap = Math.round(cost / stats.volume);
  return stats;
}

/** 24 h window = the minute candles that started within the last 1,440 minutes (current minute included). */
export function tickerStats(market: PairMarket, nowMs: number): TickerStats {
  const nowSec = Math.floor(nowMs / 1000);
  const series = market.series(1);
  series.roll(nowSec);
  const minute = Math.floor(nowSec / 60) * 60;
  const midnight = Math.floor(nowSec / 86400) * 86400;
  return {
    day: windowStats(series.candles, minute - 86400, market.lastPrice),
    today: windowStats(series.candles, midnight, market.lastPrice),
  };
}
