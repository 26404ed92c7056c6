/**
 * zod schemas for every Kraken REST result this client reads (Kraken's public and private REST endpoints). Money fields accept decimal
 * strings or JSON numbers (Kraken's docs show both for some fields) and come out as decimal text; times accept
 * numbers or numeric strings and come out as numbers (Unix seconds).
 */
import { z } from 'zod';
import { numberToPlainDecimal } from './decimal-text';
import { badResponse } from './errors';

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** A decimal as text; JSON numbers are rewritten without exponent (1e-7 → "0.0000001"). */
export const decimalText = z.union([
  z.string().regex(DECIMAL_TEXT, 'decimal text'),
  z.number().finite().transform(numberToPlainDecimal),
]);

/** A number that Kraken may also send as numeric text. */
export const numeric = z.union([z.number().finite(), z.string().regex(DECIMAL_TEXT).transform(Number)]);
export const integer = numeric.pipe(z.number().int());

export const timeResult = z.object({ unixtime: integer, rfc1123: z.string() });
export const systemStatusResult = z.object({
  status: z.enum(['online', 'maintenance', 'cancel_only', 'post_only']),
  timestamp: z.string(),
});

export const assetsResult = z.record(z.string(), z.object({
  aclass: z.string(),
  altname: z.string(),
  decimals: integer,
  display_decimals: integer,
  status: z.string().optional(),
}));

const feeTiers = z.array(z.tuple([decimalText, decimalText]));

export const assetPairsResult = z.record(z.string(), z.object({
  altname: z.string(),
  wsname: z.string().optional(),
  base: z.string(),
  quote: z.string(),
  pair_decimals: integer,
  cost_decimals: integer.optional(),
  lot_decimals: integer,
  fees: feeTiers.optional(),
  fees_maker: feeTiers.optional(),
  ordermin: decimalText.optional(),
  costmin: decimalText.optional(),
  tick_size: decimalText.optional(),
  status: z.string().optional(),
}));

const pairOf = (n: number) => z.array(decimalText).min(n);

export const tickerEntry = z.object({
  a: pairOf(1), b: pairOf(1), c: pairOf(1), v: pairOf(2), p: pairOf(2), t: z.array(integer).min(2), l: pairOf(2),
  h: pairOf(2), o: decimalText,
});
export const tickerResult = z.record(z.string(), tickerEntry);

export const ohlcRow = z.tuple([integer, decimalText, decimalText, decimalText, decimalText, decimalText, decimalText, integer]);
export const depthLevel = z.tuple([decimalText, decimalText, numeric]);
export const depthEntry = z.object({ asks: z.array(depthLevel), bids: z.array(depthLevel) });
export const depthResult = z.record(z.string(), depthEntry);
export const tradeRow = z.tuple([decimalText, decimalText, numeric, z.enum(['b', 's']), z.enum(['m', 'l']), z.string()])
  .rest(z.union([integer, z.string()]));
export const spreadRow = z.tuple([numeric, decimalText, decimalText]);

/** `{ <pair id>: rows, last }` results (OHLC, Trades, Spread) — the pair key is looked up defensively. */
export const pagedPairResult = z.record(z.string(), z.unknown()).refine((r) => 'last' in r, 'missing last');

export const balanceResult = z.record(z.string(), decimalText);
export const balanceExResult = z.record(z.string(), z.object({
  balance: decimalText,
  hold_trade: decimalText.optional(),
  credit: decimalText.optional(),
  credit_used: decimalText.optional(),
}));

export const tradeBalanceResult = z.object({
  eb: decimalText, tb: decimalText, m: decimalText.optional(), n: decimalText.optional(), c: decimalText.optional(),
  v: decimalText.optional(), e: decimalText.optional(), mf: decimalText.optional(), ml: decimalText.optional(),
  uv: decimalText.optional(),
});

export const orderEntry = z.object({
  userref: integer.nullable().optional(),
  cl_ord_id: z.string().nullable().optional(),
  status: z.enum(['pending', 'open', 'closed', 'canceled', 'expired']),
  reason: z.string().nullable().optional(),
  opentm: numeric,
  closetm: numeric.optional(),
  starttm: numeric.optional(),
  expiretm: numeric.optional(),
  descr: z.object({
    pair: z.string(),
    type: z.enum(['buy', 'sell']),
    ordertype: z.string(),
    price: z.string().optional(),
    price2: z.string().optional(),
    leverage: z.string().optional(),
    order: z.string().optional(),
    close: z.string().optional(),
  }),
  vol: decimalText,
  vol_exec: decimalText,
  cost: decimalText,
  fee: decimalText,
  price: decimalText,
  stopprice: decimalText.optional(),
  limitprice: decimalText.optional(),
  trigger: z.enum(['last', 'index']).optional(),
  misc: z.string().optional(),
  oflags: z.string().optional(),
  trades: z.array(z.string()).optional(),
});
export type OrderEntry = z.infer<typeof orderEntry>;

export const openOrdersResult = z.object({ open: z.record(z.string(), orderEntry) });
export const closedOrdersResult = z.object({ closed: z.record(z.string(), orderEntry), count: integer.optional() });
export const queryOrdersResult = z.record(z.string(), orderEntry);

export const tradeEntry = z.object({
  ordertxid: z.string(),
  postxid: z.string().optional(),
  pair: z.string(),
  time: numeric,
  type: z.enum(['buy', 'sell']),
  ordertype: z.string(),
  price: decimalText,
  cost: decimalText,
  fee: decimalText,
  vol: decimalText,
  margin: decimalText.optional(),
  leverage: z.string().optional(),
  misc: z.string().optional(),
  ledgers: z.array(z.string()).optional(),
  trade_id: integer.optional(),
  maker: z.boolean().optional(),
});
export type TradeEntry = z.infer<typeof tradeEntry>;
export const queryTradesResult = z.record(z.string(), tradeEntry);
export const tradesHistoryResult = z.object({ trades: z.record(z.string(), tradeEntry), count: integer.optional() });

export const ledgerEntry = z.object({
  refid: z.string(),
  time: numeric,
  type: z.string(),
  subtype: z.string().optional(),
  aclass: z.string().optional(),
  asset: z.string(),
  amount: decimalText,
  fee: decimalText,
  balance: decimalText,
});
export type LedgerEntryRaw = z.infer<typeof ledgerEntry>;
export const queryLedgersResult = z.record(z.string(), ledgerEntry);
export const ledgersResult = z.object({ ledger: z.record(z.string(), ledgerEntry), count: integer.optional() });

export const addOrderResult = z.object({
  descr: z.object({ order: z.string(), close: z.string().optional() }),
  txid: z.array(z.string()).optional(),
});
export const amendOrderResult = z.object({ amend_id: z.string() });
export const cancelOrderResult = z.object({ count: integer, pending: z.boolean().optional() });
export const cancelAllResult = z.object({ count: integer });
export const cancelAllAfterResult = z.object({ currentTime: z.string(), triggerTime: z.string().optional() });
export const webSocketsTokenResult = z.object({ token: z.string().min(1), expires: integer });

/**
 * GetApiKeyInfo, with the field names of the documented example response (docs.kraken.com, "Get API Key Info").
 * The example sends times, `nonce` and the 0 = "no restriction" values as numeric text and `nonceWindow` as a
 * number; Kraken's Fast API key docs send the same fields as numbers, so both are accepted. Optional: everything
 * the desk can do without (assumed — the docs' field list beyond the example was not available).
 */
export const apiKeyInfoResult = z.object({
  apiKeyName: z.string(),
  apiKey: z.string().optional(),
  nonce: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative().transform(String)]).optional(),
  nonceWindow: integer.optional(),
  // codes as text: Kraken may add permissions, and an unknown one must still be shown, not break the page
  permissions: z.array(z.string()),
  iban: z.string().optional(),
  validUntil: integer.optional(),
  queryFrom: integer.optional(),
  queryTo: integer.optional(),
  createdTime: integer.optional(),
  modifiedTime: integer.optional(),
  ipAllowlist: z.array(z.string()),
  lastUsed: integer.optional(),
});

/**
 * Validates a `result` against its schema; a mismatch becomes KrakenError `bad_response`.
 * @param what the endpoint name, for the error message
 */
export function parseResult<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badResponse(`${what}: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`, parsed.error);
}
