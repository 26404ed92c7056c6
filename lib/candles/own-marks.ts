/**
 * The member's trading drawn on the chart: open orders as price lines and fills as markers on the bar
 * they happened in. Pure mapping (the chart controller draws the result); floats only for drawing.
 */
import type { DeskFill } from '../desk-api/account';
import { placedByName, type DeskOrder } from '../desk-api/orders';

/** What a line needs of an open order (lib/desk-api DeskOrder). */
export type OrderLike = Pick<DeskOrder, 'txid' | 'side' | 'type' | 'price' | 'volume' | 'volumeExecuted' | 'member' | 'outsideDesk'>;

export interface OrderLine {
  id: string;
  price: number;
  side: 'buy' | 'sell';
  /** "Buy 0.5 · alice": what the line's label says */
  title: string;
  /** the line is the order's own absolute price (limit or trigger), so dragging it amends that price */
  draggable: boolean;
}

/** Types whose `price` is an absolute limit or trigger price; a trailing stop's is an offset, not a place on the axis. */
const PRICED_TYPES = new Set(['limit', 'iceberg', 'stop-loss', 'take-profit', 'stop-loss-limit', 'take-profit-limit']);

/**
 * The price a line dragged to `raw` (a float from the chart's axis) proposes: on the pair's tick, as
 * decimal text with the pair's precision; undefined when it is no price (at or below zero).
 */
export function draggedPrice(raw: number, tickSize: string, pricePrecision: number): string | undefined {
  const tick = Number(tickSize) > 0 ? Number(tickSize) : 10 ** -pricePrecision;
  if (!Number.isFinite(raw)) return undefined;
  const ticks = Math.round(raw / tick);
  if (ticks <= 0) return undefined;
  // toFixed on the tick count times the tick: the float error of the product is far below one unit of precision
  return (ticks * tick).toFixed(pricePrecision);
}

/** One line per open order that has a price (market orders have none); remaining size in the label. */
export function orderLines(orders: readonly OrderLike[]): OrderLine[] {
  return orders.flatMap((o) => {
    const price = Number(o.price);
    if (!o.price || !Number.isFinite(price) || price <= 0 || (o.side !== 'buy' && o.side !== 'sell')) return [];
    const left = o.volume && o.volumeExecuted ? String(Number((Number(o.volume) - Number(o.volumeExecuted)).toPrecision(12))) : o.volume;
    return [{ id: o.txid, price, side: o.side, title: `${o.side === 'buy' ? 'Buy' : 'Sell'} ${left} · ${placedByName(o)}`.replace('  ', ' '), draggable: PRICED_TYPES.has(o.type) }];
  });
}

/** What a marker needs of a fill (lib/desk-api DeskFill). */
export type FillLike = Pick<DeskFill, 'side' | 'volume' | 'time'>;

export interface FillMarker {
  /** the bar's time (Unix seconds) the fill happened in */
  time: number;
  side: 'buy' | 'sell';
  text: string;
}

/**
 * Markers for fills inside the loaded bars (`barTimes` ascending, each a bar's open): a fill belongs to
 * the last bar that opened at or before it. Fills older than the first bar are left out (not loaded
 * yet); one marker per bar and side, counting the fills, so a busy bar stays readable.
 */
export function fillMarkers(fills: readonly FillLike[], barTimes: readonly number[], barSeconds: number): FillMarker[] {
  if (barTimes.length === 0) return [];
  const first = barTimes[0]!;
  const last = barTimes[barTimes.length - 1]!;
  const grouped = new Map<string, { time: number; side: 'buy' | 'sell'; count: number; size: number }>();
  for (const f of fills) {
    const at = f.time;
    if (!Number.isFinite(at) || at < first || at >= last + barSeconds || (f.side !== 'buy' && f.side !== 'sell')) continue;
    let lo = 0;
    let hi = barTimes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (barTimes[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    const time = barTimes[lo]!;
    const key = `${time}:${f.side}`;
    const g = grouped.get(key) ?? { time, side: f.side, count: 0, size: 0 };
    g.count += 1;
    g.size += Number(f.volume) || 0;
    grouped.set(key, g);
  }
  return [...grouped.values()]
    .sort((a, b) => a.time - b.time || a.side.localeCompare(b.side))
    .map((g) => ({ time: g.time, side: g.side, text: `${g.side === 'buy' ? 'B' : 'S'} ${Number(g.size.toPrecision(8))}${g.count > 1 ? ` (${g.count})` : ''}` }));
}

/** How far beyond the candles' own range (as a share of their mid price) an order still widens the axis. */
export const IN_VIEW_REACH = 0.05;

export interface PriceSpan {
  minValue: number;
  maxValue: number;
}

/**
 * The price axis' span widened to take in the order lines near it (within `reach` of the candles' mid
 * price beyond their span): an amended line must stay on the pane where it can be seen and dragged, while
 * a far stop cannot flatten the candles.
 */
export function spanWithOrders(span: PriceSpan, prices: readonly number[], reach = IN_VIEW_REACH): PriceSpan {
  const slack = ((span.minValue + span.maxValue) / 2) * reach;
  let { minValue, maxValue } = span;
  for (const price of prices) {
    if (!Number.isFinite(price) || price < span.minValue - slack || price > span.maxValue + slack) continue;
    minValue = Math.min(minValue, price);
    maxValue = Math.max(maxValue, price);
  }
  return { minValue, maxValue };
}
