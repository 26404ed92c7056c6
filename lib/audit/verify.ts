import type { AuditRepository } from '../db/audit';
import { auditRowHash, GENESIS_HASH, type AuditRecord } from './hash';

export interface AuditChainReport {
  ok: boolean;
  rows: number;
  /** the first row whose hash or link does not hold; every row after it is suspect too */
  firstBroken?: { seq: number; reason: string };
}

/** Checks one run of rows (oldest first) against the chain rules; pure, for tests and the CLI. */
export function verifyAuditRows(rows: readonly AuditRecord[]): AuditChainReport {
  let previousHash = GENESIS_HASH;
  let previousSeq = 0;
  for (const row of rows) {
    const broken = (reason: string): AuditChainReport => ({ ok: false, rows: rows.length, firstBroken: { seq: row.seq, reason } });
    if (row.seq !== previousSeq + 1) return broken(`row ${previousSeq + 1} is missing (found ${row.seq} after ${previousSeq})`);
    if (row.prevHash !== previousHash) return broken('prev_hash does not match the previous row (a row before it was changed or removed)');
    if (auditRowHash(row) !== row.hash) return broken('hash does not match the row (the row was edited)');
    previousHash = row.hash;
    previousSeq = row.seq;
  }
  return { ok: true, rows: rows.length };
}

/** Recomputes the whole SHA-256 chain of the desk's audit log and reports the first broken row. */
export async function verifyAuditChain(db: { audit: AuditRepository }): Promise<AuditChainReport> {
  return verifyAuditRows(await db.audit.all());
}
