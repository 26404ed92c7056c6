import type { PairInfo } from '../types';
import type { MatchingEngine } from './matching';
import { editOrder } from './edit-order';
import { amendOrder, cancelAll, cancelAllAfter, cancelOrders, resolveCancelTargets } from './order-actions';
import { KrakenError, invalid, parseBool, parseOrderRequest, resolvePairParam, type OrderRequest } from './order-request';
import { flatStrings, listParam, type Params } from './params';
import type { TradingCounter } from './rate-counters';
import { describeClose, describeOrder } from './views';

export interface OrderContext {
  engine: MatchingEngine;
  counter: TradingCounter;
}

type Handler = (ctx: OrderContext, p: Params) => unknown;

/** Kraken's system status gates for new orders (maintenance, cancel_only, post_only). */
export function checkStatusForNewOrder(ctx: OrderContext, req: Pick<OrderRequest, 'postOnly'>): void {
  const status = ctx.engine.market.status();
  if (status === 'maintenance') throw new KrakenError('EService:Unavailable');
  if (status === 'cancel_only') throw new KrakenError('EService:Market in cancel_only mode');
  if (status === 'post_only' && !req.postOnly) throw new KrakenError('EService:Market in post_only mode');
}

export function checkStatusForCancel(ctx: OrderContext): void {
  if (ctx.engine.market.status() === 'maintenance') throw new KrakenError('EService:Unavailable');
}

export function requestDescription(req: OrderRequest): string {
  return describeOrder({
    side: req.side, vol: req.viqc ? '0' : req.volume.toFixed(), quoteVol: req.viqc ? req.volume.toFixed() : null,
    ordertype: req.ordertype, price: req.priceText, price2: req.price2Text,
  }, req.pair);
}

/** Charges the add, checks status and parameters, then places (or only validates). */
export function submitOrder(ctx: OrderContext, p: Record<string, string>, pair: PairInfo, chargeCounter = true): { req: OrderRequest; txid?: string } {
  if (chargeCounter && !ctx.counter.charge(pair.id, [{ kind: 'add' }])) throw new KrakenError('EOrder:Rate limit exceeded');
  const req = parseOrderRequest(p, { market: ctx.engine.market, now: ctx.engine.clock() }, pair);
  checkStatusForNewOrder(ctx, req);
  if (req.validate) return { req };
  return { req, txid: ctx.engine.place(req).id };
}

/** Scalar params plus a nested `close` object (form brackets or JSON) flattened to `close[…]` keys. */
function withCloseKeys(params: Params): Record<string, string> {
  const flat = flatStrings(params);
  const close = params.close;
  if (close !== undefined) {
    if (typeof close !== 'object' || close === null || Array.isArray(close)) throw invalid('close');
    for (const [k, v] of Object.entries(flatStrings(close as Params))) flat[`close[${k}]`] = v;
  }
  return flat;
}

function batchRows(p: Params): Record<string, string>[] {
  const orders = p.orders;
  if (!Array.isArray(orders) || orders.length < 2 || orders.length > 15) throw invalid('orders');
  return orders.map((row) => {
    if (typeof row !== 'object' || row === null) throw invalid('orders');
    return withCloseKeys(row as Params);
  });
}

export const ORDER_HANDLERS: Record<string, Handler> = {
  AddOrder(ctx, params) {
    const p = withCloseKeys(params);
    const pair = resolvePairParam(ctx.engine.market, p.pair);
    const { req, txid } = submitOrder(ctx, p, pair);
    const descr = { order: requestDescription(req), ...(req.close ? { close: describeClose(req.close) } : {}) };
    return txid === undefined ? { descr } : { descr, txid: [txid] };
  },
  AddOrderBatch(ctx, params) {
    const top = flatStrings(params);
    const pair = resolvePairParam(ctx.engine.market, top.pair);
    const rows = batchRows(params);
    if (!ctx.counter.charge(pair.id, [{ kind: 'batch-add', count: rows.length }])) throw new KrakenError('EOrder:Rate limit exceeded');
    const validate = parseBool(top.validate);
    const requests = rows.map((row) => {
      const req = parseOrderRequest({ ...row, pair: pair.id, validate: 'false' }, { market: ctx.engine.market, now: ctx.engine.clock() }, pair);
      checkStatusForNewOrder(ctx, req);
      return req;
    });
    return {
      orders: requests.map((req) => {
        const descr = { order: requestDescription(req) };
        if (validate) return { descr };
        try {
          return { txid: ctx.engine.place(req).id, descr };
        } catch (err) {
          if (err instanceof KrakenError) return { descr, error: err.krakenMessage };
          throw err;
        }
      }),
    };
  },
  AmendOrder(ctx, params) {
    const p = flatStrings(params);
    checkStatusForCancel(ctx);
    if (ctx.engine.market.status() === 'cancel_only') throw new KrakenError('EService:Market in cancel_only mode');
    const { amendId } = amendOrder(ctx.engine, ctx.counter, {
      txid: p.txid, clOrdId: p.cl_ord_id, orderQty: p.order_qty, displayQty: p.display_qty,
      limitPrice: p.limit_price, triggerPrice: p.trigger_price, postOnly: parseBool(p.post_only),
    });
    return { amend_id: amendId };
  },
  EditOrder(ctx, params) {
    const p = flatStrings(params);
    const pair = resolvePairParam(ctx.engine.market, p.pair);
    const { original, req, txid } = editOrder(ctx, p.txid, pair, {
      volume: p.volume, price: p.price, price2: p.price2, displayvol: p.displayvol, oflags: p.oflags,
      userref: p.userref, deadline: p.deadline, validate: p.validate,
    });
    const descr = { order: requestDescription(req) };
    if (txid === undefined) return { status: 'ok', descr, volume: req.volume.toFixed(), price: req.priceText, price2: req.price2Text };
    return {
      status: 'ok', txid, originaltxid: original.id, volume: req.volume.toFixed(), price: req.priceText,
      price2: req.price2Text, orders_cancelled: 1, descr,
      ...(p.userref ? { newuserref: p.userref, olduserref: String(original.userref ?? 0) } : {}),
    };
  },
  CancelOrder(ctx, params) {
    const p = flatStrings(params);
    checkStatusForCancel(ctx);
    if (p.txid === undefined && p.cl_ord_id === undefined) throw invalid('txid');
    const targets = resolveCancelTargets(ctx.engine, { txid: p.txid, clOrdId: p.cl_ord_id });
    return { count: cancelOrders(ctx.engine, ctx.counter, targets) };
  },
  CancelAll(ctx) {
    checkStatusForCancel(ctx);
    return { count: cancelAll(ctx.engine, ctx.counter) };
  },
  CancelAllOrdersAfter(ctx, params) {
    checkStatusForCancel(ctx);
    return cancelAllAfter(ctx.engine, flatStrings(params).timeout);
  },
  CancelOrderBatch(ctx, params) {
    checkStatusForCancel(ctx);
    const refs = listParam(params.orders).map((txid) => ({ txid }));
    const clRefs = listParam(params.cl_ord_ids).map((clOrdId) => ({ clOrdId }));
    const all = [...refs, ...clRefs];
    if (all.length === 0 || all.length > 50) throw invalid('orders');
    const targets = new Map<string, ReturnType<typeof resolveCancelTargets>[number]>();
    for (const ref of all) {
      try {
        for (const o of resolveCancelTargets(ctx.engine, ref)) targets.set(o.id, o);
      } catch (err) {
        if (!(err instanceof KrakenError)) throw err;
      }
    }
    return { count: cancelOrders(ctx.engine, ctx.counter, [...targets.values()]) };
  },
};
