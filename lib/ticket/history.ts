import { apiCall, type ApiResult } from './api-client';
import { fillSchema, ledgerSchema, ordersPageSchema, rowsPageSchema, type DeskOrder } from './api-types';

/**
 * Account history for the orders page, one server page at a time: closed orders, fills (each execution
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
  /** rows on the server's page before filtering (decides whether an older page exists) */
  pageRows: number;
  pageSize: number;
  total: number | undefined;
}

export function historyQuery(page: number, kind: HistoryKind = 'closed'): string {
  return kind === 'closed' ? `/api/orders?status=closed&page=${page}` : `/api/orders/${kind}?page=${page}`;
}

const textCells = (row: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(row).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));

function toRow(o: DeskOrder): Record<string, string> {
  const row: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'string' && v !== '') row[k] = v;
  row.member = o.outsideDesk || !o.member ? 'outside the desk' : o.member;
  return row;
}

export async function loadHistory(kind: HistoryKind, filters: HistoryFilters, page: number): Promise<ApiResult<HistoryPage>> {
  if (kind === 'closed') {
    const result = await apiCall('GET', historyQuery(page, kind), ordersPageSchema);
    if (!result.ok) return result;
    const { orders, pageSize, total } = result.data;
    return { ok: true, status: result.status, data: { rows: matching(orders.map(toRow), filters), pageRows: orders.length, pageSize, total } };
  }
  const schema = rowsPageSchema(kind === 'fills' ? fillSchema : ledgerSchema);
  const result = await apiCall('GET', historyQuery(page, kind), schema);
  if (!result.ok) return result;
  const { rows, pageSize, total } = result.data;
  return { ok: true, status: result.status, data: { rows: matching(rows.map(textCells), filters), pageRows: rows.length, pageSize, total } };
}

/** The filters, applied to the rows of a page (pair text, side, local date range on the close time). */
export function matching(rows: Record<string, string>[], f: HistoryFilters): Record<string, string>[] {
  const sym = f.symbol.trim().toUpperCase();
  const from = f.from ? new Date(`${f.from}T00:00:00`).getTime() : undefined;
  const to = f.to ? new Date(`${f.to}T23:59:59.999`).getTime() : undefined;
  return rows.filter((r) => {
    // ledger rows have an asset instead of a pair
    if (sym && !(r.symbol ?? r.asset ?? '').toUpperCase().includes(sym)) return false;
    if (f.side && r.side !== f.side) return false;
    const at = Date.parse(r.closedAt ?? r.openedAt ?? '');
    if (from !== undefined && !(at >= from)) return false;
    if (to !== undefined && !(at <= to)) return false;
    return true;
  });
}
