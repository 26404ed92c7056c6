/**
 * Scroll-back paging for the price chart: asks `/api/ohlc` for the page before `cursor`, following windows that
 * held no trades (rebuilt pages can be empty) up to a bound, so one scroll gesture yields candles or an end.
 */
import type { OhlcInterval } from '../kraken/rest-public';
import type { OhlcResponse } from './ohlc-response';
import type { OhlcPageRequest } from './ohlc-client';

export interface OlderPagesResult {
  candles: OhlcResponse['candles'];
  /** Unix seconds: ask for `before=cursor` next time */
  cursor: number;
  complete: boolean;
  note?: string;
}

/** Rebuilt pages may cover windows without trades; follow at most this many empty ones per scroll. */
export const MAX_EMPTY_PAGES = 5;

export async function fetchOlderPages(
  fetchPage: (request: OhlcPageRequest) => Promise<OhlcResponse>,
  request: { symbol: string; interval: OhlcInterval; cursor: number; signal?: AbortSignal },
  maxEmpty = MAX_EMPTY_PAGES,
): Promise<OlderPagesResult> {
  let cursor = request.cursor;
  for (let asked = 0; asked < maxEmpty; asked++) {
    const page = await fetchPage({ symbol: request.symbol, interval: request.interval, before: cursor, signal: request.signal });
    // never move forward: a page's window always starts before the cursor it was asked for
    cursor = Math.min(page.from, cursor);
    if (page.candles.length > 0 || page.complete) return { candles: page.candles, cursor, complete: page.complete, note: page.note };
  }
  return { candles: [], cursor, complete: false };
}
