/**
 * L2 order book for one symbol, maintained exactly as Kraken's WS v2 book channel describes (snapshot, updates, CRC32 checksum):
 * apply every level in message order (qty 0 deletes), truncate each side to the subscribed depth, then
 * verify the CRC32 checksum of the top 10 levels. Prices are compared as exact integer ticks derived from
 * the decimal text, never as floats; text is re-padded to the pair's precision when the wire lost
 * trailing zeros. Browser-safe.
 */
import type { TextLevel } from './checksum';
import { CRC_START, crcAppend, crcDigits, crcFinish, digitCount } from './crc-parts';
import { BookSide, type Level } from './book-side';
import {
  formatScaled,
  numberToPlainDecimal,
  padDecimals,
  padNonZeroDecimal,
  scaledInteger,
  toPlainDecimal,
} from './decimal-text';

/** A level as it arrives: decimal text from `parseWireJson`, or a number from plain `JSON.parse`. */
export interface BookLevelInput {
  readonly price: string | number;
  readonly qty: string | number;
}

/** Outcome of applying a message; anything but ok means the book must be discarded and resynced. */
export type BookApplyResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'checksum'; readonly expected: number; readonly actual: number }
  | { readonly ok: false; readonly reason: 'crossed'; readonly bestBid: string; readonly bestAsk: string }
  | { readonly ok: false; readonly reason: 'invalid'; readonly message: string };

export interface OrderBookOptions {
  symbol: string;
  /** subscribed depth: each side is truncated to this many levels after every message */
  depth: number;
  /** digits after the point for prices (instrument `price_precision`, REST `pair_decimals`) */
  pricePrecision: number;
  /** digits after the point for quantities (instrument `qty_precision`, REST `lot_decimals`) */
  qtyPrecision: number;
}

const OK: BookApplyResult = Object.freeze({ ok: true });
const CHECKSUM_LEVELS = 10;

export class OrderBook {
  readonly symbol: string;
  readonly depth: number;
  readonly pricePrecision: number;
  readonly qtyPrecision: number;
  private readonly askSide: BookSide;
  private readonly bidSide: BookSide;

  constructor(options: OrderBookOptions) {
    const { symbol, depth, pricePrecision, qtyPrecision } = options;
    if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`depth must be a positive integer: ${depth}`);
    for (const [name, p] of [['pricePrecision', pricePrecision], ['qtyPrecision', qtyPrecision]] as const) {
      if (!Number.isInteger(p) || p < 0 || p > 18) throw new RangeError(`${name} must be an integer 0..18: ${p}`);
    }
    this.symbol = symbol;
    this.depth = depth;
    this.pricePrecision = pricePrecision;
    this.qtyPrecision = qtyPrecision;
    this.askSide = new BookSide(2 * depth + 2);
    this.bidSide = new BookSide(2 * depth + 2);
  }

  /**
   * Replaces the book with a snapshot and verifies it.
   * @param checksum the message's unsigned CRC32; omit to skip verification
   */
  applySnapshot(asks: readonly BookLevelInput[], bids: readonly BookLevelInput[], checksum?: number): BookApplyResult {
    this.clear();
    return this.applyUpdate(asks, bids, checksum);
  }

  /**
   * Applies an update's levels in order (qty 0 deletes), truncates to depth, then verifies.
   * @param checksum the message's unsigned CRC32; omit to skip verification
   */
  applyUpdate(asks: readonly BookLevelInput[], bids: readonly BookLevelInput[], checksum?: number): BookApplyResult {
    const error = this.applyLevels(this.askSide, -1, asks) ?? this.applyLevels(this.bidSide, 1, bids);
    if (error !== undefined) return { ok: false, reason: 'invalid', message: `${this.symbol}: ${error}` };
    this.askSide.truncate(this.depth);
    this.bidSide.truncate(this.depth);
    if (checksum !== undefined) {
      const actual = this.checksum();
      if (actual !== checksum) return { ok: false, reason: 'checksum', expected: checksum, actual };
    }
    if (this.isCrossed()) {
      return { ok: false, reason: 'crossed', bestBid: this.bidSide.at(0).price, bestAsk: this.askSide.at(0).price };
    }
    return OK;
  }

  /** Empties both sides (e.g. while waiting for a fresh snapshot). */
  clear(): void {
    this.askSide.clear();
    this.bidSide.clear();
  }

  /** Kraken's CRC32 (unsigned) over the current top 10 levels of each side. */
  checksum(): number {
    return crcFinish(appendSide(appendSide(CRC_START, this.askSide), this.bidSide));
  }

  /** True when the best bid is at or above the best ask. */
  isCrossed(): boolean {
    const a = this.askSide;
    const b = this.bidSide;
    return a.size > 0 && b.size > 0 && b.keyAt(0) >= -a.keyAt(0);
  }

  get askCount(): number {
    return this.askSide.size;
  }

  get bidCount(): number {
    return this.bidSide.size;
  }

  /** Best asks, ascending, as text with the pair's precision. @param count levels wanted (default: all) */
  asks(count: number = this.depth): TextLevel[] {
    return topLevels(this.askSide, count);
  }

  /** Best bids, descending, as text with the pair's precision. @param count levels wanted (default: all) */
  bids(count: number = this.depth): TextLevel[] {
    return topLevels(this.bidSide, count);
  }

  bestAsk(): TextLevel | undefined {
    return this.askSide.size > 0 ? copyLevel(this.askSide.at(0)) : undefined;
  }

  bestBid(): TextLevel | undefined {
    return this.bidSide.size > 0 ? copyLevel(this.bidSide.at(0)) : undefined;
  }

  /** Best ask minus best bid as exact decimal text with price precision; undefined if a side is empty. */
  spread(): string | undefined {
    if (this.askSide.size === 0 || this.bidSide.size === 0) return undefined;
    return formatScaled(-this.askSide.keyAt(0) - this.bidSide.keyAt(0), this.pricePrecision);
  }

  /** Returns an error message for the first bad level, else undefined. */
  private applyLevels(side: BookSide, sign: 1 | -1, levels: readonly BookLevelInput[]): string | undefined {
    const pp = this.pricePrecision;
    const qp = this.qtyPrecision;
    for (let i = 0; i < levels.length; i++) {
      const input = levels[i] as BookLevelInput;
      let price = typeof input.price === 'string' ? input.price : numberText(input.price);
      let ticks = price === undefined ? NaN : scaledInteger(price, pp);
      if (Number.isNaN(ticks) && price !== undefined) {
        // rare path: exponent notation such as 1e-05
        price = toPlainDecimal(price);
        if (price !== undefined) ticks = scaledInteger(price, pp);
      }
      if (price === undefined || Number.isNaN(ticks)) return `bad price ${String(input.price)} for precision ${pp}`;
      const rawQty = typeof input.qty === 'string' ? input.qty : numberText(input.qty);
      let qty = rawQty === undefined ? undefined : padNonZeroDecimal(rawQty, qp);
      if (qty === undefined && rawQty !== undefined) {
        const plain = toPlainDecimal(rawQty);
        if (plain !== undefined && plain !== rawQty) qty = padNonZeroDecimal(plain, qp);
      }
      if (qty === undefined) return `bad qty ${String(input.qty)} for precision ${qp}`;
      if (qty === '') {
        side.remove(sign * ticks);
        continue;
      }
      const level = side.upsert(sign * ticks, qty);
      if (level.price === '') level.price = padDecimals(price, pp) ?? formatScaled(ticks, pp);
    }
    return undefined;
  }
}

function numberText(value: number): string | undefined {
  return Number.isFinite(value) && value >= 0 ? numberToPlainDecimal(value) : undefined;
}

/** Folds the side's top 10 levels into the CRC register, computing each level's part once. */
function appendSide(state: number, side: BookSide): number {
  const n = Math.min(CHECKSUM_LEVELS, side.size);
  let crc = state;
  for (let i = 0; i < n; i++) {
    const level: Level = side.at(i);
    if (level.digitsLength === 0) {
      level.crc = crcDigits(crcDigits(0, level.price), level.qty);
      level.digitsLength = digitCount(level.price) + digitCount(level.qty);
    }
    crc = crcAppend(crc, level.crc, level.digitsLength);
  }
  return crc;
}

function topLevels(side: BookSide, count: number): TextLevel[] {
  const n = Math.min(count, side.size);
  const out = new Array<TextLevel>(n);
  for (let i = 0; i < n; i++) out[i] = copyLevel(side.at(i));
  return out;
}

function copyLevel(level: Level): TextLevel {
  return { price: level.price, qty: level.qty };
}
