import type { AuditRecord } from './hash';

const COLUMNS: (keyof AuditRecord)[] = ['seq', 'at', 'actorId', 'actor', 'action', 'phase', 'intentSeq', 'idempotencyKey', 'subject', 'outcome', 'detail', 'prevHash', 'hash'];

/** One CSV field, quoted when needed; a leading =, +, - or @ is prefixed with ' so spreadsheets never run it. */
function field(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The audit log as CSV (header + one line per row, oldest first). */
export function auditCsv(rows: readonly AuditRecord[]): string {
  const lines = [COLUMNS.join(',')];
  for (const row of rows) lines.push(COLUMNS.map((c) => field(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
