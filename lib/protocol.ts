import * as z from 'zod/mini';
import { BOOK_DEPTHS, OHLC_INTERVALS } from './protocol-basics';

/**
 * The hub ⇄ browser protocol spoken over `/ws` (and later over SSE). Isomorphic: the hub validates what
 * browsers send, the browser validates what the hub sends. Prices and quantities are decimal text
 * written with the pair's precision, exactly as the exchange sent them.
 *
 * Written with zod/mini: this module ships to every browser, and the mini build is ~8 KB gzip where the
 * chained API pulled in ~45 KB. Error texts for browsers are composed by the hub (client-frames.ts).
 */

export { ACK_EVERY_BYTES, BOOK_DEPTHS, CLOSE_CODES, FRAME_SEPARATOR, MAX_CLIENT_FRAME_BYTES, OHLC_INTERVALS, splitFrames, subscriptionKey } from './protocol-basics';

const SYMBOL = /^[A-Z0-9]{1,12}\/[A-Z0-9]{1,12}$/;
const DECIMAL_TEXT = /^\d+(\.\d+)?$/;
const symbol = z.string().check(z.regex(SYMBOL, 'symbol like BTC/USD'));
const decimalText = z.string().check(z.regex(DECIMAL_TEXT));
const int = () => z.int();
const count = () => z.int().check(z.nonnegative());

export const publicChannel = z.enum(['book', 'trade', 'ohlc', 'ticker']);
export const privateChannel = z.enum(['executions', 'balances']);
export const channel = z.union([publicChannel, privateChannel]);
export type Channel = z.infer<typeof channel>;

const depth = z.union(BOOK_DEPTHS.map((d) => z.literal(d)) as [z.ZodMiniLiteral<10>, ...z.ZodMiniLiteral<number>[]]);
const interval = z.union(OHLC_INTERVALS.map((i) => z.literal(i)) as [z.ZodMiniLiteral<1>, ...z.ZodMiniLiteral<number>[]]);

/** Browser → hub. Split by channel because depth and interval each belong to one channel. */
export const clientMessage = z.union([
  z.strictObject({ op: z.literal('subscribe'), channel: z.literal('book'), symbol, depth: z._default(depth, 10) }),
  z.strictObject({ op: z.literal('unsubscribe'), channel: z.literal('book'), symbol, depth: z._default(depth, 10) }),
  z.strictObject({ op: z.literal('subscribe'), channel: z.literal('ohlc'), symbol, interval: z._default(interval, 1) }),
  z.strictObject({ op: z.literal('unsubscribe'), channel: z.literal('ohlc'), symbol, interval: z._default(interval, 1) }),
  z.strictObject({ op: z.literal('subscribe'), channel: z.enum(['trade', 'ticker']), symbol }),
  z.strictObject({ op: z.literal('unsubscribe'), channel: z.enum(['trade', 'ticker']), symbol }),
  z.strictObject({ op: z.literal('subscribe'), channel: privateChannel }),
  z.strictObject({ op: z.literal('unsubscribe'), channel: privateChannel }),
  z.strictObject({ op: z.literal('ping'), id: z.optional(int()) }),
  /** total bytes of hub frames handled since the socket opened; the first ack opts into ack flow control */
  z.strictObject({ op: z.literal('ack'), bytes: count() }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

export const bookLevel = z.tuple([decimalText, decimalText]);
export type BookLevel = z.infer<typeof bookLevel>;

export const bookData = z.object({
  /** bids descending, asks ascending; in updates only changed levels, qty "0…" deletes */
  bids: z.array(bookLevel),
  asks: z.array(bookLevel),
  /** Kraken's CRC32 of the top 10 levels after applying this message and truncating to depth */
  checksum: count(),
  pricePrecision: count(),
  qtyPrecision: count(),
});

export const tradeData = z.object({
  id: int(),
  price: decimalText,
  qty: decimalText,
  side: z.enum(['buy', 'sell']),
  /** Unix milliseconds */
  time: z.number(),
});

export const candleData = z.object({
  /** candle open, Unix seconds */
  time: int(),
  open: decimalText,
  high: decimalText,
  low: decimalText,
  close: decimalText,
  vwap: decimalText,
  volume: decimalText,
  trades: int(),
});

export const tickerData = z.object({
  bid: decimalText,
  bidQty: decimalText,
  ask: decimalText,
  askQty: decimalText,
  last: decimalText,
  volume: decimalText,
  vwap: decimalText,
  low: decimalText,
  high: decimalText,
  change: z.string(),
  changePct: z.string(),
});

export const feedState = z.enum(['connecting', 'live', 'stale', 'resyncing', 'offline']);
export type FeedState = z.infer<typeof feedState>;
export const exchangeState = z.enum(['online', 'maintenance', 'cancel_only', 'post_only']);

const keyed = { symbol };
/** Hub → browser. */
const serverOptions = [
  z.object({ type: z.literal('snapshot'), channel: z.literal('book'), ...keyed, depth, data: bookData }),
  z.object({ type: z.literal('update'), channel: z.literal('book'), ...keyed, depth, data: bookData }),
  z.object({ type: z.literal('snapshot'), channel: z.literal('trade'), ...keyed, data: z.array(tradeData) }),
  z.object({ type: z.literal('update'), channel: z.literal('trade'), ...keyed, data: z.array(tradeData) }),
  z.object({ type: z.literal('snapshot'), channel: z.literal('ohlc'), ...keyed, interval, data: z.array(candleData) }),
  z.object({ type: z.literal('update'), channel: z.literal('ohlc'), ...keyed, interval, data: z.array(candleData) }),
  z.object({ type: z.literal('snapshot'), channel: z.literal('ticker'), ...keyed, data: tickerData }),
  z.object({ type: z.literal('update'), channel: z.literal('ticker'), ...keyed, data: tickerData }),
  z.object({
    type: z.literal('private'),
    channel: privateChannel,
    /** snapshot replaces what the browser holds; updates follow in order (the hub replays both on join) */
    kind: z.optional(z.enum(['snapshot', 'update'])),
    data: z.unknown(),
  }),
  z.object({
    type: z.literal('status'),
    feed: feedState,
    exchange: z.optional(exchangeState),
    /** present when the state concerns one symbol only (e.g. a single-book resync) */
    symbol: z.optional(symbol),
    /** present when the state concerns the account channels (executions, balances) only */
    account: z.optional(z.literal(true)),
  }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('pong'), id: z.optional(int()) }),
] as const;
export const serverMessage = z.union(serverOptions);
export type ServerMessage = z.infer<typeof serverMessage>;

/**
 * Each option of serverMessage by what tells it apart: `type:channel` for market frames, `type` for the rest.
 * A browser handles thousands of book frames a second; trying the union's options in turn costs several times
 * parsing with the one option the frame names.
 */
const optionByKind = new Map<string, (typeof serverOptions)[number]>(serverOptions.map((option) => {
  const shape = option.def.shape as { type: { def: { values: unknown[] } }; channel?: { def: { values?: unknown[] } } };
  const type = String(shape.type.def.values[0]);
  const channel = shape.channel?.def.values?.length === 1 ? `:${String(shape.channel.def.values[0])}` : '';
  return [`${type}${channel}`, option];
}));

/** serverMessage.safeParse with the option chosen by the frame's `type` (and `channel`): the same answers, faster. */
export function parseServerMessage(json: unknown): { success: true; data: ServerMessage } | { success: false } {
  if (typeof json !== 'object' || json === null) return { success: false };
  const { type, channel } = json as { type?: unknown; channel?: unknown };
  if (channel === 'book') {
    const book = bookFrame(json as Record<string, unknown>);
    if (book) return { success: true, data: book };
  }
  const option = optionByKind.get(`${String(type)}:${String(channel)}`) ?? optionByKind.get(String(type));
  if (!option) return { success: false };
  const parsed = option.safeParse(json);
  return parsed.success ? { success: true, data: parsed.data as ServerMessage } : { success: false };
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isLevels = (v: unknown): v is [string, string][] =>
  Array.isArray(v) && v.every((l) => Array.isArray(l) && l.length === 2 && typeof l[0] === 'string' && typeof l[1] === 'string' && DECIMAL_TEXT.test(l[0]) && DECIMAL_TEXT.test(l[1]));

/**
 * A book snapshot or update checked by hand, as serverMessage's book options would check it (the parse tests hold
 * the two to the same answers); anything it does not accept goes to the zod option, so it can only be faster.
 */
function bookFrame(m: Record<string, unknown>): ServerMessage | undefined {
  const data = m.data as Record<string, unknown> | null | undefined;
  if ((m.type !== 'snapshot' && m.type !== 'update') || typeof m.symbol !== 'string' || !SYMBOL.test(m.symbol)) return undefined;
  if (!(BOOK_DEPTHS as readonly unknown[]).includes(m.depth) || typeof data !== 'object' || data === null) return undefined;
  const { bids, asks, checksum, pricePrecision, qtyPrecision } = data;
  if (!isLevels(bids) || !isLevels(asks) || !isCount(checksum) || !isCount(pricePrecision) || !isCount(qtyPrecision)) return undefined;
  return {
    type: m.type, channel: 'book', symbol: m.symbol, depth: m.depth as (typeof BOOK_DEPTHS)[number],
    data: { bids: bids.map(([p, q]) => [p, q]), asks: asks.map(([p, q]) => [p, q]), checksum, pricePrecision, qtyPrecision },
  };
}
