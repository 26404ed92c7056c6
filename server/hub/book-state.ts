import { OrderBook } from '../../lib/kraken/book';
import type { TextLevel } from '../../lib/kraken/checksum';
import { padDecimals, toPlainDecimal } from '../../lib/kraken/decimal-text';

/**
 * The hub's copy of one symbol's L2 book at the upstream depth: lib/kraken's OrderBook (the same book the
 * browser keeps), verified against Kraken's checksum after every message. Adds what fan-out needs: the
 * precision read off the snapshot when the pair table does not know the pair, the last message's levels
 * padded to the pair precision in wire order, and best-first [price, qty] tuples for browser frames.
 */

export type BookStateOutcome = 'ok' | 'checksum' | 'malformed';

export class BookState {
  /** false until a snapshot arrived, and again after upstream loss or a mismatch */
  valid = false;
  pricePrecision = 0;
  qtyPrecision = 0;
  checksum = 0;
  /** the last message's levels as padded [price, qty] tuples, in wire order (what a full-depth browser applies) */
  changedAsks: [string, string][] = [];
  changedBids: [string, string][] = [];
  private book: OrderBook | undefined;

  constructor(
    readonly symbol: string,
    /** depth subscribed upstream; books are truncated to it after every message */
    public depth: number,
    private readonly precisionOf?: (symbol: string) => { price: number; qty: number } | undefined,
  ) {}

  /** Replaces the book; precision comes from the pair table or, failing that, the snapshot's own text. */
  applySnapshot(asks: readonly TextLevel[], bids: readonly TextLevel[], checksum: number): BookStateOutcome {
    const known = this.precisionOf?.(this.symbol);
    this.pricePrecision = known?.price ?? maxDecimals(asks, bids, 'price');
    this.qtyPrecision = known?.qty ?? maxDecimals(asks, bids, 'qty');
    this.book = new OrderBook({ symbol: this.symbol, depth: this.depth, pricePrecision: this.pricePrecision, qtyPrecision: this.qtyPrecision });
    return this.applyUpdate(asks, bids, checksum);
  }

  /** Applies levels in order (qty 0 deletes), truncates to depth, then verifies the checksum. */
  applyUpdate(asks: readonly TextLevel[], bids: readonly TextLevel[], checksum: number): BookStateOutcome {
    const book = this.book;
    if (!book) return this.fail('malformed');
    const result = book.applyUpdate(asks, bids, checksum);
    // a crossed book cannot be shown either; the browser's own OrderBook would refuse it
    if (!result.ok) return this.fail(result.reason === 'checksum' ? 'checksum' : 'malformed');
    this.changedAsks = this.padded(asks);
    this.changedBids = this.padded(bids);
    this.checksum = checksum;
    this.valid = true;
    return 'ok';
  }

  invalidate(): void {
    this.valid = false;
    this.book?.clear();
    this.changedAsks = [];
    this.changedBids = [];
  }

  /** Best `n` asks (ascending) as [price, qty] tuples. */
  topAsks(n: number): [string, string][] {
    return this.book ? this.book.asks(n).map(tuple) : [];
  }

  /** Best `n` bids (descending) as [price, qty] tuples. */
  topBids(n: number): [string, string][] {
    return this.book ? this.book.bids(n).map(tuple) : [];
  }

  /** A quantity of zero written with the pair precision, for delete levels sent to browsers. */
  zeroQty(): string {
    return padDecimals('0', this.qtyPrecision) as string;
  }

  private fail(reason: BookStateOutcome): BookStateOutcome {
    this.invalidate();
    return reason;
  }

  private padded(levels: readonly TextLevel[]): [string, string][] {
    return levels.map((l) => [pad(l.price, this.pricePrecision), pad(l.qty, this.qtyPrecision)]);
  }
}

function tuple(level: TextLevel): [string, string] {
  return [level.price, level.qty];
}

/** Text with the pair precision; the level was already accepted by OrderBook, so this always succeeds. */
function pad(text: string, precision: number): string {
  return padDecimals(text, precision) ?? padDecimals(toPlainDecimal(text) ?? text, precision) ?? text;
}

function maxDecimals(asks: readonly TextLevel[], bids: readonly TextLevel[], field: 'price' | 'qty'): number {
  let max = 0;
  for (const side of [asks, bids]) {
    for (const level of side) {
      const text = level[field];
      const dot = text.indexOf('.');
      if (dot >= 0) max = Math.max(max, text.length - dot - 1);
    }
  }
  return max;
}

/**
 * Levels a browser holding `before` (its top-`depth` view) must apply to reach `after`: changed or new
 * levels, plus a zero-quantity delete for every level that left the view (harmless when it was merely
 * pushed out of range — the browser truncates it anyway).
 */
export function diffLevels(
  before: readonly [string, string][],
  after: readonly [string, string][],
  zeroQty: string,
): [string, string][] {
  const old = new Map(before);
  const out: [string, string][] = [];
  const kept = new Set<string>();
  for (const [price, qty] of after) {
    kept.add(price);
    if (old.get(price) !== qty) out.push([price, qty]);
  }
  for (const [price] of before) if (!kept.has(price)) out.push([price, zeroQty]);
  return out;
}
