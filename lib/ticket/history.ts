import { apiCall, type ApiResult } from './api-client';
import { ordersPageSchema, type DeskOrder } from './api-types';

/**
 * Account history for the orders page, one server page at a time: closed orders, and fills (the closed
 * orders that traded, with average price, cost and fee). Rows are flattened to text cells so one table
 * and one CSV export serve both.
 */
export type HistoryKind = 'closed' | 'fills';

export interface HistoryFilters {
  symbol: string;
  side: '' | 'buy' | 'sell';
  /** yyyy-mm-dd, local day */
  from: string;
  to: string;
}

export interface HistoryPage {
  rows: Record<string, string>[];
  /** rows on the server's page before filtering (decides whether an older page exists) */
  pageRows: number;
  pageSize: number;
  total: number | undefined;
}

export function historyQuery(page: number): string {
  return `/api/orders?status=closed&page=${page}`;
}

function toRow(o: DeskOrder): Record<string, string> {
  const row: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'string' && v !== '') row[k] = v;
  row.member = o.outsideDesk || !o.member ? 'outside the desk' : o.member;
  return row;
}

export async function loadHistory(kind: HistoryKind, filters: HistoryFilters, page: number): Promise<ApiResult<HistoryPage>> {
  const result = await apiCall('GET', historyQuery(page), ordersPageSchema);
  if (!result.ok) return result;
  const orders = kind === 'fills' ? result.data.orders.filter((o) => o.filled !== undefined && /[1-9]/.test(o.filled)) : result.data.orders;
  return {
    ok: true,
    status: result.status,
    data: { rows: matching(orders.map(toRow), filters), pageRows: result.data.orders.length, pageSize: result.data.pageSize, total: result.data.total },
  };
}

/** The filters, applied to the rows of a page (pair text, side, local date range on the close time). */
export function matching(rows: Record<string, string>[], f: HistoryFilters): Record<string, string>[] {
  const sym = f.symbol.trim().toUpperCase();
  const from = f.from ? new Date(`${f.from}T00:00:00`).getTime() : undefined;
  const to = f.to ? new Date(`${f.to}T23:59:59.999`).getTime() : undefined;
  return rows.filter((r) => {
    if (sym && !(r.symbol ?? '').toUpperCase().includes(sym)) return false;
    if (f.side && r.side !== f.side) return false;
    const at = Date.parse(r.closedAt ?? r.openedAt ?? '');
    if (from !== undefined && !(at >= from)) return false;
    if (to !== undefined && !(at <= to)) return false;
    return true;
  });
}
