import type { PairInfo } from '../types';
import { rawNumber, type RawNumber } from '../../../lib/kraken/wire-json';
import { codeForAssetId } from './accounts';
import { D, rfc3339 } from './decimal';
import type { ExecutionEvent } from './matching';
import type { LedgerRecord, OrderRecord, TradeRecord } from './model';

/** WS v2 order_status of a record. */
export function wsOrderStatus(o: OrderRecord): string {
  switch (o.status) {
    case 'pending': return 'pending_new';
    case 'open': {
      const exec = new D(o.volExec);
      if (exec.isZero()) return 'new';
      return exec.gte(o.vol) ? 'filled' : 'partially_filled';
    }
    case 'closed': return 'filled';
    default: return o.status;
  }
}

function num(value: string | number, decimals: number): RawNumber {
  // relative price text ("+50", "#1%") has no number form; such fields print 0
  return rawNumber(typeof value === 'string' && (/^[+#]/.test(value) || value.endsWith('%')) ? '0' : value, decimals);
}

function avg(o: OrderRecord): string {
  const exec = new D(o.volExec);
  return exec.isZero() ? '0' : new D(o.cost).div(exec).toFixed();
}

/** Fields every report carries so a client can merge sparse updates. */
function identity(o: OrderRecord, pair: PairInfo): Record<string, unknown> {
  const out: Record<string, unknown> = {
    order_id: o.id, symbol: pair.symbol, side: o.side, order_type: o.ordertype, order_userref: o.userref ?? 0,
  };
  if (o.clOrdId !== null) out.cl_ord_id = o.clOrdId;
  return out;
}

function progress(o: OrderRecord, pair: PairInfo): Record<string, unknown> {
  return {
    cum_qty: num(o.volExec, pair.lotDecimals), cum_cost: num(o.cost, pair.costDecimals),
    avg_price: num(avg(o), pair.pairDecimals), fee_usd_equiv: num(o.fee, pair.costDecimals),
  };
}

/** The full description of an order (pending_new and snapshot rows). */
export function orderDescription(o: OrderRecord, pair: PairInfo, time: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...identity(o, pair),
    order_qty: num(o.vol === '0' && o.quoteVol ? o.quoteVol : o.vol, pair.lotDecimals),
    time_in_force: o.tif, order_status: wsOrderStatus(o),
    fee_ccy_pref: o.feeInQuote ? 'fciq' : 'fcib', timestamp: rfc3339(time), post_only: o.postOnly,
    ...progress(o, pair),
  };
  if (o.ordertype !== 'market' && !/^[+\-#]/.test(o.price) && (o.ordertype === 'limit' || o.ordertype === 'iceberg')) {
    out.limit_price_type = 'static';
    out.limit_price = num(o.price, pair.pairDecimals);
  } else if (o.ordertype.endsWith('-limit')) {
    out.limit_price_type = /^[+\-]/.test(o.price2) ? 'quote' : 'static';
    out.limit_price = num(o.limitPrice ?? o.price2, pair.pairDecimals);
  }
  if (o.ordertype !== 'market' && o.ordertype !== 'limit' && o.ordertype !== 'iceberg') {
    const trailing = o.trailOffset !== null;
    out.triggers = {
      reference: o.trigger, price: num(trailing ? o.trailOffset!.value : o.price, pair.pairDecimals),
      price_type: trailing ? (o.trailOffset!.pct ? 'pct' : 'quote') : 'static', actual_price: num(trailing ? o.trailExtreme ?? '0' : o.price, pair.pairDecimals),
      status: o.triggered ? 'triggered' : 'untriggered',
    };
  }
  if (o.displayVol !== null) out.display_qty = num(o.displayVol, pair.lotDecimals);
  if (o.starttm) out.effective_time = rfc3339(o.starttm);
  if (o.expiretm) out.expire_time = rfc3339(o.expiretm);
  return out;
}

/** A fill as an `exec_type: "trade"` row (also used for snap_trades). */
export function tradeReport(o: OrderRecord, pair: PairInfo, t: TradeRecord, feeAsset: string): Record<string, unknown> {
  const feeQty = o.feeInQuote ? t.fee : new D(t.fee).div(t.price).toDecimalPlaces(pair.lotDecimals).toFixed();
  return {
    ...identity(o, pair), exec_id: t.id, exec_type: 'trade', trade_id: t.tradeId,
    last_qty: num(t.vol, pair.lotDecimals), last_price: num(t.price, pair.pairDecimals),
    liquidity_ind: t.maker ? 'm' : 't', cost: num(t.cost, pair.costDecimals),
    order_status: wsOrderStatus(o), timestamp: rfc3339(t.time),
    fee_usd_equiv: num(t.fee, pair.costDecimals),
    fees: [{ asset: feeAsset, qty: num(feeQty, o.feeInQuote ? pair.costDecimals : pair.lotDecimals) }],
    ...progress(o, pair),
  };
}

/** One execution event as a WS v2 `executions` row. */
export function executionReport(ev: ExecutionEvent, pair: PairInfo, pairs: readonly PairInfo[]): Record<string, unknown> {
  const o = ev.order;
  const ts = rfc3339(ev.time);
  switch (ev.execType) {
    case 'pending_new':
      return { ...orderDescription(o, pair, ev.time), exec_type: 'pending_new', order_status: 'pending_new' };
    case 'trade': {
      const feeAsset = codeForAssetId(pairs, o.feeInQuote ? pair.quote : pair.base);
      return tradeReport(o, pair, ev.trade!, feeAsset);
    }
    case 'amended':
      return {
        ...identity(o, pair), exec_type: 'amended', order_status: wsOrderStatus(o), amended: true,
        order_qty: num(o.vol, pair.lotDecimals), reason: 'User requested', timestamp: ts,
        ...(o.limitPrice ? { limit_price: num(o.limitPrice, pair.pairDecimals) } : {}),
        ...(o.displayVol ? { display_qty: num(o.displayVol, pair.lotDecimals) } : {}),
        ...progress(o, pair),
      };
    case 'canceled':
    case 'expired':
      return {
        ...identity(o, pair), exec_type: ev.execType, order_status: ev.execType, timestamp: ts,
        ...(ev.execType === 'canceled' ? { cancel_reason: o.reason ?? 'User requested', reason: o.reason ?? 'User requested' } : {}),
        ...progress(o, pair),
      };
    default:
      return {
        ...identity(o, pair), exec_type: ev.execType, order_status: wsOrderStatus(o), timestamp: ts,
        order_qty: num(o.vol, pair.lotDecimals),
        ...(o.displayLeft !== null ? { display_qty: num(o.displayLeft, pair.lotDecimals) } : {}),
        ...progress(o, pair),
      };
  }
}

function assetPlaces(code: string): number {
  return ['USD', 'EUR', 'GBP', 'CAD', 'JPY', 'CHF'].includes(code) ? 4 : 10;
}

/** balances snapshot row: common code, balance and the spot wallet. */
export function balanceRow(pairs: readonly PairInfo[], assetId: string, value: string): Record<string, unknown> {
  const code = codeForAssetId(pairs, assetId);
  const balance = num(value, assetPlaces(code));
  return { asset: code, asset_class: 'currency', balance, wallets: [{ type: 'spot', id: 'main', balance }] };
}

/** balances update row from one ledger entry. */
export function ledgerUpdateRow(pairs: readonly PairInfo[], l: LedgerRecord): Record<string, unknown> {
  const code = codeForAssetId(pairs, l.asset);
  const places = assetPlaces(code);
  return {
    asset: code, asset_class: 'currency', amount: num(l.amount, places), balance: num(l.balance, places),
    fee: num(l.fee, places), ledger_id: l.id, ref_id: l.refid, timestamp: rfc3339(l.time), type: l.type,
    subtype: l.subtype, category: l.type === 'trade' ? 'trade' : 'adjustment', wallet_type: 'spot', wallet_id: 'main',
  };
}
