import type { PairInfo } from '../types';
import { formatBalance } from './accounts';
import { D, fixed, unixSeconds } from './decimal';
import { isTriggeredType, type CloseSpec, type LedgerRecord, type OrderRecord, type TradeRecord } from './model';
import { offsetAmount } from './order-request';

const TYPE_WORDS: Record<string, string> = {
  market: 'market', limit: 'limit', iceberg: 'iceberg', 'stop-loss': 'stop loss', 'take-profit': 'take profit',
  'stop-loss-limit': 'stop loss', 'take-profit-limit': 'take profit', 'trailing-stop': 'trailing stop',
  'trailing-stop-limit': 'trailing stop',
};

/** descr.order text, e.g. `buy 1.25000000 XBTUSD @ limit 30010.0` or `sell 1.00000000 XBTUSD @ stop loss 20000.0 -> limit 19900.0`. */
export function describeOrder(o: Pick<OrderRecord, 'side' | 'vol' | 'quoteVol' | 'ordertype' | 'price' | 'price2'>, pair: PairInfo): string {
  const vol = o.quoteVol !== null && o.vol === '0' ? fixed(o.quoteVol, pair.costDecimals) : fixed(o.vol, pair.lotDecimals);
  let text = `${o.side} ${vol} ${pair.altname} @ ${TYPE_WORDS[o.ordertype] ?? o.ordertype}`;
  if (o.ordertype !== 'market') text += ` ${o.price}`;
  if (o.ordertype.endsWith('-limit')) text += ` -> limit ${o.price2}`;
  return text;
}

/** descr.close text, e.g. `close position @ stop loss 22000.0 -> limit 21000.0`; "" when there is none. */
export function describeClose(close: CloseSpec | null | undefined): string {
  if (!close) return '';
  const limit = close.price2 !== null ? ` -> limit ${close.price2}` : '';
  return `close position @ ${TYPE_WORDS[close.ordertype] ?? close.ordertype} ${close.price}${limit}`;
}

function avgPrice(o: OrderRecord, pair: PairInfo): string {
  const exec = new D(o.volExec);
  return exec.isZero() ? fixed(0, pair.pairDecimals) : new D(o.cost).div(exec).toFixed(pair.pairDecimals);
}

/** Order object of OpenOrders/ClosedOrders/QueryOrders. */
export function orderView(o: OrderRecord, pair: PairInfo, withTrades: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    refid: null,
    userref: o.userref ?? 0,
    cl_ord_id: o.clOrdId,
    status: o.status,
    opentm: unixSeconds(o.opentm),
    starttm: o.starttm ? Math.floor(o.starttm / 1000) : 0,
    expiretm: o.expiretm ? Math.floor(o.expiretm / 1000) : 0,
    descr: {
      pair: pair.altname, type: o.side, ordertype: o.ordertype, price: o.price, price2: o.price2,
      leverage: 'none', order: describeOrder(o, pair), close: describeClose(o.close),
    },
    vol: fixed(o.vol, pair.lotDecimals),
    vol_exec: fixed(o.volExec, pair.lotDecimals),
    cost: fixed(o.cost, pair.costDecimals),
    fee: fixed(o.fee, pair.costDecimals),
    price: avgPrice(o, pair),
    stopprice: isTriggeredType(o.ordertype) ? stopPrice(o, pair) : fixed(0, pair.pairDecimals),
    limitprice: o.limitPrice ? fixed(o.limitPrice, pair.pairDecimals) : fixed(0, pair.pairDecimals),
    trigger: o.trigger,
    margin: false,
    misc: o.misc.join(','),
    oflags: o.oflags.length ? o.oflags.join(',') : o.feeInQuote ? 'fciq' : 'fcib',
  };
  if (o.status !== 'open' && o.status !== 'pending') {
    view.closetm = unixSeconds(o.closetm);
    view.reason = o.reason;
  }
  if (withTrades && o.trades.length) view.trades = [...o.trades];
  return view;
}

/** Trigger price; for trailing types the current one (best price seen ∓ offset). */
function stopPrice(o: OrderRecord, pair: PairInfo): string {
  if (!o.trailOffset) return fixed(o.price, pair.pairDecimals);
  const ext = new D(o.trailExtreme ?? 0);
  const off = offsetAmount(o.trailOffset, ext);
  return fixed(o.side === 'sell' ? ext.minus(off) : ext.plus(off), pair.pairDecimals);
}

/** Trade object of TradesHistory/QueryTrades. */
export function tradeView(t: TradeRecord, pair: PairInfo | undefined): Record<string, unknown> {
  const pd = pair?.pairDecimals ?? 8;
  const cd = pair?.costDecimals ?? 8;
  return {
    ordertxid: t.orderId,
    postxid: 'TKH2SE-M7IF5-CFI7LT',
    pair: t.pairId,
    aclass: 'forex',
    time: unixSeconds(t.time),
    type: t.side,
    ordertype: t.ordertype,
    price: fixed(t.price, pd),
    cost: fixed(t.cost, cd),
    fee: fixed(t.fee, cd),
    vol: fixed(t.vol, pair?.lotDecimals ?? 8),
    margin: fixed(0, cd),
    leverage: '0',
    misc: '',
    ledgers: [...t.ledgers],
    trade_id: t.tradeId,
    maker: t.maker,
  };
}

/** Ledger entry of Ledgers/QueryLedgers. */
export function ledgerView(l: LedgerRecord): Record<string, unknown> {
  return {
    refid: l.refid, time: unixSeconds(l.time), type: l.type, subtype: l.subtype, aclass: 'currency', asset: l.asset,
    amount: formatBalance(l.asset, new D(l.amount)), fee: formatBalance(l.asset, new D(l.fee)),
    balance: formatBalance(l.asset, new D(l.balance)),
  };
}
