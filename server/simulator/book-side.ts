/**
 * One side of an L2 book: levels kept sorted best-first in an array (binary search + splice; a side holds
 * ~1,100 levels, so this is cheaper and simpler than a tree). Prices are ticks, quantities lots.
 */

export interface BookLevel {
  price: number;
  qty: number;
  /** last change, Unix ms */
  time: number;
}

/** A level change as the feed reports it; qty 0 means the level was removed. */
export interface LevelChange {
  side: 'bids' | 'asks';
  price: number;
  qty: number;
}

export class BookSide {
  readonly levels: BookLevel[] = [];

  constructor(readonly side: 'bids' | 'asks') {}

  /** true when price a sits nearer the top of this side than b */
  isBetter(a: number, b: number): boolean {
    return this.side === 'asks' ? a < b : a > b;
  }

  /** Index of `price`, or -(insertion point) - 1 when absent. */
  find(price: number): number {
    let lo = 0;
    let hi = this.levels.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = (this.levels[mid] as BookLevel).price;
      if (p === price) return mid;
      if (this.isBetter(p, price)) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }

  qtyAt(price: number): number {
    const i = this.find(price);
    return i >= 0 ? (this.levels[i] as BookLevel).qty : 0;
  }

  /** Sets a level (qty 0 removes it); returns the change or undefined when nothing changed. */
  set(price: number, qty: number, time: number): LevelChange | undefined {
    const i = this.find(price);
    if (i >= 0) {
      const level = this.levels[i] as BookLevel;
      if (qty <= 0) {
        this.levels.splice(i, 1);
        return { side: this.side, price, qty: 0 };
      }
      if (level.qty === qty) return undefined;
      level.qty = qty;
      level.time = time;
      return { side: this.side, price, qty };
    }
    if (qty <= 0) return undefined;
    this.levels.splice(-i - 1, 0, { price, qty, time });
    return { side: this.side, price, qty };
  }

  best(): BookLevel | undefined {
    return this.levels[0];
  }

  worst(): BookLevel | undefined {
    return this.levels[this.levels.length - 1];
  }

  get size(): number {
    return this.levels.length;
  }

  clear(): void {
    this.levels.length = 0;
  }
}
