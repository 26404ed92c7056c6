import type { DeskDb } from '../db/database';
import { addText, multiplyText, toFixedText } from '../decimal';
import type { KrakenClient } from '../kraken/rest';
import type { BalanceEx, LedgerEntry, Order, OwnTrade } from '../kraken/types-private';
import type { HistoryFilter } from './history';
import { krakenHistories } from './history-reads';
import type { MarketContext } from './market-context';
import { toAppError } from './kraken-errors';
import type { BalanceRow, AccountBalances, DeskFill, Paged } from '../desk-api/account';
import type { DeskOrder, OrdersList } from '../desk-api/orders';
import { indexRecords, toDeskOrder } from './order-view';
import { CachedRead } from '../ttl-cache';

/** Kraken pages closed orders 50 at a time. */
export const CLOSED_PAGE_SIZE = 50;

/** A zero-based page, or every matching row (CSV export; bounded by the scan). */
export type HistoryPageRequest = number | 'all';

/** Private reads, cached and coalesced: many members refreshing together share one Kraken call per TTL. */
export interface AccountReads {
  /** closed orders take a filter (pair, side, close-time range) applied over all of them */
  orders(status: 'open' | 'closed', page: number | 'all', filter?: HistoryFilter): Promise<OrdersList>;
  balances(): Promise<AccountBalances>;
  /**
   * txids of the open orders in the last OpenOrders answer (the read `orders('open')` shares), kept past
   * invalidation for up to a minute: the daily limit asks Kraken about every order not in it, and an order
   * listed open that has closed since only counts its whole value (day-usage.ts), so an old list is safe.
   */
  openTxids(): Promise<ReadonlySet<string>>;
  /**
   * The desk just placed this order: it joins the kept txids as open until the next OpenOrders answer, so the
   * daily limit counts its whole value without asking Kraken about it (1 REST unit per order at the starter tier).
   */
  noteOpened(txid: string): void;
  /** TradesHistory, newest first, 50 a page, filtered over all of it (a heavy call: cached ~10 s per page or filter) */
  fills(page: HistoryPageRequest, filter?: HistoryFilter): Promise<Paged<DeskFill>>;
  /** Ledgers, newest first, 50 a page, filtered over all of it (symbol matches the asset; no side) */
  ledger(page: HistoryPageRequest, filter?: HistoryFilter): Promise<Paged<LedgerEntry>>;
  invalidate(): void;
  /** The private feed reported a change: every read reloads soon, history a little later. */
  accountChanged(): void;
  /** calls that reached Kraken, per read */
  stats(): Record<string, { loads: number; hits: number }>;
}

/**
 * Browsers apply the private WS feed to open orders and balances themselves, so these reads only anchor
 * them: while the account is quiet the defaults cost 6 OpenOrders + 6 BalanceEx calls a minute however
 * many members watch, 0.2 of the starter REST counter's 0.33/s decay, which leaves the budget to fills,
 * ledger and closed-order pages. After an account change (the desk's own action, or the feed reporting
 * one) they reload within a second or two (`accountChanged`).
 */
export interface ReadTtls {
  /** milliseconds; default 10000 */
  openOrdersMs?: number;
  /** milliseconds; default 10000 */
  balancesMs?: number;
}

/** How fresh a read may stay after the feed reports a fill, cancel or balance change. */
const LIVE_MIN_AGE_MS = 1000;
const HISTORY_MIN_AGE_MS = 2000;
/** Oldest open-orders list the daily limit starts from (openTxids). */
const OPEN_TXIDS_MAX_AGE_MS = 60_000;

/** The cached OpenOrders read, and the last answer's txids kept past invalidation for the daily limit. */
function openOrdersRead(kraken: KrakenClient, ttlMs: number, now: () => number) {
  let last: { at: number; txids: Set<string> } | undefined;
  const read = new CachedRead(async () => {
    const orders = await kraken.private.openOrders();
    last = { at: now(), txids: new Set(orders.map((o) => o.txid)) };
    return orders;
  }, ttlMs, now);
  return {
    read,
    noteOpened(txid: string) {
      last?.txids.add(txid);
    },
    async txids(): Promise<ReadonlySet<string>> {
      if (last && now() - last.at < OPEN_TXIDS_MAX_AGE_MS) return last.txids;
      await read.get();
      return last?.txids ?? new Set<string>();
    },
  };
}

/** Kraken orders with the desk member who placed each (or "outside the desk"). */
async function attribute(db: DeskDb, orders: Order[]): Promise<DeskOrder[]> {
  const records = await db.deskOrders.findByOrderIds({
    txids: orders.map((o) => o.txid),
    clOrdIds: orders.flatMap((o) => (o.clOrdId ? [o.clOrdId] : [])),
  });
  const index = indexRecords(records);
  return orders.map((o) => toDeskOrder(o, index));
}

/** Balances with their USD value where a USD price is known, and the total of those. */
async function valued(market: MarketContext, rows: BalanceEx[]): Promise<{ balances: BalanceRow[]; totalUsd: string }> {
  let total = '0';
  const out: BalanceRow[] = [];
  for (const row of rows) {
    const rate = await market.usdRate(row.asset).catch(() => undefined);
    const usdValue = rate === undefined ? undefined : toFixedText(multiplyText(row.balance, rate), 2);
    if (usdValue !== undefined) total = addText(total, usdValue);
    out.push({ asset: row.asset, balance: row.balance, holdTrade: row.holdTrade, available: row.available, usdValue });
  }
  return { balances: out, totalUsd: toFixedText(total, 2) };
}

/** Kraken trades with the member whose order each filled. */
async function fillRows(db: DeskDb, trades: OwnTrade[]): Promise<DeskFill[]> {
  const records = indexRecords(await db.deskOrders.findByOrderIds({ txids: trades.map((t) => t.orderTxid), clOrdIds: [] }));
  return trades.map((t): DeskFill => {
    const record = records.byTxid.get(t.orderTxid);
    return {
      tradeTxid: t.tradeTxid, orderTxid: t.orderTxid, symbol: t.symbol ?? t.pairId, side: t.side, orderType: t.orderType, price: t.price,
      volume: t.volume, cost: t.cost, fee: t.fee, time: t.time, maker: t.maker ?? null,
      member: record ? { id: record.memberId, username: record.username } : null, outsideDesk: !record,
    };
  });
}

/** Kraken failures as the desk's AppErrors. */
async function wrap<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}

const pageInfo = (page: HistoryPageRequest, rows: number) => (page === 'all' ? { page: 0, pageSize: rows } : { page, pageSize: CLOSED_PAGE_SIZE });

export function createAccountReads(db: DeskDb, kraken: KrakenClient, market: MarketContext, ttl: ReadTtls = {}, now: () => number = Date.now): AccountReads {
  const { read: open, txids: openTxids, noteOpened } = openOrdersRead(kraken, ttl.openOrdersMs ?? 10_000, now);
  const balances = new CachedRead(async () => ({ rows: await kraken.private.balanceEx(), at: new Date(now()).toISOString() }), ttl.balancesMs ?? 10_000, now);
  const { trades, ledgers, closed } = krakenHistories(kraken, now);

  return {
    orders: (status, page, filter = {}) => wrap(async () => {
      if (status === 'open') {
        const all = (await open.get()).slice().sort((a, b) => b.openTime - a.openTime);
        const slice = page === 'all' ? all : all.slice(page * CLOSED_PAGE_SIZE, (page + 1) * CLOSED_PAGE_SIZE);
        return { status, orders: await attribute(db, slice), ...pageInfo(page, slice.length), total: all.length };
      }
      const result = await closed.get(filter, page);
      return { status, orders: await attribute(db, result.rows), ...pageInfo(page, result.rows.length), total: result.total, complete: result.complete };
    }),
    openTxids,
    noteOpened,
    balances: () => wrap(async () => {
      const read = await balances.get();
      return { ...(await valued(market, read.rows)), asOf: read.at };
    }),
    fills: (page, filter = {}) => wrap(async () => {
      const result = await trades.get(filter, page);
      const rows = await fillRows(db, result.rows);
      return { rows, ...pageInfo(page, rows.length), total: result.total, complete: result.complete };
    }),
    ledger: (page, filter = {}) => wrap(async () => {
      const result = await ledgers.get(filter, page);
      return { rows: result.rows, ...pageInfo(page, result.rows.length), total: result.total, complete: result.complete };
    }),
    invalidate() {
      trades.invalidate();
      ledgers.invalidate();
      open.invalidate();
      balances.invalidate();
      closed.invalidate();
    },
    accountChanged() {
      // Bursts of updates cost one reload per read at most every min-age; history (TradesHistory costs 2)
      // waits a little longer.
      open.expireAfter(LIVE_MIN_AGE_MS);
      balances.expireAfter(LIVE_MIN_AGE_MS);
      trades.expireAfter(HISTORY_MIN_AGE_MS);
      ledgers.expireAfter(HISTORY_MIN_AGE_MS);
      closed.expireAfter(HISTORY_MIN_AGE_MS);
    },
    stats: () => ({ openOrders: { ...open.stats }, balances: { ...balances.stats } }),
  };
}
