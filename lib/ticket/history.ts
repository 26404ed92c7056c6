import { z } from 'zod';
import { apiCall, type ApiResult } from './api-client';
import { deskOrderSchema } from './api-types';

/**
 * Account history for the orders page: closed orders, fills and ledger entries, one page at a time.
 * Rows are flattened to text cells so one table and one CSV export serve all three.
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
  total: number | undefined;
}

export const PAGE_SIZE = 50;

const ENDPOINT: Record<HistoryKind, string> = {
  closed: '/api/orders?status=closed',
  fills: '/api/orders/fills?',
  ledger: '/api/orders/ledger?',
};

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const looseRow = z.record(z.string(), z.union([scalar, z.record(z.string(), z.unknown()), z.array(z.unknown())]));
const anyPage = z.record(z.string(), z.unknown());

/** Text cells of one row; nested `member: {username}` becomes `member`. */
function flatten(row: z.infer<typeof looseRow>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'object' && !Array.isArray(v)) {
      if (k === 'member' && typeof v.username === 'string') out.member = v.username;
      continue;
    }
    out[k] = Array.isArray(v) ? v.join(' ') : String(v);
  }
  return out;
}

export function historyQuery(kind: HistoryKind, filters: HistoryFilters, offset: number): string {
  const params = new URLSearchParams({ offset: String(offset), limit: String(PAGE_SIZE) });
  if (filters.symbol) params.set('symbol', filters.symbol);
  if (filters.side) params.set('side', filters.side);
  if (filters.from) params.set('from', new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to) params.set('to', new Date(`${filters.to}T23:59:59.999`).toISOString());
  const base = ENDPOINT[kind];
  return `${base}${base.endsWith('?') ? '' : '&'}${params.toString()}`;
}

export async function loadHistory(kind: HistoryKind, filters: HistoryFilters, offset: number): Promise<ApiResult<HistoryPage>> {
  const result = await apiCall('GET', historyQuery(kind, filters, offset), anyPage);
  if (!result.ok) return result;
  const list = Object.values(result.data).find(Array.isArray) ?? [];
  const rows = (list as unknown[]).flatMap((item) => {
    if (kind === 'closed') {
      const order = deskOrderSchema.safeParse(item);
      if (order.success) {
        const { outsideDesk, member, ...rest } = order.data;
        return [{ ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), member: outsideDesk || !member ? 'outside the desk' : member } as Record<string, string>];
      }
    }
    const row = looseRow.safeParse(item);
    return row.success ? [flatten(row.data)] : [];
  });
  const total = typeof result.data.total === 'number' ? result.data.total : undefined;
  return { ok: true, status: result.status, data: { rows: matching(rows, filters), total } };
}

/** Applies the filters on the page too, so a server that ignores one still shows what was asked for. */
export function matching(rows: Record<string, string>[], f: HistoryFilters): Record<string, string>[] {
  const sym = f.symbol.trim().toUpperCase();
  return rows.filter((r) => {
    const rowSymbol = (r.symbol ?? r.pair ?? '').toUpperCase();
    if (sym && rowSymbol && !rowSymbol.includes(sym)) return false;
    if (f.side && r.side && r.side !== f.side) return false;
    return true;
  });
}
