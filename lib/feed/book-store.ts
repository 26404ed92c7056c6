import { OrderBook, type BookApplyResult } from '@/lib/kraken/book';
import type { BookView } from '@/lib/desk-api/book';
import type { BookLevel } from '@/lib/protocol';
import type { Clock } from './clock';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';
import type { FeedEvent } from './feed-client';
import { FeedStore, type FeedSource } from './feed-store';
import { animationFrames, type FrameScheduler } from './frames';

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

type BookUpdate = Extract<FeedEvent, { type: 'update'; channel: 'book' }>['data'];

/**
 * Applies a batch of updates in order (each truncated to depth, as Kraken does per message) and verifies
 * only the last one's checksum.
 *
 * Why one checksum per batch is enough: Kraken's checksum is the CRC32 of the top 10 levels of the book
 * *after* the update, so the last update's checksum describes the state the batch must end in. A level
 * an earlier update got wrong (lost, misapplied, wrong quantity) stays wrong until a later update writes
 * that same price again, so if it is still in the top 10 at the end, the final checksum differs and the
 * book is rebuilt. If a later update overwrote or deleted it, the book is right again and there is
 * nothing to rebuild (a per-update check would have rebuilt a book that had healed). If it drifted out of
 * the top 10, it is where no checksum ever looks (at depth 10 truncation drops it; deeper, the same holds
 * for every level past the 10th), and it is caught the moment it comes back into the top 10. The chance
 * of a wrong book matching the CRC is the same 2⁻³² per check. What the batch skips is a wrong checksum
 * *field* on a frame whose levels were right: the book was right, so nothing is lost; the exchange's own
 * checksums are verified frame by frame by the hub, which announces its resync (the 'resyncing' status).
 * Crossed or malformed levels are still refused update by update.
 */
export function applyBatch(book: OrderBook, batch: readonly BookUpdate[]): BookApplyResult {
  const last = batch.length - 1;
  for (let i = 0; i <= last; i++) {
    const data = batch[i]!;
    const result = book.applyUpdate(toInput(data.asks), toInput(data.bids), i === last ? data.checksum : undefined);
    if (!result.ok) return result;
  }
  return { ok: true };
}

/**
 * The live L2 book of one (symbol, depth), kept outside React. Snapshots are applied at once; updates are
 * queued and applied together at the next animation frame (a busy book sends several per frame and only
 * the picture at the frame can be seen), each batch with lib/kraken/book and its final checksum verified
 * here too (see applyBatch); a mismatch (or a crossed/invalid book) discards the book, shows `resyncing`
 * at once and asks the hub for a fresh snapshot (unsubscribe + subscribe).
 */
export class BookStore extends FeedStore<BookPicture> {
  private book: OrderBook | undefined;
  private awaitingSnapshot = true;
  private checksum = 0;
  private resyncCount = 0;
  private pending: BookUpdate[] = [];
  private cancelFrame: (() => void) | undefined;
  private readonly frames: FrameScheduler;
  /** the last reason a book was discarded, for diagnostics */
  lastFailure: BookApplyResult | undefined;

  constructor(source: FeedSource, symbol: string, depth: BookDepth, clock?: Clock, intervalMs?: number, frames?: FrameScheduler) {
    super(source, { channel: 'book', symbol, depth }, clock, intervalMs, true);
    this.frames = frames ?? animationFrames(clock);
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
        this.dropPending();
        this.flush();
      }
      return;
    }
    if (event.type === 'error' || event.channel !== 'book') return;
    const { data } = event;
    if (event.type === 'update') {
      if (this.awaitingSnapshot || !this.book) return;
      this.pending.push(data);
      this.cancelFrame ??= this.frames(() => this.applyPending());
      return;
    }
    // a snapshot is the whole book: updates queued before it describe the book it replaces
    this.dropPending();
    const result = this.bookFor(data.pricePrecision, data.qtyPrecision).applySnapshot(toInput(data.asks), toInput(data.bids), data.checksum);
    if (decideAfterApply(result) === 'resync') return this.resync(result);
    this.checksum = data.checksum;
    const wasResyncing = this.resyncing;
    this.awaitingSnapshot = false;
    this.resyncing = false;
    this.fresh = true;
    if (wasResyncing) return this.flush();
    this.changed();
  }

  /** The frame came: applies every update queued since the last one, as one batch. */
  private applyPending(): void {
    this.cancelFrame = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0 || this.awaitingSnapshot || !this.book) return;
    const result = applyBatch(this.book, batch);
    if (decideAfterApply(result) === 'resync') return this.resync(result);
    this.checksum = batch[batch.length - 1]!.checksum;
    this.changed();
  }

  private dropPending(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
    this.pending = [];
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
    this.dropPending();
    this.book = undefined;
    this.awaitingSnapshot = true;
  }

  protected onFeedState(state: Parameters<FeedStore<BookPicture>['onFeedState']>[0]): void {
    super.onFeedState(state);
    // after a loss the hub re-sends a snapshot; updates before it belong to a book we no longer hold
    if (state !== 'live') {
      this.awaitingSnapshot = true;
      this.dropPending();
    }
  }

  private bookFor(pricePrecision: number, qtyPrecision: number): OrderBook {
    const { symbol, depth } = this.sub as { symbol: string; depth: BookDepth };
    if (!this.book || this.book.pricePrecision !== pricePrecision || this.book.qtyPrecision !== qtyPrecision) {
      this.book = new OrderBook({ symbol, depth, pricePrecision, qtyPrecision });
    }
    return this.book;
  }

  private resync(failure: BookApplyResult): void {
    this.dropPending();
    this.lastFailure = failure;
    this.resyncCount++;
    this.resyncing = true;
    this.awaitingSnapshot = true;
    this.book?.clear();
    this.source.resubscribe(this.sub);
    this.flush();
  }
}
