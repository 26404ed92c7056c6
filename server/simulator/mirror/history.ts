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
