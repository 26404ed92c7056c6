import type Database from 'better-sqlite3';
import type { AuditOutcome, AuditRecord } from '../audit/hash';
import {
  auditPageSize, chainedRecord, entryFields, OPEN_INTENTS_SQL, resultFields, toAuditPage, toAuditRecord, type AuditFields,
  type AuditRow,
} from './audit-rows';

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

export function createSqliteAudit(db: Database.Database, now: () => Date = () => new Date()): AuditRepository {
  const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(`INSERT INTO audit_log
    (seq, at, actor_id, actor, action, phase, intent_seq, idempotency_key, subject, detail, outcome, prev_hash, hash)
    VALUES (@seq, @at, @actorId, @actor, @action, @phase, @intentSeq, @idempotencyKey, @subject, @detail, @outcome, @prevHash, @hash)`);
  const bySeq = db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE seq = ?');
  const allRows = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');
  const open = db.prepare<[], AuditRow>(OPEN_INTENTS_SQL);
  const countRows = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_log');

  // IMMEDIATE: the read of the last hash and the insert happen under the write lock, so two writers
  // (the server and a CLI) can never both chain onto the same previous row.
  const appendRow = db.transaction((fields: AuditFields): AuditRecord => {
    const record = chainedRecord(fields, last.get());
    insert.run(record);
    return record;
  });
  const write = (fields: AuditFields) => appendRow.immediate(fields);

  return {
    async append(entry) {
      return write(entryFields(entry, now()));
    },
    async complete(intentSeq, outcome, detail) {
      return write(resultFields(bySeq.get(intentSeq), intentSeq, outcome, detail, now()));
    },
    async page({ limit = 100, beforeSeq } = {}) {
      const size = auditPageSize(limit);
      const rows = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
        .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, size + 1);
      return toAuditPage(rows, size);
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
