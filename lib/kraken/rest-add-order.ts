/**
 * AddOrder without double placement. Every order carries a cl_ord_id (generated unless the caller chose one or a
 * userref). If the response is lost or Kraken's answer leaves the outcome open (timeout, network error, 5xx,
 * `EService:Unavailable`, unreadable body), the order is looked up by cl_ord_id — never resent.
 */
import type { z } from 'zod';
import { isKrakenError, KrakenError } from './errors';
import { toOrders } from './mappers-private';
import { addOrderRequestSchema, checkRequest, encodeAddOrder, randomClOrdId, type AddOrderRequest } from './order-request';
import type { ClientContext } from './rest-context';
import { addOrderResult, closedOrdersResult, openOrdersResult, parseResult } from './schemas';
import type { SymbolMap } from './symbols';
import type { Order, PlacedOrder } from './types-private';

const AMBIGUOUS = new Set(['timeout', 'network_error', 'unavailable', 'bad_response']);

/** True when an AddOrder failure does not tell whether the order exists. */
export function isAmbiguousOrderFailure(error: unknown): error is KrakenError {
  if (!isKrakenError(error)) return false;
  return AMBIGUOUS.has(error.code) || (error.code === 'http_error' && (error.httpStatus ?? 0) >= 500);
}

export interface AddOrderSettings {
  /** Seconds from now for Kraken's `deadline` when the caller gives none (2–60); undefined sends none. */
  autoDeadlineSeconds: number | undefined;
  /** Milliseconds to let a lost order land before looking it up (no deadline case). */
  lookupDelayMs: number;
}

/** Places one order; see the module comment for how a lost response is resolved. */
export async function addOrder(ctx: ClientContext, request: AddOrderRequest, settings: AddOrderSettings): Promise<PlacedOrder> {
  const order = checkRequest(addOrderRequestSchema, request, 'AddOrder');
  const { now, random, sleep } = ctx.retryDeps;
  const clOrdId = order.clOrdId ?? (order.userref === undefined ? randomClOrdId(random) : undefined);
  const deadline = order.deadline ?? (settings.autoDeadlineSeconds === undefined || order.validate
    ? undefined
    : new Date(now() + settings.autoDeadlineSeconds * 1000).toISOString());
  const target = await ctx.pairParam(order.pair);
  const base = { clOrdId, userref: order.userref };
  let result: z.output<typeof addOrderResult>;
  try {
    // Parsing sits inside the try: an unreadable result leaves the outcome as open as a lost response.
    result = parseResult(addOrderResult, await ctx.privateWrite('AddOrder', encodeAddOrder({ ...order, deadline }, target.param, clOrdId)), 'AddOrder');
  } catch (error) {
    if (order.validate || !isAmbiguousOrderFailure(error)) throw error;
    if (clOrdId === undefined) {
      throw new KrakenError('unknown_outcome', `AddOrder outcome unknown (${error.message}); no cl_ord_id to look up`, { cause: error });
    }
    // Past the deadline Kraken can no longer place the order, so a miss after it is final.
    const settleAt = deadline === undefined ? now() + settings.lookupDelayMs : Date.parse(deadline) + 1000;
    await sleep(Math.max(0, settleAt - now()));
    const found = await lookUpByClOrdId(ctx, clOrdId, target.map, error);
    if (!found) {
      throw new KrakenError(error.code, `order not placed (cl_ord_id ${clOrdId} not found after: ${error.message})`, {
        krakenErrors: error.krakenErrors, httpStatus: error.httpStatus, cause: error, orderOutcome: 'not_placed',
      });
    }
    return { ...base, txids: [found.txid], description: found.description, closeDescription: found.closeDescription || undefined, resolvedByLookup: true, order: found };
  }
  return { ...base, txids: result.txid ?? [], description: result.descr.order, closeDescription: result.descr.close, resolvedByLookup: false, order: undefined };
}

/** Searches open, then closed orders for the cl_ord_id; lookup failures become `unknown_outcome`. */
async function lookUpByClOrdId(ctx: ClientContext, clOrdId: string, map: SymbolMap | undefined, original: KrakenError): Promise<Order | undefined> {
  const pick = (orders: Order[]) => orders.find((o) => o.clOrdId === clOrdId);
  try {
    const open = parseResult(openOrdersResult, await ctx.privateRead('OpenOrders', { cl_ord_id: clOrdId }), 'OpenOrders');
    const inOpen = pick(toOrders(open.open, map));
    if (inOpen) return inOpen;
    const closed = parseResult(closedOrdersResult, await ctx.privateRead('ClosedOrders', { cl_ord_id: clOrdId }), 'ClosedOrders');
    return pick(toOrders(closed.closed, map));
  } catch (lookupError) {
    const detail = lookupError instanceof Error ? lookupError.message : String(lookupError);
    throw new KrakenError('unknown_outcome', `AddOrder outcome unknown: ${original.message}; lookup of cl_ord_id ${clOrdId} failed: ${detail}`, {
      krakenErrors: original.krakenErrors, cause: lookupError,
    });
  }
}
