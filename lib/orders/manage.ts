import { AppError } from '../errors';
import { auditedCall } from '../audit/events';
import { isKrakenError } from '../kraken/errors';
import type { AmendOrderRequest } from '../kraken/order-request';
import type { Order } from '../kraken/types-private';
import type { Member } from '../db/members';
import { multiplyText, subtractText, toFixedText } from '../decimal';
import { checkLimits, utcDay } from './limits';
import { toAppError } from './messages';
import { checkPairRules } from './pair-rules';
import { actorOf, type PlaceDeps } from './place';
import { isAbsolutePrice, type AmendTicket, type Ticket } from './ticket';

const TXID = /^[A-Z0-9]{6}-[A-Z0-9]{5}-[A-Z0-9]{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An order reference from a URL: a Kraken txid (`OABCDE-FGHIJ-KLMNOP`) or the desk's cl_ord_id (a UUID). */
export function parseOrderId(id: string): { txid: string } | { clOrdId: string } {
  if (TXID.test(id)) return { txid: id };
  if (UUID.test(id)) return { clOrdId: id.toLowerCase() };
  throw new AppError('invalid_order_id', 400, 'The order id must be a Kraken txid like OABCDE-FGHIJ-KLMNOP or the ticket\'s UUID.');
}

function auditError(error: unknown) {
  return { outcome: 'error' as const, detail: isKrakenError(error) ? { code: error.code, krakenErrors: error.krakenErrors } : { code: 'internal' } };
}

function orderGone(error: unknown): AppError {
  if (isKrakenError(error) && (error.code === 'invalid_order' || error.code === 'unknown_order')) {
    return new AppError('order_not_open', 404, 'This order is not open any more (filled, canceled or unknown).');
  }
  return toAppError(error);
}

/** Cancels one open order (any trader may cancel any order of the team). */
export async function cancelOrder(deps: PlaceDeps, member: Member, id: string): Promise<{ cancelled: number; pending: boolean }> {
  const ref = parseOrderId(id);
  try {
    const result = await auditedCall(deps.db.audit, { actor: actorOf(member), action: 'order.cancel', subject: id, detail: ref },
      () => deps.kraken.private.cancelOrder(ref), { ok: (r) => r, error: auditError });
    return { cancelled: result.count, pending: result.pending };
  } catch (error) {
    throw orderGone(error);
  } finally {
    deps.invalidateReads();
  }
}

/** Cancels every open order on the account. */
export async function cancelAllOrders(deps: PlaceDeps, member: Member, reason = 'order.cancel_all'): Promise<{ cancelled: number }> {
  try {
    const result = await auditedCall(deps.db.audit, { actor: actorOf(member), action: reason, detail: {} },
      () => deps.kraken.private.cancelAll(), { ok: (r) => r, error: auditError });
    return { cancelled: result.count };
  } catch (error) {
    throw toAppError(error);
  } finally {
    deps.invalidateReads();
  }
}

async function findOpenOrder(deps: PlaceDeps, ref: { txid: string } | { clOrdId: string }): Promise<Order> {
  try {
    const found = 'txid' in ref ? await deps.kraken.private.queryOrders([ref.txid]) : await deps.kraken.private.openOrders({ clOrdId: ref.clOrdId });
    const order = found.find((o) => ('txid' in ref ? o.txid === ref.txid : o.clOrdId === ref.clOrdId));
    if (!order || (order.status !== 'open' && order.status !== 'pending')) throw new AppError('order_not_open', 404, 'This order is not open any more (filled, canceled or unknown).');
    return order;
  } catch (error) {
    throw orderGone(error);
  }
}

/**
 * Amends price and/or size in place (AmendOrder keeps the txid and, where possible, queue priority).
 * The amended order is checked like a new one against the pair's rules and the member's limits; for the
 * daily limit its new notional replaces the share it already counts for today (when this member placed it).
 */
export async function amendOrder(deps: PlaceDeps, member: Member, id: string, amend: AmendTicket): Promise<{ amendId: string; txid: string }> {
  if ((await deps.db.deskSettings.get()).frozen) throw new AppError('desk_frozen', 423, 'The desk is frozen by an admin: orders cannot be amended.');
  const ref = parseOrderId(id);
  const order = await findOpenOrder(deps, ref);
  const pair = await deps.market.pair(order.symbol ?? order.pair);
  const triggered = /stop|take-profit/.test(order.orderType);
  const twoPrices = order.orderType.endsWith('-limit');
  const volume = amend.volume ?? order.volume;
  const newPrice = amend.price ?? order.price;
  const ticket = { symbol: pair.symbol, side: order.side, type: order.orderType, volume, price: amend.price, price2: amend.price2, displayVolume: amend.displayVolume, idempotencyKey: '' } as unknown as Ticket;
  const effectivePrice = twoPrices ? (amend.price2 ?? order.price2) : newPrice;
  checkPairRules(ticket, pair, isAbsolutePrice(effectivePrice) ? effectivePrice : undefined);
  const [placed] = await deps.db.deskOrders.findByOrderIds({ txids: [order.txid], clOrdIds: order.clOrdId ? [order.clOrdId] : [] });
  let newNotionalUsd: string | undefined;
  if (isAbsolutePrice(effectivePrice)) {
    const rate = (await deps.market.usdRate(pair.quoteCode)) ?? '1';
    const notionalUsd = toFixedText(multiplyText(multiplyText(volume, effectivePrice), rate), 2);
    newNotionalUsd = notionalUsd;
    const today = utcDay(deps.now());
    const ownShare = placed && placed.memberId === member.id && placed.utcDay === today ? placed.notionalUsd : '0';
    const usedTodayUsd = subtractText(await deps.db.deskOrders.dayNotional(member.id, today), ownShare);
    checkLimits(await deps.db.limits.get(member.id), { symbol: pair.symbol, orderType: order.orderType, notionalUsd, usedTodayUsd });
  }
  const request: AmendOrderRequest = {
    txid: order.txid,
    orderQty: amend.volume,
    displayQty: amend.displayVolume,
    ...(triggered ? { triggerPrice: amend.price, limitPrice: twoPrices ? amend.price2 : undefined } : { limitPrice: amend.price }),
  };
  try {
    const result = await auditedCall(deps.db.audit, { actor: actorOf(member), action: 'order.amend', subject: order.txid, detail: request },
      () => deps.kraken.private.amendOrder(request), { ok: (r) => r, error: auditError });
    if (placed && newNotionalUsd !== undefined) await deps.db.deskOrders.setNotional(placed.id, newNotionalUsd, volume);
    return { amendId: result.amendId, txid: order.txid };
  } catch (error) {
    throw orderGone(error);
  } finally {
    deps.invalidateReads();
  }
}
