/**
 * The synthetic market maker of one pair: keeps ~1,100 levels per side around the fair price, follows the
 * price when it moves (cancelling stale quotes, quoting afresh on the other side), and otherwise adds,
 * changes and cancels levels, mostly near the top. All randomness comes from one seeded stream.
 */
import type { BookSide, LevelChange } from './book-side';
import type { PairParams } from './market-params';
import type { Rng } from './prng';

const MAX_RECENTER = 60;

export class MarketMaker {
  constructor(
    private readonly params: PairParams,
    private readonly rng: Rng,
    private readonly bids: BookSide,
    private readonly asks: BookSide,
  ) {}

  /** Wait until the next event at `rate` per second, ms (exponential: a Poisson stream). */
  delay(rate: number): number {
    return this.rng.exponential(1000 / rate);
  }

  private bestBid(): number {
    return this.bids.best()?.price ?? 0;
  }

  private bestAsk(): number {
    return this.asks.best()?.price ?? 0;
  }

  /** A fresh resting size for a level at `rank` (deeper levels rest bigger), lots. */
  levelQty(rank: number): number {
    const base = this.params.levelSize * (0.35 + rank / 250) * Math.exp(this.rng.normal() * 0.7);
    return Math.max(this.params.minSize, Math.round(base));
  }

  /**
   * Distance to the next level outward from `rank`: dense at the top, wider deeper in the book. Bids of a
   * coin worth few ticks (SHIB) are squeezed so the whole side still fits above zero.
   */
  private gapAt(rank: number, roomBelow = Infinity): number {
    const spread = 2 * this.params.meanGap * Math.min(1.6, (2 * rank) / this.params.depth);
    const gap = 1 + Math.floor(this.rng.next() * spread);
    const levelsLeft = Math.max(1, this.params.depth - rank);
    return Math.max(1, Math.min(gap, Math.floor(roomBelow / levelsLeft)));
  }

  /** Replaces the whole book with fresh levels around the fair price. */
  rebuild(fair: number, time: number): LevelChange[] {
    const changes: LevelChange[] = [];
    for (const side of [this.asks, this.bids]) {
      for (const level of side.levels) changes.push({ side: side.side, price: level.price, qty: 0 });
      side.clear();
    }
    const center = Math.round(fair);
    let ask = center + this.params.halfSpread;
    let bid = center - this.params.halfSpread;
    for (let rank = 0; rank < this.params.depth; rank++) {
      changes.push(this.asks.set(ask, this.levelQty(rank), time) as LevelChange);
      ask += this.gapAt(rank);
      if (bid > 0) {
        changes.push(this.bids.set(bid, this.levelQty(rank), time) as LevelChange);
        bid -= this.gapAt(rank, bid - 1);
      }
    }
    return changes;
  }

  /** One market-maker event: follow the fair price, or add / change / cancel a level. */
  event(fair: number, time: number): LevelChange[] {
    const rng = this.rng;
    const changes: LevelChange[] = [];
    const push = (c: LevelChange | undefined) => {
      if (c) changes.push(c);
    };
    const center = Math.round(fair);
    const hs = this.params.halfSpread;
    if (this.bestAsk() > 0 && this.bestAsk() < center + hs - this.params.meanGap) this.recenter(this.asks, this.bids, center + hs, center - hs, time, changes);
    else if (this.bestBid() > center - hs + this.params.meanGap) this.recenter(this.bids, this.asks, center - hs, center + hs, time, changes);
    else {
      const side = rng.chance(0.5) ? this.bids : this.asks;
      // most activity sits at the top of the book, so the update rate is what a depth-10 subscriber sees
      const rank = Math.min(side.size - 1, rng.chance(0.85) ? Math.floor(rng.next() * 10) : Math.floor(side.size * rng.next() ** 3));
      const level = side.levels[rank];
      const action = rng.next();
      const spread = this.bestAsk() - this.bestBid();
      if (action < 0.6 && spread > 2 * hs + 1) {
        // a wide spread gets quoted inside, on the side that is further from the fair price
        const inside = center - this.bestBid() > this.bestAsk() - center ? this.bestBid() + 1 : this.bestAsk() - 1;
        push((inside === this.bestBid() + 1 ? this.bids : this.asks).set(inside, this.levelQty(0), time));
      } else if (action < 0.6 && level) {
        const next = side.levels[rank + 1];
        const gap = next ? Math.abs(next.price - level.price) : 0;
        if (gap > 1) {
          const step = 1 + Math.floor(rng.next() * (gap - 1));
          push(side.set(side.side === 'asks' ? level.price + step : level.price - step, this.levelQty(rank), time));
        } else push(side.set(level.price, this.levelQty(rank), time));
      } else if (action < 0.8 && level && side.size > 2) {
        push(side.set(level.price, 0, time));
      } else if (level) {
        push(side.set(level.price, Math.max(this.params.minSize, Math.round(level.qty * Math.exp(rng.normal() * 0.5))), time));
      }
    }
    this.maintainDepth(this.asks, time, push);
    this.maintainDepth(this.bids, time, push);
    return changes;
  }

  /** The book lags the fair price: cancel the stale side's levels and quote afresh on the other side. */
  private recenter(stale: BookSide, other: BookSide, staleEdge: number, otherEdge: number, time: number, changes: LevelChange[]): void {
    for (let n = 0; n < MAX_RECENTER; n++) {
      const level = stale.best();
      if (!level || stale.size <= 2 || !stale.isBetter(level.price, staleEdge)) break;
      changes.push(stale.set(level.price, 0, time) as LevelChange);
    }
    // quote the other side up to its new edge, as densely as MAX_RECENTER levels allow
    let price = other.best()?.price ?? otherEdge;
    const step = other.side === 'bids' ? 1 : -1;
    const distance = Math.abs(otherEdge - price);
    const meanStep = Math.max(1, distance / MAX_RECENTER);
    for (let n = 0; n < MAX_RECENTER; n++) {
      price += step * Math.max(1, Math.round(meanStep * 2 * this.rng.next()));
      if (other.isBetter(price, otherEdge) || price <= 0) break;
      // never cross the stale side's best
      const opposite = stale.best()?.price;
      if (opposite !== undefined && !stale.isBetter(price, opposite)) break;
      const change = other.set(price, this.levelQty(n), time);
      if (change) changes.push(change);
    }
  }

  private maintainDepth(side: BookSide, time: number, push: (c: LevelChange | undefined) => void): void {
    for (let n = 0; n < MAX_RECENTER && side.size < this.params.depth; n++) {
      const worst = side.worst();
      if (!worst) return;
      const gap = this.gapAt(side.size, side.side === 'bids' ? worst.price - 1 : Infinity);
      const price = side.side === 'asks' ? worst.price + gap : worst.price - gap;
      if (price <= 0) return;
      push(side.set(price, this.levelQty(side.size), time));
    }
    for (let n = 0; n < MAX_RECENTER && side.size > this.params.depth + 40; n++) {
      const worst = side.worst();
      if (worst) push(side.set(worst.price, 0, time));
    }
  }
}
