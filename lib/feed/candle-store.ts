import type { MarketCandle } from '@/lib/kraken/market-updates';
import type { Clock } from './clock';
import type { OhlcInterval } from '@/lib/kraken/rest-public';
import type { FeedEvent } from './feed-client';
import { FeedStore, type FeedSource } from './feed-store';

/** Candles kept per (symbol, interval), oldest first. */
export const CANDLES_KEPT = 720;

export interface CandlesView {
  readonly interval: OhlcInterval;
  /** oldest first; the last one is the running candle */
  readonly candles: readonly MarketCandle[];
  readonly last: MarketCandle | undefined;
}

/**
 * Imperative candle listener for charts (the chart is created once and fed with
 * `series.update(bar)`; no React re-render per trade).
 */
export interface CandleListener {
  /** the whole series (oldest first): on joining, and again whenever the hub re-sends a snapshot */
  snapshot(candles: readonly MarketCandle[]): void;
  /**
   * one candle opened or changed, in time order; same `time` means replace the running bar. Delivered with the
   * store's publish (at most one per candle per publish: the latest), not per trade.
   */
  bar(candle: MarketCandle): void;
}

/** Upserts candles by open time into an oldest-first series, keeping at most `limit`. */
export function upsertCandles(series: MarketCandle[], incoming: readonly MarketCandle[], limit = CANDLES_KEPT): MarketCandle[] {
  let out = series;
  for (const candle of incoming) {
    const last = out[out.length - 1];
    if (!last || candle.time > last.time) out.push(candle);
    else if (candle.time === last.time) out[out.length - 1] = candle;
    else {
      const i = out.findIndex((c) => c.time === candle.time);
      if (i >= 0) out[i] = candle;
      else out = out.concat(candle).sort((a, b) => a.time - b.time);
    }
  }
  return out.length > limit ? out.slice(-limit) : out;
}

/** The live candles of one (symbol, interval). */
export class CandleStore extends FeedStore<CandlesView> {
  private candles: MarketCandle[] = [];
  private received = false;
  private readonly barListeners = new Set<CandleListener>();
  /** candles changed since the last publish, latest by open time: a chart redraws per publish, not per trade */
  private pendingBars = new Map<number, MarketCandle>();

  constructor(source: FeedSource, symbol: string, readonly interval: OhlcInterval, clock?: Clock, intervalMs?: number) {
    super(source, { channel: 'ohlc', symbol, interval }, clock, intervalMs, true);
  }

  /** Imperative subscription; the listener gets the current series at once when there is one. */
  subscribeBars(listener: CandleListener): () => void {
    this.barListeners.add(listener);
    const release = this.subscribe(() => this.deliverBars());
    if (this.received) listener.snapshot(this.candles.slice());
    return () => {
      this.barListeners.delete(listener);
      release();
    };
  }

  protected apply(event: FeedEvent): void {
    if (event.type === 'status' || event.type === 'error' || event.channel !== 'ohlc') return;
    if (event.type === 'snapshot') {
      this.candles = upsertCandles([], event.data);
      this.received = true;
      this.fresh = true;
      // the snapshot carries every candle: changes held for the next publish describe the series it replaces
      this.pendingBars.clear();
      const copy = this.candles.slice();
      for (const l of [...this.barListeners]) l.snapshot(copy);
    } else {
      if (!this.received) return;
      this.candles = upsertCandles(this.candles.slice(), event.data);
      for (const candle of event.data) this.pendingBars.set(candle.time, candle);
    }
    this.changed();
  }

  /** The publish came: each changed candle, oldest first, to every chart (the first publish listener does it). */
  private deliverBars(): void {
    if (this.pendingBars.size === 0) return;
    const bars = [...this.pendingBars.values()].sort((a, b) => a.time - b.time);
    this.pendingBars.clear();
    for (const candle of bars) for (const l of [...this.barListeners]) l.bar(candle);
  }

  protected view(): CandlesView | undefined {
    if (!this.received) return undefined;
    return { interval: this.interval, candles: this.candles, last: this.candles[this.candles.length - 1] };
  }

  protected reset(): void {
    this.candles = [];
    this.received = false;
    this.pendingBars.clear();
  }
}
