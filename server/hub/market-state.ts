import type { Frame } from './frames';
import type { MarketCandle, MarketTicker, MarketTrade } from '../../lib/kraken/market-updates';

/** Server-side memory of the non-book channels, so a new browser gets a snapshot at once. */

export const TRADES_KEPT = 100;
export const CANDLES_KEPT = 300;

/** The last TRADES_KEPT public trades of one symbol, oldest first, de-duplicated by trade id. */
export class TradeTape {
  private trades: MarketTrade[] = [];

  /** Adds trades (snapshot or update); returns only those not seen before, in order. */
  add(incoming: readonly MarketTrade[]): MarketTrade[] {
    const seen = new Set(this.trades.map((t) => t.id));
    const fresh = incoming.filter((t) => !seen.has(t.id));
    if (fresh.length === 0) return fresh;
    this.trades = this.trades.concat(fresh).sort((a, b) => a.id - b.id);
    if (this.trades.length > TRADES_KEPT) this.trades = this.trades.slice(-TRADES_KEPT);
    return fresh;
  }

  list(): MarketTrade[] {
    return this.trades.slice();
  }
}

/** Current and recent candles of one (symbol, interval), oldest first, keyed by open time. */
export class CandleSeries {
  private candles: MarketCandle[] = [];

  /** Inserts or replaces candles by open time (the running candle is re-sent on every trade). */
  upsert(incoming: readonly MarketCandle[]): void {
    for (const candle of incoming) {
      const last = this.candles[this.candles.length - 1];
      if (!last || candle.time > last.time) {
        this.candles.push(candle);
        continue;
      }
      const i = this.candles.findIndex((c) => c.time === candle.time);
      if (i >= 0) this.candles[i] = candle;
      else {
        this.candles.push(candle);
        this.candles.sort((a, b) => a.time - b.time);
      }
    }
    if (this.candles.length > CANDLES_KEPT) this.candles = this.candles.slice(-CANDLES_KEPT);
  }

  list(): MarketCandle[] {
    return this.candles.slice();
  }
}

/** Last value of one symbol's ticker. */
export class TickerState {
  value: MarketTicker | undefined;
}

/**
 * A private channel's snapshot frame plus the update frames since, replayed in order to a browser that
 * joins later. Bounded: when it fills up the hub asks upstream for a fresh snapshot instead of growing.
 */
export class PrivateLog {
  snapshot: Frame | undefined;
  updates: Frame[] = [];

  constructor(readonly limit = 500) {}

  setSnapshot(frame: Frame): void {
    this.snapshot = frame;
    this.updates = [];
  }

  /** Returns false when the log is full and a fresh snapshot should be requested. */
  addUpdate(frame: Frame): boolean {
    this.updates.push(frame);
    return this.updates.length < this.limit;
  }

  clear(): void {
    this.snapshot = undefined;
    this.updates = [];
  }

  frames(): Frame[] | undefined {
    return this.snapshot ? [this.snapshot, ...this.updates] : undefined;
  }
}
