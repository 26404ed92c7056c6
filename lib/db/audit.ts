import type Database from 'better-sqlite3';
import { auditRowHash, GENESIS_HASH, type AuditOutcome, type AuditRecord } from '../audit/hash';

export type { AuditRecord } from '../audit/hash';

export interface NewAuditEntry {
  actorId: number | null;
  actor: string;
  action: string;
  phase: 'intent' | 'event';
  idempotencyKey?: string | null;
  subject?: string | null;
  /** serialised as JSON; must never hold secrets */
  detail?: unknown;
  /** events may carry an outcome (e.g. a failed login is `error`) */
  outcome?: AuditOutcome | null;
}

export interface AuditPage {
  rows: AuditRecord[];
  /** pass as `beforeSeq` for the next (older) page; undefined on the last page */
  nextBeforeSeq: number | undefined;
}

/**
 * The hash-chained audit log. Rows are only ever appended: an intent is completed by appending a
 * `result` row pointing at it, so no stored row (and no hash) ever changes.
 */
export interface AuditRepository {
  /** Appends an intent or event row, committed before this resolves. */
  append(entry: NewAuditEntry): Promise<AuditRecord>;
  /** Appends the `result` row for an intent (at most one per intent). */
  complete(intentSeq: number, outcome: 'ok' | 'error' | 'unknown', detail: unknown): Promise<AuditRecord>;
  /** Newest first. @param limit rows per page (1–1000) */
  page(options?: { limit?: number; beforeSeq?: number }): Promise<AuditPage>;
  /** Every row, oldest first (verification, export). */
  all(): Promise<AuditRecord[]>;
  /** Intent rows that have no result row yet. */
  openIntents(): Promise<AuditRecord[]>;
  count(): Promise<number>;
}

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

export function toAuditRecord(r: AuditRow): AuditRecord {
  return {
    seq: r.seq, at: r.at, actorId: r.actor_id, actor: r.actor, action: r.action, phase: r.phase, intentSeq: r.intent_seq,
    idempotencyKey: r.idempotency_key, subject: r.subject, detail: r.detail, outcome: r.outcome, prevHash: r.prev_hash, hash: r.hash,
  };
}

export function detailText(detail: unknown): string {
  return JSON.stringify(detail ?? {}) ?? '{}';
}

export function createSqliteAudit(db: Database.Database, now: () => Date = () => new Date()): AuditRepository {
  const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(`INSERT INTO audit_log
    (seq, at, actor_id, actor, action, phase, intent_seq, idempotency_key, subject, detail, outcome, prev_hash, hash)
    VALUES (@seq, @at, @actorId, @actor, @action, @phase, @intentSeq, @idempotencyKey, @subject, @detail, @outcome, @prevHash, @hash)`);
  const bySeq = db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE seq = ?');
  const allRows = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');
  const open = db.prepare<[], AuditRow>(`SELECT i.* FROM audit_log i WHERE i.phase = 'intent'
    AND NOT EXISTS (SELECT 1 FROM audit_log r WHERE r.phase = 'result' AND r.intent_seq = i.seq) ORDER BY i.seq`);
  const countRows = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_log');

  // IMMEDIATE: the read of the last hash and the insert happen under the write lock, so two writers
  // (the server and a CLI) can never both chain onto the same previous row.
  const appendRow = db.transaction((fields: Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>): AuditRecord => {
    const previous = last.get();
    const withChain = { ...fields, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
    const record: AuditRecord = { ...withChain, hash: auditRowHash(withChain) };
    insert.run(record);
    return record;
  });
  const write = (fields: Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>) => appendRow.immediate(fields);

  return {
    async append(entry) {
      return write({
        at: now().toISOString(), actorId: entry.actorId, actor: entry.actor, action: entry.action, phase: entry.phase,
        intentSeq: null, idempotencyKey: entry.idempotencyKey ?? null, subject: entry.subject ?? null,
        detail: detailText(entry.detail), outcome: entry.outcome ?? null,
      });
    },
    async complete(intentSeq, outcome, detail) {
      const intent = bySeq.get(intentSeq);
      if (!intent || intent.phase !== 'intent') throw new Error(`audit row ${intentSeq} is not an intent`);
      return write({
        at: now().toISOString(), actorId: intent.actor_id, actor: intent.actor, action: intent.action, phase: 'result',
        intentSeq, idempotencyKey: intent.idempotency_key, subject: intent.subject, detail: detailText(detail), outcome,
      });
    },
    async page({ limit = 100, beforeSeq } = {}) {
      const size = Math.min(1000, Math.max(1, Math.floor(limit)));
      const rows = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
        .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, size + 1).map(toAuditRecord);
      const more = rows.length > size;
      const pageRows = rows.slice(0, size);
      return { rows: pageRows, nextBeforeSeq: more ? pageRows[pageRows.length - 1]?.seq : undefined };
    },
    async all() {
      return allRows.all().map(toAuditRecord);
    },
    async openIntents() {
      return open.all().map(toAuditRecord);
    },
    async count() {
      return countRows.get()?.n ?? 0;
    },
  };
}
