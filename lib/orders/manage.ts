import { AppError } from '../errors';
import { auditedCall } from '../audit/events';
import { isKrakenError } from '../kraken/errors';
import type { Order } from '../kraken/types-private';
import type { Member } from '../db/members';
import { toAppError } from './kraken-errors';
import { actorOf, type PlaceDeps } from './place';

const TXID = /^[A-Z0-9]{6}-[A-Z0-9]{5}-[A-Z0-9]{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An order reference from a URL: a Kraken txid (`OABCDE-FGHIJ-KLMNOP`) or the desk's cl_ord_id (a UUID). */
export function parseOrderId(id: string): { txid: string } | { clOrdId: string } {
  if (TXID.test(id)) return { txid: id };
  if (UUID.test(id)) return { clOrdId: id.toLowerCase() };
  throw new AppError('invalid_order_id');
}

export function auditError(error: unknown) {
  return { outcome: 'error' as const, detail: isKrakenError(error) ? { code: error.code, krakenErrors: error.krakenErrors } : { code: 'internal' } };
}

export function orderGone(error: unknown): AppError {
  if (isKrakenError(error) && (error.code === 'invalid_order' || error.code === 'unknown_order')) {
    return new AppError('order_not_open');
  }
  return toAppError(error);
}

/** Cancels one open order (any trader may cancel any order of the team). */
export async function cancelOrder(deps: PlaceDeps, member: Member, id: string): Promise<{ cancelled: number; pending: boolean }> {
  const ref = parseOrderId(id);
  try {
    const result = await auditedCall(deps.db.audit, { actor: actorOf(member), action: 'order.cancel', subject: id, detail: ref },
      () => deps.kraken.private.cancelOrder(ref), { ok: (r) => r, error: auditError });
    // Kraken charges a cancel by the order's age; the desk's model learns it for the orders it remembers.
    const symbol = 'txid' in ref ? deps.rates.symbolOf(ref.txid) : undefined;
    if (symbol && 'txid' in ref) await deps.rates.record(symbol, { kind: 'cancel', ageMs: deps.rates.ageOf(ref.txid) });
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

export async function findOpenOrder(deps: PlaceDeps, ref: { txid: string } | { clOrdId: string }): Promise<Order> {
  try {
    const found = 'txid' in ref ? await deps.kraken.private.queryOrders([ref.txid]) : await deps.kraken.private.openOrders({ clOrdId: ref.clOrdId });
    const order = found.find((o) => ('txid' in ref ? o.txid === ref.txid : o.clOrdId === ref.clOrdId));
    if (!order || (order.status !== 'open' && order.status !== 'pending')) throw new AppError('order_not_open');
    return order;
  } catch (error) {
    throw orderGone(error);
  }
}
