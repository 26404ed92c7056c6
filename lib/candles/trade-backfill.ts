/**
 * History older than Kraken's 720-row OHLC window, rebuilt from the public Trades endpoint. Trades only page
 * forward (`since` → newer), so a window ending at `before` is read from its start; a first page that shows the
 * market is too busy for the page budget re-aims the start closer to `before` instead of leaving a hole.
 */
import type { HistoryCandle, PublicTrade, TradesPage } from '../kraken/types';
import { bucketStart, candlesFromTrades } from './from-trades';

export type FetchTrades = (sinceNs: string) => Promise<TradesPage>;

export interface BackfillOptions {
  intervalSec: number;
  /** Unix seconds: candles strictly before the candle containing this time */
  before: number;
  /** Unix seconds of the pair's first trade (undefined: it has none) */
  firstTradeTime: number | undefined;
  vwapDecimals: number;
  /** Trades requests allowed for this page, ≥ 1 */
  maxPages: number;
  /** How many candles to aim for */
  targetCandles: number;
}

export interface BackfillPage {
  candles: HistoryCandle[];
  /** Unix seconds: where this page's window starts; the next older page is `before=from` */
  from: number;
  /** Nothing older exists */
  complete: boolean;
  /** Set when the window could not be rebuilt within the page budget (too many trades per candle) */
  note?: string;
}

/** How much a re-aimed window is shrunk below the estimate, because trade density varies. */
const SAFETY = 0.8;

/** Kraken returns trades strictly after `since`, so the cursor sits one nanosecond before the window. */
const cursorBefore = (seconds: number) => (seconds > 0 ? `${seconds - 1}999999999` : '0');

export async function backfillFromTrades(fetchTrades: FetchTrades, options: BackfillOptions): Promise<BackfillPage> {
  const { intervalSec, firstTradeTime, maxPages } = options;
  const end = bucketStart(options.before, intervalSec);
  if (firstTradeTime === undefined || firstTradeTime >= end) return { candles: [], from: end, complete: true };
  const firstBucket = bucketStart(firstTradeTime, intervalSec);
  let start = Math.max(end - intervalSec * options.targetCandles, firstBucket);

  let trades: PublicTrade[] = [];
  let cursor = cursorBefore(start);
  let reached = false;
  for (let pageNo = 0; pageNo < maxPages && !reached; pageNo++) {
    const page = await fetchTrades(cursor);
    trades.push(...page.trades);
    const lastTime = page.trades.at(-1)?.time;
    reached = lastTime === undefined || lastTime >= end || page.last === cursor;
    cursor = page.last;
    const pagesLeft = maxPages - pageNo - 1;
    if (!reached && lastTime !== undefined && lastTime > start) {
      const needed = Math.ceil((end - lastTime) / (lastTime - start));
      if (pageNo === 0 && needed > pagesLeft && pagesLeft > 0) {
        // Too busy to cover this window: restart from a later start the remaining pages can cover.
        const span = (pagesLeft * (lastTime - start) * SAFETY);
        start = Math.min(bucketStart(end - span, intervalSec), end - intervalSec);
        trades = [];
        cursor = cursorBefore(start);
      }
    }
  }
  if (!reached) {
    return { candles: [], from: end, complete: true, note: 'Older candles are not available: this market trades too often to rebuild them from trades.' };
  }
  const candles = candlesFromTrades(trades, { intervalSec, vwapDecimals: options.vwapDecimals, from: start, to: end });
  return { candles, from: start, complete: start <= firstBucket };
}
