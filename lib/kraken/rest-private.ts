/** Kraken's private REST endpoints (signed POST /0/private/*) returning domain types. */
import { KrakenError } from './errors';
import { toApiKeyInfo, toBalances, toBalancesEx, toLedgerEntry, toOrders, toOwnTrade, toTradeBalance } from './mappers-private';
import {
  amendOrderRequestSchema, cancelOrderRequestSchema, checkRequest, encodeAmendOrder, encodeCancelOrder,
  type AddOrderRequest, type AmendOrderRequest, type CancelOrderRequest,
} from './order-request';
import { addOrder, type AddOrderSettings } from './rest-add-order';
import type { ClientContext } from './rest-context';
import {
  amendOrderResult, apiKeyInfoResult, balanceExResult, balanceResult, cancelAllAfterResult, cancelAllResult, cancelOrderResult,
  closedOrdersResult, ledgersResult, openOrdersResult, parseResult, queryLedgersResult, queryOrdersResult,
  queryTradesResult, tradeBalanceResult,
  tradesHistoryResult, webSocketsTokenResult,
} from './schemas';
import type {
  ApiKeyInfo, Balance, BalanceEx, CancelAllAfterResult, CancelResult, LedgerEntry, LedgerPage, Order, OrdersPage, PlacedOrder, OwnTrade,
  TradeBalance, TradesHistoryPage, WebSocketToken,
} from './types-private';

/** Unix seconds, or (ClosedOrders) an order txid, bounding a history page. */
export type HistoryBound = number | string;

export interface OrderFilter {
  /** Include trade ids */
  trades?: boolean;
  userref?: number;
  clOrdId?: string;
}

export interface ClosedOrdersQuery extends OrderFilter {
  /** Exclusive lower bound: Unix seconds or txid */
  start?: HistoryBound;
  /** Inclusive upper bound: Unix seconds or txid */
  end?: HistoryBound;
  /** Result offset for paging (50 per page) */
  ofs?: number;
  closetime?: 'open' | 'close' | 'both';
}

export interface HistoryQuery {
  /** Unix seconds, exclusive */
  start?: number;
  /** Unix seconds, inclusive */
  end?: number;
  /** Result offset for paging (50 per page) */
  ofs?: number;
}

export interface KrakenPrivateApi {
  balance(): Promise<Balance[]>;
  balanceEx(): Promise<BalanceEx[]>;
  /** @param asset base asset for the figures (default ZUSD) */
  tradeBalance(asset?: string): Promise<TradeBalance>;
  openOrders(filter?: OrderFilter): Promise<Order[]>;
  closedOrders(query?: ClosedOrdersQuery): Promise<OrdersPage>;
  /** @param txids up to 50 order txids */
  queryOrders(txids: string[], options?: { trades?: boolean }): Promise<Order[]>;
  tradesHistory(query?: HistoryQuery & { type?: 'all' | 'any position' | 'closed position' | 'closing position' | 'no position' }): Promise<TradesHistoryPage>;
  /** @param txids up to 20 trade txids */
  queryTrades(txids: string[]): Promise<OwnTrade[]>;
  ledgers(query?: HistoryQuery & { assets?: string[]; type?: string }): Promise<LedgerPage>;
  /** @param ids up to 20 ledger ids */
  queryLedgers(ids: string[]): Promise<LedgerEntry[]>;
  /** Places an order exactly once; a lost response is resolved by cl_ord_id lookup (`resolvedByLookup`). */
  addOrder(request: AddOrderRequest): Promise<PlacedOrder>;
  /** Amends an open order in place; returns Kraken's amend id. */
  amendOrder(request: AmendOrderRequest): Promise<{ amendId: string }>;
  cancelOrder(request: CancelOrderRequest): Promise<CancelResult>;
  cancelAll(): Promise<{ count: number }>;
  /** Dead-man's switch. @param timeoutSeconds 0 disables, else < 86400 */
  cancelAllOrdersAfter(timeoutSeconds: number): Promise<CancelAllAfterResult>;
  getWebSocketsToken(): Promise<WebSocketToken>;
  /** What the configured key may do (needs no permission). */
  getApiKeyInfo(): Promise<ApiKeyInfo>;
}

const bool = (v: boolean | undefined) => (v === undefined ? undefined : String(v));
const str = (v: number | string | undefined) => (v === undefined ? undefined : String(v));

function checkIds(ids: string[], max: number, what: string): string {
  if (ids.length === 0 || ids.length > max) throw new KrakenError('invalid_arguments', `${what} takes 1–${max} ids`);
  return ids.join(',');
}

function checkOffset(ofs: number | undefined): string | undefined {
  if (ofs !== undefined && (!Number.isInteger(ofs) || ofs < 0)) throw new KrakenError('invalid_arguments', `ofs must be a non-negative integer`);
  return str(ofs);
}

/** The private endpoints over a client context; rejects with `invalid_key` when no key is configured. */
export function createPrivateApi(ctx: ClientContext, settings: AddOrderSettings): KrakenPrivateApi {
  const filterParams = (f: OrderFilter = {}) => ({ trades: bool(f.trades), userref: str(f.userref), cl_ord_id: f.clOrdId });
  return {
    balance: async () => toBalances(parseResult(balanceResult, await ctx.privateRead('Balance'), 'Balance'), await ctx.symbols()),
    balanceEx: async () => toBalancesEx(parseResult(balanceExResult, await ctx.privateRead('BalanceEx'), 'BalanceEx'), await ctx.symbols()),
    tradeBalance: async (asset) => toTradeBalance(parseResult(tradeBalanceResult, await ctx.privateRead('TradeBalance', { asset }), 'TradeBalance')),
    async openOrders(filter) {
      const raw = parseResult(openOrdersResult, await ctx.privateRead('OpenOrders', filterParams(filter)), 'OpenOrders');
      return toOrders(raw.open, await ctx.symbols());
    },
    async closedOrders(query = {}) {
      const raw = parseResult(closedOrdersResult, await ctx.privateRead('ClosedOrders', {
        ...filterParams(query), start: str(query.start), end: str(query.end), ofs: checkOffset(query.ofs), closetime: query.closetime,
      }), 'ClosedOrders');
      const orders = toOrders(raw.closed, await ctx.symbols());
      return { orders, count: raw.count ?? orders.length };
    },
    async queryOrders(txids, options = {}) {
      const raw = parseResult(queryOrdersResult, await ctx.privateRead('QueryOrders', { txid: checkIds(txids, 50, 'QueryOrders'), trades: bool(options.trades) }), 'QueryOrders');
      return toOrders(raw, await ctx.symbols());
    },
    async tradesHistory(query = {}) {
      const raw = parseResult(tradesHistoryResult, await ctx.privateRead('TradesHistory', {
        type: query.type, start: str(query.start), end: str(query.end), ofs: checkOffset(query.ofs),
      }), 'TradesHistory');
      const map = await ctx.symbols();
      const trades = Object.entries(raw.trades).map(([id, t]) => toOwnTrade(id, t, map));
      return { trades, count: raw.count ?? trades.length };
    },
    async queryTrades(txids) {
      const raw = parseResult(queryTradesResult, await ctx.privateRead('QueryTrades', { txid: checkIds(txids, 20, 'QueryTrades') }), 'QueryTrades');
      const map = await ctx.symbols();
      return Object.entries(raw).map(([id, t]) => toOwnTrade(id, t, map));
    },
    async queryLedgers(ids) {
      const raw = parseResult(queryLedgersResult, await ctx.privateRead('QueryLedgers', { id: checkIds(ids, 20, 'QueryLedgers') }), 'QueryLedgers');
      const map = await ctx.symbols();
      return Object.entries(raw).map(([id, l]) => toLedgerEntry(id, l, map));
    },
    async ledgers(query = {}) {
      const raw = parseResult(ledgersResult, await ctx.privateRead('Ledgers', {
        asset: query.assets?.join(','), type: query.type, start: str(query.start), end: str(query.end), ofs: checkOffset(query.ofs),
      }), 'Ledgers');
      const map = await ctx.symbols();
      const entries = Object.entries(raw.ledger).map(([id, l]) => toLedgerEntry(id, l, map));
      return { entries, count: raw.count ?? entries.length };
    },
    addOrder: (request) => addOrder(ctx, request, settings),
    async amendOrder(request) {
      const params = encodeAmendOrder(checkRequest(amendOrderRequestSchema, request, 'AmendOrder'));
      return { amendId: parseResult(amendOrderResult, await ctx.privateWrite('AmendOrder', params), 'AmendOrder').amend_id };
    },
    async cancelOrder(request) {
      const params = encodeCancelOrder(checkRequest(cancelOrderRequestSchema, request, 'CancelOrder'));
      const raw = parseResult(cancelOrderResult, await ctx.privateWrite('CancelOrder', params), 'CancelOrder');
      return { count: raw.count, pending: raw.pending ?? false };
    },
    cancelAll: async () => ({ count: parseResult(cancelAllResult, await ctx.privateWrite('CancelAll'), 'CancelAll').count }),
    async cancelAllOrdersAfter(timeoutSeconds) {
      if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 0 || timeoutSeconds >= 86400) {
        throw new KrakenError('invalid_arguments', 'timeout must be an integer number of seconds in 0…86399');
      }
      const raw = parseResult(cancelAllAfterResult, await ctx.privateWrite('CancelAllOrdersAfter', { timeout: String(timeoutSeconds) }), 'CancelAllOrdersAfter');
      return { currentTime: raw.currentTime, triggerTime: raw.triggerTime && raw.triggerTime !== '0' ? raw.triggerTime : undefined };
    },
    async getWebSocketsToken() {
      const raw = parseResult(webSocketsTokenResult, await ctx.privateRead('GetWebSocketsToken'), 'GetWebSocketsToken');
      return { token: raw.token, expiresSeconds: raw.expires };
    },
    getApiKeyInfo: async () => toApiKeyInfo(parseResult(apiKeyInfoResult, await ctx.privateRead('GetApiKeyInfo'), 'GetApiKeyInfo')),
  };
}
