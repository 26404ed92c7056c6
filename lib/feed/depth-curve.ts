/**
 * The cumulative depth picture of an order book around its mid: how much could be bought or sold up to each
 * price. Cumulative sizes are summed exactly (they are shown in the readout); the float copies only place pixels.
 */
import { addText, compareDecimal, parseDecimal, toText } from '../decimal';

export interface DepthLevel {
  price: string;
  qty: string;
}

export interface DepthPoint {
  price: string;
  /** size available from the best price up to and including this one */
  cumulative: string;
  x: number;
  y: number;
}

export interface DepthCurve {
  /** from the best bid downwards */
  bids: DepthPoint[];
  /** from the best ask upwards */
  asks: DepthPoint[];
  /** (best bid + best ask) / 2, exact; undefined when a side is empty */
  mid: string | undefined;
  /** price range drawn, low to high (floats; pixels only) */
  low: number;
  high: number;
  /** largest cumulative size inside the range */
  maxCumulative: number;
}

function cumulate(levels: readonly DepthLevel[], inRange: (price: number) => boolean): DepthPoint[] {
  const points: DepthPoint[] = [];
  let total = '0';
  for (const level of levels) {
    const x = Number(level.price);
    if (!inRange(x)) break;
    total = addText(total, level.qty);
    points.push({ price: level.price, cumulative: total, x, y: Number(total) });
  }
  return points;
}

/**
 * Depth curve for bids (best first, descending) and asks (best first, ascending). With both sides the drawn range
 * is symmetric around the mid and as wide as the shallower side reaches, so neither side dominates; a one-sided
 * book shows the whole side. An empty book gives empty sides.
 */
export function depthCurve(bids: readonly DepthLevel[], asks: readonly DepthLevel[]): DepthCurve {
  const bestBid = bids[0];
  const bestAsk = asks[0];
  if (bestBid && bestAsk) {
    const mid = toText(parseDecimal(bestBid.price).plus(bestAsk.price).dividedBy(2));
    const m = Number(mid);
    const bidReach = m - Number(bids[bids.length - 1]?.price);
    const askReach = Number(asks[asks.length - 1]?.price) - m;
    const half = Math.min(bidReach, askReach) || Math.max(bidReach, askReach);
    const curve = {
      bids: cumulate(bids, (p) => p >= m - half),
      asks: cumulate(asks, (p) => p <= m + half),
      mid, low: m - half, high: m + half,
    };
    return { ...curve, maxCumulative: Math.max(curve.bids.at(-1)?.y ?? 0, curve.asks.at(-1)?.y ?? 0) };
  }
  const side = bestBid ? bids : asks;
  const points = cumulate(side, () => true);
  const xs = points.map((p) => p.x);
  return {
    bids: bestBid ? points : [],
    asks: bestBid ? [] : points,
    mid: undefined,
    low: xs.length ? Math.min(...xs) : 0,
    high: xs.length ? Math.max(...xs) : 0,
    maxCumulative: points.at(-1)?.y ?? 0,
  };
}

/** The cumulative size a member would meet at `price` on the nearer side of the mid, for the hover readout. */
export function depthAt(curve: DepthCurve, price: number): { side: 'bid' | 'ask'; point: DepthPoint } | undefined {
  const mid = curve.mid === undefined ? undefined : Number(curve.mid);
  const onBidSide = mid === undefined ? curve.bids.length > 0 : price < mid;
  const points = onBidSide ? curve.bids : curve.asks;
  // points run away from the mid; the last one not beyond `price` holds the size up to it
  let found: DepthPoint | undefined;
  for (const p of points) {
    if (onBidSide ? p.x < price : p.x > price) break;
    found = p;
  }
  return found && { side: onBidSide ? 'bid' : 'ask', point: found };
}

/** True when the levels are sorted the way depthCurve expects (used to reject a bad book rather than draw nonsense). */
export function isBestFirst(levels: readonly DepthLevel[], side: 'bid' | 'ask'): boolean {
  for (let i = 1; i < levels.length; i++) {
    const order = compareDecimal((levels[i - 1] as DepthLevel).price, (levels[i] as DepthLevel).price);
    if (side === 'bid' ? order <= 0 : order >= 0) return false;
  }
  return true;
}
