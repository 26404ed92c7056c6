import { OrderBook, type BookApplyResult } from '@/lib/kraken/book';
import type { BookView } from '@/lib/desk-api/book';
import type { BookLevel } from '@/lib/protocol';
import type { Clock } from './clock';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';
import type { FeedEvent } from './feed-client';
import { FeedStore, type FeedSource } from './feed-store';

/** One published picture of a book: the BookView's text levels with the pair's precision, and the feed's details. */
export interface BookPicture extends BookView {
  readonly symbol: string;
  readonly depth: BookDepth;
  /** best ask − best bid, exact text; undefined when a side is empty */
  readonly spread: string | undefined;
  readonly pricePrecision: number;
  readonly qtyPrecision: number;
  /** the checksum of the last frame, which the browser recomputed and matched */
  readonly checksum: number;
  /** how many times this book was rebuilt (the browser's own checksum mismatch or a resync the hub announced) */
  readonly resyncs: number;
}

/** What a book frame means for the store: apply it, ignore it (waiting for a snapshot), or resync. */
export type BookFrameDecision = 'applied' | 'ignored' | 'resync';

/** Pure decision after applying a frame: anything but an ok result discards the book. */
export function decideAfterApply(result: BookApplyResult): BookFrameDecision {
  return result.ok ? 'applied' : 'resync';
}

const toInput = (levels: readonly BookLevel[]) => levels.map(([price, qty]) => ({ price, qty }));

/**
 * The live L2 book of one (symbol, depth), kept outside React. Every snapshot and update is applied with
 * lib/kraken/book and its checksum verified here too; a mismatch (or a crossed/invalid book) discards the
 * book, shows `resyncing` at once and asks the hub for a fresh snapshot (unsubscribe + subscribe).
 */
export class BookStore extends FeedStore<BookPicture> {
  private book: OrderBook | undefined;
  private awaitingSnapshot = true;
  private checksum = 0;
  private resyncCount = 0;
  /** the last reason a book was discarded, for diagnostics */
  lastFailure: BookApplyResult | undefined;

  constructor(source: FeedSource, symbol: string, depth: BookDepth, clock?: Clock, intervalMs?: number) {
    super(source, { channel: 'book', symbol, depth }, clock, intervalMs);
  }

  get resyncs(): number {
    return this.resyncCount;
  }

  protected apply(event: FeedEvent): void {
    if (event.type === 'status') {
      // the hub rebuilds this book itself; its fresh snapshot ends the resync
      if (event.feed === 'resyncing' && !this.resyncing) {
        this.resyncCount++;
        this.resyncing = true;
        this.awaitingSnapshot = true;
        this.flush();
      }
      return;
    }
    if (event.type === 'error' || event.channel !== 'book') return;
    const { data } = event;
    let result: BookApplyResult;
    if (event.type === 'snapshot') {
      const book = this.bookFor(data.pricePrecision, data.qtyPrecision);
      result = book.applySnapshot(toInput(data.asks), toInput(data.bids), data.checksum);
    } else {
      if (this.awaitingSnapshot || !this.book) return;
      result = this.book.applyUpdate(toInput(data.asks), toInput(data.bids), data.checksum);
    }
    if (decideAfterApply(result) === 'resync') return this.resync(result);
    this.checksum = data.checksum;
    if (event.type === 'snapshot') {
      const wasResyncing = this.resyncing;
      this.awaitingSnapshot = false;
      this.resyncing = false;
      this.fresh = true;
      if (wasResyncing) return this.flush();
    }
    this.changed();
  }

  protected view(): BookPicture | undefined {
    const book = this.book;
    // a book being rebuilt is known to be wrong; a book from before a connection loss is only old (stale)
    if (!book || this.resyncing) return undefined;
    const sub = this.sub as { symbol: string; depth: BookDepth };
    return {
      symbol: sub.symbol,
      depth: sub.depth,
      asks: book.asks(),
      bids: book.bids(),
      spread: book.spread(),
      pricePrecision: book.pricePrecision,
      qtyPrecision: book.qtyPrecision,
      checksum: this.checksum,
      resyncs: this.resyncCount,
    };
  }

  protected reset(): void {
    this.book = undefined;
    this.awaitingSnapshot = true;
  }

  protected onFeedState(state: Parameters<FeedStore<BookPicture>['onFeedState']>[0]): void {
    super.onFeedState(state);
    // after a loss the hub re-sends a snapshot; updates before it belong to a book we no longer hold
    if (state !== 'live') this.awaitingSnapshot = true;
  }

  private bookFor(pricePrecision: number, qtyPrecision: number): OrderBook {
    const { symbol, depth } = this.sub as { symbol: string; depth: BookDepth };
    if (!this.book || this.book.pricePrecision !== pricePrecision || this.book.qtyPrecision !== qtyPrecision) {
      this.book = new OrderBook({ symbol, depth, pricePrecision, qtyPrecision });
    }
    return this.book;
  }

  private resync(failure: BookApplyResult): void {
    this.lastFailure = failure;
    this.resyncCount++;
    this.resyncing = true;
    this.awaitingSnapshot = true;
    this.book?.clear();
    this.source.resubscribe(this.sub);
    this.flush();
  }
}
