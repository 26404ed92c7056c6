/**
 * Rebuilds OHLC candles from public trades, for history older than Kraken's 720-row OHLC window.
 * Exact: prices and volumes stay decimal text and are summed through lib/decimal.ts; only times are numbers.
 */
import { parseDecimal, toFixedText, toText } from '../decimal';
import type { HistoryCandle, PublicTrade } from '../kraken/types';

export interface AggregateOptions {
  /** Candle length in seconds */
  intervalSec: number;
  /** Decimal places of the VWAP (the pair's price precision) */
  vwapDecimals: number;
  /** Unix seconds: trades before this are ignored (a window start, aligned to the interval) */
  from?: number;
  /** Unix seconds: trades at or after this are ignored */
  to?: number;
}

type Dec = ReturnType<typeof parseDecimal>;

interface Bucket {
  time: number;
  open: string;
  /** kept as the trade's own text so the candle shows the exchange's digits */
  high: string;
  highValue: Dec;
  low: string;
  lowValue: Dec;
  close: string;
  volume: Dec;
  cost: Dec;
  count: number;
}

/** Start of the candle that contains `time` (Unix seconds). */
export function bucketStart(time: number, intervalSec: number): number {
  return Math.floor(time / intervalSec) * intervalSec;
}

/**
 * Candles, oldest first, from trades in any order (sorted by time here; ties keep their given order, which is
 * the exchange's trade-id order). Empty intervals between two traded ones are filled with flat candles at the
 * previous close (volume 0, count 0, vwap = that close) as Kraken's OHLC does; empty intervals before the first
 * trade are omitted because no price is known there.
 */
export function candlesFromTrades(trades: readonly PublicTrade[], options: AggregateOptions): HistoryCandle[] {
  const { intervalSec } = options;
  if (!Number.isInteger(intervalSec) || intervalSec <= 0) throw new RangeError(`intervalSec must be a positive integer, got ${intervalSec}`);
  const inWindow = trades
    .map((trade, index) => ({ trade, index }))
    .filter(({ trade }) => (options.from === undefined || trade.time >= options.from) && (options.to === undefined || trade.time < options.to))
    .sort((a, b) => a.trade.time - b.trade.time || tradeOrder(a.trade, b.trade) || a.index - b.index);

  const buckets: Bucket[] = [];
  for (const { trade } of inWindow) {
    const time = bucketStart(trade.time, intervalSec);
    const price = parseDecimal(trade.price);
    const qty = parseDecimal(trade.qty);
    const current = buckets[buckets.length - 1];
    if (current && current.time === time) {
      if (price.greaterThan(current.highValue)) Object.assign(current, { high: trade.price, highValue: price });
      if (price.lessThan(current.lowValue)) Object.assign(current, { low: trade.price, lowValue: price });
      current.close = trade.price;
      current.volume = current.volume.plus(qty);
      current.cost = current.cost.plus(price.times(qty));
      current.count += 1;
    } else {
      if (current) fillGap(buckets, current, time, intervalSec);
      buckets.push({
        time, open: trade.price, high: trade.price, highValue: price, low: trade.price, lowValue: price, close: trade.price,
        volume: qty, cost: price.times(qty), count: 1,
      });
    }
  }
  return buckets.map((b) => toCandle(b, options.vwapDecimals));
}

/** Trade ids break ties between trades printed in the same instant. */
function tradeOrder(a: PublicTrade, b: PublicTrade): number {
  return a.tradeId !== undefined && b.tradeId !== undefined ? a.tradeId - b.tradeId : 0;
}

function fillGap(buckets: Bucket[], previous: Bucket, nextTime: number, intervalSec: number): void {
  const close = parseDecimal(previous.close);
  const zero = parseDecimal('0');
  const text = previous.close;
  for (let t = previous.time + intervalSec; t < nextTime; t += intervalSec) {
    buckets.push({ time: t, open: text, high: text, highValue: close, low: text, lowValue: close, close: text, volume: zero, cost: zero, count: 0 });
  }
}

function toCandle(b: Bucket, vwapDecimals: number): HistoryCandle {
  const vwap = b.volume.isZero() ? b.close : toFixedText(b.cost.dividedBy(b.volume), vwapDecimals);
  return {
    time: b.time,
    open: b.open,
    high: b.high,
    low: b.low,
    close: b.close,
    vwap,
    volume: toText(b.volume),
    count: b.count,
  };
}
