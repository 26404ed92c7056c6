import { z } from 'zod';
import { ORDER_TYPES } from '../desk-api/orders';

const LIMIT_PRICED = new Set<string>(['limit', 'iceberg', 'stop-loss', 'take-profit', 'stop-loss-limit', 'take-profit-limit', 'trailing-stop', 'trailing-stop-limit']);
const SECOND_PRICED = new Set<string>(['stop-loss-limit', 'take-profit-limit', 'trailing-stop-limit']);

const amount = (what: string) => z.string({ error: `${what} must be a decimal number in quotes, e.g. "0.01"` })
  .max(40, `${what} is too long`)
  .regex(/^\d+(\.\d+)?$/, `${what} must be a positive decimal number such as "0.01" (no exponent, no sign)`)
  .refine((v) => /[1-9]/.test(v), `${what} must be greater than zero`);
const priceText = (what: string) => z.string({ error: `${what} must be a price in quotes, e.g. "30000.5"` })
  .max(40, `${what} is too long`)
  .regex(/^[+\-#]?\d+(\.\d+)?%?$/, `${what} must be a decimal price, or an offset like "+50" or "-1.5%"`)
  .refine((v) => /[1-9]/.test(v), `${what} must be greater than zero`);

/** The order ticket as the API and the order form send it. */
export const ticketSchema = z.strictObject({
  symbol: z.string({ error: 'symbol is required, e.g. "BTC/USD"' }).regex(/^[A-Za-z0-9.]{1,16}\/[A-Za-z0-9.]{1,16}$/, 'symbol must look like "BTC/USD"'),
  side: z.enum(['buy', 'sell'], { error: 'side must be "buy" or "sell"' }),
  type: z.enum(ORDER_TYPES, { error: `type must be one of ${ORDER_TYPES.join(', ')}` }),
  volume: amount('volume'),
  price: priceText('price').optional(),
  price2: priceText('price2').optional(),
  flags: z.array(z.enum(['post', 'fcib', 'fciq', 'nompp', 'viqc'], { error: 'flags may hold post, fcib, fciq, nompp, viqc' })).max(5).optional(),
  timeInForce: z.enum(['GTC', 'IOC', 'GTD'], { error: 'timeInForce must be GTC, IOC or GTD' }).optional(),
  expireAt: z.iso.datetime({ offset: true, error: 'expireAt must be an ISO time such as 2026-01-01T12:00:00Z' }).optional(),
  displayVolume: amount('displayVolume').optional(),
  reduceOnly: z.boolean({ error: 'reduceOnly must be true or false' }).optional(),
  confirm: z.boolean({ error: 'confirm must be true or false' }).optional(),
  idempotencyKey: z.uuid({ error: 'idempotencyKey must be a UUID (one per ticket), e.g. crypto.randomUUID()' }),
}).superRefine((t, ctx) => {
  const fail = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  for (const issue of orderFieldIssues(t, true)) fail(issue.path, issue.message);
  if (t.timeInForce === 'GTD' && t.expireAt === undefined) fail('expireAt', 'a GTD order needs expireAt');
  if (t.timeInForce !== 'GTD' && t.expireAt !== undefined) fail('expireAt', 'expireAt needs timeInForce "GTD"');
  const flags = new Set(t.flags ?? []);
  if (flags.size !== (t.flags?.length ?? 0)) fail('flags', 'a flag is listed twice');
  if (flags.has('fcib') && flags.has('fciq')) fail('flags', 'fcib and fciq cannot both be set');
  if (flags.has('post') && t.type !== 'limit' && t.type !== 'iceberg') fail('flags', 'post-only needs a limit or iceberg order');
  if (flags.has('viqc') && !(t.type === 'market' && t.side === 'buy')) fail('flags', 'viqc (volume in quote) is only for market buys');
});
export type Ticket = z.output<typeof ticketSchema>;

/** Body of POST /api/orders/cancel-all: the explicit confirmation is required. */
export const cancelAllSchema = z.strictObject({
  confirm: z.literal(true, { error: 'confirm must be true to cancel every open order' }),
});

/** Body of PATCH /api/orders/{id}: the fields to change (only those), and `confirm` for the fat-finger guard. */
export const amendSchema = z.strictObject({
  price: priceText('price').optional(),
  price2: priceText('price2').optional(),
  volume: amount('volume').optional(),
  displayVolume: amount('displayVolume').optional(),
  confirm: z.boolean({ error: 'confirm must be true or false' }).optional(),
}).refine((a) => a.price !== undefined || a.price2 !== undefined || a.volume !== undefined || a.displayVolume !== undefined, {
  message: 'give at least one of price, price2, volume, displayVolume to change',
});
export type AmendTicket = z.output<typeof amendSchema>;

/**
 * The price and display-size rules of each order type, for new tickets and amends alike. `complete` (a new order)
 * also asks for the fields the type needs; an amend gives only what changes.
 */
export function orderFieldIssues(
  t: { type: string; price?: string; price2?: string; displayVolume?: string },
  complete: boolean,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const fail = (path: string, message: string) => issues.push({ path, message });
  if (complete && LIMIT_PRICED.has(t.type) && t.price === undefined) fail('price', `a ${t.type} order needs a price`);
  if (complete && SECOND_PRICED.has(t.type) && t.price2 === undefined) fail('price2', `a ${t.type} order needs price2 (the limit price after the trigger)`);
  if (t.type === 'market' && t.price !== undefined) fail('price', 'a market order takes no price');
  if (!SECOND_PRICED.has(t.type) && t.price2 !== undefined) fail('price2', `a ${t.type} order takes no price2`);
  if (t.type.startsWith('trailing-stop') && t.price !== undefined && !t.price.startsWith('+')) {
    fail('price', `a ${t.type} price is the trailing offset and must start with "+", e.g. "+500" or "+1.5%"`);
  }
  if (t.type === 'trailing-stop-limit' && t.price2 !== undefined && !/^[+-]/.test(t.price2)) fail('price2', 'a trailing-stop-limit price2 must be an offset starting with + or -');
  if ((t.type === 'limit' || t.type === 'iceberg') && t.price !== undefined && !isAbsolutePrice(t.price)) {
    fail('price', `a ${t.type} price must be an absolute price such as "30000.5"`);
  }
  if (complete && t.type === 'iceberg' && t.displayVolume === undefined) fail('displayVolume', 'an iceberg order needs displayVolume');
  if (t.type !== 'iceberg' && t.displayVolume !== undefined) fail('displayVolume', 'displayVolume is only for iceberg orders');
  return issues;
}

/** Absolute decimal price (no offset sign, no percent). */
export function isAbsolutePrice(price: string | undefined): price is string {
  return price !== undefined && /^\d+(\.\d+)?$/.test(price);
}

/** Kraken's long-UUID cl_ord_id for a ticket's idempotency key (lowercase, 36 characters). */
export function clOrdIdFor(idempotencyKey: string): string {
  return idempotencyKey.toLowerCase();
}

/** The limit price the order will trade at most/least at, when it has one. */
export function limitPriceOf(t: Pick<Ticket, 'type' | 'price' | 'price2'>): string | undefined {
  if (t.type === 'limit' || t.type === 'iceberg') return isAbsolutePrice(t.price) ? t.price : undefined;
  if (t.type === 'stop-loss-limit' || t.type === 'take-profit-limit') return isAbsolutePrice(t.price2) ? t.price2 : undefined;
  return undefined;
}
