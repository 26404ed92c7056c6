import { bookChecksum, type TextLevel } from '../../../lib/kraken/checksum';

/**
 * A deliberately naive reference book for tests (the way a browser would keep it): apply levels in
 * order, truncate, checksum. Independent of BookState so the two can check each other.
 */
export class ModelBook {
  asks = new Map<string, string>();
  bids = new Map<string, string>();

  constructor(public depth: number) {}

  apply(asks: readonly (readonly [string, string])[], bids: readonly (readonly [string, string])[]): void {
    for (const [p, q] of asks) setLevel(this.asks, p, q);
    for (const [p, q] of bids) setLevel(this.bids, p, q);
    this.asks = new Map(this.sorted('asks').slice(0, this.depth));
    this.bids = new Map(this.sorted('bids').slice(0, this.depth));
  }

  sorted(side: 'asks' | 'bids'): [string, string][] {
    const dir = side === 'asks' ? 1 : -1;
    return [...this[side]].sort((a, b) => dir * (Number(a[0]) - Number(b[0])));
  }

  checksum(): number {
    const text = (levels: [string, string][]): TextLevel[] => levels.map(([price, qty]) => ({ price, qty }));
    return bookChecksum(text(this.sorted('asks')), text(this.sorted('bids')));
  }
}

function setLevel(side: Map<string, string>, price: string, qty: string): void {
  if (Number(qty) === 0) side.delete(price);
  else side.set(price, qty);
}

/** `n` ask and bid levels around `mid` with price precision 1 and qty precision 8. */
export function ladder(mid: number, n: number): { asks: [string, string][]; bids: [string, string][] } {
  const asks: [string, string][] = [];
  const bids: [string, string][] = [];
  for (let i = 0; i < n; i++) {
    asks.push([(mid + 0.5 + i).toFixed(1), (1 + i / 100).toFixed(8)]);
    bids.push([(mid - 0.5 - i).toFixed(1), (2 + i / 100).toFixed(8)]);
  }
  return { asks, bids };
}

export const textLevels = (levels: readonly (readonly [string, string])[]): TextLevel[] =>
  levels.map(([price, qty]) => ({ price, qty }));

/**
 * An upstream exchange-side book for one symbol: produces snapshot and update messages with the correct
 * checksum for the subscribed depth, the way Kraken would.
 */
export class UpstreamBookSim {
  readonly model: ModelBook;

  constructor(readonly symbol: string, depth: number, mid = 100) {
    this.model = new ModelBook(depth);
    const { asks, bids } = ladder(mid, depth + 5);
    this.model.apply(asks, bids);
  }

  snapshot(): { channel: 'book'; type: 'snapshot'; symbol: string; asks: TextLevel[]; bids: TextLevel[]; checksum: number } {
    return {
      channel: 'book', type: 'snapshot', symbol: this.symbol,
      asks: textLevels(this.model.sorted('asks')), bids: textLevels(this.model.sorted('bids')), checksum: this.model.checksum(),
    };
  }

  update(asks: [string, string][], bids: [string, string][]) {
    this.model.apply(asks, bids);
    return {
      channel: 'book' as const, type: 'update' as const, symbol: this.symbol,
      asks: textLevels(asks), bids: textLevels(bids), checksum: this.model.checksum(),
    };
  }
}
