/**
 * OHLC candles for every Kraken interval. Prices are integer ticks, volume integer lots; `cost` is
 * Σ price×qty kept as a double because it only feeds the VWAP statistic (never settles money).
 */

/** Kraken's OHLC intervals in minutes. */
export const INTERVALS = [1, 5, 15, 30, 60, 240, 1440, 10080, 21600] as const;
export type Interval = (typeof INTERVALS)[number];

export function isInterval(value: number): value is Interval {
  return (INTERVALS as readonly number[]).includes(value);
}

export interface Candle {
  /** start, Unix seconds */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  cost: number;
  count: number;
}

/** VWAP in ticks; a candle without volume reports its close. */
export function candleVwap(c: Candle): number {
  return c.volume > 0 ? Math.round(c.cost / c.volume) : c.close;
}

/** One interval's candles, oldest first; the last one is the open (current) candle. */
export class CandleSeries {
  readonly candles: Candle[];

  constructor(
    readonly interval: Interval,
    history: Candle[],
    private readonly keep: number,
  ) {
    this.candles = history;
  }

  get seconds(): number {
    return this.interval * 60;
  }

  current(): Candle {
    return this.candles[this.candles.length - 1] as Candle;
  }

  /** Commits candles whose interval ended and opens flat ones up to `nowSec` (no trades → O=H=L=C=last close). */
  roll(nowSec: number): void {
    const start = Math.floor(nowSec / this.seconds) * this.seconds;
    let last = this.current();
    if (last.time >= start) return;
    // after a long pause only the most recent `keep` empty candles matter
    let next = Math.max(last.time + this.seconds, start - (this.keep - 1) * this.seconds);
    while (next <= start) {
      const c = last.close;
      last = { time: next, open: c, high: c, low: c, close: c, volume: 0, cost: 0, count: 0 };
      this.candles.push(last);
      next += this.seconds;
    }
    if (this.candles.length > this.keep) this.candles.splice(0, this.candles.length - this.keep);
  }

  /** Folds a whole minute candle into the open candle (used to catch up a series built after start). */
  addMinute(minute: Candle): void {
    this.roll(minute.time);
    const c = this.current();
    c.high = Math.max(c.high, minute.high);
    c.low = Math.min(c.low, minute.low);
    c.close = minute.close;
    c.volume += minute.volume;
    c.cost += minute.cost;
    c.count += minute.count;
  }

  /** Adds one trade to the open candle (rolls first). */
  addTrade(price: number, qty: number, nowSec: number): Candle {
    this.roll(nowSec);
    const c = this.current();
    if (c.count === 0 && c.volume === 0) {
      c.open = c.open || price;
    }
    c.high = Math.max(c.high, price);
    c.low = Math.min(c.low, price);
    c.close = price;
    c.volume += qty;
    c.cost += price * qty;
    c.count += 1;
    return c;
  }
}
