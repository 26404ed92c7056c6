/**
 * The contract of `GET /api/ohlc`: query validation and the response shape. Plain module (no Next) so both the
 * route and the browser client use it, and tests run it in Node.
 */
import { z } from 'zod';
import { OHLC_INTERVALS } from '../protocol';

export type OhlcIntervalMinutes = (typeof OHLC_INTERVALS)[number];

const SYMBOL = /^[A-Za-z0-9]{1,12}[/-][A-Za-z0-9]{1,12}$/;

/** `symbol=BTC/USD` (or `BTC-USD`), `interval` in minutes, optional `before` in Unix seconds. */
export const ohlcQuerySchema = z.object({
  symbol: z
    .string({ error: 'symbol is required, e.g. BTC/USD' })
    .regex(SYMBOL, 'symbol must look like BTC/USD')
    .transform((s) => s.toUpperCase().replace('-', '/')),
  interval: z
    .string({ error: 'interval is required (minutes)' })
    .refine((s) => (OHLC_INTERVALS as readonly number[]).includes(Number(s)) && /^\d+$/.test(s), {
      error: `interval must be one of ${OHLC_INTERVALS.join(', ')} minutes`,
    })
    .transform((s) => Number(s) as OhlcIntervalMinutes),
  before: z
    .string()
    .regex(/^\d{1,11}$/, 'before must be a time in whole Unix seconds')
    .transform(Number)
    .refine((n) => n > 0, 'before must be a time in whole Unix seconds')
    .optional(),
});
export type OhlcQuery = z.infer<typeof ohlcQuerySchema>;

/** Parses URLSearchParams (a repeated key counts as bad input, not as "use the first one"). */
export function parseOhlcQuery(params: URLSearchParams): OhlcQuery {
  const raw: Record<string, string> = {};
  for (const key of ['symbol', 'interval', 'before'] as const) {
    const values = params.getAll(key);
    if (values.length > 1) throw new z.ZodError([{ code: 'custom', path: [key], message: `${key} was given more than once`, input: values }]);
    if (values[0] !== undefined) raw[key] = values[0];
  }
  return ohlcQuerySchema.parse(raw);
}

const decimalText = z.string().regex(/^\d+(\.\d+)?$/);

export const candleSchema = z.object({
  /** candle open, Unix seconds */
  time: z.number().int(),
  open: decimalText,
  high: decimalText,
  low: decimalText,
  close: decimalText,
  vwap: decimalText,
  volume: decimalText,
  count: z.number().int().nonnegative(),
});

/**
 * One page of history, oldest first. `from` is where this page's window starts (Unix seconds): ask for the
 * next older page with `before=from` (a window without trades returns no candles but still moves back).
 * `complete` is true when nothing older exists; `source` says whether Kraken's OHLC or rebuilt trades made it.
 */
export const ohlcResponseSchema = z.object({
  candles: z.array(candleSchema),
  from: z.number().int(),
  complete: z.boolean(),
  source: z.enum(['ohlc', 'trades']),
  /** why older history stops here, for people (e.g. too many trades to rebuild) */
  note: z.string().optional(),
});
export type OhlcResponse = z.infer<typeof ohlcResponseSchema>;
