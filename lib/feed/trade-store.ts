import type { MarketTrade } from '@/lib/kraken/market-updates';
import type { Clock } from './clock';
import type { FeedEvent } from './feed-client';
import { FeedStore, type FeedSource } from './feed-store';

/**
 * How many trades the tape keeps: as many as Kraken's trade snapshot holds. Each new trade moves every row
 * of the tape, and with 100 rows that one insert (layout, pre-paint and paint of the list) was the last frame
 * past 50 ms on the trade page with the CPU throttled 4× (render bench trace); 50 rows halve it.
 */
export const TRADES_SHOWN = 50;

/**
 * Merges incoming trades into a newest-first tape of at most `limit`, de-duplicated by id
 * (a snapshot after a reconnect repeats trades the browser already has).
 */
export function mergeTrades(current: readonly MarketTrade[], incoming: readonly MarketTrade[], limit = TRADES_SHOWN): MarketTrade[] {
  const seen = new Set(current.map((t) => t.id));
  const fresh = incoming.filter((t) => !seen.has(t.id));
  if (fresh.length === 0) return current as MarketTrade[];
  return fresh
    .concat(current)
    .sort((a, b) => b.id - a.id)
    .slice(0, limit);
}

/** The recent trades of one symbol, newest first. */
export class TradeStore extends FeedStore<readonly MarketTrade[]> {
  private trades: MarketTrade[] = [];
  private received = false;

  constructor(source: FeedSource, symbol: string, clock?: Clock, intervalMs?: number) {
    super(source, { channel: 'trade', symbol }, clock, intervalMs, true);
  }

  protected apply(event: FeedEvent): void {
    if (event.type === 'status' || event.type === 'error' || event.channel !== 'trade') return;
    const next = mergeTrades(this.trades, event.data);
    if (event.type === 'snapshot') {
      this.fresh = true;
      this.received = true;
    }
    if (next === this.trades && event.type === 'update') return;
    this.trades = next;
    this.changed();
  }

  protected view(): readonly MarketTrade[] | undefined {
    return this.received ? this.trades : undefined;
  }

  protected reset(): void {
    this.trades = [];
    this.received = false;
  }
}
