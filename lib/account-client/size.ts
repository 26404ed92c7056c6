import { compareDecimal, divideText, floorToStep, isDecimalText, multiplyText, stepText, toText } from '../decimal';
import type { Side } from '../kraken/types';

/** Base quantity bought by spending `quote` at `price`, rounded down to the lot (never more than asked). */
export function quoteToBase(quote: string, price: string, lotDecimals: number): string | null {
  if (!isDecimalText(quote) || !isDecimalText(price) || compareDecimal(price, '0') <= 0) return null;
  return floorToStep(divideText(quote, price, lotDecimals + 8), stepText(lotDecimals));
}

/** Quote value of `base` at `price`, exact. */
export function baseToQuote(base: string, price: string): string | null {
  if (!isDecimalText(base) || !isDecimalText(price)) return null;
  return toText(multiplyText(base, price));
}

export interface AvailableBalances {
  /** free base balance (after holds), decimal text */
  base: string | undefined;
  /** free quote balance (after holds), decimal text */
  quote: string | undefined;
}

/**
 * The base size for "pct % of balance": a sell uses pct of the free base; a buy spends pct of the free
 * quote at `price`. Rounded down to the lot so the order never asks for more than is there.
 * @param pct whole percent, e.g. 25
 */
export function percentOfBalance(pct: number, side: Side, available: AvailableBalances, price: string | undefined, lotDecimals: number): string | null {
  if (!Number.isInteger(pct) || pct <= 0 || pct > 100) return null;
  const share = divideText(String(pct), '100', 2);
  if (side === 'sell') {
    if (!isDecimalText(available.base)) return null;
    return floorToStep(multiplyText(available.base, share), stepText(lotDecimals));
  }
  if (!isDecimalText(available.quote) || price === undefined) return null;
  return quoteToBase(multiplyText(available.quote, share), price, lotDecimals);
}
