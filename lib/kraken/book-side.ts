/**
 * One side of an L2 book, kept sorted by an exact integer key. Internal to book.ts.
 *
 * Layout: levels live in the window [lo, hi) of preallocated arrays, ascending by key, **best level last**
 * (asks use key = -ticks, bids key = +ticks). Real streams touch the top of the book far more than the
 * bottom, so inserting or deleting near the best level shifts only a few slots, and dropping the worst
 * levels on truncation is just `lo++`. When one end of the window runs out of room it is re-centred
 * (amortised O(1)). Level objects are recycled through a pool, so steady-state updates allocate only the
 * text of new levels.
 */

/** A stored level; `digitsLength` 0 means its cached checksum part must be recomputed. */
export class Level {
  price = '';
  qty = '';
  /** crcPart of the level's checksum text (price digits + qty digits) */
  crc = 0;
  digitsLength = 0;
}

const EMPTY = new Level();

export class BookSide {
  private keys: Float64Array;
  private levels: Level[];
  private lo: number;
  private hi: number;
  private readonly pool: Level[] = [];

  constructor(capacity: number) {
    const cap = Math.max(16, capacity);
    this.keys = new Float64Array(cap);
    this.levels = new Array<Level>(cap).fill(EMPTY);
    this.lo = this.hi = cap >> 1;
  }

  get size(): number {
    return this.hi - this.lo;
  }

  /** The i-th best level (0 = best); caller checks i < size. */
  at(i: number): Level {
    return this.levels[this.hi - 1 - i] as Level;
  }

  /** Key of the i-th best level; caller checks i < size. */
  keyAt(i: number): number {
    return this.keys[this.hi - 1 - i] as number;
  }

  clear(): void {
    for (let i = this.lo; i < this.hi; i++) this.pool.push(this.levels[i] as Level);
    this.lo = this.hi = this.keys.length >> 1;
  }

  /**
   * Sets the quantity at `key`, inserting the level if it is new. Returns the level; a new level has
   * `price === ''` so the caller can fill in its text only when needed.
   */
  upsert(key: number, qty: string): Level {
    const i = this.lowerBound(key);
    if (i < this.hi && this.keys[i] === key) {
      const level = this.levels[i] as Level;
      if (level.qty !== qty) {
        level.qty = qty;
        level.digitsLength = 0;
      }
      return level;
    }
    const level = this.pool.pop() ?? new Level();
    level.price = '';
    level.qty = qty;
    level.digitsLength = 0;
    this.insertAt(i, key, level);
    return level;
  }

  /** Removes the level at `key`; false if there was none. */
  remove(key: number): boolean {
    const i = this.lowerBound(key);
    if (i >= this.hi || this.keys[i] !== key) return false;
    const { keys, levels } = this;
    this.pool.push(levels[i] as Level);
    if (this.hi - i - 1 <= i - this.lo) {
      keys.copyWithin(i, i + 1, this.hi);
      for (let j = i; j < this.hi - 1; j++) levels[j] = levels[j + 1] as Level;
      this.hi--;
    } else {
      keys.copyWithin(this.lo + 1, this.lo, i);
      for (let j = i; j > this.lo; j--) levels[j] = levels[j - 1] as Level;
      this.lo++;
    }
    return true;
  }

  /** Keeps only the `depth` best levels. */
  truncate(depth: number): void {
    while (this.hi - this.lo > depth) this.pool.push(this.levels[this.lo++] as Level);
  }

  private lowerBound(key: number): number {
    const keys = this.keys;
    let a = this.lo;
    let b = this.hi;
    while (a < b) {
      const m = (a + b) >>> 1;
      if ((keys[m] as number) < key) a = m + 1;
      else b = m;
    }
    return a;
  }

  private insertAt(i: number, key: number, level: Level): void {
    const { keys, levels } = this;
    const cap = keys.length;
    // shift whichever part is shorter; if that end has no room, re-centre rather than shift the long part
    const shiftRight = this.hi - i <= i - this.lo;
    if (shiftRight && this.hi < cap) {
      keys.copyWithin(i + 1, i, this.hi);
      for (let j = this.hi; j > i; j--) levels[j] = levels[j - 1] as Level;
      keys[i] = key;
      levels[i] = level;
      this.hi++;
    } else if (!shiftRight && this.lo > 0) {
      keys.copyWithin(this.lo - 1, this.lo, i);
      for (let j = this.lo - 1; j < i - 1; j++) levels[j] = levels[j + 1] as Level;
      keys[i - 1] = key;
      levels[i - 1] = level;
      this.lo--;
    } else {
      const offset = this.recentre();
      this.insertAt(i + offset, key, level);
    }
  }

  /** Moves the window to the middle (growing the arrays when over 3/4 full); returns how far it moved. */
  private recentre(): number {
    const size = this.hi - this.lo;
    const oldCap = this.keys.length;
    const cap = size + 1 > (oldCap * 3) >> 2 ? oldCap * 2 : oldCap;
    const newLo = (cap - size) >> 1;
    const offset = newLo - this.lo;
    if (cap !== oldCap) {
      const keys = new Float64Array(cap);
      keys.set(this.keys.subarray(this.lo, this.hi), newLo);
      const levels = new Array<Level>(cap).fill(EMPTY);
      for (let j = 0; j < size; j++) levels[newLo + j] = this.levels[this.lo + j] as Level;
      this.keys = keys;
      this.levels = levels;
    } else {
      this.keys.copyWithin(newLo, this.lo, this.hi);
      const levels = this.levels;
      if (offset > 0) for (let j = size - 1; j >= 0; j--) levels[newLo + j] = levels[this.lo + j] as Level;
      else for (let j = 0; j < size; j++) levels[newLo + j] = levels[this.lo + j] as Level;
    }
    this.lo = newLo;
    this.hi = newLo + size;
    return offset;
  }
}
