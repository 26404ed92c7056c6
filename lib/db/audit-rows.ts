import { auditRowHash, GENESIS_HASH, type AuditOutcome, type AuditRecord } from '../audit/hash';
import type { AuditPage, NewAuditEntry } from './audit';

/**
 * The store-neutral half of the audit log: row mapping, the fields of the next row, its place in the hash
 * chain and paging. The SQLite and PostgreSQL repositories differ only in their SQL and how they lock the chain.
 */

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  phase: 'intent' | 'result' | 'event';
  intent_seq: number | null;
  idempotency_key: string | null;
  subject: string | null;
  detail: string;
  outcome: AuditOutcome | null;
  prev_hash: string;
  hash: string;
}

/** A row before it joins the chain. */
export type AuditFields = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

/** Intent rows that have no result row yet, oldest first (plain SQL both stores accept). */
export const OPEN_INTENTS_SQL = `SELECT i.* FROM audit_log i WHERE i.phase = 'intent'
  AND NOT EXISTS (SELECT 1 FROM audit_log r WHERE r.phase = 'result' AND r.intent_seq = i.seq) ORDER BY i.seq`;

export function toAuditRecord(r: AuditRow): AuditRecord {
  return {
    seq: r.seq, at: r.at, actorId: r.actor_id, actor: r.actor, action: r.action, phase: r.phase, intentSeq: r.intent_seq,
    idempotencyKey: r.idempotency_key, subject: r.subject, detail: r.detail, outcome: r.outcome, prevHash: r.prev_hash, hash: r.hash,
  };
}

export function detailText(detail: unknown): string {
  return JSON.stringify(detail ?? {}) ?? '{}';
}

/** The fields of an intent or event row. */
export function entryFields(entry: NewAuditEntry, at: Date): AuditFields {
  return {
    at: at.toISOString(), actorId: entry.actorId, actor: entry.actor, action: entry.action, phase: entry.phase,
    intentSeq: null, idempotencyKey: entry.idempotencyKey ?? null, subject: entry.subject ?? null,
    detail: detailText(entry.detail), outcome: entry.outcome ?? null,
  };
}

/** The fields of the result row completing `intent` (the row stored at `intentSeq`, which must be an intent). */
export function resultFields(
  intent: AuditRow | undefined, intentSeq: number, outcome: 'ok' | 'error' | 'unknown', detail: unknown, at: Date,
): AuditFields {
  if (!intent || intent.phase !== 'intent') throw new Error(`audit row ${intentSeq} is not an intent`);
  return {
    at: at.toISOString(), actorId: intent.actor_id, actor: intent.actor, action: intent.action, phase: 'result',
    intentSeq, idempotencyKey: intent.idempotency_key, subject: intent.subject, detail: detailText(detail), outcome,
  };
}

/** The next row of the chain after `previous` (the last stored row, or none for the first row). */
export function chainedRecord(fields: AuditFields, previous: { seq: number; hash: string } | undefined): AuditRecord {
  const withChain = { ...fields, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...withChain, hash: auditRowHash(withChain) };
}

/** Rows per page, clamped to 1–1000. Stores fetch one row more than this to learn whether an older page exists. */
export function auditPageSize(limit: number): number {
  return Math.min(1000, Math.max(1, Math.floor(limit)));
}

/** A page from up to `size + 1` rows, newest first. */
export function toAuditPage(rows: readonly AuditRow[], size: number): AuditPage {
  const pageRows = rows.slice(0, size).map(toAuditRecord);
  return { rows: pageRows, nextBeforeSeq: rows.length > size ? pageRows[pageRows.length - 1]?.seq : undefined };
}
