import type * as z from 'zod/mini';
import type { tickerData } from '@/lib/protocol';
import type { Clock } from './clock';
import type { FeedEvent } from './feed-client';
import { FeedStore, type FeedSource } from './feed-store';

export type TickerValue = z.infer<typeof tickerData>;

/** The latest 24h ticker of one symbol (each frame carries the whole ticker, so the last one wins). */
export class TickerStore extends FeedStore<TickerValue> {
  private value: TickerValue | undefined;

  constructor(source: FeedSource, symbol: string, clock?: Clock, intervalMs?: number) {
    super(source, { channel: 'ticker', symbol }, clock, intervalMs);
  }

  protected apply(event: FeedEvent): void {
    if (event.type === 'status' || event.type === 'error' || event.channel !== 'ticker') return;
    this.value = event.data;
    this.fresh = true;
    this.changed();
  }

  protected view(): TickerValue | undefined {
    return this.value;
  }

  protected reset(): void {
    this.value = undefined;
  }
}
