/**
 * The part of a (possibly deeper) book the depth chart draws: the levels inside the rows the order book
 * shows. Grouped, the desk subscribes a deeper book so the grouped view keeps its rows; the chart should
 * picture those rows, not every level of the deeper subscription (which flattens the curve near the mid
 * and costs a cumulative sum over up to 1,000 levels a side on every paint).
 */
import type { TextLevel } from '@/lib/kraken/checksum';
import { groupStep, toUnits } from '@/components/order-book/book-rows';

export interface DepthSliceInput {
  /** rows a side the order book shows */
  rows: number;
  tickSize: string;
  /** grouping as a multiple of the tick (1: ungrouped) */
  multiplier: number;
  pricePrecision: number;
}

/**
 * The best levels of one side (best first) that fall in its first `rows` grouped rows, bucketed exactly as
 * the order book groups them (bids round down, asks up). Returns `levels` itself when nothing is cut, so a
 * memoised consumer sees no change.
 */
export function levelsInRows(levels: readonly TextLevel[], side: 'bid' | 'ask', input: DepthSliceInput): readonly TextLevel[] {
  if (input.rows <= 0) return [];
  const step = groupStep(input.tickSize, input.multiplier, input.pricePrecision);
  let rows = 0;
  let bucket: bigint | undefined;
  for (let i = 0; i < levels.length; i++) {
    const price = toUnits(levels[i]!.price, input.pricePrecision);
    if (price === undefined) continue;
    const down = (price / step) * step;
    const next = side === 'bid' || down === price ? down : down + step;
    if (next === bucket) continue;
    if (rows === input.rows) return levels.slice(0, i);
    rows++;
    bucket = next;
  }
  return levels;
}
