/**
 * Kraken's legacy cancel-and-replace (REST `EditOrder`, WS v2 `edit_order`): one implementation for both doors.
 * The original order is cancelled ("Order replaced") and a new one placed with a new id, so queue priority is lost;
 * executions stay with the original. Not for triggered stops/take-profits or orders carrying a `cl_ord_id`.
 */
import type { PairInfo } from '../types';
import type { OrderRecord } from './model';
import { resolveCancelTargets } from './order-actions';
import { KrakenError, parseOrderRequest, type OrderRequest } from './order-request';
import { checkStatusForCancel, checkStatusForNewOrder, type OrderContext } from './rest-orders';

/** What changes, in REST parameter names; anything absent keeps the original's terms. */
export interface EditChanges {
  volume?: string;
  price?: string;
  price2?: string;
  displayvol?: string;
  /** the new order's flags in full (REST `oflags`) */
  oflags?: string;
  /** the new order's userref (not inherited) */
  userref?: string;
  deadline?: string;
  validate?: string;
}

export interface EditOutcome {
  original: OrderRecord;
  req: OrderRequest;
  /** the new order's id; absent when only validated */
  txid?: string;
}

/** Validates the edit and, unless `validate`, cancels `ref`'s order and places its replacement in one mutation. */
export function editOrder(ctx: OrderContext, ref: string | undefined, pair: PairInfo, changes: EditChanges): EditOutcome {
  checkStatusForCancel(ctx);
  const [original] = resolveCancelTargets(ctx.engine, { txid: ref });
  if (!original || original.clOrdId !== null || original.triggered) throw new KrakenError('EOrder:Invalid order');
  if (original.pairId !== pair.id) throw new KrakenError('EOrder:Invalid order');
  if (!ctx.counter.charge(pair.id, [{ kind: 'edit', ageMs: ctx.engine.clock() - original.lastChange }])) {
    throw new KrakenError('EOrder:Rate limit exceeded');
  }
  const replacement: Record<string, string> = {
    type: original.side, ordertype: original.ordertype, volume: changes.volume ?? original.vol,
    price: changes.price ?? original.price,
    ...(original.ordertype.endsWith('-limit') ? { price2: changes.price2 ?? original.price2 } : {}),
    ...(original.displayVol ? { displayvol: changes.displayvol ?? original.displayVol } : {}),
    oflags: changes.oflags ?? original.oflags.join(','), validate: changes.validate ?? 'false',
    ...(changes.userref ? { userref: changes.userref } : {}),
    ...(changes.deadline ? { deadline: changes.deadline } : {}),
  };
  const req = parseOrderRequest(replacement, { market: ctx.engine.market, now: ctx.engine.clock() }, pair);
  checkStatusForNewOrder(ctx, req);
  if (req.validate) return { original, req };
  return { original, req, txid: ctx.engine.replace(original, req).id };
}
