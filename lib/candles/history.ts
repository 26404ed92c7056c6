/**
 * Candle history for `GET /api/ohlc`: Kraken's OHLC for the newest 720 candles, rebuilt-from-trades pages
 * beyond them. Answers are cached per pair and interval so many members scrolling the same chart cost Kraken
 * one call; the REST client paces and retries on its own.
 */
import type { HistoryCandle, OhlcPage, TradesPage } from '../kraken/types';
import type { OhlcInterval } from '../kraken/rest-public';
import type { OhlcResponse } from './ohlc-response';
import { backfillFromTrades } from './trade-backfill';
import { createTtlCache } from '../ttl-cache';

/** Kraken never returns more OHLC rows than this; fewer means the pair's whole history is there. */
export const OHLC_MAX_ROWS = 720;

/** The two public endpoints history needs (a KrakenPublicApi fits). */
export interface HistoryApi {
  /** @param options.interval minutes */
  ohlc(pair: string, options: { interval: OhlcInterval }): Promise<OhlcPage>;
  /** @param options.since cursor (ns text) @param options.count 1–1000 */
  trades(pair: string, options: { since?: string; count?: number }): Promise<TradesPage>;
}

export interface HistoryRequest {
  /** WS v2 symbol, e.g. BTC/USD */
  symbol: string;
  /** The pair's price decimals (for rebuilt VWAPs) */
  pairDecimals: number;
  interval: OhlcInterval;
  /** Unix seconds: only candles older than this */
  before?: number;
}

export interface HistoryLoaderOptions {
  /** How long an OHLC answer is shared; the live candle comes from the feed, so a few seconds is plenty */
  ohlcTtlMs?: number;
  /** Rebuilt pages describe the past and change only at the window's edge */
  tradesTtlMs?: number;
  /** Trades requests per rebuilt page (Kraken's public limit is about one call a second) */
  maxTradePages?: number;
  /** Candles a rebuilt page aims for */
  targetCandles?: number;
  now?: () => number;
}

export interface HistoryLoader {
  load(request: HistoryRequest): Promise<OhlcResponse>;
}

export function createHistoryLoader(api: HistoryApi, options: HistoryLoaderOptions = {}): HistoryLoader {
  const now = options.now ?? Date.now;
  const ohlcPages = createTtlCache<OhlcPage>({ ttlMs: options.ohlcTtlMs ?? 5_000, maxEntries: 500, now });
  const rebuilt = createTtlCache<OhlcResponse>({ ttlMs: options.tradesTtlMs ?? 10 * 60_000, maxEntries: 500, now });
  const firstTrades = createTtlCache<number | undefined>({ ttlMs: 10 * 60_000, maxEntries: 500, now });

  const firstTradeTime = (symbol: string) =>
    firstTrades.get(symbol, async () => (await api.trades(symbol, { since: '0', count: 1 })).trades[0]?.time);

  return {
    async load(request) {
      const { symbol, interval, before } = request;
      const page = await ohlcPages.get(`${symbol}:${interval}`, () => api.ohlc(symbol, { interval }));
      const oldest = page.candles[0]?.time;
      if (before === undefined || (oldest !== undefined && before > oldest)) {
        return ohlcResponse(page.candles, before, Math.floor(now() / 1000));
      }
      return rebuilt.get(`${symbol}:${interval}:${before}`, async () => {
        const result = await backfillFromTrades((since) => api.trades(symbol, { since, count: 1000 }), {
          intervalSec: interval * 60,
          before,
          firstTradeTime: await firstTradeTime(symbol),
          vwapDecimals: request.pairDecimals,
          maxPages: options.maxTradePages ?? 4,
          targetCandles: options.targetCandles ?? 120,
        });
        return { ...result, source: 'trades' };
      });
    },
  };
}

function ohlcResponse(all: HistoryCandle[], before: number | undefined, nowSec: number): OhlcResponse {
  const candles = before === undefined ? all : all.filter((c) => c.time < before);
  return { candles, from: all[0]?.time ?? nowSec, complete: all.length < OHLC_MAX_ROWS, source: 'ohlc' };
}
