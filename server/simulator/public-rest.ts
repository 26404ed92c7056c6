/**
 * `/0/public/<Method>` dispatch. Answers are Kraken envelopes `{error:[], result}`; API errors keep HTTP 200.
 * Armed faults apply to public methods too.
 */
import type { Faults } from './faults';
import type { Market } from './market';
import * as marketData from './public-rest-market';
import * as reference from './public-rest-reference';
import { KrakenApiError, unavailable, unknownMethod } from './rest-errors';
import type { Params } from './rest-params';

type Handler = (market: Market, params: Params) => unknown;

const METHODS: Record<string, Handler> = {
  Time: (market) => reference.time(market),
  SystemStatus: (market) => reference.systemStatus(market),
  Assets: (_market, params) => reference.assets(params),
  AssetPairs: (market, params) => reference.assetPairs(params, market),
  Ticker: marketData.ticker,
  OHLC: marketData.ohlc,
  Depth: marketData.depth,
  Trades: marketData.trades,
  Spread: marketData.spread,
};

export const PUBLIC_METHODS: readonly string[] = Object.keys(METHODS);

/** Runs one public method; 'drop' asks the caller to destroy the socket (armed lost-response fault). */
export function handlePublic(market: Market, faults: Faults, method: string, params: Params): { body: unknown } | 'drop' {
  const handler = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (!handler) return { body: { error: [unknownMethod().message] } };
  if (faults.takeUnavailable(method)) return { body: { error: [unavailable().message] } };
  let body: unknown;
  try {
    body = { error: [], result: handler(market, params) };
  } catch (error) {
    if (!(error instanceof KrakenApiError)) throw error;
    body = { error: [error.message] };
  }
  return faults.takeLostResponse(method) ? 'drop' : { body };
}
