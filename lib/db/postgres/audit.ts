import { auditRowHash, GENESIS_HASH, type AuditRecord } from '../../audit/hash';
import { detailText, toAuditRecord, type AuditRepository, type AuditRow } from '../audit';
import type { PgClient } from './client';
import { LOCK_AUDIT_CHAIN, LOCK_NAMESPACE } from './constants';

const OPEN_INTENTS = `SELECT i.* FROM audit_log i WHERE i.phase = 'intent'
  AND NOT EXISTS (SELECT 1 FROM audit_log r WHERE r.phase = 'result' AND r.intent_seq = i.seq) ORDER BY i.seq`;

export function createPostgresAudit(db: PgClient, now: () => Date = () => new Date()): AuditRepository {
  /**
   * Several desk instances append to one chain. The advisory lock serialises appends across every process:
   * the read of the last hash and the insert happen while no one else can append, so no two rows ever chain
   * onto the same previous row (and `seq` has no gaps). READ COMMITTED takes a fresh snapshot per statement,
   * so the read after the lock sees the row the previous holder committed.
   */
  const write = (fields: Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>) =>
    db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, LOCK_AUDIT_CHAIN]);
      const previous = (await client.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0];
      const withChain = { ...fields, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
      const record: AuditRecord = { ...withChain, hash: auditRowHash(withChain) };
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
      return write({
        at: now().toISOString(), actorId: entry.actorId, actor: entry.actor, action: entry.action, phase: entry.phase,
        intentSeq: null, idempotencyKey: entry.idempotencyKey ?? null, subject: entry.subject ?? null,
        detail: detailText(entry.detail), outcome: entry.outcome ?? null,
      });
    },
    async complete(intentSeq, outcome, detail) {
      const intent = (await db.query<AuditRow>('SELECT * FROM audit_log WHERE seq = $1', [intentSeq])).rows[0];
      if (!intent || intent.phase !== 'intent') throw new Error(`audit row ${intentSeq} is not an intent`);
      return write({
        at: now().toISOString(), actorId: intent.actor_id, actor: intent.actor, action: intent.action, phase: 'result',
        intentSeq, idempotencyKey: intent.idempotency_key, subject: intent.subject, detail: detailText(detail), outcome,
      });
    },
    async page({ limit = 100, beforeSeq } = {}) {
      const size = Math.min(1000, Math.max(1, Math.floor(limit)));
      const { rows } = await db.query<AuditRow>('SELECT * FROM audit_log WHERE seq < $1::bigint ORDER BY seq DESC LIMIT $2',
        [beforeSeq ?? Number.MAX_SAFE_INTEGER, size + 1]);
      const more = rows.length > size;
      const pageRows = rows.slice(0, size).map(toAuditRecord);
      return { rows: pageRows, nextBeforeSeq: more ? pageRows[pageRows.length - 1]?.seq : undefined };
    },
    async all() {
      return (await db.query<AuditRow>('SELECT * FROM audit_log ORDER BY seq')).rows.map(toAuditRecord);
    },
    async openIntents() {
      return (await db.query<AuditRow>(OPEN_INTENTS)).rows.map(toAuditRecord);
    },
    async count() {
      return (await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM audit_log')).rows[0]?.n ?? 0;
    },
  };
}
