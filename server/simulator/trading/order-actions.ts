import { remainingOf } from './holds';
import { D, DECIMAL_TEXT, decimalPlaces, rfc3339, type Dec } from './decimal';
import { makeId } from './ids';
import type { MatchingEngine } from './matching';
import { isTriggeredType, type AmendEntry, type OrderRecord } from './model';
import { KrakenError, invalid, parseOffset, resolvePrice } from './order-request';
import type { TradingCounter } from './rate-counters';

export interface AmendRequest {
  txid?: string;
  clOrdId?: string;
  orderQty?: string;
  displayQty?: string;
  limitPrice?: string;
  triggerPrice?: string;
  postOnly: boolean;
}

function findOpen(engine: MatchingEngine, txid: string | undefined, clOrdId: string | undefined): OrderRecord {
  const o = txid !== undefined ? engine.state.orders[txid] : engine.openOrders().find((x) => x.clOrdId === clOrdId);
  if (!o || (o.status !== 'open' && o.status !== 'pending')) throw new KrakenError('EOrder:Unknown order');
  return o;
}

/** In-place amend (Kraken's AmendOrder): keeps ids, re-checks funds, marks `misc` with `amended`. Returns the amend id. */
export function amendOrder(engine: MatchingEngine, counter: TradingCounter, req: AmendRequest): { amendId: string; order: OrderRecord } {
  if (req.txid === undefined && req.clOrdId === undefined) throw invalid('txid');
  const o = findOpen(engine, req.txid, req.clOrdId);
  const pair = engine.pair(o.pairId);
  if (!pair) throw new KrakenError('EOrder:Unknown order');
  if (!counter.charge(pair.id, [{ kind: 'amend', ageMs: ageOf(engine, o) }])) {
    throw new KrakenError('EOrder:Rate limit exceeded');
  }
  const next = structuredClone(o);
  let changed = false;
  if (req.orderQty !== undefined) {
    const qty = checkQty(req.orderQty, pair.lotDecimals, 'order_qty');
    if (qty.lt(pair.ordermin)) throw new KrakenError('EOrder:Order minimum not met');
    if (!qty.eq(o.vol)) {
      next.vol = qty.toFixed();
      changed = true;
    }
  }
  if (req.displayQty !== undefined) {
    if (o.displayVol === null) throw invalid('display_qty');
    const dq = checkQty(req.displayQty, pair.lotDecimals, 'display_qty');
    if (dq.lt(remainingOf(next).div(15))) throw invalid('display_qty');
    if (!dq.eq(o.displayVol)) {
      next.displayVol = dq.toFixed();
      next.displayLeft = D.min(dq, remainingOf(next)).toFixed();
      changed = true;
    }
  }
  const last = new D(engine.market.top(pair.id).last || '0');
  if (req.limitPrice !== undefined && o.limitOffset !== null && !o.triggered) {
    // trailing-stop-limit: the limit is an offset from the trigger price, amended as one (as AmendOrder does)
    parseOffset(req.limitPrice, true);
    if (req.limitPrice !== o.limitOffset) {
      next.limitOffset = req.limitPrice;
      next.price2 = req.limitPrice;
      changed = true;
    }
  } else if (req.limitPrice !== undefined) {
    const isLimit = o.ordertype === 'limit' || o.ordertype === 'iceberg';
    if (!isLimit && !o.ordertype.endsWith('-limit')) throw invalid('limit_price');
    const price = resolvePrice(pair, req.limitPrice, 'limit_price', last, o.side === 'buy' ? -1 : 1).toFixed(pair.pairDecimals);
    const current = isLimit ? o.price : o.price2;
    if (price !== current) {
      if (isLimit) next.price = price;
      else next.price2 = price;
      if (isLimit || o.triggered) next.limitPrice = price;
      changed = true;
    }
  }
  if (req.triggerPrice !== undefined && o.trailOffset !== null && !o.triggered) {
    // trailing types: the trigger is the trailing offset ("+500", "+1.5%"), amended as one
    const offset = parseOffset(req.triggerPrice, false);
    if (req.triggerPrice !== o.price) {
      next.trailOffset = { value: offset.value, pct: offset.pct };
      next.price = req.triggerPrice;
      changed = true;
    }
  } else if (req.triggerPrice !== undefined) {
    if (!isTriggeredType(o.ordertype) || o.triggered || o.trailOffset) throw invalid('trigger_price');
    const price = resolvePrice(pair, req.triggerPrice, 'trigger_price', last, 1).toFixed(pair.pairDecimals);
    if (price !== o.price) {
      next.price = price;
      changed = true;
    }
  }
  if (!changed) throw new KrakenError('EGeneral:Invalid arguments:No amendable parameters');
  if (req.postOnly && next.limitPrice !== null && wouldTake(engine, next)) {
    throw new KrakenError('EOrder:Post only order');
  }
  engine.requireFunds(next);
  return engine.atomically(() => {
    const history = o.amends ?? [amendEntry(o, 'original', makeId('T'), o.opentm, o.postOnly)];
    // as on Kraken, a larger quantity loses queue priority (a mirror's queue model sends it to the back; a new
    // price does so by itself); a smaller one keeps it
    if (new D(next.vol).gt(o.vol)) engine.market.queueFills?.leave(o.id);
    Object.assign(o, next);
    o.lastChange = engine.clock();
    if (!o.misc.includes('amended')) o.misc.push('amended');
    const amendId = makeId('T');
    o.amends = [...history, amendEntry(o, 'user', amendId, o.lastChange, req.postOnly)];
    engine.emit('amended', o);
    if (new D(o.vol).lte(o.volExec)) {
      engine.close(o, new D(o.volExec).gt(0) ? 'closed' : 'canceled', 'Order quantity amended below filled');
    } else {
      engine.rematch(o);
    }
    return { amendId, order: o };
  });
}

/** A history row with the order's terms as they stand now. */
function amendEntry(o: OrderRecord, type: 'original' | 'user', amendId: string, time: number, postOnly: boolean): AmendEntry {
  return {
    amendId, type, orderQty: o.vol, displayQty: o.displayVol, remainingQty: remainingOf(o).toFixed(),
    limitPrice: o.limitPrice ?? (o.ordertype.endsWith('-limit') ? o.price2 : null),
    triggerPrice: isTriggeredType(o.ordertype) && !o.trailOffset ? o.price : null, postOnly, time,
  };
}

function wouldTake(engine: MatchingEngine, o: OrderRecord): boolean {
  const top = engine.market.top(o.pairId);
  const limit = new D(o.limitPrice ?? o.price);
  const opposite = o.side === 'buy' ? top.ask : top.bid;
  return opposite !== '' && (o.side === 'buy' ? limit.gte(opposite) : limit.lte(opposite));
}

function checkQty(text: string, places: number, field: string): Dec {
  if (!DECIMAL_TEXT.test(text) || decimalPlaces(text) > places || new D(text).lte(0)) throw invalid(field);
  return new D(text);
}

function ageOf(engine: MatchingEngine, o: OrderRecord): number {
  return engine.clock() - o.lastChange;
}

/** Orders a CancelOrder reference names: a txid, a userref (all orders carrying it) or a cl_ord_id. */
export function resolveCancelTargets(engine: MatchingEngine, ref: { txid?: string; clOrdId?: string }): OrderRecord[] {
  const open = engine.openOrders();
  let found: OrderRecord[] = [];
  if (ref.clOrdId !== undefined) found = open.filter((o) => o.clOrdId === ref.clOrdId);
  else if (ref.txid !== undefined && /^-?\d+$/.test(ref.txid)) found = open.filter((o) => o.userref === Number(ref.txid));
  else if (ref.txid !== undefined) found = open.filter((o) => o.id === ref.txid);
  if (found.length === 0) throw new KrakenError('EOrder:Invalid order');
  return found;
}

/** Cancels the given open orders; each pair's trading counter is charged by order age first. */
export function cancelOrders(engine: MatchingEngine, counter: TradingCounter, orders: OrderRecord[], reason = 'User requested'): number {
  const byPair = new Map<string, OrderRecord[]>();
  for (const o of orders) byPair.set(o.pairId, [...(byPair.get(o.pairId) ?? []), o]);
  for (const [pairId, list] of byPair) {
    const actions = list.map((o) => ({ kind: 'cancel' as const, ageMs: ageOf(engine, o) }));
    if (!counter.charge(pairId, actions)) throw new KrakenError('EOrder:Rate limit exceeded');
  }
  return engine.atomically(() => {
    for (const o of orders) engine.close(o, 'canceled', reason);
    return orders.length;
  });
}

/** CancelAll: +1 per affected pair on the trading counter (Kraken SDK model). */
export function cancelAll(engine: MatchingEngine, counter: TradingCounter): number {
  const open = engine.openOrders();
  for (const pairId of new Set(open.map((o) => o.pairId))) counter.charge(pairId, [{ kind: 'flat', amount: 1 }]);
  return engine.atomically(() => {
    for (const o of open) engine.close(o, 'canceled', 'User requested');
    return open.length;
  });
}

/** Dead-man's switch: arms (timeout seconds, < 86400) or disarms (0). */
export function cancelAllAfter(engine: MatchingEngine, timeoutText: string | number | undefined): { currentTime: string; triggerTime: string } {
  const text = String(timeoutText ?? '');
  if (!/^\d+$/.test(text)) throw invalid('timeout');
  const timeout = Number(text);
  if (timeout >= 86400) throw invalid('timeout');
  const now = engine.clock();
  return engine.atomically(() => {
    engine.state.deadMan.triggerAt = timeout === 0 ? 0 : now + timeout * 1000;
    return {
      currentTime: rfc3339Seconds(now),
      triggerTime: timeout === 0 ? '0' : rfc3339Seconds(now + timeout * 1000),
    };
  });
}

function rfc3339Seconds(ms: number): string {
  return rfc3339(Math.floor(ms / 1000) * 1000).replace(/\.\d+Z$/, 'Z');
}
