import { toCsv } from '../csv';
import type { AuditRecord } from './hash';

const COLUMNS: (keyof AuditRecord)[] = ['seq', 'at', 'actorId', 'actor', 'action', 'phase', 'intentSeq', 'idempotencyKey', 'subject', 'outcome', 'detail', 'prevHash', 'hash'];

/** The audit log as CSV (header + one line per row, oldest first), written by the shared `lib/csv` writer. */
export function auditCsv(rows: readonly AuditRecord[]): string {
  return toCsv(COLUMNS, rows.map((row) => COLUMNS.map((c) => row[c])));
}
