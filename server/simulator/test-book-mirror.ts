/**
 * An independent client-side book for tests, built the way a Kraken client must: parse numbers (losing
 * trailing zeros), apply levels in order, truncate to the subscribed depth, re-pad with the pair's
 * precision, CRC-32 the top 10 (zlib's, not lib/kraken's).
 */
import { crc32 } from 'node:zlib';

export class BookMirror {
  private bids = new Map<number, number>();
  private asks = new Map<number, number>();

  constructor(
    private readonly depth: number,
    private readonly pricePrecision: number,
    private readonly qtyPrecision: number,
  ) {}

  private static sorted(side: Map<number, number>, descending: boolean): [number, number][] {
    return [...side.entries()].sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0]));
  }

  /** Applies a snapshot or update `data[0]`; returns true when its checksum matches our book. */
  apply(data: { bids: { price: number; qty: number }[]; asks: { price: number; qty: number }[]; checksum: number }, snapshot: boolean): boolean {
    if (snapshot) {
      this.bids.clear();
      this.asks.clear();
    }
    for (const [levels, side] of [[data.bids, this.bids], [data.asks, this.asks]] as const) {
      for (const { price, qty } of levels) {
        if (qty === 0) side.delete(price);
        else side.set(price, qty);
      }
    }
    this.truncate();
    return this.checksum() === data.checksum;
  }

  private truncate(): void {
    this.bids = new Map(BookMirror.sorted(this.bids, true).slice(0, this.depth));
    this.asks = new Map(BookMirror.sorted(this.asks, false).slice(0, this.depth));
  }

  checksum(): number {
    const part = ([price, qty]: [number, number]) =>
      (price.toFixed(this.pricePrecision).replace('.', '').replace(/^0+/, '') || '0') +
      (qty.toFixed(this.qtyPrecision).replace('.', '').replace(/^0+/, '') || '0');
    const asks = BookMirror.sorted(this.asks, false).slice(0, 10).map(part).join('');
    const bids = BookMirror.sorted(this.bids, true).slice(0, 10).map(part).join('');
    return crc32(asks + bids) >>> 0;
  }

  get sizes(): { bids: number; asks: number } {
    return { bids: this.bids.size, asks: this.asks.size };
  }

  bestBid(): number {
    return Math.max(...this.bids.keys());
  }

  bestAsk(): number {
    return Math.min(...this.asks.keys());
  }
}
