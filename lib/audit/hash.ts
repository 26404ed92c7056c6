import { createHash } from 'node:crypto';

/** The hash a chain starts from (the row before the first row). */
export const GENESIS_HASH = '0'.repeat(64);

/** `refused`: an attempt the desk turned down before any Kraken call (limits, freeze, role, Origin…). */
export type AuditOutcome = 'ok' | 'error' | 'unknown' | 'refused';

/** One audit row as stored; `hash` covers every other field through `canonicalAuditText`. */
export interface AuditRecord {
  seq: number;
  /** ISO 8601 UTC */
  at: string;
  actorId: number | null;
  /** username, or `system` for the desk's own loops */
  actor: string;
  /** e.g. `order.place`, `order.cancel`, `login.failed`, `desk.freeze` */
  action: string;
  /** `intent` before a signed call, `result` after it, `event` for everything else */
  phase: 'intent' | 'result' | 'event';
  /** for `result` rows: the intent they complete */
  intentSeq: number | null;
  idempotencyKey: string | null;
  /** what the action is about: a txid, a symbol, a member */
  subject: string | null;
  /** JSON text */
  detail: string;
  outcome: AuditOutcome | null;
  prevHash: string;
  hash: string;
}

/**
 * The exact text that is hashed: a JSON array of the fields in a fixed order, so the same row always
 * gives the same text whatever object-key order a driver returns.
 */
export function canonicalAuditText(row: Omit<AuditRecord, 'hash'>): string {
  return JSON.stringify([
    row.seq, row.at, row.actorId, row.actor, row.action, row.phase, row.intentSeq, row.idempotencyKey,
    row.subject, row.detail, row.outcome, row.prevHash,
  ]);
}

/** SHA-256 (hex) of the canonical text; chaining comes from `prevHash` being part of that text. */
export function auditRowHash(row: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalAuditText(row), 'utf8').digest('hex');
}
