import type { PairInfo } from '../types';
import { D, ZERO, type Dec } from './decimal';
import { HeldTotals } from './holds';
import { makeId } from './ids';
import type { AccountState, LedgerRecord, OrderRecord, TradeRecord } from './model';

/** Demo balances by common code; assets without a listed pair are skipped. */
export const DEMO_BALANCES: Record<string, string> = {
  USD: '1000000', BTC: '10', ETH: '200', SOL: '1000', XRP: '20000', DOGE: '100000', ADA: '20000',
};

const FIAT = new Set(['ZUSD', 'ZEUR', 'ZGBP', 'ZCAD', 'ZJPY', 'ZCHF', 'USD', 'EUR', 'GBP']);

/** Balance text as Kraken prints it: 4 decimals for fiat, 10 for crypto, more only if the value needs it. */
export function formatBalance(assetId: string, value: Dec): string {
  const places = Math.max(FIAT.has(assetId) ? 4 : 10, value.decimalPlaces());
  return value.toFixed(places);
}

export function newAccountState(pairs: readonly PairInfo[], start: Record<string, string> = DEMO_BALANCES): AccountState {
  const balances: Record<string, string> = {};
  for (const [code, amount] of Object.entries(start)) {
    const assetId = assetIdForCode(pairs, code);
    if (assetId) balances[assetId] = amount;
  }
  return { balances, orders: {}, trades: {}, ledger: {}, nextTradeId: 1, deadMan: { triggerAt: 0 } };
}

export function assetIdForCode(pairs: readonly PairInfo[], code: string): string | undefined {
  for (const p of pairs) {
    if (p.baseCode === code) return p.base;
    if (p.quoteCode === code) return p.quote;
  }
  return undefined;
}

export function codeForAssetId(pairs: readonly PairInfo[], assetId: string): string {
  for (const p of pairs) {
    if (p.base === assetId) return p.baseCode;
    if (p.quote === assetId) return p.quoteCode;
  }
  return assetId;
}

export class Accounts {
  private readonly held = new HeldTotals();

  constructor(
    private readonly state: AccountState,
    private readonly pairOf: (id: string) => PairInfo | undefined,
    private readonly openOrders: () => OrderRecord[],
  ) {}

  balance(asset: string): Dec {
    return new D(this.state.balances[asset] ?? 0);
  }

  /** Sum of holds on `asset` over open orders, optionally leaving one order out. */
  hold(asset: string, exceptOrderId?: string): Dec {
    return this.held.total(this.openOrders(), this.pairOf, asset, exceptOrderId);
  }

  available(asset: string, exceptOrderId?: string): Dec {
    return this.balance(asset).minus(this.hold(asset, exceptOrderId));
  }

  /**
   * Books one fill: a trade row, two ledger rows (one per asset; the fee sits on the fee asset) and the balances.
   * `pct` is the fee tier's percent. Quote fee rounded to the pair's cost decimals, base fee to its lot decimals.
   */
  bookFill(o: OrderRecord, pair: PairInfo, price: Dec, qty: Dec, maker: boolean, time: number, pct: Dec): { trade: TradeRecord; ledger: LedgerRecord[] } {
    const cost = price.times(qty);
    const feeQuote = cost.times(pct).div(100).toDecimalPlaces(pair.costDecimals);
    const feeBase = qty.times(pct).div(100).toDecimalPlaces(pair.lotDecimals);
    const tradeFee = o.feeInQuote ? feeQuote : feeBase.times(price).toDecimalPlaces(pair.costDecimals);
    const sign = o.side === 'buy' ? 1 : -1;
    const tradeId = makeId('T');
    const baseRow = this.ledgerRow(tradeId, pair.base, qty.times(sign), o.feeInQuote ? ZERO : feeBase, time);
    const quoteRow = this.ledgerRow(tradeId, pair.quote, cost.times(-sign), o.feeInQuote ? feeQuote : ZERO, time);
    const trade: TradeRecord = {
      id: tradeId, orderId: o.id, pairId: pair.id, time, side: o.side, ordertype: o.ordertype,
      price: price.toFixed(), cost: cost.toFixed(), fee: tradeFee.toFixed(), vol: qty.toFixed(), maker,
      ledgers: [baseRow.id, quoteRow.id], tradeId: this.state.nextTradeId++,
    };
    this.state.trades[trade.id] = trade;
    o.volExec = new D(o.volExec).plus(qty).toFixed();
    o.cost = new D(o.cost).plus(cost).toFixed();
    o.fee = new D(o.fee).plus(tradeFee).toFixed();
    o.trades.push(trade.id);
    return { trade, ledger: [baseRow, quoteRow] };
  }

  private ledgerRow(refid: string, asset: string, amount: Dec, fee: Dec, time: number): LedgerRecord {
    const balance = this.balance(asset).plus(amount).minus(fee);
    this.state.balances[asset] = balance.toFixed();
    const row: LedgerRecord = {
      id: makeId('L'), refid, time, type: 'trade', subtype: '', asset,
      amount: amount.toFixed(), fee: fee.toFixed(), balance: balance.toFixed(),
    };
    this.state.ledger[row.id] = row;
    return row;
  }
}
