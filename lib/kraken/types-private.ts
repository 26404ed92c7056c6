import type { DecimalText, Side } from './types';

/** Private (account) domain types. Amounts are decimal text, times Unix seconds. */

export interface Balance {
  /** Kraken asset id, e.g. `XXBT`, `ZUSD`, `DOT.S` */
  assetId: string;
  /** Common code, e.g. `BTC`, `USD`, `DOT.S` */
  asset: string;
  balance: DecimalText;
}

export interface BalanceEx extends Balance {
  holdTrade: DecimalText;
  credit: DecimalText;
  creditUsed: DecimalText;
  /** balance + credit − creditUsed − holdTrade */
  available: DecimalText;
}

export interface TradeBalance {
  equivalentBalance: DecimalText;
  tradeBalance: DecimalText;
  marginUsed: DecimalText;
  unrealizedPnl: DecimalText;
  costBasis: DecimalText;
  floatingValuation: DecimalText;
  equity: DecimalText;
  freeMargin: DecimalText;
  marginLevel: DecimalText | undefined;
  unexecutedValue: DecimalText | undefined;
}

export type OrderStatus = 'pending' | 'open' | 'closed' | 'canceled' | 'expired';

export interface Order {
  txid: string;
  status: OrderStatus;
  userref: number | undefined;
  clOrdId: string | undefined;
  /** Pair as Kraken describes it (altname, e.g. `XBTUSD`) */
  pair: string;
  /** WS v2 symbol when the pair is known, e.g. `BTC/USD` */
  symbol: string | undefined;
  side: Side;
  orderType: string;
  /** Limit or trigger price as placed */
  price: DecimalText;
  price2: DecimalText;
  leverage: string;
  description: string;
  closeDescription: string;
  volume: DecimalText;
  volumeExecuted: DecimalText;
  cost: DecimalText;
  fee: DecimalText;
  /** Average execution price */
  avgPrice: DecimalText;
  stopPrice: DecimalText | undefined;
  limitPrice: DecimalText | undefined;
  trigger: 'last' | 'index';
  openTime: number;
  closeTime: number | undefined;
  startTime: number;
  expireTime: number;
  reason: string | undefined;
  misc: string[];
  oflags: string[];
  tradeIds: string[];
}

export interface OrdersPage {
  orders: Order[];
  /** Grand total across pages (ClosedOrders) */
  count: number;
}

/** One fill of the account's own orders (TradesHistory / QueryTrades); public tape trades are `MarketTrade`. */
export interface OwnTrade {
  tradeTxid: string;
  orderTxid: string;
  positionTxid: string | undefined;
  /** REST pair id, e.g. `XXBTZUSD` */
  pairId: string;
  symbol: string | undefined;
  time: number;
  side: Side;
  orderType: string;
  price: DecimalText;
  cost: DecimalText;
  fee: DecimalText;
  volume: DecimalText;
  margin: DecimalText;
  leverage: string | undefined;
  misc: string;
  ledgerIds: string[];
  tradeId: number | undefined;
  maker: boolean | undefined;
}

export interface TradesHistoryPage {
  trades: OwnTrade[];
  count: number;
}

export interface LedgerEntry {
  ledgerId: string;
  refid: string;
  time: number;
  type: string;
  subtype: string;
  aclass: string;
  assetId: string;
  asset: string;
  /** Signed */
  amount: DecimalText;
  fee: DecimalText;
  /** Resulting balance */
  balance: DecimalText;
}

export interface LedgerPage {
  entries: LedgerEntry[];
  count: number;
}

export interface PlacedOrder {
  /** Empty for `validate: true` */
  txids: string[];
  description: string;
  closeDescription: string | undefined;
  /** The client order id the order carries (generated when the caller gave neither cl_ord_id nor userref) */
  clOrdId: string | undefined;
  userref: number | undefined;
  /** True when the response was lost and the order was found by cl_ord_id afterwards */
  resolvedByLookup: boolean;
  /** The order as found by the lookup (only when resolvedByLookup) */
  order: Order | undefined;
}

export interface CancelResult {
  count: number;
  pending: boolean;
}

export interface CancelAllAfterResult {
  /** RFC 3339 */
  currentTime: string;
  /** RFC 3339, or undefined when the timer is disabled */
  triggerTime: string | undefined;
}

export interface WebSocketToken {
  token: string;
  /** Seconds the token stays valid for new connections */
  expiresSeconds: number;
}

/** GetApiKeyInfo: what the key making the request may do. Times are Unix seconds; undefined = not set (Kraken's 0). */
export interface ApiKeyInfo {
  name: string;
  /** The API key itself (the public half; callers show at most a prefix) */
  apiKey: string | undefined;
  /** Kraken permission codes (lib/kraken/permissions.ts), unknown ones kept as sent */
  permissions: string[];
  /** Addresses or CIDR ranges the key may be used from; empty = any address */
  ipAllowlist: string[];
  /** How far below the highest nonce seen a nonce is still accepted; 0 = strictly increasing */
  nonceWindow: number | undefined;
  /** The highest nonce Kraken has accepted for the key */
  nonce: string | undefined;
  /** When the key stops working */
  validUntil: number | undefined;
  /** History queries are limited to this range */
  queryFrom: number | undefined;
  queryTo: number | undefined;
  createdTime: number | undefined;
  modifiedTime: number | undefined;
  lastUsed: number | undefined;
}
