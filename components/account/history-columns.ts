import { toCsv } from '@/lib/csv';
import type { HistoryKind } from '@/lib/account-client/history';

export interface Column {
  label: string;
  /** row keys (the API's field names) to read, first present wins */
  keys: string[];
  numeric?: boolean;
}

export const HISTORY_COLUMNS: Record<HistoryKind, Column[]> = {
  closed: [
    { label: 'Closed', keys: ['closeTime', 'openTime'] },
    { label: 'Pair', keys: ['symbol'] },
    { label: 'Side', keys: ['side'] },
    { label: 'Type', keys: ['type'] },
    { label: 'Status', keys: ['status'] },
    { label: 'Price', keys: ['price'], numeric: true },
    { label: 'Avg fill', keys: ['avgPrice'], numeric: true },
    { label: 'Size', keys: ['volume'], numeric: true },
    { label: 'Filled', keys: ['volumeExecuted'], numeric: true },
    { label: 'Placed by', keys: ['member'] },
  ],
  fills: [
    { label: 'Time', keys: ['time'] },
    { label: 'Pair', keys: ['symbol'] },
    { label: 'Side', keys: ['side'] },
    { label: 'Price', keys: ['price'], numeric: true },
    { label: 'Size', keys: ['volume'], numeric: true },
    { label: 'Cost', keys: ['cost'], numeric: true },
    { label: 'Fee', keys: ['fee'], numeric: true },
    { label: 'Liquidity', keys: ['liquidity'] },
    { label: 'Order', keys: ['orderTxid'] },
    { label: 'Placed by', keys: ['member'] },
  ],
  ledger: [
    { label: 'Time', keys: ['time'] },
    { label: 'Type', keys: ['type'] },
    { label: 'Asset', keys: ['asset'] },
    { label: 'Amount', keys: ['amount'], numeric: true },
    { label: 'Fee', keys: ['fee'], numeric: true },
    { label: 'Balance', keys: ['balance'], numeric: true },
    { label: 'Reference', keys: ['refid'] },
  ],
};

export function cellOf(row: Record<string, string>, column: Column): string | undefined {
  for (const k of column.keys) if (row[k] !== undefined) return row[k];
  return undefined;
}

/** The export of a closed-orders, fills or ledger table: its column labels, then each row's cells. */
export function historyCsv(kind: HistoryKind, rows: readonly Record<string, string>[]): string {
  const columns = HISTORY_COLUMNS[kind];
  return toCsv(columns.map((c) => c.label), rows.map((r) => columns.map((c) => cellOf(r, c))));
}
