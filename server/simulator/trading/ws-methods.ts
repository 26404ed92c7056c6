import { editOrder } from './edit-order';
import type { MatchingEngine } from './matching';
import { amendOrder, cancelAll, cancelAllAfter, cancelOrders, resolveCancelTargets } from './order-actions';
import type { OrderRecord } from './model';
import { KrakenError, parseOrderRequest, resolvePairParam } from './order-request';
import type { TradingCounter } from './rate-counters';
import { checkStatusForCancel, checkStatusForNewOrder, submitOrder } from './rest-orders';
import { AMEND_FIELDS, EDIT_FIELDS, addOrderToRest, editOrderToRest, priceText, rejectUnknown } from './ws-trading';

type Result = Record<string, unknown> | Record<string, unknown>[];

function stringList(v: unknown, field: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new KrakenError(`EGeneral:Invalid arguments:${field}`);
  return v.map((x) => String(x));
}

/** The WS v2 trading methods (add_order, amend_order, cancel_order, …) on top of the same engine and counters as REST. */
export class WsTradingMethods {
  constructor(private readonly engine: MatchingEngine, private readonly counter: TradingCounter) {}

  /** Runs one method; most answer once, cancel_order answers once per cancelled reference. */
  run(method: string, p: Record<string, unknown>): Result[] {
    const ctx = { engine: this.engine, counter: this.counter };
    switch (method) {
      case 'add_order': {
        const rest = addOrderToRest(p);
        const pair = resolvePairParam(this.engine.market, rest.pair);
        const { txid } = submitOrder(ctx, rest, pair);
        const out: Result = { order_id: txid ?? '' };
        if (p.cl_ord_id !== undefined) out.cl_ord_id = p.cl_ord_id;
        if (p.order_userref !== undefined) out.order_userref = p.order_userref;
        return [out];
      }
      case 'amend_order': {
        rejectUnknown(p, AMEND_FIELDS);
        checkStatusForCancel(ctx);
        const str = (v: unknown) => (v === undefined ? undefined : String(v));
        const { amendId, order } = amendOrder(this.engine, this.counter, {
          txid: str(p.order_id), clOrdId: str(p.cl_ord_id), orderQty: str(p.order_qty), displayQty: str(p.display_qty),
          limitPrice: p.limit_price === undefined ? undefined : priceText(p.limit_price, p.limit_price_type, 'limit_price'),
          triggerPrice: p.trigger_price === undefined ? undefined : priceText(p.trigger_price, p.trigger_price_type, 'trigger_price'),
          postOnly: p.post_only === true,
        });
        return [{ amend_id: amendId, order_id: order.id, ...(order.clOrdId ? { cl_ord_id: order.clOrdId } : {}) }];
      }
      case 'edit_order': {
        rejectUnknown(p, EDIT_FIELDS);
        const ref = p.order_id === undefined ? undefined : String(p.order_id);
        const pair = resolvePairParam(this.engine.market, typeof p.symbol === 'string' ? p.symbol : undefined);
        const target = ref === undefined ? undefined : resolveCancelTargets(this.engine, { txid: ref })[0];
        if (!target) throw new KrakenError('EGeneral:Invalid arguments:order_id');
        const { original, txid } = editOrder(ctx, ref, pair, editOrderToRest(p, target));
        return [{ order_id: txid ?? '', original_order_id: original.id }];
      }
      case 'cancel_order': {
        rejectUnknown(p, ['token', 'order_id', 'cl_ord_id', 'order_userref']);
        checkStatusForCancel(ctx);
        const refs = [
          ...stringList(p.order_id, 'order_id').map((txid) => ({ ref: { txid }, echo: { order_id: txid } })),
          ...stringList(p.cl_ord_id, 'cl_ord_id').map((clOrdId) => ({ ref: { clOrdId }, echo: { cl_ord_id: clOrdId } })),
          ...stringList(p.order_userref, 'order_userref').map((u) => ({ ref: { txid: u }, echo: { order_userref: Number(u) } })),
        ];
        if (refs.length === 0) throw new KrakenError('EGeneral:Invalid arguments:order_id');
        const results: Result[] = [];
        for (const { ref, echo } of refs) {
          const targets = resolveCancelTargets(this.engine, ref);
          cancelOrders(this.engine, this.counter, targets);
          results.push('order_id' in echo ? echo : { order_id: targets[0]?.id, ...echo });
        }
        return results;
      }
      case 'batch_add':
        return [this.batchAdd(p)];
      case 'batch_cancel': {
        rejectUnknown(p, ['token', 'orders', 'cl_ord_id', 'deadline']);
        checkStatusForCancel(ctx);
        const refs = [
          ...stringList(p.orders, 'orders').map((txid) => ({ txid })),
          ...stringList(p.cl_ord_id, 'cl_ord_id').map((clOrdId) => ({ clOrdId })),
        ];
        if (refs.length < 2 || refs.length > 50) throw new KrakenError('EGeneral:Invalid arguments:orders');
        const targets = new Map<string, OrderRecord>();
        for (const ref of refs) for (const o of resolveCancelTargets(this.engine, ref)) targets.set(o.id, o);
        return [{ count: cancelOrders(this.engine, this.counter, [...targets.values()]) }];
      }
      case 'cancel_all':
        rejectUnknown(p, ['token']);
        checkStatusForCancel(ctx);
        return [{ count: cancelAll(this.engine, this.counter) }];
      case 'cancel_all_orders_after':
        rejectUnknown(p, ['token', 'timeout']);
        checkStatusForCancel(ctx);
        return [cancelAllAfter(this.engine, p.timeout as string | number | undefined)];
      default:
        throw new KrakenError('Method not found');
    }
  }

  /** batch_add: every order is validated first (one bad order rejects all), then each is placed on its own. */
  private batchAdd(p: Record<string, unknown>): Record<string, unknown>[] {
    rejectUnknown(p, ['token', 'symbol', 'orders', 'validate', 'deadline']);
    const ctx = { engine: this.engine, counter: this.counter };
    if (!Array.isArray(p.orders) || p.orders.length < 2 || p.orders.length > 15) throw new KrakenError('EGeneral:Invalid arguments:orders');
    const pair = resolvePairParam(this.engine.market, typeof p.symbol === 'string' ? p.symbol : undefined);
    if (!this.counter.charge(pair.id, [{ kind: 'batch-add', count: p.orders.length }])) throw new KrakenError('EOrder:Rate limit exceeded');
    const rows = p.orders.map((row: unknown) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new KrakenError('EGeneral:Invalid arguments:orders');
      const fields = row as Record<string, unknown>;
      const rest = addOrderToRest({ ...fields, symbol: pair.symbol, ...(p.deadline !== undefined ? { deadline: p.deadline } : {}) });
      const req = parseOrderRequest(rest, { market: this.engine.market, now: this.engine.clock() }, pair);
      checkStatusForNewOrder(ctx, req);
      return { req, fields };
    });
    return rows.map(({ req, fields }) => {
      const echo: Record<string, unknown> = {};
      if (fields.cl_ord_id !== undefined) echo.cl_ord_id = fields.cl_ord_id;
      if (fields.order_userref !== undefined) echo.order_userref = fields.order_userref;
      if (p.validate === true) return { order_id: '', ...echo };
      try {
        return { order_id: this.engine.place(req).id, ...echo };
      } catch (err) {
        if (err instanceof KrakenError) return { error: err.krakenMessage, ...echo };
        throw err;
      }
    });
  }
}
