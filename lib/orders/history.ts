import { z } from 'zod';
import { AppError } from '../errors';

/**
 * Account history (closed orders, fills, ledger) filtered over all of it, not one page. Kraken filters by
 * time itself (`start`/`end`) but not by pair or side, so with a pair or side the desk pages through
 * Kraken's results with `ofs` (50 a page, newest first) up to a bound, keeps the matching rows and pages
 * those. Pure: the caller supplies the Kraken read.
 */

/** Kraken's page size for ClosedOrders, TradesHistory and Ledgers. */
export const KRAKEN_PAGE_SIZE = 50;
/** At most this many Kraken pages are read for one filtered answer (2,000 rows; TradesHistory costs 2 each). */
export const MAX_SCAN_PAGES = 40;

export interface HistoryFilter {
  /** upper-case text the pair (ledger: asset) must contain */
  symbol?: string;
  /** ignored by the ledger, whose rows have no side */
  side?: 'buy' | 'sell';
  /** Unix seconds, inclusive */
  from?: number;
  /** Unix seconds, inclusive (as Kraken's `end`) */
  to?: number;
}

const seconds = z.string().regex(/^\d{1,11}$/, 'must be Unix seconds (a whole number)').transform(Number);
const filterQuery = z.object({
  symbol: z.string().trim().max(24, 'must be at most 24 characters').regex(/^[A-Za-z0-9/.\-]*$/, 'may hold letters, digits and / . - only')
    .transform((s) => s.toUpperCase() || undefined).optional(),
  side: z.enum(['buy', 'sell', ''], { error: 'must be "buy" or "sell"' }).transform((s) => s || undefined).optional(),
  from: seconds.optional(),
  to: seconds.optional(),
  all: z.enum(['0', '1'], { error: 'must be 0 or 1' }).optional(),
});

/**
 * The page (`page=N`, or `all=1` for every matching row) and filter (`symbol`, `side`, `from`, `to`) of a
 * history request's query. Bad values are a 400 naming the parameter.
 */
export function historyQuery(url: URL): { filter: HistoryFilter; page: number | 'all' } {
  const pageText = url.searchParams.get('page') ?? '0';
  if (!/^\d{1,5}$/.test(pageText)) throw new AppError('invalid_page');
  const q = url.searchParams;
  const pick = (name: string) => q.get(name) ?? undefined;
  const parsed = filterQuery.safeParse({ symbol: pick('symbol'), side: pick('side'), from: pick('from'), to: pick('to'), all: pick('all') });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid_filter', `${String(issue?.path[0] ?? 'filter')} ${issue?.message ?? 'is not valid'}.`);
  }
  const { all, ...rest } = parsed.data;
  const filter = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as HistoryFilter;
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    throw new AppError('invalid_filter', 'from must be before to.');
  }
  return { filter, page: all === '1' ? 'all' : Number(pageText) };
}

/** Kraken's own time bounds for the filter (`start` is exclusive, `end` inclusive). */
export function krakenBounds(filter: HistoryFilter): { start?: number; end?: number } {
  return {
    ...(filter.from !== undefined ? { start: filter.from - 1 } : {}),
    ...(filter.to !== undefined ? { end: filter.to } : {}),
  };
}

/** True when Kraken cannot apply the filter itself (pair or side), so pages must be read and filtered here. */
export function needsScan(filter: HistoryFilter): boolean {
  return filter.symbol !== undefined || filter.side !== undefined;
}

/** Whether a row matches: pair text, side, and time within [from, to]. */
export function matchesFilter(row: { symbol: string; side?: string; time: number }, filter: HistoryFilter): boolean {
  if (filter.symbol !== undefined && !row.symbol.toUpperCase().includes(filter.symbol)) return false;
  if (filter.side !== undefined && row.side !== undefined && row.side !== filter.side) return false;
  if (filter.from !== undefined && row.time < filter.from) return false;
  if (filter.to !== undefined && row.time > filter.to) return false;
  return true;
}

export interface Scan<T> {
  rows: T[];
  /** false when the bound stopped the scan before Kraken's last page */
  complete: boolean;
  /** Kraken pages read */
  pages: number;
}

/**
 * Reads Kraken pages (`ofs` 0, 50, 100…) until the count Kraken reports is covered, a page comes back
 * empty or `maxPages` is reached, keeping the rows `keep` accepts. One page at a time: the client's rate
 * counter paces them, and a failure anywhere fails the whole answer rather than showing part of it.
 */
export async function scanPages<T>(
  load: (ofs: number) => Promise<{ rows: T[]; count: number }>,
  keep: (row: T) => boolean,
  idOf: (row: T) => string,
  maxPages = MAX_SCAN_PAGES,
): Promise<Scan<T>> {
  const rows: T[] = [];
  // a row that arrives during the scan pushes older rows one place back: the next page repeats one
  const seen = new Set<string>();
  let ofs = 0;
  let pages = 0;
  for (;;) {
    if (pages >= maxPages) return { rows, complete: false, pages };
    const page = await load(ofs);
    pages++;
    for (const row of page.rows) {
      const id = idOf(row);
      if (seen.has(id)) continue;
      seen.add(id);
      if (keep(row)) rows.push(row);
    }
    ofs += page.rows.length;
    if (page.rows.length === 0 || ofs >= page.count) return { rows, complete: true, pages };
  }
}

/** One desk page (zero-based) of already filtered rows. */
export function pageOf<T>(rows: readonly T[], page: number, pageSize = KRAKEN_PAGE_SIZE): T[] {
  return rows.slice(page * pageSize, (page + 1) * pageSize);
}

/** A stable cache key for a filter. */
export function filterKey(filter: HistoryFilter): string {
  return JSON.stringify([filter.symbol ?? '', filter.side ?? '', filter.from ?? '', filter.to ?? '']);
}
