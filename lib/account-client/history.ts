import { apiCall, type ApiResult } from './api-client';
import { ordersListSchema, placedByName, type DeskOrder } from '../desk-api/orders';
import { deskFillSchema, ledgerEntrySchema, liquidityOf, pagedSchema, type DeskFill } from '../desk-api/account';

/**
 * Account history for the orders page, one server page at a time (filtered by the server over all of it): closed orders, fills (each execution
 * from Kraken's trade history) and the ledger (every balance movement). Rows are flattened to text cells
 * so one table and one CSV export serve all three.
 */
export type HistoryKind = 'closed' | 'fills' | 'ledger';

export interface HistoryFilters {
  symbol: string;
  side: '' | 'buy' | 'sell';
  /** yyyy-mm-dd, local day */
  from: string;
  to: string;
}

export interface HistoryPage {
  rows: Record<string, string>[];
  /** rows on the server's page (decides whether an older page exists when no total is given) */
  pageRows: number;
  pageSize: number;
  /** rows matching the filters over all of the history */
  total: number | undefined;
  /** false when the server stopped at its scan bound before the oldest row */
  complete: boolean;
}

/** Local calendar day (yyyy-mm-dd) → Unix seconds of its local midnight; `after` gives the next midnight. */
function daySeconds(day: string, after = false): number | undefined {
  const at = new Date(`${day}T00:00:00`);
  if (Number.isNaN(at.getTime())) return undefined;
  if (after) at.setDate(at.getDate() + 1);
  return Math.floor(at.getTime() / 1000);
}

/**
 * The API path for one page (or `all` rows) of a history with its filters, which the server applies over
 * all of the account's history: pair text, side (not for the ledger, whose rows have none) and the local
 * day range as Unix seconds, from 00:00 through the following midnight (Kraken times are fractional, so
 * only a row stamped exactly on that midnight could be counted in both days).
 */
export function historyPath(page: number | 'all', kind: HistoryKind = 'closed', filters?: HistoryFilters): string {
  const q = new URLSearchParams(kind === 'closed' ? { status: 'closed' } : {});
  if (page === 'all') q.set('all', '1');
  else q.set('page', String(page));
  const symbol = filters?.symbol.trim();
  if (symbol) q.set('symbol', symbol);
  if (filters?.side && kind !== 'ledger') q.set('side', filters.side);
  const from = filters?.from ? daySeconds(filters.from) : undefined;
  const to = filters?.to ? daySeconds(filters.to, true) : undefined;
  if (from !== undefined) q.set('from', String(from));
  if (to !== undefined) q.set('to', String(to));
  return `${kind === 'closed' ? '/api/orders' : `/api/orders/${kind}`}?${q.toString()}`;
}

const textCells = (row: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(row).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));

const isoOf = (unixSeconds: number | null) => (unixSeconds === null ? undefined : new Date(unixSeconds * 1000).toISOString());

/** An order's table and CSV cells, under the API's field names; times as ISO text, the member by name. */
function orderCells(o: DeskOrder): Record<string, string> {
  const row = textCells(o);
  const openTime = isoOf(o.openTime);
  const closeTime = isoOf(o.closeTime);
  if (openTime) row.openTime = openTime;
  if (closeTime) row.closeTime = closeTime;
  row.member = placedByName(o);
  return row;
}

/** A fill's cells: the API's fields, its time as ISO text, maker/taker and the member by name. */
export function fillCells(f: DeskFill): Record<string, string> {
  return { ...textCells(f), time: isoOf(f.time) ?? '', liquidity: liquidityOf(f), member: placedByName(f) };
}

/** A ledger entry's cells: the API's fields, its time as ISO text. */
function ledgerCells(l: Record<string, unknown> & { time: number }): Record<string, string> {
  return { ...textCells(l), time: isoOf(l.time) ?? '' };
}

/** One page of a history, or (`'all'`, for CSV) every row that matches the filters. */
export async function loadHistory(kind: HistoryKind, filters: HistoryFilters, page: number | 'all'): Promise<ApiResult<HistoryPage>> {
  const path = historyPath(page, kind, filters);
  if (kind === 'closed') {
    const result = await apiCall('GET', path, ordersListSchema);
    if (!result.ok) return result;
    const { orders, pageSize, total, complete = true } = result.data;
    return { ok: true, status: result.status, data: { rows: orders.map(orderCells), pageRows: orders.length, pageSize, total, complete } };
  }
  if (kind === 'fills') {
    const result = await apiCall('GET', path, pagedSchema(deskFillSchema));
    if (!result.ok) return result;
    const { rows, pageSize, total, complete } = result.data;
    return { ok: true, status: result.status, data: { rows: rows.map(fillCells), pageRows: rows.length, pageSize, total, complete } };
  }
  const result = await apiCall('GET', path, pagedSchema(ledgerEntrySchema));
  if (!result.ok) return result;
  const { rows, pageSize, total, complete } = result.data;
  return { ok: true, status: result.status, data: { rows: rows.map(ledgerCells), pageRows: rows.length, pageSize, total, complete } };
}
