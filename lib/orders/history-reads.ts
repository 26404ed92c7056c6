import type { KrakenClient } from '../kraken/rest';
import type { LedgerEntry, Order, OwnTrade } from '../kraken/types-private';
import { CachedRead } from '../ttl-cache';
import { KRAKEN_PAGE_SIZE, filterKey, krakenBounds, matchesFilter, needsScan, pageOf, scanPages, type HistoryFilter } from './history';

/** A filtered slice of one history: the rows of the asked page (or all of them), how many match, and whether every Kraken page was read. */
export interface HistorySlice<T> {
  rows: T[];
  total: number;
  complete: boolean;
}

interface Source<T> {
  load: (ofs: number, bounds: { start?: number; end?: number }) => Promise<{ rows: T[]; count: number }>;
  idOf: (row: T) => string;
  /** what the filter reads of a row */
  view: (row: T) => { symbol: string; side?: string; time: number };
}

const HISTORY_TTL_MS = 10_000;
const MAX_CACHED = 50;

/**
 * One history (fills, ledger or closed orders) read through Kraken, cached ~10 s per page or per time range:
 * no filter or a time range only — Kraken's own page; a pair or side (or every row, for CSV) — a bounded scan
 * of the time range, filtered here.
 */
export function historyReads<T>(source: Source<T>, now: () => number) {
  const cache = new Map<string, CachedRead<HistorySlice<T>>>();
  const cached = (key: string, load: () => Promise<HistorySlice<T>>) => {
    let read = cache.get(key);
    if (!read) {
      if (cache.size > MAX_CACHED) cache.clear();
      read = new CachedRead(load, HISTORY_TTL_MS, now);
      cache.set(key, read);
    }
    return read.get();
  };
  // One scan per time range: typing a pair or switching the side filters the cached rows, not Kraken again.
  const scan = async (filter: HistoryFilter): Promise<HistorySlice<T>> => {
    const range: HistoryFilter = { from: filter.from, to: filter.to };
    const inRange = await cached(`scan:${filterKey(range)}`, async () => {
      const bounds = krakenBounds(range);
      const result = await scanPages((ofs) => source.load(ofs, bounds), (row) => matchesFilter(source.view(row), range), source.idOf);
      return { rows: result.rows, total: result.rows.length, complete: result.complete };
    });
    const rows = inRange.rows.filter((row) => matchesFilter(source.view(row), filter));
    return { rows, total: rows.length, complete: inRange.complete };
  };

  return {
    /** @param page zero-based desk page, or `'all'` for every matching row (bounded) */
    async get(filter: HistoryFilter, page: number | 'all'): Promise<HistorySlice<T>> {
      if (page === 'all' || needsScan(filter)) {
        const all = await scan(filter);
        return page === 'all' ? all : { ...all, rows: pageOf(all.rows, page) };
      }
      return cached(`page:${filterKey(filter)}:${page}`, async () => {
        const result = await source.load(page * KRAKEN_PAGE_SIZE, krakenBounds(filter));
        return { rows: result.rows, total: result.count, complete: true };
      });
    },
    invalidate: () => cache.forEach((r) => r.invalidate()),
    expireAfter: (ms: number) => cache.forEach((r) => r.expireAfter(ms)),
  };
}

/** Kraken's three histories as `historyReads` sources. */
export function krakenHistories(kraken: KrakenClient, now: () => number) {
  return {
    trades: historyReads<OwnTrade>({
      load: async (ofs, bounds) => {
        const page = await kraken.private.tradesHistory({ ofs, ...bounds });
        return { rows: page.trades, count: page.count };
      },
      idOf: (t) => t.tradeTxid,
      view: (t) => ({ symbol: t.symbol ?? t.pairId, side: t.side, time: t.time }),
    }, now),
    ledgers: historyReads<LedgerEntry>({
      load: async (ofs, bounds) => {
        const page = await kraken.private.ledgers({ ofs, ...bounds });
        return { rows: page.entries, count: page.count };
      },
      idOf: (l) => l.ledgerId,
      view: (l) => ({ symbol: l.asset, time: l.time }),
    }, now),
    closed: historyReads<Order>({
      load: async (ofs, bounds) => {
        // with a time range, an order counts by when it closed (what the history table shows)
        const timed = bounds.start !== undefined || bounds.end !== undefined;
        const page = await kraken.private.closedOrders({ ofs, ...bounds, ...(timed ? { closetime: 'close' as const } : {}) });
        return { rows: page.orders, count: page.count };
      },
      idOf: (o) => o.txid,
      view: (o) => ({ symbol: o.symbol ?? o.pair, side: o.side, time: o.closeTime ?? o.openTime }),
    }, now),
  };
}
