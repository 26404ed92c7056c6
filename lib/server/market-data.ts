import 'server-only';
import { deskServices } from '@/lib/desk-services';
import { KrakenError } from '@/lib/kraken/errors';
import type { MarketRow } from '@/lib/markets/market-row';
import { toMarketRows } from '@/lib/markets/to-market-rows';
import { log } from '../log';

/** A server-side read for the first paint: its data, or a sentence saying why there is none (not the live feed's Loadable). */
export type FirstPaint<T> = { status: 'ready'; data: T } | { status: 'error'; message: string };

/**
 * The first paint of /markets: every USD pair with its 24h ticker, read server-side from the exchange's
 * AssetPairs and Ticker endpoints (the live feed takes over in the browser).
 */
export async function getMarketsOverview(): Promise<FirstPaint<MarketRow[]>> {
  const { kraken } = deskServices();
  try {
    const [pairs, tickers] = await Promise.all([kraken.public.assetPairs(), kraken.public.ticker()]);
    return { status: 'ready', data: toMarketRows(pairs, tickers) };
  } catch (error) {
    const message =
      error instanceof KrakenError
        ? `The exchange did not answer the market list (${error.code}). Showing nothing rather than stale prices.`
        : 'The market list could not be loaded.';
    log.error({ err: error }, 'markets overview failed');
    return { status: 'error', message };
  }
}
