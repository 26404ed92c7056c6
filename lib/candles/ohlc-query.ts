/**
 * The query side of `GET /api/ohlc` (the answer's shape is in ohlc-response.ts, which browsers load). Plain
 * module (no Next) so the route uses it and tests run it in Node.
 */
import { z } from 'zod';
import { OHLC_INTERVALS } from '../protocol-basics';
import type { OhlcInterval } from '../kraken/rest-public';

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
    .transform((s) => Number(s) as OhlcInterval),
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
