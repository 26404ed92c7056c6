import type { MarketView } from '../types';
import { assetIdForCode, formatBalance } from './accounts';
import { remainingOf } from './holds';
import { D, ZERO, type Dec } from './decimal';
import { feeInfo, makerTiers } from './fees';
import type { MatchingEngine } from './matching';
import type { OrderRecord } from './model';
import { KrakenError, invalid, parseBool } from './order-request';
import { flatStrings, listParam, type Params } from './params';
import { ledgerView, orderView, tradeView } from './views';

const PAGE = 50;

type Handler = (engine: MatchingEngine, p: Params) => unknown;

/** Unix seconds or an id (whose time is used) → milliseconds; undefined when absent. */
function boundary(value: string | undefined, timeOfId: (id: string) => number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const t = timeOfId(value);
  if (t === undefined) throw invalid(value.startsWith('O') ? 'start' : 'end');
  return t;
}

function inRange(t: number, start: number | undefined, end: number | undefined): boolean {
  return (start === undefined || t > start) && (end === undefined || t <= end);
}

function offset(p: Record<string, string>): number {
  const ofs = p.ofs === undefined || p.ofs === '' ? 0 : Number(p.ofs);
  if (!Number.isInteger(ofs) || ofs < 0) throw invalid('ofs');
  return ofs;
}

function userrefFilter(p: Record<string, string>): (o: OrderRecord) => boolean {
  const userref = p.userref === undefined || p.userref === '' ? undefined : Number(p.userref);
  const clOrdId = p.cl_ord_id === undefined || p.cl_ord_id === '' ? undefined : p.cl_ord_id;
  return (o) => (userref === undefined || o.userref === userref) && (clOrdId === undefined || o.clOrdId === clOrdId);
}

function ordersView(engine: MatchingEngine, orders: OrderRecord[], withTrades: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of orders) {
    const pair = engine.pair(o.pairId);
    if (pair) out[o.id] = orderView(o, pair, withTrades);
  }
  return out;
}

/** Value of `amount` of `asset` in `target` at last prices (0 when no pair links them). */
function valueIn(market: MarketView, asset: string, amount: Dec, target: string): Dec {
  if (asset === target) return amount;
  for (const pair of market.pairs) {
    const last = market.top(pair.id).last;
    if (!last) continue;
    if (pair.base === asset && pair.quote === target) return amount.times(last);
    if (pair.quote === asset && pair.base === target) return amount.div(last);
  }
  return ZERO;
}

/** An asset id (`ZUSD`), altname-like code (`USD`, `XBT`) or common code (`BTC`) → the asset id; undefined if unknown. */
function resolveAsset(market: MarketView, text: string): string | undefined {
  if (market.pairs.some((x) => x.base === text || x.quote === text)) return text;
  return assetIdForCode(market.pairs, text === 'XBT' ? 'BTC' : text === 'XDG' ? 'DOGE' : text);
}

export const QUERY_HANDLERS: Record<string, Handler> = {
  Balance(engine) {
    const out: Record<string, string> = {};
    for (const [asset, value] of Object.entries(engine.state.balances)) out[asset] = formatBalance(asset, new D(value));
    return out;
  },
  BalanceEx(engine) {
    const out: Record<string, unknown> = {};
    for (const [asset, value] of Object.entries(engine.state.balances)) {
      out[asset] = {
        balance: formatBalance(asset, new D(value)),
        hold_trade: formatBalance(asset, engine.accounts.hold(asset).toDecimalPlaces(10, D.ROUND_UP)),
      };
    }
    return out;
  },
  TradeBalance(engine, params) {
    const p = flatStrings(params);
    const target = resolveAsset(engine.market, p.asset ?? 'ZUSD');
    if (!target) throw new KrakenError('EQuery:Unknown asset');
    let eb = ZERO;
    for (const [asset, value] of Object.entries(engine.state.balances)) eb = eb.plus(valueIn(engine.market, asset, new D(value), target));
    let uv = ZERO;
    for (const o of engine.openOrders()) {
      const pair = engine.pair(o.pairId);
      if (!pair) continue;
      const price = new D(o.limitPrice ?? (/^[+\-#]/.test(o.price) ? engine.market.top(pair.id).last || 0 : o.price));
      uv = uv.plus(valueIn(engine.market, pair.quote, remainingOf(o).times(price), target));
    }
    const f = (d: Dec) => d.toFixed(4);
    return { eb: f(eb), tb: f(eb), m: f(ZERO), n: f(ZERO), c: f(ZERO), v: f(ZERO), e: f(eb), mf: f(eb), uv: f(uv) };
  },
  TradeVolume(engine, params) {
    const volume = engine.volume.volume(engine.clock());
    const result: Record<string, unknown> = { currency: 'ZUSD', volume: volume.toFixed(4) };
    const pairs = listParam(params.pair).map((text) => {
      const pair = engine.market.resolvePair(text);
      if (!pair) throw new KrakenError('EQuery:Unknown asset pair');
      return pair;
    });
    if (pairs.length) {
      result.fees = Object.fromEntries(pairs.map((p) => [p.id, feeInfo(p.fees, volume)]));
      result.fees_maker = Object.fromEntries(pairs.map((p) => [p.id, feeInfo(makerTiers(p), volume)]));
    }
    return result;
  },
  OrderAmends(engine, params) {
    const p = flatStrings(params);
    const id = p.order_id ?? p.txid;
    if (!id) throw invalid('order_id');
    const o = engine.state.orders[id];
    if (!o) throw new KrakenError('EOrder:Unknown order');
    const pair = engine.pair(o.pairId);
    const pd = pair?.pairDecimals ?? 8;
    const ld = pair?.lotDecimals ?? 8;
    const rows = o.amends ?? [];
    return {
      amends: rows.map((a) => ({
        amend_id: a.amendId, amend_type: a.type, order_qty: new D(a.orderQty).toFixed(ld),
        display_qty: a.displayQty === null ? undefined : new D(a.displayQty).toFixed(ld),
        remaining_qty: new D(a.remainingQty).toFixed(ld),
        limit_price: a.limitPrice === null ? undefined : new D(a.limitPrice).toFixed(pd),
        trigger_price: a.triggerPrice === null ? undefined : new D(a.triggerPrice).toFixed(pd),
        reason: a.type === 'original' ? null : 'User requested', post_only: a.postOnly, timestamp: a.time * 1_000_000,
      })),
      count: rows.length,
    };
  },
  OpenPositions() {
    return {};
  },
  OpenOrders(engine, params) {
    const p = flatStrings(params);
    const keep = userrefFilter(p);
    const open = engine.openOrders().filter(keep).sort((a, b) => b.opentm - a.opentm);
    return { open: ordersView(engine, open, parseBool(p.trades)) };
  },
  ClosedOrders(engine, params) {
    const p = flatStrings(params);
    const keep = userrefFilter(p);
    const timeOf = (id: string) => engine.state.orders[id]?.opentm;
    const start = boundary(p.start, timeOf);
    const end = boundary(p.end, timeOf);
    const closetime = p.closetime ?? 'both';
    if (!['open', 'close', 'both'].includes(closetime)) throw invalid('closetime');
    const closed = Object.values(engine.state.orders)
      .filter((o) => o.status !== 'open' && o.status !== 'pending' && keep(o))
      .filter((o) => closetime === 'open' ? inRange(o.opentm, start, end)
        : closetime === 'close' ? inRange(o.closetm, start, end)
        : inRange(o.opentm, start, end) || inRange(o.closetm, start, end))
      .sort((a, b) => b.closetm - a.closetm || b.opentm - a.opentm);
    const ofs = offset(p);
    const result: Record<string, unknown> = { closed: ordersView(engine, closed.slice(ofs, ofs + PAGE), parseBool(p.trades)) };
    if (!parseBool(p.without_count)) result.count = closed.length;
    return result;
  },
  QueryOrders(engine, params) {
    const p = flatStrings(params);
    const ids = listParam(params.txid);
    if (ids.length === 0 || ids.length > 50) throw invalid('txid');
    const orders = ids.map((id) => {
      const o = engine.state.orders[id];
      if (!o) throw new KrakenError('EOrder:Invalid order');
      return o;
    }).filter(userrefFilter({ userref: p.userref ?? '' }));
    return ordersView(engine, orders, parseBool(p.trades));
  },
  TradesHistory(engine, params) {
    const p = flatStrings(params);
    const timeOf = (id: string) => engine.state.trades[id]?.time;
    const start = boundary(p.start, timeOf);
    const end = boundary(p.end, timeOf);
    const trades = Object.values(engine.state.trades)
      .filter((t) => inRange(t.time, start, end))
      .sort((a, b) => b.time - a.time || b.tradeId - a.tradeId);
    const ofs = offset(p);
    const out: Record<string, unknown> = {};
    for (const t of trades.slice(ofs, ofs + PAGE)) out[t.id] = tradeView(t, engine.pair(t.pairId));
    return { trades: out, count: trades.length };
  },
  QueryTrades(engine, params) {
    const ids = listParam(params.txid);
    if (ids.length === 0 || ids.length > 20) throw invalid('txid');
    const out: Record<string, unknown> = {};
    for (const id of ids) {
      const t = engine.state.trades[id];
      if (!t) throw invalid('txid');
      out[id] = tradeView(t, engine.pair(t.pairId));
    }
    return out;
  },
  Ledgers(engine, params) {
    const p = flatStrings(params);
    const assets = listParam(params.asset).filter((a) => a !== 'all')
      .map((a) => resolveAsset(engine.market, a) ?? a);
    const type = p.type ?? 'all';
    const timeOf = (id: string) => engine.state.ledger[id]?.time;
    const start = boundary(p.start, timeOf);
    const end = boundary(p.end, timeOf);
    const rows = Object.values(engine.state.ledger)
      .filter((l) => (assets.length === 0 || assets.includes(l.asset)) && (type === 'all' || l.type === type))
      .filter((l) => inRange(l.time, start, end))
      .reverse()
      .sort((a, b) => b.time - a.time);
    const ofs = offset(p);
    const out: Record<string, unknown> = {};
    for (const l of rows.slice(ofs, ofs + PAGE)) out[l.id] = ledgerView(l);
    const result: Record<string, unknown> = { ledger: out };
    if (!parseBool(p.without_count)) result.count = rows.length;
    return result;
  },
  QueryLedgers(engine, params) {
    const ids = listParam(params.id);
    if (ids.length === 0 || ids.length > 20) throw invalid('id');
    const out: Record<string, unknown> = {};
    for (const id of ids) {
      const l = engine.state.ledger[id];
      if (!l) throw invalid('id');
      out[id] = ledgerView(l);
    }
    return out;
  },
};
