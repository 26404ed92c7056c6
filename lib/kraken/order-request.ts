/**
 * AddOrder / AmendOrder / CancelOrder requests as the app writes them, validated before anything is signed and
 * encoded field by field as Kraken's REST endpoints expect.
 */
import { z } from 'zod';
import { KrakenError } from './errors';

export const KRAKEN_ORDER_TYPES = [
  'market', 'limit', 'iceberg', 'stop-loss', 'take-profit', 'stop-loss-limit', 'take-profit-limit', 'trailing-stop',
  'trailing-stop-limit', 'settle-position',
] as const;
export type KrakenOrderType = (typeof KRAKEN_ORDER_TYPES)[number];
export type CloseOrderType = Exclude<KrakenOrderType, 'market' | 'settle-position'>;
export type OrderFlag = 'post' | 'fcib' | 'fciq' | 'nompp' | 'viqc';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'must be a plain positive decimal');
/** Absolute or relative price: `+`, `-` or `#` offset from the last trade, optional `%` suffix. */
const priceText = z.string().regex(/^[+\-#]?\d+(\.\d+)?%?$/, 'must be a decimal, optionally with + - # prefix or % suffix');
/** `0` (none / now), a Unix time, or `+<seconds>` from now. */
const scheduleText = z.string().regex(/^(0|\d+|\+\d+)$/, 'must be 0, a Unix time or +<seconds>');
/** Long UUID, short UUID (32 hex) or free ASCII text of at most 18 characters. */
const clOrdIdText = z.string().refine(
  (s) => /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(s) || /^[0-9a-fA-F]{32}$/.test(s) || /^[\x20-\x7e]{1,18}$/.test(s),
  'must be a UUID, 32 hex digits or up to 18 ASCII characters',
);
const int32 = z.number().int().min(-2147483648).max(2147483647);

const NEEDS_PRICE = new Set<string>(['limit', 'iceberg', 'stop-loss', 'take-profit', 'stop-loss-limit', 'take-profit-limit', 'trailing-stop', 'trailing-stop-limit']);
const NEEDS_PRICE2 = new Set<string>(['stop-loss-limit', 'take-profit-limit', 'trailing-stop-limit']);

export const addOrderRequestSchema = z.object({
  /** Any pair name (BTC/USD, BTC-USD, XBTUSD, XXBTZUSD) */
  pair: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  orderType: z.enum(KRAKEN_ORDER_TYPES),
  /** Base quantity (quote quantity with the viqc flag) */
  volume: decimal,
  price: priceText.optional(),
  price2: priceText.optional(),
  displayVolume: decimal.optional(),
  trigger: z.enum(['last', 'index']).optional(),
  leverage: z.string().regex(/^\d+(:1)?$/).optional(),
  reduceOnly: z.boolean().optional(),
  stpType: z.enum(['cancel-newest', 'cancel-oldest', 'cancel-both']).optional(),
  oflags: z.array(z.enum(['post', 'fcib', 'fciq', 'nompp', 'viqc'])).optional(),
  timeInForce: z.enum(['GTC', 'IOC', 'GTD']).optional(),
  startTime: scheduleText.optional(),
  expireTime: scheduleText.optional(),
  userref: int32.optional(),
  clOrdId: clOrdIdText.optional(),
  close: z.object({
    orderType: z.enum(['limit', 'iceberg', 'stop-loss', 'take-profit', 'stop-loss-limit', 'take-profit-limit', 'trailing-stop', 'trailing-stop-limit']),
    price: priceText.optional(),
    price2: priceText.optional(),
  }).optional(),
  /** RFC 3339; Kraken rejects the request after it (now+2 s … now+60 s) */
  deadline: z.string().datetime({ offset: true }).optional(),
  validate: z.boolean().optional(),
}).superRefine((o, ctx) => {
  const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
  if (o.userref !== undefined && o.clOrdId !== undefined) fail('userref and clOrdId are mutually exclusive');
  if (NEEDS_PRICE.has(o.orderType) && o.price === undefined) fail(`${o.orderType} needs price`);
  if (NEEDS_PRICE2.has(o.orderType) && o.price2 === undefined) fail(`${o.orderType} needs price2`);
  if (o.orderType === 'market' && o.price !== undefined) fail('market orders take no price');
  if (o.orderType === 'trailing-stop' && !o.price?.startsWith('+')) fail('trailing-stop price must be a + offset');
  if (o.orderType === 'trailing-stop-limit' && !/^[+-]/.test(o.price2 ?? '')) fail('trailing-stop-limit price2 must be a + or - offset');
  if (o.displayVolume !== undefined && o.orderType !== 'iceberg') fail('displayVolume is for iceberg orders');
  if (o.orderType === 'iceberg' && o.displayVolume === undefined) fail('iceberg orders need displayVolume');
  if (o.timeInForce === 'GTD' && (o.expireTime === undefined || o.expireTime === '0')) fail('GTD needs expireTime');
  const flags = new Set(o.oflags ?? []);
  if (flags.has('fcib') && flags.has('fciq')) fail('fcib and fciq are mutually exclusive');
  if (flags.has('post') && o.orderType !== 'limit' && o.orderType !== 'iceberg') fail('post-only needs a limit order');
  if (flags.has('viqc') && !(o.orderType === 'market' && o.side === 'buy')) fail('viqc is for market buys');
  if (o.close && NEEDS_PRICE.has(o.close.orderType) && o.close.price === undefined) fail('close order needs price');
  if (o.close && NEEDS_PRICE2.has(o.close.orderType) && o.close.price2 === undefined) fail('close order needs price2');
});
export type AddOrderRequest = z.input<typeof addOrderRequestSchema>;

/** Validates a request; a bad one becomes KrakenError `invalid_arguments` before anything is signed. */
export function checkRequest<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  throw new KrakenError('invalid_arguments', `${what}: ${detail}`);
}

const flag = (value: boolean | undefined) => (value === undefined ? undefined : String(value));

/** AddOrder body fields (without nonce). @param pair the pair name to send (pair id or altname) */
export function encodeAddOrder(o: z.output<typeof addOrderRequestSchema>, pair: string, clOrdId: string | undefined): Record<string, string | undefined> {
  return {
    pair,
    type: o.side,
    ordertype: o.orderType,
    volume: o.volume,
    price: o.price,
    price2: o.price2,
    displayvol: o.displayVolume,
    trigger: o.trigger,
    leverage: o.leverage,
    reduce_only: flag(o.reduceOnly),
    stptype: o.stpType,
    oflags: o.oflags?.length ? o.oflags.join(',') : undefined,
    timeinforce: o.timeInForce,
    starttm: o.startTime,
    expiretm: o.expireTime,
    userref: o.userref === undefined ? undefined : String(o.userref),
    cl_ord_id: clOrdId,
    'close[ordertype]': o.close?.orderType,
    'close[price]': o.close?.price,
    'close[price2]': o.close?.price2,
    deadline: o.deadline,
    validate: flag(o.validate),
  };
}

export const amendOrderRequestSchema = z.object({
  txid: z.string().min(1).optional(),
  clOrdId: clOrdIdText.optional(),
  orderQty: decimal.optional(),
  displayQty: decimal.optional(),
  limitPrice: priceText.optional(),
  triggerPrice: priceText.optional(),
  postOnly: z.boolean().optional(),
  deadline: z.string().datetime({ offset: true }).optional(),
}).refine((a) => (a.txid === undefined) !== (a.clOrdId === undefined), 'give exactly one of txid and clOrdId');
export type AmendOrderRequest = z.input<typeof amendOrderRequestSchema>;

/** AmendOrder body fields (without nonce). */
export function encodeAmendOrder(a: z.output<typeof amendOrderRequestSchema>): Record<string, string | undefined> {
  return {
    txid: a.txid,
    cl_ord_id: a.clOrdId,
    order_qty: a.orderQty,
    display_qty: a.displayQty,
    limit_price: a.limitPrice,
    trigger_price: a.triggerPrice,
    post_only: flag(a.postOnly),
    deadline: a.deadline,
  };
}

export const cancelOrderRequestSchema = z.union([
  z.object({ txid: z.string().min(1) }).strict(),
  z.object({ userref: int32 }).strict(),
  z.object({ clOrdId: clOrdIdText }).strict(),
]);
/** Cancel by order txid, by userref (cancels every order carrying it) or by client order id. */
export type CancelOrderRequest = z.input<typeof cancelOrderRequestSchema>;

/** CancelOrder body fields (a userref travels in the `txid` field, as Kraken specifies). */
export function encodeCancelOrder(c: z.output<typeof cancelOrderRequestSchema>): Record<string, string> {
  if ('txid' in c) return { txid: c.txid };
  if ('userref' in c) return { txid: String(c.userref) };
  return { cl_ord_id: c.clOrdId };
}

/** A random long UUID (v4 layout) from an injected uniform random source, used as the default cl_ord_id. */
export function randomClOrdId(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
