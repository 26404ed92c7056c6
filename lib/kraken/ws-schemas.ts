/**
 * zod schemas for inbound Kraken WS v2 frames, applied to the output of `parseWireJson` (so prices and
 * quantities are decimal text, not floats). Unknown extra fields are kept: Kraken adds fields over time.
 * Browser-safe.
 */
import { z } from 'zod';

/** Decimal text as produced by parseWireJson, e.g. "0.10000000" or "-12.5". */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected decimal text');
const int = z.number().int();
const frameType = z.enum(['snapshot', 'update']);
/** Kraken sometimes adds an ISO timestamp; we keep it as text. */
const timestamp = z.string().min(1);

export const systemStatusSchema = z.enum(['online', 'maintenance', 'cancel_only', 'post_only']);

export const statusFrameSchema = z.object({
  channel: z.literal('status'),
  type: frameType,
  data: z.array(
    z.looseObject({
      system: systemStatusSchema,
      api_version: z.string(),
      /** uint64 kept as text by parseWireJson */
      connection_id: z.string().regex(/^\d+$/),
      version: z.string(),
    }),
  ),
});

export const heartbeatFrameSchema = z.object({ channel: z.literal('heartbeat') });

export const tickerDataSchema = z.looseObject({
  symbol: z.string(),
  bid: decimal,
  bid_qty: decimal,
  ask: decimal,
  ask_qty: decimal,
  /** only guaranteed when the pair traded in the last 24 h */
  last: decimal.optional(),
  volume: decimal.optional(),
  vwap: decimal.optional(),
  low: decimal.optional(),
  high: decimal.optional(),
  change: decimal.optional(),
  change_pct: decimal.optional(),
  timestamp: timestamp.optional(),
});

export const bookLevelSchema = z.object({ price: decimal, qty: decimal });

export const bookDataSchema = z.looseObject({
  symbol: z.string(),
  bids: z.array(bookLevelSchema),
  asks: z.array(bookLevelSchema),
  checksum: int.min(0).max(0xffffffff),
  timestamp: timestamp.optional(),
});

export const tradeDataSchema = z.looseObject({
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  price: decimal,
  qty: decimal,
  ord_type: z.enum(['limit', 'market']),
  trade_id: int,
  timestamp,
});

export const ohlcDataSchema = z.looseObject({
  symbol: z.string(),
  open: decimal,
  high: decimal,
  low: decimal,
  close: decimal,
  vwap: decimal,
  trades: int,
  volume: decimal,
  interval_begin: timestamp,
  interval: int,
  timestamp: timestamp.optional(),
});

export const instrumentAssetSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  precision: int,
  precision_display: int,
  borrowable: z.boolean().optional(),
  collateral_value: decimal.optional(),
  margin_rate: decimal.optional(),
});

export const instrumentPairSchema = z.looseObject({
  symbol: z.string(),
  base: z.string(),
  quote: z.string(),
  status: z.string(),
  qty_precision: int.min(0),
  qty_increment: decimal,
  qty_min: decimal,
  price_precision: int.min(0),
  price_increment: decimal,
  cost_precision: int.min(0),
  cost_min: decimal,
  marginable: z.boolean(),
});

export const executionReportSchema = z.looseObject({
  exec_type: z.string().optional(),
  order_id: z.string().optional(),
  cl_ord_id: z.string().optional(),
  order_userref: int.optional(),
  symbol: z.string().optional(),
  side: z.enum(['buy', 'sell']).optional(),
  order_type: z.string().optional(),
  order_status: z.string().optional(),
  order_qty: decimal.optional(),
  limit_price: decimal.optional(),
  cum_qty: decimal.optional(),
  cum_cost: decimal.optional(),
  avg_price: decimal.optional(),
  last_qty: decimal.optional(),
  last_price: decimal.optional(),
  exec_id: z.string().optional(),
  trade_id: int.optional(),
  timestamp: timestamp.optional(),
  fees: z.array(z.looseObject({ asset: z.string(), qty: decimal })).optional(),
  /** why an order was cancelled (`cancel_reason`) or changed (`reason`), e.g. `Post only order` */
  cancel_reason: z.string().optional(),
  reason: z.string().optional(),
});

export const balanceEntrySchema = z.looseObject({
  asset: z.string(),
  asset_class: z.string().optional(),
  balance: decimal.optional(),
  amount: decimal.optional(),
  fee: decimal.optional(),
  wallets: z.array(z.looseObject({ type: z.string(), id: z.string(), balance: decimal })).optional(),
});

const dataFrame = <C extends string, T extends z.ZodType>(channel: C, item: T) =>
  z.object({ channel: z.literal(channel), type: frameType, data: z.array(item) });

export const tickerFrameSchema = dataFrame('ticker', tickerDataSchema);
export const bookFrameSchema = dataFrame('book', bookDataSchema);
export const tradeFrameSchema = dataFrame('trade', tradeDataSchema);
export const ohlcFrameSchema = dataFrame('ohlc', ohlcDataSchema).extend({ timestamp: timestamp.optional() });
export const instrumentFrameSchema = z.object({
  channel: z.literal('instrument'),
  type: frameType,
  data: z.object({ assets: z.array(instrumentAssetSchema), pairs: z.array(instrumentPairSchema) }),
});
export const executionsFrameSchema = dataFrame('executions', executionReportSchema).extend({ sequence: int.optional() });
export const balancesFrameSchema = dataFrame('balances', balanceEntrySchema).extend({ sequence: int.optional() });

/** A response to a request: subscribe/unsubscribe acks, pong, trading results. `error` is one string on v2. */
export const responseSchema = z.looseObject({
  method: z.string().optional(),
  req_id: int.optional(),
  success: z.boolean().optional(),
  result: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  error: z.string().optional(),
  /** some servers name the refused symbol at top level */
  symbol: z.string().optional(),
  time_in: z.string().optional(),
  time_out: z.string().optional(),
});

export type SystemStatus = z.infer<typeof systemStatusSchema>;
export type StatusFrame = z.infer<typeof statusFrameSchema>;
export type HeartbeatFrame = z.infer<typeof heartbeatFrameSchema>;
export type TickerData = z.infer<typeof tickerDataSchema>;
export type BookData = z.infer<typeof bookDataSchema>;
export type TradeData = z.infer<typeof tradeDataSchema>;
export type OhlcData = z.infer<typeof ohlcDataSchema>;
export type InstrumentAsset = z.infer<typeof instrumentAssetSchema>;
export type InstrumentPair = z.infer<typeof instrumentPairSchema>;
export type ExecutionReport = z.infer<typeof executionReportSchema>;
export type BalanceEntry = z.infer<typeof balanceEntrySchema>;
export type TickerFrame = z.infer<typeof tickerFrameSchema>;
export type BookFrame = z.infer<typeof bookFrameSchema>;
export type TradeFrame = z.infer<typeof tradeFrameSchema>;
export type OhlcFrame = z.infer<typeof ohlcFrameSchema>;
export type InstrumentFrame = z.infer<typeof instrumentFrameSchema>;
export type ExecutionsFrame = z.infer<typeof executionsFrameSchema>;
export type BalancesFrame = z.infer<typeof balancesFrameSchema>;
export type WsResponse = z.infer<typeof responseSchema>;

const CHANNEL_SCHEMAS = {
  status: statusFrameSchema,
  heartbeat: heartbeatFrameSchema,
  ticker: tickerFrameSchema,
  book: bookFrameSchema,
  trade: tradeFrameSchema,
  ohlc: ohlcFrameSchema,
  instrument: instrumentFrameSchema,
  executions: executionsFrameSchema,
  balances: balancesFrameSchema,
} as const;

export type WsChannel = keyof typeof CHANNEL_SCHEMAS;
export type ChannelFrame<C extends WsChannel> = z.infer<(typeof CHANNEL_SCHEMAS)[C]>;
export type WsFrame = { [C in WsChannel]: ChannelFrame<C> }[WsChannel];

/** A validated inbound frame: a channel message or a response to one of our requests. */
export type InboundFrame = { kind: 'channel'; frame: WsFrame } | { kind: 'response'; response: WsResponse };

export type FrameParseResult = { ok: true; value: InboundFrame } | { ok: false; error: string };

/**
 * Validates one frame already parsed by `parseWireJson`: dispatches on `channel`, otherwise treats it as a
 * response. Never throws; the error text names the offending path.
 */
export function parseInboundFrame(value: unknown): FrameParseResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'frame is not a JSON object' };
  const channel = (value as { channel?: unknown }).channel;
  if (channel !== undefined) {
    const schema = typeof channel === 'string' && Object.hasOwn(CHANNEL_SCHEMAS, channel) ? CHANNEL_SCHEMAS[channel as WsChannel] : undefined;
    if (!schema) return { ok: false, error: `unknown channel ${JSON.stringify(channel)}` };
    const parsed = schema.safeParse(value);
    if (!parsed.success) return { ok: false, error: `${channel}: ${describe(parsed.error)}` };
    return { ok: true, value: { kind: 'channel', frame: parsed.data as WsFrame } };
  }
  const parsed = responseSchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: `response: ${describe(parsed.error)}` };
  if (parsed.data.method === undefined && parsed.data.error === undefined) return { ok: false, error: 'frame has neither channel, method nor error' };
  return { ok: true, value: { kind: 'response', response: parsed.data } };
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
