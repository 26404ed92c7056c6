/**
 * What each (pair, depth) book subscription has been told. After every market event the new top-`depth`
 * levels are compared with the last view, and the update carries exactly what a Kraken client needs:
 * changed and new levels, `qty 0` for levels that left the book, and nothing for levels merely pushed
 * past the depth (the client truncates). When a level inside the depth is removed, the one that slides in
 * from below is new to the view and so is sent too.
 */
import { bookChecksum, type TextLevel } from '../../lib/kraken/checksum';
import type { BookSide } from './book-side';
import type { PairMarket } from './market-pair';
import { unitsToText } from './units';
import type { WireLevel } from './ws-messages';

interface SideView {
  prices: number[];
  qtys: number[];
}

interface View {
  bids: SideView;
  asks: SideView;
}

function capture(side: BookSide, depth: number): SideView {
  const n = Math.min(depth, side.size);
  const prices = new Array<number>(n);
  const qtys = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const level = side.levels[i];
    prices[i] = level?.price ?? 0;
    qtys[i] = level?.qty ?? 0;
  }
  return { prices, qtys };
}

/** Merge-walks the old and new top levels (same sort order) and lists what changed. */
function diffSide(m: PairMarket, side: BookSide, old: SideView, next: SideView): WireLevel[] {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < old.prices.length || j < next.prices.length) {
    const op = old.prices[i];
    const np = next.prices[j];
    if (op !== undefined && np !== undefined && op === np) {
      if (old.qtys[i] !== next.qtys[j]) out.push([np, next.qtys[j] as number]);
      i++;
      j++;
    } else if (op !== undefined && (np === undefined || side.isBetter(op, np))) {
      // left the view: report a delete only if it left the book (pushed-out levels are truncated by the client)
      if (side.qtyAt(op) === 0) out.push([op, 0]);
      i++;
    } else if (np !== undefined) {
      out.push([np, next.qtys[j] as number]);
      j++;
    }
  }
  return out.map(([price, qty]) => [unitsToText(price, m.pair.pairDecimals), unitsToText(qty, m.pair.lotDecimals)]);
}

function toWire(m: PairMarket, view: SideView): WireLevel[] {
  return view.prices.map((p, i) => [unitsToText(p, m.pair.pairDecimals), unitsToText(view.qtys[i] as number, m.pair.lotDecimals)]);
}

/** Kraken's checksum over the top 10 levels each side, as text with the pair's precision. */
export function checksumOf(m: PairMarket): number {
  const text = (side: BookSide): TextLevel[] =>
    side.levels.slice(0, 10).map((l) => ({ price: unitsToText(l.price, m.pair.pairDecimals), qty: unitsToText(l.qty, m.pair.lotDecimals) }));
  return bookChecksum(text(m.asks), text(m.bids));
}

export class BookViews {
  private readonly views = new Map<string, View>();

  private key(m: PairMarket, depth: number): string {
    return `${m.pair.id}|${depth}`;
  }

  /** The current top `depth` levels; starts tracking (pair, depth) for updates. */
  snapshot(m: PairMarket, depth: number): { bids: WireLevel[]; asks: WireLevel[] } {
    const view = { bids: capture(m.bids, depth), asks: capture(m.asks, depth) };
    const key = this.key(m, depth);
    if (!this.views.has(key)) this.views.set(key, view);
    return { bids: toWire(m, view.bids), asks: toWire(m, view.asks) };
  }

  /** What changed in the top `depth` levels since the last call; undefined when nothing visible changed. */
  update(m: PairMarket, depth: number): { bids: WireLevel[]; asks: WireLevel[] } | undefined {
    const key = this.key(m, depth);
    const old = this.views.get(key);
    const next = { bids: capture(m.bids, depth), asks: capture(m.asks, depth) };
    this.views.set(key, next);
    if (!old) return undefined;
    const bids = diffSide(m, m.bids, old.bids, next.bids);
    const asks = diffSide(m, m.asks, old.asks, next.asks);
    return bids.length + asks.length > 0 ? { bids, asks } : undefined;
  }

  forget(m: PairMarket, depth: number): void {
    this.views.delete(this.key(m, depth));
  }
}
