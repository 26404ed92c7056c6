/** Persisted records of the paper account. Money is decimal text; times are milliseconds. */

export const ORDER_TYPES = [
  'market', 'limit', 'iceberg', 'stop-loss', 'take-profit', 'stop-loss-limit', 'take-profit-limit',
  'trailing-stop', 'trailing-stop-limit',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
export type Side = 'buy' | 'sell';
export type OrderStatus = 'pending' | 'open' | 'closed' | 'canceled' | 'expired';
export type TimeInForce = 'GTC' | 'IOC' | 'GTD';

/** A relative or absolute trailing offset as placed: `+50` or `+2%` (value without sign). */
export interface Offset {
  value: string;
  pct: boolean;
}

/** OTO conditional close: placed on the opposite side for the executed volume once the order finishes. */
export interface CloseSpec {
  ordertype: OrderType;
  /** price texts as given (relative ones resolve against last when the close is placed) */
  price: string;
  price2: string | null;
}

/** One row of OrderAmends: the original terms, then each user amend. */
export interface AmendEntry {
  amendId: string;
  type: 'original' | 'user';
  orderQty: string;
  displayQty: string | null;
  remainingQty: string;
  limitPrice: string | null;
  triggerPrice: string | null;
  postOnly: boolean;
  time: number;
}

export interface OrderRecord {
  id: string;
  pairId: string;
  side: Side;
  ordertype: OrderType;
  /** base volume; for viqc market buys the quote amount sits in `quoteVol` and `vol` is what was bought */
  vol: string;
  quoteVol: string | null;
  volExec: string;
  cost: string;
  fee: string;
  /** descr.price: limit price (limit/iceberg) or trigger price (triggered types), "0" for market */
  price: string;
  /** descr.price2: limit price of *-limit types, "0" otherwise */
  price2: string;
  /** iceberg visible size and what is left of the current slice */
  displayVol: string | null;
  displayLeft: string | null;
  oflags: string[];
  feeInQuote: boolean;
  postOnly: boolean;
  tif: TimeInForce;
  opentm: number;
  starttm: number;
  expiretm: number;
  closetm: number;
  status: OrderStatus;
  reason: string | null;
  misc: string[];
  userref: number | null;
  clOrdId: string | null;
  trigger: 'last' | 'index';
  /** triggered types: whether the trigger has fired */
  triggered: boolean;
  /** trailing types: the offset and the best price seen since placement */
  trailOffset: Offset | null;
  trailExtreme: string | null;
  /** trailing-stop-limit: limit offset from the trigger price, signed text like "-10" or "+1%" */
  limitOffset: string | null;
  /** the price the order currently rests at after triggering (limit kinds) */
  limitPrice: string | null;
  /** creation or last amend; the trading counter's age penalties use it */
  lastChange: number;
  trades: string[];
  /** absent in state files written before conditional closes existed */
  close?: CloseSpec | null;
  /** OrderAmends history; absent in older state files */
  amends?: AmendEntry[];
}

export interface TradeRecord {
  id: string;
  orderId: string;
  pairId: string;
  time: number;
  side: Side;
  ordertype: OrderType;
  price: string;
  cost: string;
  fee: string;
  vol: string;
  maker: boolean;
  ledgers: string[];
  tradeId: number;
}

export interface LedgerRecord {
  id: string;
  refid: string;
  time: number;
  /** adjustment: a paper account reset (trading/paper-account.ts) */
  type: 'trade' | 'adjustment';
  subtype: string;
  asset: string;
  amount: string;
  fee: string;
  balance: string;
}

export interface DeadManState {
  /** ms when every open order is cancelled; 0 = disabled */
  triggerAt: number;
}

export interface AccountState {
  balances: Record<string, string>;
  orders: Record<string, OrderRecord>;
  trades: Record<string, TradeRecord>;
  ledger: Record<string, LedgerRecord>;
  nextTradeId: number;
  deadMan: DeadManState;
}

export function isTriggeredType(t: OrderType): boolean {
  return t !== 'market' && t !== 'limit' && t !== 'iceberg';
}

export function isLimitKind(t: OrderType): boolean {
  return t === 'limit' || t === 'iceberg' || t.endsWith('-limit');
}

export function isOpenStatus(s: OrderStatus): boolean {
  return s === 'open' || s === 'pending';
}
