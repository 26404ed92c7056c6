/**
 * The answer of `GET /api/ohlc`, checked by the browser's chart client. zod/mini keeps this off the
 * chained API's weight in the trade page bundle.
 */
import * as z from 'zod/mini';
import { candleData } from '../protocol';

/** A feed candle's fields, with the REST answer's `count` of trades in place of the feed's `trades`. */
export const candleSchema = z.extend(z.omit(candleData, { trades: true }), { count: z.int().check(z.nonnegative()) });

/**
 * One page of history, oldest first. `from` is where this page's window starts (Unix seconds): ask for the
 * next older page with `before=from` (a window without trades returns no candles but still moves back).
 * `complete` is true when nothing older exists; `source` says whether Kraken's OHLC or rebuilt trades made it.
 */
export const ohlcResponseSchema = z.object({
  candles: z.array(candleSchema),
  from: z.int(),
  complete: z.boolean(),
  source: z.enum(['ohlc', 'trades']),
  /** why older history stops here, for people (e.g. too many trades to rebuild) */
  note: z.optional(z.string()),
});
export type OhlcResponse = z.infer<typeof ohlcResponseSchema>;
