import { compareDecimal, multiplyText, toFixedText } from '../decimal';
import type { DeskSettings } from '../db/desk-settings';
import type { OrderPreview } from '../desk-api/preview';
import { isKrakenError } from '../kraken/errors';
import type { AssetPair } from '../kraken/types';
import { computeImpact, type Impact } from './impact';
import type { MarketContext } from './market-context';
import { isAbsolutePrice, limitPriceOf, type Ticket } from './ticket';

const TRIGGERED = new Set(['stop-loss', 'take-profit', 'trailing-stop', 'stop-loss-limit', 'take-profit-limit', 'trailing-stop-limit']);

/** Impact, USD notional and the fat-finger verdict for a ticket (no Kraken dry run; see `validation`). */
export async function buildPreview(market: MarketContext, pair: AssetPair, ticket: Ticket, settings: Pick<DeskSettings, 'confirmSlippageBps' | 'confirmNotionalUsd'>): Promise<OrderPreview> {
  const volumeInQuote = ticket.flags?.includes('viqc') ?? false;
  let impact: Impact | undefined;
  let source: OrderPreview['bookSource'] = 'unavailable';
  let marketError: string | undefined;
  const noteError = (error: unknown) => {
    marketError ??= isKrakenError(error) ? error.code : 'internal';
    return undefined;
  };
  try {
    const book = await market.book(pair.symbol);
    source = book.source;
    impact = computeImpact({
      side: ticket.side, volume: ticket.volume, volumeInQuote, limitPrice: limitPriceOf(ticket),
      takerFeePct: pair.feesTaker[0]?.percent ?? '0.26', makerFeePct: pair.feesMaker[0]?.percent ?? pair.feesTaker[0]?.percent ?? '0.16',
    }, book);
  } catch (error) {
    // No book: the preview says so and the fat-finger guard asks for confirmation below.
    noteError(error);
  }
  // Triggered orders execute later, so their value is taken at the trigger price when it is absolute.
  const triggerValue = TRIGGERED.has(ticket.type) && isAbsolutePrice(ticket.price) && !volumeInQuote ? multiplyText(ticket.volume, ticket.price) : undefined;
  const notional = triggerValue ?? impact?.notional ?? (volumeInQuote ? ticket.volume : undefined);
  const rate = await market.usdRate(pair.quoteCode).catch(noteError);
  const notionalUsd = notional !== undefined && rate !== undefined ? toFixedText(multiplyText(notional, rate), 2) : undefined;

  const reasons: string[] = [];
  if (!impact) reasons.push('No order book could be read to estimate the fill.');
  if (impact && !impact.fullyFillable) reasons.push('The order is larger than the visible order book.');
  if (impact && compareDecimal(impact.slippageBps, settings.confirmSlippageBps) > 0) {
    reasons.push(`Estimated slippage ${impact.slippageBps} bps is above the desk's ${settings.confirmSlippageBps} bps threshold.`);
  }
  if (notionalUsd === undefined) reasons.push('The order value in USD could not be estimated.');
  else if (compareDecimal(notionalUsd, settings.confirmNotionalUsd) > 0) {
    reasons.push(`The order is worth ${notionalUsd} USD, above the desk's ${settings.confirmNotionalUsd} USD threshold.`);
  }
  return {
    symbol: pair.symbol, side: ticket.side, type: ticket.type, volume: ticket.volume, quote: pair.quoteCode, bookSource: source,
    bestPrice: impact?.bestPrice, avgFillPrice: impact?.avgFillPrice, filledVolume: impact?.filledVolume, slippageBps: impact?.slippageBps,
    notional: notional === undefined ? undefined : toFixedText(notional, pair.costDecimals), notionalUsd, estimatedFee: impact?.estimatedFee,
    shareOfVisibleDepthPct: impact?.shareOfVisibleDepthPct, fullyFillable: impact?.fullyFillable ?? false,
    confirmationRequired: reasons.length > 0, confirmationReasons: reasons,
    thresholds: { slippageBps: settings.confirmSlippageBps, notionalUsd: settings.confirmNotionalUsd },
    ...(marketError === undefined ? {} : { marketError }),
  };
}

/** The price the cost-minimum check uses: the absolute price, else the average fill, else the best price. */
export function referencePrice(ticket: Ticket, preview: OrderPreview): string | undefined {
  if (isAbsolutePrice(ticket.price)) return ticket.price;
  return preview.avgFillPrice ?? preview.bestPrice;
}
