import type { AuditRepository } from '../audit';
import {
  auditPageSize, chainedRecord, entryFields, OPEN_INTENTS_SQL, resultFields, toAuditPage, toAuditRecord, type AuditFields,
  type AuditRow,
} from '../audit-rows';
import type { PgClient } from './client';
import { LOCK_AUDIT_CHAIN, LOCK_NAMESPACE } from './constants';

export function createPostgresAudit(db: PgClient, now: () => Date = () => new Date()): AuditRepository {
  /**
   * Several desk instances append to one chain. The advisory lock serialises appends across every process:
   * the read of the last hash and the insert happen while no one else can append, so no two rows ever chain
   * onto the same previous row (and `seq` has no gaps). READ COMMITTED takes a fresh snapshot per statement,
   * so the read after the lock sees the row the previous holder committed.
   */
  const write = (fields: AuditFields) =>
    db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, LOCK_AUDIT_CHAIN]);
      const previous = (await client.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0];
      const record = chainedRecord(fields, previous);
      await client.query(
        `INSERT INTO audit_log (seq, at, actor_id, actor, action, phase, intent_seq, idempotency_key, subject, detail, outcome, prev_hash, hash)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [record.seq, record.at, record.actorId, record.actor, record.action, record.phase, record.intentSeq, record.idempotencyKey,
          record.subject, record.detail, record.outcome, record.prevHash, record.hash],
      );
      return record;
    });

  return {
    async append(entry) {
      return write(entryFields(entry, now()));
    },
    async complete(intentSeq, outcome, detail) {
      const intent = (await db.query<AuditRow>('SELECT * FROM audit_log WHERE seq = $1', [intentSeq])).rows[0];
      return write(resultFields(intent, intentSeq, outcome, detail, now()));
    },
    async page({ limit = 100, beforeSeq } = {}) {
      const size = auditPageSize(limit);
      const { rows } = await db.query<AuditRow>('SELECT * FROM audit_log WHERE seq < $1::bigint ORDER BY seq DESC LIMIT $2',
        [beforeSeq ?? Number.MAX_SAFE_INTEGER, size + 1]);
      return toAuditPage(rows, size);
    },
    async all() {
      return (await db.query<AuditRow>('SELECT * FROM audit_log ORDER BY seq')).rows.map(toAuditRecord);
    },
    async openIntents() {
      return (await db.query<AuditRow>(OPEN_INTENTS_SQL)).rows.map(toAuditRecord);
    },
    async count() {
      return (await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM audit_log')).rows[0]?.n ?? 0;
    },
  };
}
