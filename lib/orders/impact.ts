import { Decimal } from '../decimal';
import type { BookView } from '../desk-api/book';
import type { TextLevel } from '../kraken/checksum';

export interface ImpactInput {
  side: 'buy' | 'sell';
  /** base quantity, or quote quantity when `volumeInQuote` (viqc market buys) */
  volume: string;
  volumeInQuote?: boolean;
  /** stop walking at this price (limit orders); undefined walks as a market order */
  limitPrice?: string;
  /** percent, e.g. "0.26" */
  takerFeePct: string;
  makerFeePct: string;
}

/** What executing the order against the visible book now would do. Decimal text throughout. */
export interface Impact {
  /** best opposite price; undefined when that side of the book is empty */
  bestPrice: string | undefined;
  /** average price of the part that would fill now; undefined when nothing fills */
  avgFillPrice: string | undefined;
  /** base quantity that would fill now */
  filledVolume: string;
  /** base quantity left resting (limit) or unfillable (market, book too thin) */
  remainingVolume: string;
  /** how much worse than the best price the average fill is, in basis points (≥ 0) */
  slippageBps: string;
  /** quote value of the whole order: filled cost + remaining at the limit (or worst visible) price */
  notional: string;
  /** quote fee estimate: taker on the filled part, maker on the resting part */
  estimatedFee: string;
  /** percent of the visible opposite side's base quantity this order would take */
  shareOfVisibleDepthPct: string;
  /** false when a market order is larger than the visible book */
  fullyFillable: boolean;
}

const ZERO = new Decimal(0);

/**
 * The base quantity a side shows, summed once per book: a cached Depth answer or a hub snapshot is one array
 * that every preview of the next second walks, and summing its 500 levels in decimals costs more than the walk.
 */
const visibleTotals = new WeakMap<readonly TextLevel[], Decimal>();
function visibleQuantity(levels: readonly TextLevel[]): Decimal {
  let total = visibleTotals.get(levels);
  if (total === undefined) {
    total = levels.reduce((sum, level) => sum.plus(level.qty), ZERO);
    visibleTotals.set(levels, total);
  }
  return total;
}

/** Walks the opposite side of the book for the ticket's impact preview. Pure; exact decimals through lib/decimal.ts. */
export function computeImpact(input: ImpactInput, book: BookView): Impact {
  const levels = input.side === 'buy' ? book.asks : book.bids;
  const limit = input.limitPrice === undefined ? undefined : new Decimal(input.limitPrice);
  const crosses = (price: Decimal) => limit === undefined || (input.side === 'buy' ? price.lte(limit) : price.gte(limit));
  let wantBase = input.volumeInQuote ? undefined : new Decimal(input.volume);
  let wantQuote = input.volumeInQuote ? new Decimal(input.volume) : undefined;
  let filled = ZERO;
  let cost = ZERO;
  let worst: Decimal | undefined;
  for (const level of levels) {
    if ((wantBase ?? wantQuote!).lte(0)) break;
    const price = new Decimal(level.price);
    // Levels run from the best price outwards: once one does not cross the limit, none further out does.
    if (!crosses(price)) break;
    const qty = new Decimal(level.qty);
    const canTake = wantBase !== undefined ? Decimal.min(wantBase, qty) : Decimal.min(qty, wantQuote!.dividedBy(price));
    if (canTake.lte(0)) continue;
    filled = filled.plus(canTake);
    cost = cost.plus(canTake.times(price));
    worst = price;
    if (wantBase !== undefined) wantBase = wantBase.minus(canTake);
    else wantQuote = wantQuote!.minus(canTake.times(price));
  }
  const visible = visibleQuantity(levels);
  const best = levels[0] ? new Decimal(levels[0].price) : undefined;
  const avg = filled.gt(0) ? cost.dividedBy(filled) : undefined;
  // Quote orders leave a quote remainder; express it in base at the last price seen for the notional.
  const restPrice = limit ?? worst ?? best;
  const remainingBase = wantBase ?? (restPrice && wantQuote!.gt(0) ? wantQuote!.dividedBy(restPrice) : ZERO);
  const remainingCost = input.volumeInQuote ? wantQuote! : restPrice ? remainingBase.times(restPrice) : ZERO;
  const slippage = avg && best && !best.isZero() ? avg.minus(best).abs().dividedBy(best).times(10_000) : ZERO;
  const totalBase = filled.plus(remainingBase);
  const fee = cost.times(input.takerFeePct).dividedBy(100).plus(limit ? remainingCost.times(input.makerFeePct).dividedBy(100) : ZERO);
  return {
    bestPrice: best?.toFixed(),
    avgFillPrice: avg?.toDecimalPlaces(12).toFixed(),
    filledVolume: filled.toDecimalPlaces(12).toFixed(),
    remainingVolume: remainingBase.toDecimalPlaces(12).toFixed(),
    slippageBps: slippage.toDecimalPlaces(2).toFixed(),
    notional: cost.plus(remainingCost).toDecimalPlaces(8).toFixed(),
    estimatedFee: fee.toDecimalPlaces(8).toFixed(),
    shareOfVisibleDepthPct: visible.gt(0) ? totalBase.dividedBy(visible).times(100).toDecimalPlaces(2).toFixed() : '100',
    fullyFillable: limit !== undefined || remainingBase.lte(0) || (input.volumeInQuote === true && wantQuote!.lte(0)),
  };
}
