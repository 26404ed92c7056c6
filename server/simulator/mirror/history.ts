/** The source's history (lib/kraken domain types, decimal text) as a mirror pair's starting state (integer units). */
import type { HistoryCandle as SourceCandle, PublicTrade as SourceTrade } from '../../../lib/kraken/types';
import type { Candle } from '../candles';
import type { ListedPair } from '../markets';
import type { MirroredHistory } from '../market-pair';
import { textToUnits } from '../units';

/** Decimal text → units, rounded when the source prints more digits than the pair's precision (a VWAP does). */
export function units(text: string, decimals: number): number {
  const exact = textToUnits(text, decimals);
  if (exact !== undefined) return exact;
  return Math.round(Number(text) * 10 ** decimals);
}

export function toCandle(c: SourceCandle, pair: ListedPair): Candle {
  const volume = units(c.volume, pair.lotDecimals);
  return {
    time: c.time,
    open: units(c.open, pair.pairDecimals),
    high: units(c.high, pair.pairDecimals),
    low: units(c.low, pair.pairDecimals),
    close: units(c.close, pair.pairDecimals),
    volume,
    // VWAP × volume, so the series reports the source's VWAP back
    cost: units(c.vwap, pair.pairDecimals) * volume,
    count: c.count,
  };
}

export function toHistory(pair: ListedPair, candles: readonly SourceCandle[], trades: readonly SourceTrade[]): MirroredHistory {
  return {
    minutes: candles.map((c) => toCandle(c, pair)),
    trades: trades.map((t) => ({
      price: units(t.price, pair.pairDecimals),
      qty: units(t.qty, pair.lotDecimals),
      side: t.side,
      ordType: t.orderType,
      time: Math.round(t.time * 1000),
      id: t.tradeId,
    })),
  };
}

const DAY_SECONDS = 86_400;
const FIVE_MINUTES = 300;

/**
 * The source's 5-minute candles that cover the part of the last 24 h its 720 one-minute candles do not: each
 * whole 5-minute candle that ends by the first minute and reaches into the window, oldest first. They sit in the
 * 1-minute series as coarse entries, so the ticker's 24 h and "today" figures cover a whole day from the start
 * (OHLC never serves them: it shows the newest 720 entries, all real minutes). A 5-minute candle the first
 * minute falls inside is left out (up to 4 minutes of the day missing at the seam).
 */
export function olderDay(pair: ListedPair, fiveMinutes: readonly SourceCandle[], firstMinute: number, nowSec: number): Candle[] {
  const from = Math.floor(nowSec / 60) * 60 - DAY_SECONDS;
  return fiveMinutes
    .filter((c) => c.time + FIVE_MINUTES <= firstMinute && c.time + FIVE_MINUTES > from)
    .map((c) => toCandle(c, pair));
}
