import { bookChecksum, type TextLevel } from '../../lib/kraken/checksum';
import { isZeroDecimal, padDecimals, scaledInteger } from '../../lib/kraken/decimal-text';

/**
 * The hub's copy of one symbol's L2 book at the upstream depth, verified against Kraken's checksum after
 * every message. Levels are kept best-first as text padded to the pair precision (checksum and browser
 * both need the exact text); ordering uses exact integer ticks, never floats.
 */

interface Level extends TextLevel {
  ticks: number;
}

export type BookApplyResult = 'ok' | 'checksum' | 'malformed';

export class BookState {
  /** false until a snapshot arrived, and again after upstream loss or a mismatch */
  valid = false;
  pricePrecision = 0;
  qtyPrecision = 0;
  checksum = 0;
  /** the last message's levels as padded [price, qty] tuples, in wire order (what a full-depth browser applies) */
  changedAsks: [string, string][] = [];
  changedBids: [string, string][] = [];
  private asks: Level[] = [];
  private bids: Level[] = [];

  constructor(
    readonly symbol: string,
    /** depth subscribed upstream; books are truncated to it after every message */
    public depth: number,
    private readonly precisionOf?: (symbol: string) => { price: number; qty: number } | undefined,
  ) {}

  /** Replaces the book; precision comes from the pair table or, failing that, the snapshot's own text. */
  applySnapshot(asks: readonly TextLevel[], bids: readonly TextLevel[], checksum: number): BookApplyResult {
    const known = this.precisionOf?.(this.symbol);
    this.pricePrecision = known?.price ?? maxDecimals(asks, bids, 'price');
    this.qtyPrecision = known?.qty ?? maxDecimals(asks, bids, 'qty');
    this.asks = [];
    this.bids = [];
    return this.applyUpdate(asks, bids, checksum);
  }

  /** Applies levels in order (qty 0 deletes), truncates to depth, then verifies the checksum. */
  applyUpdate(asks: readonly TextLevel[], bids: readonly TextLevel[], checksum: number): BookApplyResult {
    this.changedAsks = [];
    this.changedBids = [];
    for (const level of asks) if (!this.upsert(this.asks, level, 1, this.changedAsks)) return this.fail('malformed');
    for (const level of bids) if (!this.upsert(this.bids, level, -1, this.changedBids)) return this.fail('malformed');
    if (this.asks.length > this.depth) this.asks.length = this.depth;
    if (this.bids.length > this.depth) this.bids.length = this.depth;
    if (bookChecksum(this.asks, this.bids) !== checksum) return this.fail('checksum');
    this.checksum = checksum;
    this.valid = true;
    return 'ok';
  }

  invalidate(): void {
    this.valid = false;
    this.asks = [];
    this.bids = [];
  }

  /** Best `n` asks (ascending) as [price, qty] tuples. */
  topAsks(n: number): [string, string][] {
    return tuples(this.asks, n);
  }

  /** Best `n` bids (descending) as [price, qty] tuples. */
  topBids(n: number): [string, string][] {
    return tuples(this.bids, n);
  }

  /** A quantity of zero written with the pair precision, for delete levels sent to browsers. */
  zeroQty(): string {
    return padDecimals('0', this.qtyPrecision) as string;
  }

  private fail(reason: BookApplyResult): BookApplyResult {
    this.invalidate();
    return reason;
  }

  /** direction 1: ascending (asks), -1: descending (bids). */
  private upsert(side: Level[], level: TextLevel, direction: 1 | -1, changed: [string, string][]): boolean {
    const price = padDecimals(level.price, this.pricePrecision);
    const qty = padDecimals(level.qty, this.qtyPrecision);
    if (price === undefined || qty === undefined) return false;
    changed.push([price, qty]);
    const ticks = scaledInteger(price, this.pricePrecision);
    if (Number.isNaN(ticks)) return false;
    const key = ticks * direction;
    let lo = 0;
    let hi = side.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((side[mid] as Level).ticks * direction < key) lo = mid + 1;
      else hi = mid;
    }
    const found = lo < side.length && (side[lo] as Level).ticks === ticks;
    if (isZeroDecimal(qty)) {
      if (found) side.splice(lo, 1);
    } else if (found) {
      (side[lo] as Level).qty = qty;
    } else {
      side.splice(lo, 0, { price, qty, ticks });
    }
    return true;
  }
}

function tuples(side: readonly Level[], n: number): [string, string][] {
  const out: [string, string][] = [];
  const end = Math.min(n, side.length);
  for (let i = 0; i < end; i++) {
    const level = side[i] as Level;
    out.push([level.price, level.qty]);
  }
  return out;
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
