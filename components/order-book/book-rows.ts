/**
 * Turns a published book into display rows: price grouping to tick multiples and cumulative depth,
 * computed exactly on the decimal text with BigInt integer units (never floats), so grouped prices and
 * summed sizes show exactly the digits they should.
 */
import type { TextLevel } from '@/lib/kraken/checksum';
import { formatScaled, scaledInteger } from '@/lib/kraken/decimal-text';
import type { SideSample } from './book-depth';

export interface BookRow {
  /** grouped price, text with the pair's price precision */
  readonly price: string;
  /** summed size at that price, text with the pair's qty precision */
  readonly qty: string;
  /** running total from the best level, text with qty precision */
  readonly total: string;
  /** running total as a share of the deeper side's total (0..1), for the depth bar only */
  readonly share: number;
}

/**
 * "123.45" at 3 decimals → 123450n; malformed, negative or more decimals than allowed → undefined. One level's
 * units stay below 2^53 (the shared `scaledInteger`); grouped sums are bigints so they never lose a unit.
 */
export function toUnits(text: string, decimals: number): bigint | undefined {
  const units = scaledInteger(text, decimals);
  return Number.isNaN(units) ? undefined : BigInt(units);
}

/** The grouping step in price units: tick size × multiplier (tick falls back to one unit of precision). */
export function groupStep(tickSize: string, multiplier: number, pricePrecision: number): bigint {
  const tick = toUnits(tickSize, pricePrecision);
  return (tick && tick > 0n ? tick : 1n) * BigInt(multiplier);
}

/**
 * Groups one side's levels (best first) into buckets of `step` price units: bids round down, asks round
 * up, so a grouped price never looks better than the levels inside it. Sizes are summed exactly.
 */
export function groupLevels(
  levels: readonly TextLevel[],
  side: 'bid' | 'ask',
  step: bigint,
  pricePrecision: number,
  qtyPrecision: number,
): { price: bigint; qty: bigint; levels: number }[] {
  const out: { price: bigint; qty: bigint; levels: number }[] = [];
  for (const level of levels) {
    const price = toUnits(level.price, pricePrecision);
    const qty = toUnits(level.qty, qtyPrecision);
    if (price === undefined || qty === undefined) continue;
    const down = (price / step) * step;
    const bucket = side === 'bid' || down === price ? down : down + step;
    const last = out[out.length - 1];
    if (last && last.price === bucket) {
      last.qty += qty;
      last.levels++;
    } else out.push({ price: bucket, qty, levels: 1 });
  }
  return out;
}

export interface BookRowsInput {
  asks: readonly TextLevel[];
  bids: readonly TextLevel[];
  tickSize: string;
  multiplier: number;
  pricePrecision: number;
  qtyPrecision: number;
  /** rows shown per side after grouping */
  rowsPerSide: number;
}

/** One side as grouped: the depth chooser (book-depth.ts) reads how many levels its rows took. */
function sample(grouped: { levels: number }[], levels: number, rowsPerSide: number): SideSample {
  return { levels, rows: grouped.length, levelsForRows: grouped.slice(0, rowsPerSide).reduce((a, g) => a + g.levels, 0) };
}

/** Both sides as display rows (asks ascending from the best, bids descending), bars on one scale. */
export function bookRows(input: BookRowsInput): { asks: BookRow[]; bids: BookRow[]; sides: SideSample[] } {
  const { tickSize, multiplier, pricePrecision: pp, qtyPrecision: qp, rowsPerSide } = input;
  const step = groupStep(tickSize, multiplier, pp);
  const groupedAsks = groupLevels(input.asks, 'ask', step, pp, qp);
  const groupedBids = groupLevels(input.bids, 'bid', step, pp, qp);
  const sides = [sample(groupedAsks, input.asks.length, rowsPerSide), sample(groupedBids, input.bids.length, rowsPerSide)];
  const asks = groupedAsks.slice(0, rowsPerSide);
  const bids = groupedBids.slice(0, rowsPerSide);
  const sum = (rows: { qty: bigint }[]) => rows.reduce((a, r) => a + r.qty, 0n);
  const scale = Number(sum(asks) > sum(bids) ? sum(asks) : sum(bids)) || 1;
  const toRows = (rows: { price: bigint; qty: bigint }[]): BookRow[] => {
    let total = 0n;
    return rows.map((r) => {
      total += r.qty;
      // display only: the bar width needs a ratio, not exactness
      return { price: formatScaled(r.price, pp), qty: formatScaled(r.qty, qp), total: formatScaled(total, qp), share: Number(total) / scale };
    });
  };
  return { asks: toRows(asks), bids: toRows(bids), sides };
}

/** One side of the book as its table and its canvas both take it. */
export interface BookSideView {
  side: 'ask' | 'bid';
  /** the side's rows (the table: best level first; the canvas: as displayed, top to bottom) */
  rows: readonly BookRow[];
  pricePrecision: number;
  qtyPrecision: number;
}

/** Grouping choices offered for a pair: 1×, 10×, 100×, 1000× the tick. */
export const GROUPING_MULTIPLIERS = [1, 10, 100, 1000] as const;
