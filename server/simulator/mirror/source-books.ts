/**
 * The mirror's source books (moved from lib/kraken when the desk's hub and browser settled on one book path):
 * keeps verified L2 books for several symbols on one KrakenWsClient. Every snapshot/update goes through
 * book.ts; on a checksum mismatch, a crossed book or a malformed level it resyncs **that symbol only**
 * (unsubscribe + subscribe with a fresh snapshot, updates ignored until it arrives); other symbols are
 * untouched. A reconnect invalidates every book until its new snapshot. Browser-safe.
 */
import { OrderBook, type BookApplyResult } from '../../../lib/kraken/book';
import type { KrakenWsClient } from '../../../lib/kraken/ws-client';
import type { BookData, BookFrame, InstrumentFrame } from '../../../lib/kraken/ws-schemas';
import type { BookDepth } from '../../../lib/kraken/ws-subscriptions';
import { Emitter, type KrakenWsError, type Listener, type StateEvent } from '../../../lib/kraken/ws-types';

export interface PairPrecision {
  /** digits after the point for prices */
  price: number;
  /** digits after the point for quantities */
  qty: number;
}

export type ResyncReason = 'checksum' | 'crossed' | 'invalid' | 'reconnect';

export interface BookSyncEvents {
  /** a fresh, verified book (after subscribe, resync or reconnect) */
  snapshot: { symbol: string; book: OrderBook; checksum: number; data: BookData };
  /** a verified update; `data` holds the levels that changed, as sent */
  update: { symbol: string; book: OrderBook; checksum: number; data: BookData };
  /** the symbol's book was discarded and a fresh snapshot requested */
  resync: { symbol: string; reason: ResyncReason; detail: string };
  error: KrakenWsError | Error;
}

interface Tracked {
  depth: BookDepth;
  book: OrderBook | undefined;
  /** false from a discard until the next snapshot verifies */
  synced: boolean;
  resyncing: boolean;
}

export interface BookSyncOptions {
  /** known precisions by v2 symbol (else learned from the `instrument` channel, else inferred from the snapshot text) */
  precisions?: ReadonlyMap<string, PairPrecision>;
}

export class BookSync {
  private readonly tracked = new Map<string, Tracked>();
  private readonly precisions = new Map<string, PairPrecision>();
  private readonly events = new Emitter<BookSyncEvents>(() => undefined);
  private readonly offs: (() => void)[];

  constructor(private readonly client: KrakenWsClient, options: BookSyncOptions = {}) {
    for (const [symbol, p] of options.precisions ?? []) this.precisions.set(symbol, p);
    this.offs = [
      client.on('book', (frame) => this.onBook(frame)),
      client.on('instrument', (frame) => this.onInstrument(frame)),
      client.on('state', (event) => this.onState(event)),
    ];
  }

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof BookSyncEvents>(event: K, listener: Listener<BookSyncEvents[K]>): () => void {
    return this.events.on(event, listener);
  }

  /** Sets a pair's precision (price_precision / qty_precision). */
  setPrecision(symbol: string, precision: PairPrecision): void {
    this.precisions.set(symbol, precision);
  }

  /**
   * Subscribes the symbols' books and tracks them.
   * @param depth levels per side, one of 10, 25, 100, 500, 1000
   */
  async subscribe(symbols: readonly string[], depth: BookDepth = 10): Promise<void> {
    for (const symbol of symbols) {
      const known = this.tracked.get(symbol);
      if (known && known.depth !== depth) throw new RangeError(`${symbol} is already tracked at depth ${known.depth}`);
      if (!known) this.tracked.set(symbol, { depth, book: undefined, synced: false, resyncing: false });
    }
    await this.client.subscribe({ channel: 'book', symbol: [...symbols], depth, snapshot: true });
  }

  /** Stops tracking the symbols and unsubscribes their books. */
  async unsubscribe(symbols: readonly string[]): Promise<void> {
    const byDepth = new Map<BookDepth, string[]>();
    for (const symbol of symbols) {
      const t = this.tracked.get(symbol);
      if (!t) continue;
      this.tracked.delete(symbol);
      byDepth.set(t.depth, [...(byDepth.get(t.depth) ?? []), symbol]);
    }
    for (const [depth, list] of byDepth) await this.client.unsubscribe({ channel: 'book', symbol: list, depth });
  }

  /** The verified book of a symbol, or undefined while it is (re)syncing. */
  book(symbol: string): OrderBook | undefined {
    const t = this.tracked.get(symbol);
    return t?.synced ? t.book : undefined;
  }

  /** Symbols tracked and whether each is currently verified. */
  status(): { symbol: string; depth: BookDepth; synced: boolean }[] {
    return [...this.tracked].map(([symbol, t]) => ({ symbol, depth: t.depth, synced: t.synced }));
  }

  /** Detaches from the client (subscriptions are left as they are). */
  dispose(): void {
    for (const off of this.offs) off();
    this.events.clear();
  }

  private onBook(frame: BookFrame): void {
    for (const data of frame.data) {
      const t = this.tracked.get(data.symbol);
      if (!t) continue;
      if (frame.type === 'snapshot') this.onSnapshot(data, t);
      else if (t.synced && t.book) this.report(data, t, t.book.applyUpdate(data.asks, data.bids, data.checksum), 'update');
    }
  }

  private onSnapshot(data: BookData, t: Tracked): void {
    const precision = this.precisions.get(data.symbol) ?? inferPrecision(data);
    if (!t.book || t.book.pricePrecision !== precision.price || t.book.qtyPrecision !== precision.qty) {
      t.book = new OrderBook({ symbol: data.symbol, depth: t.depth, pricePrecision: precision.price, qtyPrecision: precision.qty });
    }
    t.resyncing = false;
    this.report(data, t, t.book.applySnapshot(data.asks, data.bids, data.checksum), 'snapshot');
  }

  private report(data: BookData, t: Tracked, result: BookApplyResult, kind: 'snapshot' | 'update'): void {
    const book = t.book as OrderBook;
    if (result.ok) {
      t.synced = true;
      this.events.emit(kind, { symbol: data.symbol, book, checksum: data.checksum, data });
      return;
    }
    const detail =
      result.reason === 'checksum'
        ? `checksum ${result.actual} ≠ ${result.expected}`
        : result.reason === 'crossed'
          ? `best bid ${result.bestBid} ≥ best ask ${result.bestAsk}`
          : result.message;
    void this.resync(data.symbol, t, result.reason, detail);
  }

  /** Discards one symbol's book and asks for a fresh snapshot of that symbol only. */
  private async resync(symbol: string, t: Tracked, reason: ResyncReason, detail: string): Promise<void> {
    t.synced = false;
    t.book?.clear();
    this.events.emit('resync', { symbol, reason, detail });
    if (t.resyncing) return;
    t.resyncing = true;
    try {
      await this.client.unsubscribe({ channel: 'book', symbol: [symbol], depth: t.depth });
      if (this.tracked.get(symbol) !== t) return;
      await this.client.subscribe({ channel: 'book', symbol: [symbol], depth: t.depth, snapshot: true });
    } catch (error) {
      t.resyncing = false;
      this.events.emit('error', error instanceof Error ? error : new Error(String(error)));
    }
  }

  private onInstrument(frame: InstrumentFrame): void {
    for (const pair of frame.data.pairs) {
      this.precisions.set(pair.symbol, { price: pair.price_precision, qty: pair.qty_precision });
    }
  }

  private onState(event: StateEvent): void {
    if (event.state !== 'connecting' && event.state !== 'offline') return;
    // the client resubscribes with snapshot: true; until then no book can be trusted
    for (const [symbol, t] of this.tracked) {
      t.resyncing = false;
      if (!t.synced) continue;
      t.synced = false;
      t.book?.clear();
      this.events.emit('resync', { symbol, reason: 'reconnect', detail: `connection ${event.state}` });
    }
  }
}

/** Last resort when no precision is known: the wire prints engine precision, so count snapshot decimals. */
function inferPrecision(data: BookData): PairPrecision {
  const decimals = (text: string) => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);
  let price = 0;
  let qty = 0;
  for (const level of [...data.asks, ...data.bids]) {
    price = Math.max(price, decimals(level.price));
    qty = Math.max(qty, decimals(level.qty));
  }
  return { price, qty };
}
