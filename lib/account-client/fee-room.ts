import { addText, compareDecimal, divideText, isDecimalText, multiplyText } from '../decimal';
import { percentOfBalance, type AvailableBalances } from './size';
import type { Side } from '../kraken/types';

/**
 * How far above the last price a market buy is sized for: it walks the book, so its average fill is
 * above the last trade, and the exchange refuses the whole order if the quote does not cover it.
 */
export const MARKET_BUY_CUSHION_PCT = '0.5';

/**
 * "pct % of balance" that can actually fill. A buy's fee is charged in quote on top of what it spends,
 * so 100 % of the free quote spent on base leaves nothing for the fee and Kraken refuses it
 * (insufficient funds): this sizes the buy so spend + fee fits, and a market buy also leaves a cushion
 * for the levels it walks. A sell pays its fee out of the proceeds, so it may use its whole base.
 * @param feePct the taker fee in percent (e.g. "0.26"); undefined or malformed counts as 0
 */
export function fillablePercentOfBalance(
  pct: number,
  side: Side,
  available: AvailableBalances,
  price: string | undefined,
  lotDecimals: number,
  feePct: string | undefined,
  market: boolean,
): string | null {
  if (side === 'sell' || price === undefined) return percentOfBalance(pct, side, available, price, lotDecimals);
  const fee = isDecimalText(feePct) && compareDecimal(feePct, '0') > 0 ? feePct : '0';
  const cushion = market ? MARKET_BUY_CUSHION_PCT : '0';
  const sizedAt = multiplyText(price, divideText(addText('100', cushion), '100', 8));
  const spendable = isDecimalText(available.quote) ? divideText(available.quote, divideText(addText('100', fee), '100', 8), 12) : undefined;
  return percentOfBalance(pct, side, { ...available, quote: spendable }, sizedAt, lotDecimals);
}
