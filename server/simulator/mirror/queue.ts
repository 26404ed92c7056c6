/**
 * Queue position of paper limit orders resting in a book the exchange does not own (mirror mode).
 *
 * An order joins behind the quantity the mirrored book shows at its price. The queue ahead shrinks only by
 * (1) trades printed at that price and (2) cancellations: a level decrease that no trade explains is taken as
 * cancellations spread evenly over the level, so the order's share of it (ahead ÷ level) leaves the queue ahead.
 * Printed volume beyond the queue ahead is credit the order may fill (partially when it is smaller); a trade
 * at a price beyond the order's (through it) means every order at its price was consumed: all of it may fill.
 * Quantities are decimal text turned into exact decimals (lib/decimal); nothing here touches money otherwise.
 */
import { D, ZERO, type Dec } from '../trading/decimal';

export interface QueueEntry {
  pairId: string;
  side: 'buy' | 'sell';
  price: string;
  /** visible quantity at the order's price that executes before it */
  ahead: Dec;
  /** printed volume past the queue that the order has not filled yet */
  credit: Dec;
  /** a trade went through the price: the order may fill completely */
  through: boolean;
}

/** The level at `price` on the side a resting order of `side` sits in. */
const bookSideOf = (side: 'buy' | 'sell'): 'bids' | 'asks' => (side === 'buy' ? 'bids' : 'asks');

export class QueueModel {
  private readonly entries = new Map<string, QueueEntry>();
  /** printed volume per level not yet matched by the level's decrease (the book update follows the trade) */
  private readonly printed = new Map<string, Dec>();

  /** `visibleAt(pairId, side, price)`: the mirrored book's quantity at a price (decimal text, '0' when none). */
  constructor(private readonly visibleAt: (pairId: string, side: 'bids' | 'asks', price: string) => string) {}

  /**
   * The order rests at `price`: it queues behind what shows there now. An order already queued at the same price
   * keeps its place (a smaller amend keeps priority, as on Kraken); `requeue` sends it to the back (an iceberg's
   * new slice, a price change).
   */
  join(orderId: string, pairId: string, side: 'buy' | 'sell', price: string, requeue = false): void {
    const known = this.entries.get(orderId);
    if (known && !requeue && new D(known.price).eq(price)) return;
    // a print whose book decrease has not arrived yet already left the queue
    const pending = this.printed.get(`${pairId}|${bookSideOf(side)}|${new D(price).toFixed()}`) ?? ZERO;
    const ahead = D.max(ZERO, new D(this.visibleAt(pairId, bookSideOf(side), price)).minus(pending));
    this.entries.set(orderId, { pairId, side, price, ahead, credit: ZERO, through: false });
  }

  leave(orderId: string): void {
    this.entries.delete(orderId);
  }

  entry(orderId: string): Readonly<QueueEntry> | undefined {
    return this.entries.get(orderId);
  }

  /** How much of `wanted` (decimal text) the order may fill now; consumes that credit. */
  take(orderId: string, wanted: string): string {
    const e = this.entries.get(orderId);
    if (!e) return '0';
    const want = new D(wanted);
    if (e.through) return want.toFixed();
    const fill = D.min(e.credit, want);
    e.credit = e.credit.minus(fill);
    return fill.toFixed();
  }

  /** A public trade printed on the source; its taker sold into the bids or bought from the asks. */
  onTrade(pairId: string, price: string, qty: string, takerSide: 'buy' | 'sell'): void {
    const p = new D(price);
    const q = new D(qty);
    const passive = takerSide === 'sell' ? 'bids' : 'asks';
    for (const e of this.entries.values()) {
      if (e.pairId !== pairId) continue;
      const at = p.eq(e.price) && bookSideOf(e.side) === passive;
      const beyond = e.side === 'buy' ? p.lt(e.price) : p.gt(e.price);
      if (beyond) e.through = true;
      if (!at) continue;
      const consumed = D.min(e.ahead, q);
      e.ahead = e.ahead.minus(consumed);
      e.credit = e.credit.plus(q.minus(consumed));
    }
    const key = `${pairId}|${passive}|${p.toFixed()}`;
    this.printed.set(key, (this.printed.get(key) ?? ZERO).plus(q));
  }

  /** A level of the mirrored book changed from `before` to `after` (decimal text). */
  onLevel(pairId: string, side: 'bids' | 'asks', price: string, before: string, after: string): void {
    const old = new D(before);
    const drop = old.minus(after);
    const key = `${pairId}|${side}|${new D(price).toFixed()}`;
    if (drop.lte(0)) return;
    const explained = D.min(drop, this.printed.get(key) ?? ZERO);
    const left = (this.printed.get(key) ?? ZERO).minus(explained);
    if (left.gt(0)) this.printed.set(key, left);
    else this.printed.delete(key);
    const cancelled = drop.minus(explained);
    if (cancelled.lte(0) || old.lte(0)) return;
    for (const e of this.entries.values()) {
      if (e.pairId !== pairId || bookSideOf(e.side) !== side || !new D(e.price).eq(price)) continue;
      e.ahead = D.max(ZERO, e.ahead.minus(cancelled.times(e.ahead).div(old)));
    }
  }

  /** After a gap in the source (a reconnect): what is ahead cannot exceed what now shows at the price. */
  onResync(pairId: string): void {
    this.printed.clear();
    for (const e of this.entries.values()) {
      if (e.pairId !== pairId) continue;
      e.ahead = D.min(e.ahead, new D(this.visibleAt(pairId, bookSideOf(e.side), e.price)));
    }
  }
}
