import { AppError } from '../errors';
import { compareDecimal, countDecimals, isMultipleOf, multiplyText, stepText, toFixedText } from '../decimal';
import type { AssetPair } from '../kraken/types';
import { isAbsolutePrice, type Ticket } from './ticket';

/** The pair's order rules that the desk checks before Kraken is asked: tick size, lot decimals, ordermin and costmin from AssetPairs. */
export type PairRules = Pick<AssetPair, 'symbol' | 'baseCode' | 'quoteCode' | 'tickSize' | 'lotDecimals' | 'ordermin' | 'costmin' | 'costDecimals' | 'status'>;


const reject = (code: 'tick_size' | 'lot_decimals' | 'order_minimum' | 'cost_minimum', message: string) => new AppError(code, message);

/**
 * Tick size, lot decimals, ordermin and costmin, each with a message naming the pair's rule.
 * @param referencePrice quote per base used for the cost check when the order has no absolute price (e.g. market: the preview's average fill)
 */
export function checkPairRules(ticket: Ticket, pair: PairRules, referencePrice: string | undefined): void {
  if (pair.status && !['online', 'post_only', 'limit_only'].includes(pair.status)) {
    throw new AppError('pair_not_trading', `${pair.symbol} is not trading right now (status ${pair.status}).`);
  }
  for (const field of ['price', 'price2'] as const) {
    const price = ticket[field];
    if (isAbsolutePrice(price) && !isMultipleOf(price, pair.tickSize)) {
      throw reject('tick_size', `${field === 'price' ? 'Price' : 'Price2'} ${price} is not a multiple of the ${pair.symbol} tick size ${pair.tickSize}.`);
    }
  }
  const inQuote = ticket.flags?.includes('viqc') ?? false;
  const volumeDecimals = inQuote ? pair.costDecimals : pair.lotDecimals;
  if (countDecimals(ticket.volume) > volumeDecimals) {
    const unit = inQuote ? pair.quoteCode : pair.baseCode;
    throw reject('lot_decimals', `Volume ${ticket.volume} has more than ${volumeDecimals} decimals; ${pair.symbol} volumes go in steps of ${stepText(volumeDecimals)} ${unit}.`);
  }
  if (ticket.displayVolume !== undefined && countDecimals(ticket.displayVolume) > pair.lotDecimals) {
    throw reject('lot_decimals', `Display volume ${ticket.displayVolume} has more than ${pair.lotDecimals} decimals for ${pair.symbol}.`);
  }
  if (!inQuote && pair.ordermin !== undefined && compareDecimal(ticket.volume, pair.ordermin) < 0) {
    throw reject('order_minimum', `Volume ${ticket.volume} ${pair.baseCode} is below the ${pair.symbol} minimum order of ${pair.ordermin} ${pair.baseCode}.`);
  }
  const cost = inQuote ? ticket.volume : referencePrice === undefined ? undefined : multiplyText(ticket.volume, referencePrice);
  if (pair.costmin !== undefined && cost !== undefined && compareDecimal(cost, pair.costmin) < 0) {
    throw reject('cost_minimum', `Order value ${toFixedText(cost, pair.costDecimals)} ${pair.quoteCode} is below the ${pair.symbol} minimum cost of ${pair.costmin} ${pair.quoteCode}.`);
  }
}
